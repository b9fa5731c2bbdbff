import Taro from '@tarojs/taro';
import { bearerHeader, residentSession, staffSession } from './session';

beforeEach(() => {
  residentSession.clear();
  staffSession.clear();
});

describe('the session store', () => {
  it('keeps the resident’s and the staff member’s tokens apart', () => {
    residentSession.save({ token: 'resident-token', expiresAt: '2026-03-01T00:00:00.000Z' }, '');
    staffSession.save({ token: 'staff-token', expiresAt: '2026-03-01T00:00:00.000Z' }, { name: '周丽' });

    staffSession.clear();
    expect(residentSession.token()).toBe('resident-token');
    expect(staffSession.token()).toBe('');
    expect(Taro.getStorageSync(staffSession.keys.about)).toBe('');
  });

  it('gives the session until it runs out, less the margin asked for', () => {
    residentSession.save({ token: 't1', expiresAt: '2026-03-01T00:01:00.000Z' }, 'alice');
    expect(residentSession.current(new Date('2026-03-01T00:00:00.000Z'))).toEqual({
      token: 't1',
      expiresAt: '2026-03-01T00:01:00.000Z',
      about: 'alice',
    });
    expect(residentSession.current(new Date('2026-03-01T00:00:30.000Z'), 60_000)).toBeNull();
    expect(residentSession.current(new Date('2026-03-01T00:01:00.000Z'))).toBeNull();
  });

  it('keeps what the session is about when only the token changes', () => {
    staffSession.save({ token: 'a', expiresAt: '2030-01-01T00:00:00.000Z' }, { name: '周丽' });
    staffSession.save({ token: 'b', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(staffSession.current()?.about).toEqual({ name: '周丽' });
  });

  it('has no session without a token or with an unreadable expiry', () => {
    Taro.setStorageSync(residentSession.keys.expiresAt, 'not a date');
    Taro.setStorageSync(residentSession.keys.token, 't1');
    expect(residentSession.current()).toBeNull();
    residentSession.clear();
    expect(residentSession.current()).toBeNull();
    expect(bearerHeader(residentSession)).toEqual({});
  });

  it('sends the stored token as a bearer header', () => {
    staffSession.save({ token: 'staff-token', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(bearerHeader(staffSession)).toEqual({ Authorization: 'Bearer staff-token' });
  });
});
