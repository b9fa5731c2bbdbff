import { chinaDate } from '@minsheng/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { staffLogIn, staffLogOut } from '../../../../services/staff';
import { apply, LOAN_APPROVAL, newCommunity, newResident, newStaffAccount, staffActs } from '../../../../testing/bff';
import Stats, { periodQuery } from './index';

// Against the run's real BFF: an officer of a community of their own sees
// exactly the figures of the applications made here.

let communityName = '';

beforeAll(async () => {
  const community = await newCommunity();
  communityName = community.name;
  const resident = await newResident({ community: community.code });
  const loan = await apply(resident, 'loan-guaranteed');
  await staffActs(resident, loan, ...LOAN_APPROVAL, { action: 'disburse', amountFen: 2_800_000, date: chinaDate() });
  await apply(resident, 'training-lathe');
  const officer = await newStaffAccount('officer', [community.code]);
  await staffLogIn(officer.username, officer.password);
}, 60_000);

afterAll(() => staffLogOut());

describe('statistics', () => {
  it('shows the approval rate and the money figures in yuan', async () => {
    render(<Stats />);

    expect(await screen.findByText('决定 1 份，通过 1 份，通过率 100%')).toBeTruthy();
    expect(screen.getByText('28,000.00 元（1 人）')).toBeTruthy();
  });

  it('draws the applications by community', async () => {
    render(<Stats />);

    expect(await screen.findByText(communityName)).toBeTruthy();
    expect(screen.getAllByText('2 份').length).toBeGreaterThan(0);
  });

  it('draws the applications by street, the officer’s street only', async () => {
    render(<Stats />);

    const title = await screen.findByText('按街道');
    const section = title.closest('.section');
    if (!(section instanceof HTMLElement)) throw new Error('no 按街道 section');
    expect(within(section).getByText('铁心桥街道')).toBeTruthy();
    expect(within(section).getByText('2 份')).toBeTruthy();
    expect(within(section).queryByText('板桥街道')).toBeNull();
  });

  it('asks again for the period chosen', async () => {
    render(<Stats />);
    await screen.findByText('总览');

    fireEvent.click(screen.getByText('今年'));

    expect(await screen.findByText('决定 1 份，通过 1 份，通过率 100%')).toBeTruthy();
  });
});

describe('periodQuery', () => {
  it('counts the last 30 days in China’s calendar', () => {
    // 2026-03-05 01:00 in China.
    expect(periodQuery('last30', new Date('2026-03-04T17:00:00.000Z'))).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });
});
