import { render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { markSeen } from '../../services/seen';
import { actAs, apply, newResident, staffActs } from '../../testing/bff';
import { loanProgram, stallProgram, trainingProgram } from '../../testing/fixtures';
import Index, { openNow } from './index';

/** Renders the home page and waits until both the catalog and the applications are in. */
async function renderHome() {
  render(<Index />);
  await screen.findByText(/个园区/);
  await screen.findByText(/查看办理进度|新进展/);
}

beforeEach(() => {
  Taro.clearStorageSync();
  // Opened from the tab bar: no sign-up link (landing.test.tsx covers those).
  Current.router = { params: {}, path: '/pages/index/index', $taroPath: '', onReady: '', onHide: '', onShow: '' };
});

afterEach(() => {
  Current.router = null;
});

describe('home page', () => {
  it('shows a tile for each of the four services', async () => {
    await renderHome();

    for (const label of ['创业园摊位', '创业担保贷款', '职业培训名额', '就业补贴']) {
      expect(screen.getByText(label)).toBeTruthy();
    }
  });

  it('says on each tile what is open now', async () => {
    await renderHome();

    // Other test files take places and add parks on the same BFF meanwhile: the figures are not fixed.
    expect(screen.getByText(/^\d+ 个园区 · 余 \d+ 个摊位$/)).toBeTruthy();
    expect(screen.getByText(/^\d+ 个班 · 余 \d+ 个名额$/)).toBeTruthy();
    // Loans and the subsidy have no places to count.
    expect(screen.getAllByText('正在受理')).toHaveLength(2);
  });

  it('counts the applications that changed since last seen on "我的申请"', async () => {
    const resident = await newResident();
    const stall = await apply(resident, 'park-chunjiang');
    const loan = await apply(resident, 'loan-guaranteed');
    await apply(resident, 'training-lathe');
    markSeen([stall, loan]);
    // Staff start on the stall: changed since seen. The loan is as seen; the class was never seen here.
    await staffActs(resident, stall, { action: 'start_review' });
    actAs(resident);

    await renderHome();

    // The tile first says "查看办理进度" and then counts once the applications arrive.
    expect(await screen.findByText('有 2 份申请有新进展')).toBeTruthy();
    expect(screen.getByText('2')).toBeTruthy();
  });

  it('shows no badge when nothing changed', async () => {
    const resident = await newResident();
    markSeen([await apply(resident, 'park-chunjiang')]);
    actAs(resident);

    await renderHome();

    expect(screen.getByText('查看办理进度')).toBeTruthy();
    expect(document.querySelector('.count-badge')).toBeNull();
  });
});

describe('openNow', () => {
  it('adds up the places left over the open programmes of a kind', () => {
    const parks = [
      stallProgram(),
      stallProgram({ id: 'p2', capacity: { total: 96, remaining: 30 } }),
      stallProgram({ id: 'p3', acceptingNow: false }),
    ];

    expect(openNow('stall', parks)).toBe('2 个园区 · 余 42 个摊位');
  });

  it('says a class’s seats and that a kind without places is accepting', () => {
    const catalog = [trainingProgram(), loanProgram()];

    expect(openNow('training', catalog)).toBe('1 个班 · 余 5 个名额');
    expect(openNow('loan', catalog)).toBe('正在受理');
  });

  it('says when nothing of a kind is open', () => {
    expect(openNow('subsidy', [stallProgram(), loanProgram({ acceptingNow: false })])).toBe('暂未开放');
  });
});
