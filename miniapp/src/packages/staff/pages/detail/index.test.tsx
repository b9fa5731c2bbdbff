import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { getStaffApplication } from '../../../../services/staff';
import {
  apply,
  applyFor,
  applyForCertificateAs,
  createProgram,
  downloadsFromBff,
  newAssisted,
  newResident,
  PNG_1X1,
  staffActs,
  staffDecidesCertificate,
  type Resident,
  type StaffStep,
} from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { staffRoutes } from '../../routes';
import { logInAsAdmin } from '../../testing/staff';
import Detail from './index';

// Against the real BFF of the Jest run.

const PATH = '/packages/staff/pages/detail/index';

/** Renders the page as Taro opens it with ?id=. */
function open(id: string) {
  Current.router = { params: { id }, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<Detail />);
}

async function submitted(code: string, ...steps: StaffStep[]) {
  const resident = await newResident({ name: '钱桂英' });
  const application = await staffActs(resident, await apply(resident, code), ...steps);
  return { resident, application };
}

async function click(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
  });
}

beforeAll(async () => {
  await logInAsAdmin();
});

beforeEach(() => {
  jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
});

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

describe('staff application detail', () => {
  it('shows the applicant with the ID number masked, the form in words, the materials and who did what', async () => {
    const { resident, application } = await submitted('loan-guaranteed', { action: 'start_review' });

    open(application.id);

    expect(await screen.findByText('钱桂英')).toBeTruthy();
    expect(screen.getByText(`${resident.idNumber?.slice(0, 3)}***********${resident.idNumber?.slice(-4)}`)).toBeTruthy();
    expect(screen.getByText('社区小吃店')).toBeTruthy();
    expect(screen.getByText('30,000 元')).toBeTruthy();
    expect(await screen.findByText('身份证正反面照片')).toBeTruthy();
    expect(screen.getByText('开始审核 → 审核中')).toBeTruthy();
    expect(screen.getByText(/ · 管理员（管理员）$/)).toBeTruthy();
  });

  it('offers a button for each of the viewer’s actions', async () => {
    const { application } = await submitted('loan-guaranteed', { action: 'start_review' });

    open(application.id);

    expect(await screen.findByText('登记贷前考察')).toBeTruthy();
    expect(screen.getByText('要求补充材料')).toBeTruthy();
    expect(screen.getByText('不予通过')).toBeTruthy();
    expect(screen.queryByText('批准')).toBeNull();
  });

  it('shows what a step made of the application', async () => {
    const { application } = await submitted('park-chunjiang');
    open(application.id);

    await waitFor(() => screen.getByText('要求补充材料'));
    await click('要求补充材料');
    await typeInto('写明需要补充的材料或说明，申请人能看到', '请补充营业执照照片');
    await click('确认要求补充材料');

    expect(await screen.findByText('已要求补充材料')).toBeTruthy();
    expect(screen.getByText('申请现在的状态：待补充材料')).toBeTruthy();
    expect(screen.getByText('需补充：请补充营业执照照片')).toBeTruthy();
  });

  it('explains a stale version in Chinese and reads the application again', async () => {
    const { resident, application } = await submitted('park-chunjiang');
    open(application.id);
    await waitFor(() => screen.getByText('开始审核'));
    // Another reviewer gets there first and asks for more information.
    await staffActs(resident, application, { action: 'request_info', reason: '请补充营业执照照片' });

    await click('开始审核');
    await click('确认开始审核');

    expect(await screen.findByText('申请已被他人处理')).toBeTruthy();
    expect(await screen.findByText('需补充：请补充营业执照照片')).toBeTruthy();
    expect(screen.queryByText('开始审核')).toBeNull();
  });

  it('says the approval was wait-listed when the park has no stall left', async () => {
    // A variable rather than a literal: createProgram's parameter (an Omit over the kinds' union) names no `capacity`.
    const oneStall = {
      kind: 'stall' as const,
      details: { park: '测试创业园', address: '测试地址', categories: ['clothing' as const] },
      capacity: { places: 1, prefix: 'T' },
    };
    const park = await createProgram(oneStall);
    const residents: Resident[] = [await newResident(), await newResident()];
    const [first, second] = await Promise.all(
      residents.map(async (r) => staffActs(r, await apply(r, park.code), { action: 'start_review' })),
    );
    if (!first || !second || !residents[0]) throw new Error('two applications expected');
    await staffActs(residents[0], first, { action: 'approve' });
    open(second.id);

    await waitFor(() => screen.getByText('批准'));
    await click('批准');
    await click('确认批准');

    // Parks wait-list like classes: the approval is kept, with a position, until a stall comes free.
    expect(await screen.findByText('已进入候补名单')).toBeTruthy();
    expect(screen.getByText('申请现在的状态：候补中')).toBeTruthy();
    expect(screen.queryByText('已批准')).toBeNull();
    // Inside act: the page reads the application again meanwhile.
    await expect(act(() => getStaffApplication(second.id))).resolves.toMatchObject({ status: 'waitlisted' });
  });

  it('says when the applicant has not applied for the 就业创业证, and shows no consent for their own application', async () => {
    const { application } = await submitted('park-chunjiang');
    open(application.id);

    expect(await screen.findByText('申请人尚未申请。')).toBeTruthy();
    expect(screen.getByText('《就业创业证》')).toBeTruthy();
    expect(screen.queryByText('居民授权')).toBeNull();
    expect(screen.queryByText('查看证件')).toBeNull();
  });

  it('shows the applicant’s 就业创业证 with its status, number and date, and opens it', async () => {
    const resident = await newResident({ name: '钱桂英' });
    const applied = await applyForCertificateAs(resident);
    const issued = await staffDecidesCertificate(applied.id, { action: 'check' }, { action: 'approve' });
    const application = await apply(resident, 'park-chunjiang');
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    open(application.id);

    expect(await screen.findByText(`证号 ${issued.number ?? ''}`)).toBeTruthy();
    expect(screen.getByText('已核验')).toBeTruthy();
    expect(screen.getByText(/^发证日期：\d{4}/)).toBeTruthy();
    await click('查看证件');
    expect(navigate).toHaveBeenCalledWith({ url: staffRoutes.certificate(issued.id) });
  });

  it('shows the assisted resident’s consent and opens the signed form through the application', async () => {
    const assisted = await newAssisted({}, { consentForm: true });
    const application = await applyFor(assisted, 'park-chunjiang');
    const downloads = downloadsFromBff('blob:consent');
    const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' });
    open(application.id);

    expect(await screen.findByText('居民授权')).toBeTruthy();
    expect(screen.getByText('已上传签字授权书')).toBeTruthy();
    expect(screen.getByText('居民签字的授权书')).toBeTruthy();
    await click('查看授权书');
    await waitFor(() => expect(preview).toHaveBeenCalledWith({ urls: ['blob:consent'], current: 'blob:consent' }));
    expect(downloads).toEqual([{ status: 200, type: 'image/png', bytes: PNG_1X1.length }]);
  });
});
