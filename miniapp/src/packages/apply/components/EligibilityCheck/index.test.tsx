import type { Program } from '@minsheng/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { routes } from '../../../../routes';
import {
  actAs,
  applyForCertificateAs,
  createProgram,
  newResident,
  programByCode,
  staffDecidesCertificate,
  updateProgram,
} from '../../../../testing/bff';
import { EligibilityCheck } from '.';

const TODAY = new Date('2026-06-01T00:00:00Z');

let park: Program;
let loan: Program;
let notYetOpen: Program;

beforeAll(async () => {
  park = await programByCode('park-chunjiang');
  loan = await programByCode('loan-guaranteed');
  // Opens next year: residents see it in the catalog but cannot apply yet.
  notYetOpen = await createProgram({
    kind: 'subsidy',
    details: { period: 'quarter', amountPerPeriodFen: 90000 },
    opensAt: new Date(Date.now() + 365 * 24 * 3600_000).toISOString(),
  });
});

afterAll(async () => {
  await updateProgram(notYetOpen.id, { status: 'closed' });
});

beforeEach(() => {
  Taro.clearStorageSync();
});

describe('EligibilityCheck', () => {
  it('lets an eligible resident start the application', async () => {
    actAs(await newResident({ categories: ['laid_off'] }));
    render(<EligibilityCheck program={park} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('您符合申请条件')).toBeTruthy();
    expect(screen.getByText('开始申请')).toBeTruthy();
    // The rules across programmes the submission checks besides the profile.
    expect(screen.getByText(/提交时还会核对：每人同时只能申请或租用一个摊位/)).toBeTruthy();
  });

  it('says in plain words which rules are not met, before any form', async () => {
    actAs(await newResident({ categories: ['migrant_worker'] }));
    render(<EligibilityCheck program={loan} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('暂不符合申请条件')).toBeTruthy();
    expect(screen.getByText('· 需属于以下人员类别之一：国企下岗职工、登记失业人员、就业困难人员、被征地农民')).toBeTruthy();
    expect(screen.getByText('· 需持有已核验的《就业创业证》，请在“我的”中申请办理')).toBeTruthy();
    expect(screen.queryByText('开始申请')).toBeNull();
  });

  it('refuses the loan to a resident without a verified 就业创业证 and offers to apply for one', async () => {
    actAs(await newResident({ categories: ['laid_off'] }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<EligibilityCheck program={loan} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('暂不符合申请条件')).toBeTruthy();
    fireEvent.click(screen.getByText('申请办理《就业创业证》'));
    expect(navigate).toHaveBeenCalledWith({ url: routes.certificate });
    navigate.mockRestore();
  });

  it('offers to follow a certificate on its way, and lets a certified resident apply for the loan', async () => {
    const resident = await newResident({ categories: ['laid_off'] });
    const pending = await applyForCertificateAs(resident);
    actAs(resident);
    const first = render(<EligibilityCheck program={loan} today={TODAY} />);
    fireEvent.click(screen.getByText('我能申请吗？'));
    expect(await screen.findByText('查看《就业创业证》办理进度')).toBeTruthy();
    first.unmount();

    await staffDecidesCertificate(pending.id, { action: 'check' }, { action: 'approve' });
    render(<EligibilityCheck program={loan} today={TODAY} />);
    fireEvent.click(screen.getByText('我能申请吗？'));
    expect(await screen.findByText('您符合申请条件')).toBeTruthy();
  });

  it('asks for the profile first when there is none', async () => {
    actAs(await newResident(null));
    render(<EligibilityCheck program={park} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('请先填写实名信息')).toBeTruthy();
    expect(screen.getByText('填写实名信息')).toBeTruthy();
  });

  it('does not offer to apply while the programme is not accepting', async () => {
    actAs(await newResident());
    render(<EligibilityCheck program={notYetOpen} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('这项服务现在不在受理时间内，请留意开放时间。')).toBeTruthy();
    expect(screen.queryByText('开始申请')).toBeNull();
  });
});
