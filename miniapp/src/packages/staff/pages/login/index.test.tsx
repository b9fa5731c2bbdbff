import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { staffLogOut } from '../../../../services/staff';
import { newStaffAccount, tryStaffLogin, uniqueName } from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import StaffLogin from './index';

// Against the run's real BFF. Each test uses its own account, so the BFF's
// per-account lock in one test never touches another.

async function submit(username: string, password: string) {
  render(<StaffLogin />);
  await typeInto('请输入用户名', username);
  await typeInto('请输入密码', password);
  await act(async () => {
    fireEvent.click(screen.getByText('登录'));
  });
}

beforeEach(() => {
  staffLogOut();
  // Page navigation is the platform's: watched, not performed.
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('staff login', () => {
  it('opens the queue after logging in, whatever the username’s case', async () => {
    const account = await newStaffAccount('reviewer');

    await submit(account.username.toUpperCase(), account.password);

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/queue/index' }));
  });

  it('says the username or password is wrong on a 401', async () => {
    await submit(`nobody-${uniqueName().toLowerCase()}`.slice(0, 32), 'wrong-password');

    expect(await screen.findByText('用户名或密码不正确，请重新输入。')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('says to wait once the account is locked after repeated failures', async () => {
    const account = await newStaffAccount('reviewer');
    for (let i = 0; i < 8; i += 1) expect(await tryStaffLogin(account.username, `wrong-${i}`)).toBe(401);

    await submit(account.username, account.password);

    expect(await screen.findByText('登录失败次数过多，已暂时锁定，请 15 分钟后再试。')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('asks for the password before anything is sent', async () => {
    await submit('wangfang', '');

    expect(await screen.findByText('请填写密码')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});
