import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { setElderMode } from '../../../../hooks/useElderMode';
import { routes } from '../../../../routes';
import { unreadMessageCount } from '../../../../services/messages';
import { actAs, apply, applyForCertificateAs, newResident, staffActs, staffDecidesCertificate } from '../../../../testing/bff';
import MessagesPage from './index';

// Against the real BFF of the Jest run.

const PATH = '/packages/apply/pages/messages/index';

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  return render(<MessagesPage />);
}

async function residentWithMessages() {
  const resident = await newResident();
  const application = await apply(resident, 'park-chunjiang');
  await staffActs(resident, application, { action: 'request_info', reason: '请补充营业执照' }, { action: 'reject', reason: '材料不全' });
  actAs(resident);
  return application;
}

beforeEach(() => {
  Taro.clearStorageSync();
  setElderMode(false);
});

afterEach(() => jest.restoreAllMocks());

it('lists the messages, unread ones marked, and opens the application, marking the message read', async () => {
  const application = await residentWithMessages();
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  const { container } = open();

  expect(await screen.findByText('2 条未读')).toBeTruthy();
  expect(container.querySelectorAll('.message--unread')).toHaveLength(2);
  expect(screen.getByText(/原因：材料不全。/)).toBeTruthy();

  await act(async () => {
    fireEvent.click(screen.getByText('申请未通过'));
  });
  expect(navigate).toHaveBeenCalledWith({ url: routes.application(application.id) });
  expect(container.querySelectorAll('.message--unread')).toHaveLength(1);
  await waitFor(async () => expect(await unreadMessageCount()).toBe(1));
});

it('opens the 就业创业证 page from a notice about the certificate, which names its number', async () => {
  const resident = await newResident({ categories: ['registered_unemployed'] });
  const certificate = await applyForCertificateAs(resident);
  const issued = await staffDecidesCertificate(certificate.id, { action: 'check' }, { action: 'approve' });
  actAs(resident);
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  open();

  expect(await screen.findByText('就业创业证已核发')).toBeTruthy();
  expect(screen.getByText(new RegExp(`证号 ${issued.number ?? 'none'}$`))).toBeTruthy();
  expect(screen.getByText('查看就业创业证 ›')).toBeTruthy();
  await act(async () => {
    fireEvent.click(screen.getByText('就业创业证已核发'));
  });
  expect(navigate).toHaveBeenCalledWith({ url: routes.certificate });
});

it('says so when there are no messages', async () => {
  actAs(await newResident());
  open();
  expect(await screen.findByText('还没有消息。申请有进展时会在这里通知您。')).toBeTruthy();
});

it('marks all read', async () => {
  await residentWithMessages();
  open();
  await screen.findByText('2 条未读');
  await act(async () => {
    fireEvent.click(screen.getByText('全部标为已读'));
  });
  expect(await screen.findByText('全部已读')).toBeTruthy();
  expect(await unreadMessageCount()).toBe(0);
});

it('takes elder mode', async () => {
  actAs(await newResident());
  setElderMode(true);
  const { container } = open();
  await screen.findByText('还没有消息。申请有进展时会在这里通知您。');
  expect(container.querySelector('.page--elder')).not.toBeNull();
});
