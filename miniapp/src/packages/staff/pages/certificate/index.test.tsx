import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PNG_1X1 } from '@minsheng/bff/test/kit/factories';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { staffLogIn } from '../../../../services/staff';
import {
  applyForCertificateAs,
  downloadsFromBff,
  masked,
  newCommunity,
  newResident,
  newStaffAccount,
  staffDecidesCertificate,
} from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import StaffCertificateDetail from './index';

// Against the real BFF of the Jest run: the station officer checks, the bureau (a reviewer) approves, the administrator suspends.

const PATH = '/packages/staff/pages/certificate/index';

function open(id: string) {
  Current.router = { params: { id }, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<StaffCertificateDetail />);
}

async function click(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
  });
}

let community = '';

beforeAll(async () => {
  community = (await newCommunity()).code;
});

beforeEach(() => {
  Taro.clearStorageSync();
  jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
});

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

async function pendingCertificate() {
  const resident = await newResident({ name: '孙秀兰', community, categories: ['registered_unemployed'] });
  return { resident, certificate: await applyForCertificateAs(resident) };
}

async function logInAs(role: 'officer' | 'reviewer') {
  const account = await newStaffAccount(role, role === 'officer' ? [community] : undefined);
  await staffLogIn(account.username, account.password);
}

it('lets the station officer check a pending certificate, and offers no approval', async () => {
  const { resident, certificate } = await pendingCertificate();
  await logInAs('officer');
  open(certificate.id);

  expect(await screen.findByText('孙秀兰')).toBeTruthy();
  expect(screen.getByText(masked(resident.idNumber ?? ''))).toBeTruthy();
  expect(screen.getByText('登记失业人员')).toBeTruthy();
  expect(screen.getByText('证明材料（1 份）')).toBeTruthy();
  expect(screen.getByText('不予通过')).toBeTruthy();
  expect(screen.queryByText('批准发证')).toBeNull();

  await click('社区核查通过');
  await click('确认社区核查通过');
  expect(await screen.findByText('已社区核查通过')).toBeTruthy();
  expect(screen.getByText('证件现在的状态：待区局审批')).toBeTruthy();
  expect(screen.getByText('这份证件当前没有您可以进行的操作。')).toBeTruthy();
});

it('opens each file of the evidence from the staff member’s own download of it', async () => {
  const { certificate } = await pendingCertificate();
  await logInAs('officer');
  const downloads = downloadsFromBff('blob:evidence');
  const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' });
  open(certificate.id);

  expect(await screen.findByText('证明材料 1')).toBeTruthy();
  expect(screen.getByText(/unemployment_proof\.png · 1 KB/)).toBeTruthy();
  await click('查看材料');
  await waitFor(() => expect(preview).toHaveBeenCalledWith({ urls: ['blob:evidence'], current: 'blob:evidence' }));
  expect(downloads).toEqual([{ status: 200, type: 'image/png', bytes: PNG_1X1.length }]);
});

it('lets the bureau approve a checked certificate, issuing its number', async () => {
  const { certificate } = await pendingCertificate();
  await staffDecidesCertificate(certificate.id, { action: 'check' });
  await logInAs('reviewer');
  open(certificate.id);

  await screen.findByText('批准发证');
  expect(screen.queryByText('社区核查通过')).toBeNull();
  await click('批准发证');
  await click('确认批准发证');
  expect(await screen.findByText('已批准发证')).toBeTruthy();
  expect(screen.getByText(/^证件现在的状态：已核验，证号 JC-\d{4}-\d{6}$/)).toBeTruthy();
});

it('refuses a rejection without a reason, changing nothing, then rejects with one', async () => {
  const { certificate } = await pendingCertificate();
  await logInAs('officer');
  open(certificate.id);

  await screen.findByText('不予通过');
  await click('不予通过');
  await click('确认不予通过');
  expect(screen.getByText('请填写原因')).toBeTruthy();
  expect((await staffDecidesCertificate(certificate.id)).status).toBe('pending');

  await typeInto('写明不予通过的原因，居民能看到', '失业证明不是本人的');
  await click('确认不予通过');
  expect(await screen.findByText('证件现在的状态：未通过')).toBeTruthy();
  expect(screen.getAllByText(/失业证明不是本人的/).length).toBeGreaterThan(0);
});

it('lets the administrator suspend an issued certificate with a reason', async () => {
  const { certificate } = await pendingCertificate();
  await staffDecidesCertificate(certificate.id, { action: 'check' }, { action: 'approve' });
  await logInAsAdmin();
  open(certificate.id);

  await screen.findByText('暂停使用');
  expect(screen.getByText('注销')).toBeTruthy();
  await click('暂停使用');
  await typeInto('写明暂停的原因，居民能看到', '已就业，待核实');
  await click('确认暂停使用');
  expect(await screen.findByText('证件现在的状态：已暂停')).toBeTruthy();
  expect(screen.getByText('恢复使用')).toBeTruthy();
});

it('says so and reloads when someone else decided first', async () => {
  const { certificate } = await pendingCertificate();
  await logInAs('officer');
  open(certificate.id);
  await screen.findByText('社区核查通过');
  await staffDecidesCertificate(certificate.id, { action: 'check' });

  await click('社区核查通过');
  await click('确认社区核查通过');
  expect(await screen.findByText('证件申请已被他人处理')).toBeTruthy();
  expect(await screen.findByText('这份证件当前没有您可以进行的操作。')).toBeTruthy();
});
