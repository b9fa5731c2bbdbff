import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { routes } from '../../routes';
import { markSeen } from '../../services/seen';
import { actAs, apply, applicationsOf, newResident, staffActs } from '../../testing/bff';
import Me from './index';

// Against the real BFF of the Jest run.

const PATH = '/pages/me/index';

beforeEach(() => Taro.clearStorageSync());
afterEach(() => jest.restoreAllMocks());

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<Me />);
}

it('shows the unread messages on the 消息通知 row and on the tab, and opens the list', async () => {
  const resident = await newResident();
  const application = await apply(resident, 'park-chunjiang');
  await staffActs(resident, application, { action: 'request_info', reason: '请补充营业执照' }, { action: 'reject', reason: '材料不全' });
  actAs(resident);
  // The application's change was seen already: the tab's badge comes from the unread messages alone.
  markSeen(await applicationsOf(resident));
  const badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' });
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  open();

  expect(await screen.findByText('2 条未读消息')).toBeTruthy();
  await waitFor(() => expect(badge).toHaveBeenCalledWith({ index: 2, text: '2' }));
  await act(async () => {
    fireEvent.click(screen.getByText('消息通知'));
  });
  expect(navigate).toHaveBeenCalledWith({ url: routes.messages });
});

it('takes the badge off when nothing is unread', async () => {
  actAs(await newResident());
  const removed = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' });
  open();
  expect(await screen.findByText('审核结果、补充材料、放款等通知')).toBeTruthy();
  await waitFor(() => expect(removed).toHaveBeenCalledWith({ index: 2 }));
});
