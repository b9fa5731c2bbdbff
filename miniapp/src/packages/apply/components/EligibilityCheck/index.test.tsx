import type { Program } from '@minsheng/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { actAs, createProgram, newResident, programByCode, updateProgram } from '../../../../testing/bff';
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
    actAs(await newResident({ categories: ['migrant_worker'], reemploymentCertificateNo: undefined }));
    render(<EligibilityCheck program={loan} today={TODAY} />);

    fireEvent.click(screen.getByText('我能申请吗？'));

    expect(await screen.findByText('暂不符合申请条件')).toBeTruthy();
    expect(screen.getByText('· 需属于以下人员类别之一：国企下岗职工、登记失业人员、就业困难人员、被征地农民')).toBeTruthy();
    expect(screen.getByText('· 需持有《再就业优惠证》，请在实名信息中填写证件编号')).toBeTruthy();
    expect(screen.queryByText('开始申请')).toBeNull();
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
