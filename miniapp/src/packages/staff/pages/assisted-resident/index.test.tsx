import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { getStaffCertificate } from '../../../../services/staffCertificates';
import { certifyAssisted, newAssisted, uploadEveryMaterial } from '../../../../testing/bff';
import { staffRoutes } from '../../routes';
import { logInAsAdmin } from '../../testing/staff';
import AssistedResidentPage from './index';

// Against the real BFF of the Jest run, as its administrator.

const PATH = '/packages/staff/pages/assisted-resident/index';

function open(id: string) {
  Current.router = { params: { id }, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<AssistedResidentPage />);
}

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
});
afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

it('applies for the 就业创业证 on the resident’s behalf, with the photos uploaded for them', async () => {
  const assisted = await newAssisted({ name: '帮办证', categories: ['laid_off', 'hard_to_employ'] }, { consentForm: true });
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  open(assisted.id);

  fireEvent.click(await screen.findByText('代为申请《就业创业证》'));
  expect(screen.getByText('就业困难人员').closest('[aria-checked]')?.getAttribute('aria-checked')).toBe('true');
  await uploadEveryMaterial(2);
  await act(async () => {
    fireEvent.click(screen.getByText('提交申请'));
  });
  expect(await screen.findByText('已代为提交申请')).toBeTruthy();
  expect(screen.getByText('《就业创业证》申请现在的状态：待社区核查。')).toBeTruthy();

  fireEvent.click(screen.getByText('查看证件申请'));
  const url = (navigate.mock.calls[0]?.[0] as { url: string }).url;
  const id = new URLSearchParams(url.split('?')[1]).get('id') ?? '';
  expect(url).toBe(staffRoutes.certificate(id));
  const certificate = await getStaffCertificate(id);
  expect(certificate).toMatchObject({ residentId: assisted.id, status: 'pending', categories: ['hard_to_employ'] });
  expect(certificate.materialIds).toHaveLength(2);
  expect(certificate.history[0]).toMatchObject({ action: 'apply', actorRole: 'admin' });
});

it('waits for the resident’s consent before applying for them', async () => {
  const assisted = await newAssisted({ name: '未授权' });
  open(assisted.id);
  expect(await screen.findByText('取得居民授权后才能代为申请。')).toBeTruthy();
  expect(screen.queryByText('代为申请《就业创业证》')).toBeNull();
});

it('tells the officer, in words about the resident, that a certificate is already on its way', async () => {
  const assisted = await newAssisted({ name: '重复证', categories: ['registered_unemployed'] }, { consentForm: true });
  open(assisted.id);

  fireEvent.click(await screen.findByText('代为申请《就业创业证》'));
  // Someone else applied for the resident meanwhile.
  await certifyAssisted(assisted);
  await uploadEveryMaterial(2);
  await act(async () => {
    fireEvent.click(screen.getByText('提交申请'));
  });
  expect(await screen.findByText('这位居民已有一份正在办理或有效的《就业创业证》，无需重复申请')).toBeTruthy();
  expect(screen.queryByText('已代为提交申请')).toBeNull();
});

it('shows the resident’s certificate, once one stands, instead of offering another application', async () => {
  const assisted = await newAssisted({ name: '已有证', categories: ['registered_unemployed'] }, { consentForm: true });
  await certifyAssisted(assisted);
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  open(assisted.id);

  expect(await screen.findByText(/^证号 JC-\d{4}-\d{6}$/)).toBeTruthy();
  expect(screen.getAllByText('已核验').length).toBeGreaterThan(0);
  expect(screen.getByText('核验类别：登记失业人员')).toBeTruthy();
  expect(screen.queryByText('代为申请《就业创业证》')).toBeNull();
  fireEvent.click(screen.getByText('查看证件申请'));
  const url = (navigate.mock.calls[0]?.[0] as { url: string }).url;
  const certificate = await getStaffCertificate(new URLSearchParams(url.split('?')[1]).get('id') ?? '');
  expect(certificate).toMatchObject({ residentId: assisted.id, status: 'active' });
});
