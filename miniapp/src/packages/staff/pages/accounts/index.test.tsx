import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { staffLogIn, staffLogOut } from '../../../../services/staff';
import { newCommunity, newStaffAccount, tryStaffLogin } from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import StaffAccounts from './index';

// Against the real BFF of the Jest run, as its administrator; the accounts made here log in straight to the BFF.

let community = { code: '', name: '' };

beforeAll(async () => {
  community = await newCommunity();
});

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
});

afterEach(() => {
  jest.restoreAllMocks();
});

const unique = () => `jest.${Math.random().toString(36).slice(2, 10)}`;

/** The card of the account with this username, once listed. */
async function cardOf(username: string): Promise<HTMLElement> {
  const card = (await screen.findByText(username)).closest<HTMLElement>('.staff-account');
  if (!card) throw new Error(`no card for ${username}`);
  return card;
}

/** The password shown once in `within` (the page or a card). */
function shownPassword(within: ParentNode = document): string {
  const password = within.querySelector('.staff-password__value')?.textContent ?? '';
  expect(password).not.toBe('');
  return password;
}

describe('工作人员账号', () => {
  it('creates an officer for a community, who logs in with the password shown once', async () => {
    const username = unique();
    render(<StaffAccounts />);
    expect(await screen.findByText(/^共 \d+ 个账号$/)).toBeTruthy();

    await typeInto('如：王芳', '李协理');
    await typeInto('3-32 位字母、数字，如 wangfang', username);
    fireEvent.click(screen.getByText('劳动保障协理员', { selector: '.choice *' }));
    // No community yet: the BFF's refusal is shown on its field.
    fireEvent.click(screen.getByText('新建账号'));
    expect(await screen.findByText('协理员至少要负责一个社区')).toBeTruthy();

    fireEvent.click(await screen.findByText('铁心桥街道'));
    fireEvent.click(await screen.findByText(community.name));
    expect(screen.queryByText('协理员至少要负责一个社区')).toBeNull();
    fireEvent.click(screen.getByText('新建账号'));

    expect(await screen.findByText('账号已建好')).toBeTruthy();
    const password = shownPassword();
    expect(password).toHaveLength(12);
    const card = await cardOf(username);
    expect(within(card).getByText('劳动保障协理员')).toBeTruthy();
    expect(within(card).getByText(community.name)).toBeTruthy();
    expect(within(card).getByText('使用中')).toBeTruthy();
    expect(await tryStaffLogin(username, password)).toBe(200);
  });

  it('says a username already taken on its field', async () => {
    const taken = await newStaffAccount('reviewer');
    render(<StaffAccounts />);
    await typeInto('如：王芳', '重名的人');
    await typeInto('3-32 位字母、数字，如 wangfang', taken.username);
    fireEvent.click(screen.getByText('审核员', { selector: '.choice *' }));
    await typeInto('至少 8 位', 'a-long-password');
    fireEvent.click(screen.getByText('新建账号'));
    const message = await screen.findByText('用户名已被使用');
    expect(message.closest('.field')?.querySelector('input')?.getAttribute('placeholder')).toBe('3-32 位字母、数字，如 wangfang');
  });

  it('changes the role, resets the password and, once confirmed, disables the account', async () => {
    const account = await newStaffAccount('officer', [community.code]);
    render(<StaffAccounts />);
    const card = await cardOf(account.username);

    fireEvent.click(within(card).getByText('修改角色和社区'));
    // An officer left without a community: the BFF's refusal is shown on the card's field.
    fireEvent.click(within(card).getByText('移除'));
    fireEvent.click(within(card).getByText('保存角色和社区'));
    expect(await within(card).findByText('协理员至少要负责一个社区')).toBeTruthy();
    fireEvent.click(within(card).getByText('审核员'));
    expect(within(card).queryByText('协理员至少要负责一个社区')).toBeNull();
    fireEvent.click(within(card).getByText('保存角色和社区'));
    expect(await within(card).findByText('修改角色和社区')).toBeTruthy(); // the form closes once saved
    expect(within(card).getByText('审核员')).toBeTruthy();
    expect(within(card).queryByText('负责社区')).toBeNull();

    fireEvent.click(within(card).getByText('重置密码'));
    expect(await within(card).findByText(/^密码已重置/)).toBeTruthy();
    const fresh = shownPassword(card);
    expect(await tryStaffLogin(account.username, fresh)).toBe(200);
    expect(await tryStaffLogin(account.username, account.password)).toBe(401);

    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('停用账号'));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(within(card).getByText('使用中')).toBeTruthy();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('停用账号'));
    expect(await within(card).findByText('已停用')).toBeTruthy();
    expect(within(card).getByText('重新启用账号')).toBeTruthy();
    expect(await tryStaffLogin(account.username, fresh)).toBe(401);
  });

  it('tells anyone but an administrator that the page is for administrators', async () => {
    const reviewer = await newStaffAccount('reviewer');
    staffLogOut();
    await staffLogIn(reviewer.username, reviewer.password);
    render(<StaffAccounts />);
    expect(await screen.findByText('此页面仅供管理员使用')).toBeTruthy();
    expect(screen.queryByText('新建账号')).toBeNull();
  });
});
