import { render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { applyForCertificate } from '../../../../services/certificates';
import { actAs, newResident, uploadPhoto } from '../../../../testing/bff';
import CertificatePage from './index';

// Against the real BFF of the Jest run.

const PATH = '/packages/apply/pages/certificate/index';

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  return render(<CertificatePage />);
}

beforeEach(() => Taro.clearStorageSync());

it('says so when the resident never applied', async () => {
  actAs(await newResident());
  open();
  expect(await screen.findByText('您还没有申请《就业创业证》。')).toBeTruthy();
});

it('shows a pending application as waiting for the community check, with no number yet', async () => {
  const resident = await newResident();
  const evidence = await uploadPhoto(resident, 'reemployment_certificate');
  actAs(resident);
  await applyForCertificate({ categories: ['registered_unemployed'], materialIds: [evidence.id] });
  open();
  expect(await screen.findByText('状态：待社区核查')).toBeTruthy();
  expect(screen.queryByText(/证号：/)).toBeNull();
});
