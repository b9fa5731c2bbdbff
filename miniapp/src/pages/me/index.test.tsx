import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { routes } from '../../routes';
import { getMe } from '../../services/me';
import { ApiError } from '../../services/request';
import { markSeen } from '../../services/seen';
import { residentSession } from '../../services/session';
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

describe('退出登录', () => {
  /** The real answers, with Taro.request watched to see what went over the wire. */
  const watchPaths = () => {
    const request = jest.spyOn(Taro, 'request');
    return () => request.mock.calls.map(([o]) => new URL(o.url).pathname);
  };
  const answerModal = (confirm: boolean) =>
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });

  it('asks first, in red, then ends the token on the BFF and shows the signed-out state with 登录', async () => {
    const resident = await newResident({ name: '李退出' });
    actAs(resident);
    const modal = answerModal(true);
    const paths = watchPaths();
    open();
    expect(await screen.findByText(/^李退出/)).toBeTruthy();

    fireEvent.click(screen.getByText('退出登录'));

    expect(await screen.findByText('已退出登录')).toBeTruthy();
    expect(screen.getByText('登录')).toBeTruthy();
    expect(screen.queryByText('我的申请')).toBeNull();
    expect(screen.queryByText('实名信息')).toBeNull();
    // What needs no login stays.
    expect(screen.getByText('长辈模式')).toBeTruthy();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出登录', confirmText: '退出登录', confirmColor: '#c62828' }));
    expect(paths()).toContain('/api/auth/logout');
    expect(residentSession.token()).toBe('');
    // The old token opens nothing any more.
    const again = await Taro.request({ url: `${API_BASE_URL}/api/me`, header: { Authorization: `Bearer ${resident.token}` } });
    expect(again.statusCode).toBe(401);
  });

  it('does not log in again by itself: a call made while signed out is refused, with no login', async () => {
    actAs(await newResident());
    answerModal(true);
    open();
    fireEvent.click(await screen.findByText('退出登录'));
    await screen.findByText('已退出登录');
    const paths = watchPaths();

    await expect(getMe()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await expect(getMe()).rejects.toBeInstanceOf(ApiError);

    expect(paths()).toEqual([]);
    expect(residentSession.token()).toBe('');
  });

  it('logs in again on 登录, and the resident’s rows come back', async () => {
    actAs(await newResident());
    answerModal(true);
    open();
    fireEvent.click(await screen.findByText('退出登录'));
    const paths = watchPaths();

    fireEvent.click(await screen.findByText('登录'));

    expect(await screen.findByText('我的申请')).toBeTruthy();
    expect(await screen.findByText('还没有填写，申请前需要填写')).toBeTruthy();
    expect(paths()).toContain('/api/auth/wechat');
    expect(residentSession.token()).not.toBe('');
    await expect(getMe()).resolves.toMatchObject({ profile: null });
  });

  it('stays signed in when the resident changes their mind', async () => {
    const resident = await newResident();
    actAs(resident);
    answerModal(false);
    const paths = watchPaths();
    open();
    await screen.findByText(/^张三/);

    await act(async () => {
      fireEvent.click(screen.getByText('退出登录'));
    });

    expect(screen.queryByText('已退出登录')).toBeNull();
    expect(residentSession.token()).toBe(resident.token);
    expect(paths()).not.toContain('/api/auth/logout');
  });
});
