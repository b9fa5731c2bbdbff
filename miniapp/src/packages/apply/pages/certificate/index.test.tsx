import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { getMyCertificate } from '../../../../services/certificates';
import { actAs, applyForCertificateAs, newResident, staffDecidesCertificate, uploadEveryMaterial } from '../../../../testing/bff';
import CertificatePage from './index';

// Against the real BFF of the Jest run.

const PATH = '/packages/apply/pages/certificate/index';

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  return render(<CertificatePage />);
}

beforeEach(() => Taro.clearStorageSync());
afterEach(() => jest.restoreAllMocks());

it('offers the form to a resident who never applied, with the profile’s certified categories chosen', async () => {
  actAs(await newResident({ categories: ['laid_off', 'registered_unemployed'] }));
  open();
  expect(await screen.findByText('您还没有申请《就业创业证》。')).toBeTruthy();
  expect(screen.getByText('登记失业人员').closest('[aria-checked]')?.getAttribute('aria-checked')).toBe('true');
  expect(screen.getByText('就业困难人员').closest('[aria-checked]')?.getAttribute('aria-checked')).toBe('false');
});

it('names what is missing in Chinese and sends nothing', async () => {
  const resident = await newResident({ categories: ['laid_off'] });
  actAs(resident);
  open();
  const submit = await screen.findByText('提交申请');
  await act(async () => {
    fireEvent.click(submit);
  });
  expect(screen.getByText('请选择登记类别')).toBeTruthy();
  expect(screen.getByText('请上传：身份证正反面照片、失业或就业困难证明（如解除劳动合同证明、失业登记表）')).toBeTruthy();
  expect((await getMyCertificate()).certificate).toBeNull();
});

it('applies with the evidence uploaded and then shows the application waiting for the community check', async () => {
  actAs(await newResident({ categories: ['registered_unemployed'] }));
  open();
  await screen.findByText('提交申请');
  await uploadEveryMaterial(2);
  await act(async () => {
    fireEvent.click(screen.getByText('提交申请'));
  });

  expect(await screen.findByText('状态：待社区核查')).toBeTruthy();
  expect(screen.getByText('正在办理')).toBeTruthy();
  expect(screen.queryByText('提交申请')).toBeNull();
  const { certificate } = await getMyCertificate();
  expect(certificate).toMatchObject({ status: 'pending', categories: ['registered_unemployed'] });
});

it('shows the reason of a refusal and offers to apply again', async () => {
  const resident = await newResident({ categories: ['registered_unemployed'] });
  const certificate = await applyForCertificateAs(resident);
  await staffDecidesCertificate(certificate.id, { action: 'reject', reason: '证明材料不清楚' });
  actAs(resident);
  open();
  expect(await screen.findByText('状态：未通过')).toBeTruthy();
  expect(screen.getByText('原因：证明材料不清楚')).toBeTruthy();
  expect(screen.getByText('提交申请')).toBeTruthy();
});

it('shows an issued certificate’s number and no form', async () => {
  const resident = await newResident({ categories: ['registered_unemployed'] });
  const certificate = await applyForCertificateAs(resident);
  const issued = await staffDecidesCertificate(certificate.id, { action: 'check' }, { action: 'approve' });
  actAs(resident);
  open();
  expect(await screen.findByText('状态：已核验')).toBeTruthy();
  expect(screen.getByText(`证号：${issued.number}`)).toBeTruthy();
  expect(screen.queryByText('提交申请')).toBeNull();
});

it('sends a resident without a real-name profile to fill it in first', async () => {
  actAs(await newResident(null));
  open();
  expect(await screen.findByText('请先填写实名信息')).toBeTruthy();
  expect(screen.queryByText('提交申请')).toBeNull();
});
