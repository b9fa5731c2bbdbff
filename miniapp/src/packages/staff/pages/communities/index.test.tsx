import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { forgetCommunityDirectory, getCommunityDirectory } from '../../../../services/communities';
import { staffLogIn, staffLogOut } from '../../../../services/staff';
import { newCommunity, newStaffAccount } from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import StaffCommunities from './index';

// Against the real BFF of the Jest run, as its administrator; the public directory is read through the
// service the residents' screens use, after it was cached, to show that a change reaches them.

beforeEach(async () => {
  Taro.clearStorageSync();
  forgetCommunityDirectory(); // communities made straight on the BFF by the test before
  await logInAsAdmin();
});

afterEach(() => {
  jest.restoreAllMocks();
});

const uniqueCode = () => `c${Math.random().toString(36).slice(2, 10)}`;

/** The card of the community with this name, once listed. */
async function cardOf(name: string): Promise<HTMLElement> {
  const card = (await screen.findByText(name, { selector: '.section__title' })).closest<HTMLElement>('.community-admin');
  if (!card) throw new Error(`no card for ${name}`);
  return card;
}

/** Types into the card's field with this placeholder. */
async function typeInCard(card: HTMLElement, placeholder: string, text: string): Promise<void> {
  const field = await waitFor(() => {
    const found = card.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`);
    if (!found) throw new Error(`no field ${placeholder}`);
    return found;
  });
  fireEvent.input(field, { target: { value: text } });
}

/** The names of the directory's communities, as a resident's profile form gets them. */
async function directoryNames(): Promise<string[]> {
  return (await getCommunityDirectory()).streets.flatMap((street) => street.communities.map((c) => c.name));
}

describe('社区（村）管理', () => {
  it('registers a village in a new street, which the directory then offers', async () => {
    const code = uniqueCode();
    const name = `新登记村${code}`;
    const street = `新设街道${code}`;
    expect(await directoryNames()).not.toContain(name); // cached from here on
    render(<StaffCommunities />);
    expect(await screen.findByText(/^共 \d+ 个社区（村）$/)).toBeTruthy();

    // A code outside the rule is refused before asking the BFF, on its field.
    await typeInto('如：铁心桥街道', street);
    await typeInto('如：龙西社区', name);
    fireEvent.click(screen.getByText('农村', { selector: '.choice *' }));
    await typeInto('如：lxsq', 'x');
    fireEvent.click(screen.getByText('登记社区'));
    const message = await screen.findByText('社区编码应为 2-12 位小写字母或数字');
    expect(message.closest('.field')?.querySelector('input')?.getAttribute('placeholder')).toBe('如：lxsq');

    await typeInto('如：lxsq', code.toUpperCase()); // typed in capitals, kept in lower case
    expect(screen.queryByText('社区编码应为 2-12 位小写字母或数字')).toBeNull();
    fireEvent.click(screen.getByText('登记社区'));

    expect(await screen.findByText('已登记')).toBeTruthy();
    const card = await cardOf(name);
    expect(within(card).getByText(code)).toBeTruthy();
    expect(within(card).getByText('农村')).toBeTruthy();
    expect(within(card).getByText('使用中')).toBeTruthy();
    expect(screen.getByText(`${street}（1）`)).toBeTruthy();
    const directory = await getCommunityDirectory();
    expect(directory.streets.find((s) => s.name === street)?.communities).toEqual([{ code, name, street, type: 'village' }]);
  });

  it('says a code already in use on its field', async () => {
    const taken = await newCommunity();
    render(<StaffCommunities />);
    await cardOf(taken.name);
    fireEvent.click(screen.getByText('铁心桥街道', { selector: '.chip *' }));
    await typeInto('如：龙西社区', '重号社区');
    await typeInto('如：lxsq', taken.code);
    fireEvent.click(screen.getByText('登记社区'));
    const message = await screen.findByText(`社区编码 ${taken.code} 已被使用`);
    expect(message.closest('.field')?.querySelector('input')?.getAttribute('placeholder')).toBe('如：lxsq');
    expect(screen.queryByText('没有登记成')).toBeNull();
  });

  it('renames a community and, once confirmed, deactivates it out of the directory, then reactivates it', async () => {
    const community = await newCommunity();
    const renamed = `改名社区${community.code}`;
    expect(await directoryNames()).toContain(community.name);
    render(<StaffCommunities />);
    let card = await cardOf(community.name);

    fireEvent.click(within(card).getByText('修改名称、街道或类型'));
    await typeInCard(card, '如：龙西社区', ' ');
    fireEvent.click(within(card).getByText('保存修改'));
    expect(await within(card).findByText('请填写社区名称')).toBeTruthy();
    await typeInCard(card, '如：龙西社区', renamed);
    expect(within(card).queryByText('请填写社区名称')).toBeNull();
    fireEvent.click(within(card).getByText('保存修改'));
    card = await cardOf(renamed);
    expect(await within(card).findByText('修改名称、街道或类型')).toBeTruthy(); // the form closes once saved
    expect(within(card).getByText('城镇社区')).toBeTruthy();
    expect(await directoryNames()).toContain(renamed);

    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('停用社区'));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(within(card).getByText('使用中')).toBeTruthy();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('停用社区'));
    expect(await within(card).findByText('已停用')).toBeTruthy();
    expect(await directoryNames()).not.toContain(renamed);

    fireEvent.click(within(card).getByText('重新启用社区'));
    expect(await within(card).findByText('使用中')).toBeTruthy();
    expect(await directoryNames()).toContain(renamed);
  });

  it('tells anyone but an administrator that the page is for administrators', async () => {
    const reviewer = await newStaffAccount('reviewer');
    staffLogOut();
    await staffLogIn(reviewer.username, reviewer.password);
    render(<StaffCommunities />);
    expect(await screen.findByText('此页面仅供管理员使用')).toBeTruthy();
    expect(screen.queryByText('登记社区')).toBeNull();
  });
});
