import Taro from '@tarojs/taro';
import { countChanged, hasChanged, markSeen, readSeen } from './seen';

beforeEach(() => {
  Taro.clearStorageSync();
});

describe('countChanged', () => {
  it('counts applications whose version moved past the one last seen', () => {
    const seen = { a: 1, b: 3, c: 2 };
    const apps = [
      { id: 'a', version: 2 },
      { id: 'b', version: 3 },
      { id: 'c', version: 5 },
    ];

    expect(countChanged(apps, seen)).toBe(2);
  });

  it('counts an application never seen on this phone (filed by an officer, or seen elsewhere)', () => {
    expect(countChanged([{ id: 'new', version: 1 }], {})).toBe(1);
  });

  it('is zero when everything was seen as it is', () => {
    expect(countChanged([{ id: 'a', version: 4 }], { a: 4 })).toBe(0);
  });
});

describe('markSeen', () => {
  it('remembers the versions, so they no longer count as changed', () => {
    const apps = [
      { id: 'a', version: 2 },
      { id: 'b', version: 1 },
    ];

    markSeen(apps);

    expect(readSeen()).toEqual({ a: 2, b: 1 });
    expect(countChanged(apps, readSeen())).toBe(0);
  });

  it('keeps what was seen of other applications', () => {
    markSeen([{ id: 'a', version: 2 }]);
    markSeen([{ id: 'b', version: 1 }]);

    expect(readSeen()).toEqual({ a: 2, b: 1 });
  });

  it('never goes back to an older version', () => {
    markSeen([{ id: 'a', version: 3 }]);
    markSeen([{ id: 'a', version: 2 }]);

    expect(hasChanged({ id: 'a', version: 3 }, readSeen())).toBe(false);
  });
});
