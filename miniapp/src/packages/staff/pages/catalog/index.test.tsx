import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PROGRAM_DETAILS } from '@minsheng/bff/test/kit/factories';
import { listStaffPrograms, staffLogIn, staffLogOut } from '../../../../services/staff';
import { createProgram, newStaffAccount, programByCode } from '../../../../testing/bff';
import { findField, typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import StaffCatalog from './index';

// Against the real BFF of the Jest run, as its administrator; what the page creates is read back from the residents' catalog.

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
});

afterEach(() => {
  jest.restoreAllMocks();
});

const uniqueCode = () => `jest-class-${Math.random().toString(36).slice(2, 10)}`;

/** The card of the programme with this title, once listed. */
async function cardOf(title: string): Promise<HTMLElement> {
  const card = (await screen.findByText(title, { selector: '.section__title, .section__title *' })).closest<HTMLElement>('.staff-program');
  if (!card) throw new Error(`no card for ${title}`);
  return card;
}

/** The field with this placeholder in `root` (a card), once rendered. */
function fieldIn(root: HTMLElement, placeholder: string): Promise<HTMLInputElement> {
  return waitFor(() => {
    const field = root.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`);
    if (!field) throw new Error(`no field with placeholder ${placeholder}`);
    return field;
  });
}

/** The message shown under the field with this placeholder (the first on the page, or in `root`). */
async function messageOn(placeholder: string, root?: HTMLElement): Promise<string> {
  const field = (await (root ? fieldIn(root, placeholder) : findField(placeholder))).closest('.field');
  return field?.querySelector('.field__error')?.textContent ?? '';
}

async function fillClass(title: string, code: string): Promise<void> {
  await typeInto('如：车工定单式培训班', title);
  await typeInto('居民在服务目录里看到的介绍', '小班授课的面点师培训，结业推荐就业。');
  await typeInto('如：车工', '面点师');
  await typeInto('如：合作技工学校', '区职业技能培训中心');
  await typeInto('如：1400', '1400');
  await typeInto('1-1000，如 8', '8');
  await typeInto('3-40 位小写字母、数字或连字符', code);
}

describe('服务目录', () => {
  it('opens a training class of 8 seats that residents can apply for at once', async () => {
    const code = uniqueCode();
    render(<StaffCatalog />);
    expect(await screen.findByText(/^共 \d+ 个项目$/)).toBeTruthy();

    expect(screen.getByText('座位数量')).toBeTruthy();
    await fillClass('面点师小班', code);
    await typeInto('YYYY-MM-DD，如 2027-03-01', '2027-03-01');
    fireEvent.click(screen.getByText('新建项目'));

    expect(await screen.findByText('项目已建好')).toBeTruthy();
    const card = await cardOf('面点师小班');
    expect(within(card).getByText('职业培训名额')).toBeTruthy();
    expect(within(card).getByText('开放中')).toBeTruthy();
    expect(within(card).getByText('8 / 共 8 个')).toBeTruthy();

    const listed = await programByCode(code);
    expect(listed).toMatchObject({ kind: 'training', acceptingNow: true, capacity: { total: 8, remaining: 8 } });
    expect(listed.details).toMatchObject({ trade: '面点师', startsOn: '2027-03-01', subsidyPerTraineeFen: 140_000 });
    expect(listed.materials.map((m) => m.code)).toEqual(['id_card']);
    expect(listed.eligibility).toEqual({ minAge: 16 });
  });

  it('opens a park with a batch of stalls, and adds stalls to it later', async () => {
    const code = uniqueCode();
    const prefix = `T${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    render(<StaffCatalog />);
    fireEvent.click(await screen.findByText('创业园（摊位）'));
    await typeInto('如：景明佳园创业园摊位', '板桥新城创业园摊位');
    await typeInto('居民在服务目录里看到的介绍', '板桥新城的创业园，低价出租摊位。');
    await typeInto('如：春江新城创业大市场', '板桥新城创业园');
    await typeInto('如：南京市雨花台区铁心桥街道…', '南京市雨花台区板桥街道');
    await typeInto('如：100', '80');
    await typeInto('1-8 位大写字母或数字，如 CJ', prefix.toLowerCase());
    await typeInto('1-1000，如 8', '3');
    await typeInto('3-40 位小写字母、数字或连字符', code);
    fireEvent.click(screen.getByText('新建项目'));

    expect(await screen.findByText('项目已建好')).toBeTruthy();
    const card = await cardOf('板桥新城创业园摊位');
    expect(within(card).getByText('创业园摊位')).toBeTruthy();
    expect(within(card).getByText('3 / 共 3 个')).toBeTruthy();
    expect(await programByCode(code)).toMatchObject({
      kind: 'stall',
      acceptingNow: true,
      capacity: { total: 3, remaining: 3 },
      details: { park: '板桥新城创业园', monthlyRentFen: 8000 },
    });

    fireEvent.click(within(card).getByText('修改名称、简介、报名时间和名额'));
    fireEvent.input(await fieldIn(card, '1-1000'), { target: { value: '5' } });
    fireEvent.click(within(card).getByText('保存修改'));
    expect(await within(card).findByText('5 / 共 5 个')).toBeTruthy();
    expect((await programByCode(code)).capacity).toEqual({ total: 5, remaining: 5 });
  });

  it.each([
    {
      kind: '创业担保贷款',
      example: '如：创业担保贷款（小额担保贷款）',
      title: '返乡创业担保贷款',
      fill: { '如：50000': '30000', '1-120，如 24': '36', '如：合作银行': '区农商行' },
      details: { maxAmountFen: 3_000_000, maxTermMonths: 36, lender: '区农商行' },
    },
    {
      kind: '就业补贴（按季度发放）',
      example: '如：灵活就业社会保险补贴',
      title: '公益性岗位补贴',
      fill: { '如：1500': '1200.50' },
      details: { period: 'quarter', amountPerPeriodFen: 120_050 },
    },
  ])('opens a programme of $kind, which has no places', async ({ kind, example, title, fill, details }) => {
    const code = uniqueCode();
    render(<StaffCatalog />);
    fireEvent.click(await screen.findByText(kind));
    await typeInto(example, title);
    await typeInto('居民在服务目录里看到的介绍', `${title}的介绍。`);
    for (const [placeholder, text] of Object.entries(fill)) await typeInto(placeholder, text);
    expect(screen.queryByText(/^(座位|摊位)数量$/)).toBeNull();
    await typeInto('3-40 位小写字母、数字或连字符', code);
    fireEvent.click(screen.getByText('新建项目'));

    expect(await screen.findByText('项目已建好')).toBeTruthy();
    expect(within(await cardOf(title)).getByText('开放中')).toBeTruthy();
    expect(await programByCode(code)).toMatchObject({ acceptingNow: true, capacity: null, details });
  });

  it('says a bad date on its field, and a code in use on the code', async () => {
    render(<StaffCatalog />);
    await fillClass('日期写错的班', 'training-lathe');
    await typeInto('YYYY-MM-DD，如 2027-03-01', '2027/3/1');
    fireEvent.click(screen.getByText('新建项目'));
    await waitFor(async () => expect(await messageOn('YYYY-MM-DD，如 2027-03-01')).toBe('日期格式应为 YYYY-MM-DD'));

    await typeInto('YYYY-MM-DD，如 2027-03-01', '2027-03-01');
    expect(await messageOn('YYYY-MM-DD，如 2027-03-01')).toBe('');
    // The BFF's refusal: the code belongs to a programme of the seed.
    fireEvent.click(screen.getByText('新建项目'));
    await waitFor(async () => expect(await messageOn('3-40 位小写字母、数字或连字符')).toBe('项目编号 training-lathe 已被使用'));
    expect(screen.queryByText('项目已建好')).toBeNull();
  });

  it('closes a programme once confirmed, so residents can no longer apply', async () => {
    const program = await createProgram({ kind: 'training', details: PROGRAM_DETAILS.training, capacity: { places: 5 } });
    // The staff screens' cache of programmes, read before the change.
    expect((await listStaffPrograms('training')).find((p) => p.id === program.id)?.status).toBe('open');
    render(<StaffCatalog />);
    const card = await cardOf(program.title);
    expect(within(card).getByText('开放中')).toBeTruthy();

    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('关闭项目'));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(within(card).getByText('开放中')).toBeTruthy();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(within(card).getByText('关闭项目'));
    expect(await within(card).findByText('已关闭')).toBeTruthy();
    expect(within(card).getByText('重新开放项目')).toBeTruthy();
    await expect(programByCode(program.code)).rejects.toThrow(/no programme/);
    expect((await listStaffPrograms('training')).find((p) => p.id === program.id)?.status).toBe('closed');
  });

  it('edits a programme’s title and window, refusing a window that ends before it opens', async () => {
    const program = await createProgram({ kind: 'training', details: PROGRAM_DETAILS.training, capacity: { places: 5 } });
    render(<StaffCatalog />);
    const card = await cardOf(program.title);
    fireEvent.click(within(card).getByText('修改名称、简介、报名时间和名额'));

    const title = `${program.title}（春季班）`;
    fireEvent.input(await fieldIn(card, '居民看到的项目名称'), { target: { value: title } });
    const closesOn = await fieldIn(card, 'YYYY-MM-DD，留空则长期开放');
    fireEvent.input(closesOn, { target: { value: '2020-01-01' } });
    // Only the end changes: the BFF weighs it against the programme's opening and refuses it on its field.
    fireEvent.click(within(card).getByText('保存修改'));
    await waitFor(async () => expect(await messageOn('YYYY-MM-DD，留空则长期开放', card)).toBe('截止时间应晚于开始时间'));

    fireEvent.input(closesOn, { target: { value: '2099-12-31' } });
    fireEvent.click(within(card).getByText('保存修改'));
    expect(await cardOf(title)).toBe(card);
    expect(await within(card).findByText(/至 2099-12-31$/)).toBeTruthy();
    expect((await programByCode(program.code)).closesAt).toBe('2099-12-31T16:00:00.000Z');
  });

  it('tells anyone but an administrator that the page is for administrators', async () => {
    const reviewer = await newStaffAccount('reviewer');
    staffLogOut();
    await staffLogIn(reviewer.username, reviewer.password);
    render(<StaffCatalog />);
    expect(await screen.findByText('此页面仅供管理员使用')).toBeTruthy();
    expect(screen.queryByText('新建项目')).toBeNull();
  });
});
