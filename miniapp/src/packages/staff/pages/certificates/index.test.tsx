import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { staffLogIn } from '../../../../services/staff';
import {
  applyForCertificateAs,
  masked,
  newCommunity,
  newResident,
  newStaffAccount,
  staffDecidesCertificate,
} from '../../../../testing/bff';
import { staffRoutes } from '../../routes';
import CertificateQueue from './index';

// Against the real BFF of the Jest run, as an officer of a community of the test's own.

const PATH = '/packages/staff/pages/certificates/index';

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<CertificateQueue />);
}

let names: string[] = [];
let checkedId = '';
let pendingIdNumber = '';

beforeAll(async () => {
  Taro.clearStorageSync();
  const { code } = await newCommunity();
  // Applied first, then checked by the station: older, yet listed after the one waiting for the check.
  const early = await newResident({ name: '先申请', community: code, categories: ['registered_unemployed'] });
  checkedId = (await applyForCertificateAs(early)).id;
  await staffDecidesCertificate(checkedId, { action: 'check' });
  const later = await newResident({ name: '后申请', community: code, categories: ['hard_to_employ'] });
  await applyForCertificateAs(later, ['hard_to_employ']);
  pendingIdNumber = later.idNumber ?? '';
  names = ['后申请', '先申请'];
  const officer = await newStaffAccount('officer', [code]);
  await staffLogIn(officer.username, officer.password);
});

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

it('lists the community’s certificates, waiting for the check first, ID numbers masked', async () => {
  open();
  expect(await screen.findByText('共 2 份证件申请')).toBeTruthy();
  const cards = [...document.querySelectorAll('.certificate-card .queue-card__name')].map((n) => n.textContent);
  expect(cards).toEqual(names);
  expect(screen.getByText(masked(pendingIdNumber))).toBeTruthy();
  expect(screen.queryByText(pendingIdNumber)).toBeNull();
  expect(screen.getAllByText('待社区核查').length).toBeGreaterThan(1); // the chip and the badge
});

it('filters by status and opens a certificate', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  open();
  await screen.findByText('共 2 份证件申请');
  await act(async () => {
    fireEvent.click(screen.getByText('待区局审批', { selector: '.chip *' }));
  });
  expect(await screen.findByText('共 1 份证件申请')).toBeTruthy();
  expect(screen.queryByText('后申请')).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByText('先申请'));
  });
  await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: staffRoutes.certificate(checkedId) }));
});
