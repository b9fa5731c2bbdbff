import { render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import { staffLogIn, staffLogOut } from '../../../../services/staff';
import { createLink } from '../../../../services/staffLinks';
import { apply, LOAN_APPROVAL, newCommunity, newResident, newStaffAccount, staffActs } from '../../../../testing/bff';
import { openLinkAs } from '../../testing/links';
import Funnel, { funnelBars } from './index';

// Against the run's real BFF: one link of a new community opened three times
// (once anonymously), bringing two residents, one of whom applies and is approved.

beforeAll(async () => {
  const community = await newCommunity();
  const officer = await newStaffAccount('officer', [community.code]);
  await staffLogIn(officer.username, officer.password);
  const link = await createLink({ community: community.code });
  const applicant = await newResident();
  await openLinkAs(link.id);
  await openLinkAs(link.id, applicant);
  await openLinkAs(link.id, await newResident(null));
  const loan = await apply(applicant, 'loan-guaranteed');
  await staffActs(applicant, loan, ...LOAN_APPROVAL);
}, 60_000);

afterAll(() => staffLogOut());

const PATH = '/packages/staff/pages/funnel/index';

/** Renders the page as Taro opens it, from the queue (no community: the officer's own) or from a link list (?community=). */
function open(params: Record<string, string> = {}) {
  Current.router = { params, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<Funnel />);
}

function figuresOf(section: HTMLElement): string[] {
  return Array.from(section.querySelectorAll('.bar-chart__row')).map((row) => (row.textContent ?? '').replace(/\s+/g, ''));
}

describe('来源统计', () => {
  it('shows each step of the funnel for the officer’s community, with its unit', async () => {
    open();

    const title = await screen.findByText('全部链接合计');
    const section = title.parentElement as HTMLElement;
    expect(figuresOf(section)).toEqual(['打开链接3次', '新来的居民2人', '填好实名信息1人', '提交申请1份', '获得通过1份']);
  });

  it('breaks the figures down per programme and per link', async () => {
    open();

    const programme = await screen.findByText('创业担保贷款', { exact: false, selector: '.section__title' });
    expect(figuresOf(programme.parentElement as HTMLElement)).toContain('提交申请1份');
    const perLink = screen.getAllByText(/^链接编号 /);
    expect(perLink).toHaveLength(1);
    expect(within(perLink[0]?.parentElement?.parentElement as HTMLElement).getByText('3 次')).toBeTruthy();
  });

  it('asks for the community it was opened with, and says why another community’s figures are refused', async () => {
    open({ community: 'bqsq' });

    expect(await screen.findByText('只能查看本社区（村）的数据')).toBeTruthy();
    expect(screen.queryByText('全部链接合计')).toBeNull();
  });
});

describe('funnelBars', () => {
  it('draws the five steps in order', () => {
    expect(
      funnelBars({ opens: 9, newResidents: 4, profilesCompleted: 3, applicationsSubmitted: 2, approved: 1 }).map((b) => b.value),
    ).toEqual([9, 4, 3, 2, 1]);
  });
});
