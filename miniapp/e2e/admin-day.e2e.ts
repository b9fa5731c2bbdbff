import { readFileSync } from 'node:fs';
import { idNumberCheckChar, maskIdNumber } from '@minsheng/shared/validators';
import { workbookRows } from '@minsheng/bff/test/kit/workbook';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, residentUrl } from './browser';
import { api } from './bff';
import { applyForStall, fillProfile, profileLine, staffLogin, startApplying, takeStep } from './flows';
import { field, front, openTab, see, snap, storyStep, tap, text } from './screen';

/**
 * An administrator's first day at a desk (1366×768), as the README tells it:
 * the queue as a table with its filters beside it, a community registered,
 * staff accounts made and a training class of 8 seats opened on the screens, an application arriving from a resident's phone and decided by the
 * new reviewer at a desk, the queue exported and the workbook read back, and
 * the audit log showing who did all of it; then the new officer and the
 * administrator on a small phone (375×667), where the same console keeps its
 * phone layout. Each `it` continues from the one before.
 */

const RUN = Date.now().toString(36);
// Registered on the screen in step 2: a community of this run's own.
const COMMUNITY = { code: `d${RUN}`.slice(0, 12), name: `晨光社区${RUN.slice(-4)}`, street: '铁心桥街道' };
const REVIEWER = { name: '钱审核', username: `day-reviewer-${RUN}` };
const OFFICER = { name: '孙协理', username: `day-officer-${RUN}` };
const PARK = '春江新城创业大市场摊位';
const CLASS = { title: `面点师小班${RUN.slice(-4)}`, code: `pastry-${RUN}` };
// A birth date of its own among the browser tests, and a sequence per run.
const first17 = `320114${'19780412'}${100 + 2 * (Date.now() % 400)}`;
const RESIDENT = {
  name: '司徒桂芳',
  idNumber: first17 + idNumberCheckChar(first17),
  mobile: '13812340077',
  street: COMMUNITY.street,
  community: COMMUNITY.name,
  household: '城镇户籍' as const,
  categories: ['国企下岗职工'],
};

let browser: Browser;
let desk: Page;
let resident: Page | undefined;
let reviewerDesk: Page | undefined;
let phone: Page | undefined;
let adminPhone: Page | undefined;
const passwords: Record<string, string> = {};
let applicationNumber = '';

/** A page in a browser of its own at this size: a desk's screen, or a small phone. */
async function screenOf(size: { width: number; height: number }, mobile = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: size,
    ...(mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const DESK = { width: 1366, height: 768 };
const SMALL_PHONE = { width: 375, height: 667 };

beforeAll(async () => {
  browser = await launchBrowser();
  desk = await screenOf(DESK);
});

afterAll(async () => {
  await browser?.close();
});

const step = storyStep('admin-day', () => ({ desk, resident, reviewerDesk, phone, adminPhone }));

/** On 工作人员账号: makes an account of this role (and community) with a password the screen makes up; answers it. */
async function createAccount(page: Page, account: { name: string; username: string }, role: string, community?: typeof COMMUNITY) {
  await field(page, '如：王芳').fill(account.name);
  await field(page, '3-32 位字母、数字，如 wangfang').fill(account.username);
  await front(page).locator('.choice').filter({ hasText: role }).first().click();
  if (community) {
    await text(page, community.street).click();
    await text(page, community.name).click();
  }
  await tap(page, '新建账号');
  await see(page, '账号已建好');
  const password = (await front(page).locator('.staff-password__value').first().innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(8);
  return password;
}

describe('an administrator’s first day, at a desk', () => {
  step('1. logs in at a desk: the queue is a table, its filters stand open beside it', async () => {
    await staffLogin(desk);
    await see(desk, '服务类型');
    expect(await text(desk, '筛选条件').count()).toBe(0);
    await snap(desk, 'admin-day-01-queue-desk');
  });

  step('2. registers a community on 社区（村）', async () => {
    await tap(desk, '社区（村）：登记、改名、停用');
    await field(desk, '如：铁心桥街道').fill(COMMUNITY.street);
    await field(desk, '如：龙西社区').fill(COMMUNITY.name);
    await front(desk).locator('.choice').filter({ hasText: '城镇社区' }).first().click();
    await field(desk, '如：lxsq').fill(COMMUNITY.code);
    await tap(desk, '登记社区');
    await see(desk, '已登记');
    await see(desk, COMMUNITY.code);
    await snap(desk, 'admin-day-02-community');
    await desk.goto(appUrl('/packages/staff/pages/queue/index'));
    await see(desk, '审核队列');
  });

  step('3. makes a reviewer, and an officer for the new community, on 工作人员账号', async () => {
    await tap(desk, '工作人员账号：新建、改角色、重置密码、停用');
    await see(desk, '新建工作人员账号');
    passwords.reviewer = await createAccount(desk, REVIEWER, '审核员');
    passwords.officer = await createAccount(desk, OFFICER, '劳动保障协理员', COMMUNITY);
    await see(desk, REVIEWER.username);
    await see(desk, OFFICER.username);
    await snap(desk, 'admin-day-03-accounts');
  });

  step('4. opens a training class of 8 seats on 服务目录, which residents can apply for at once', async () => {
    await desk.goto(appUrl('/packages/staff/pages/queue/index'));
    await tap(desk, '服务目录：新开培训班、摊位，修改、关闭项目');
    await see(desk, '座位数量');
    await field(desk, '如：车工定单式培训班').fill(CLASS.title);
    await field(desk, '居民在服务目录里看到的介绍').fill('小班授课的面点师培训，结业推荐就业。');
    await field(desk, '如：车工').fill('面点师');
    await field(desk, '如：合作技工学校').fill('区职业技能培训中心');
    await field(desk, '如：1400').fill('1400');
    await field(desk, '1-1000，如 8').fill('8');
    await field(desk, '3-40 位小写字母、数字或连字符').fill(CLASS.code);
    await front(desk).locator('input[placeholder="YYYY-MM-DD，如 2027-03-01"]').first().fill('2027-03-01');
    await tap(desk, '新建项目');
    await see(desk, '项目已建好');
    await snap(desk, 'admin-day-04-catalog');
    const { items } = await api<{
      items: { code: string; acceptingNow: boolean; capacity: { total: number; remaining: number } | null }[];
    }>('/api/programs');
    expect(items.find((p) => p.code === CLASS.code)).toMatchObject({ acceptingNow: true, capacity: { total: 8, remaining: 8 } });
  });

  step('5. a resident applies for a stall from a phone', async () => {
    resident = await screenOf({ width: 390, height: 844 }, true);
    const page = resident;
    await page.goto(residentUrl(RESIDENT.name));
    await openTab(page, '我的');
    await text(page, '实名信息').click();
    await fillProfile(page, RESIDENT);
    await tap(page, '保存');
    await see(page, profileLine(RESIDENT.name, maskIdNumber(RESIDENT.idNumber)));
    const { items } = await api<{ items: { id: string; title: string }[] }>('/api/programs');
    const park = items.find((p) => p.title === PARK);
    await page.goto(residentUrl(RESIDENT.name, `/packages/apply/pages/program/index?id=${park?.id ?? ''}`));
    await startApplying(page);
    applicationNumber = await applyForStall(page, { category: '服装', plan: '在园区卖童装，自己经营。', applicant: RESIDENT.name });
    expect(applicationNumber).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
  });

  step('6. the new reviewer logs in at a desk, finds it in the table and approves it', async () => {
    reviewerDesk = await screenOf(DESK);
    const page = reviewerDesk;
    await staffLogin(page, { username: REVIEWER.username, password: passwords.reviewer ?? '' });
    await field(page, '编号、姓名、手机后 4 位或身份证号').fill(RESIDENT.name);
    await tap(page, '搜索');
    await see(page, '共 1 份申请');
    const row = front(page).locator('[role="table"] [role="row"]').filter({ hasText: applicationNumber });
    await row.waitFor();
    await snap(page, 'admin-day-06-reviewer-queue');
    await row.click();
    await see(page, '办理操作');
    await takeStep(page, '开始审核', { done: '已开始审核', status: '审核中' });
    await takeStep(page, '批准', { done: '已批准', status: '已通过' });
    await snap(page, 'admin-day-06-reviewer-approved');
  });

  step('7. exports the queue to Excel and the workbook reads back: headers, masked numbers, the stall', async () => {
    await desk.goto(appUrl('/packages/staff/pages/queue/index'));
    await field(desk, '编号、姓名、手机后 4 位或身份证号').fill(RESIDENT.name);
    await tap(desk, '搜索');
    await see(desk, '共 1 份申请');
    const [download] = await Promise.all([desk.waitForEvent('download'), tap(desk, '导出 Excel')]);
    expect(download.suggestedFilename()).toMatch(/^申请导出-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await workbookRows(readFileSync(await download.path()));
    expect(rows[0]?.slice(0, 7)).toEqual(['申请编号', '服务类型', '项目', '状态', '申请人', '身份证号(脱敏)', '手机号(脱敏)']);
    expect(rows).toHaveLength(2);
    const [number, , , status, name, idNumber, mobile] = rows[1] ?? [];
    expect({ number, status, name, idNumber, mobile }).toEqual({
      number: applicationNumber,
      status: '已通过',
      name: RESIDENT.name,
      idNumber: maskIdNumber(RESIDENT.idNumber),
      mobile: '138****0077',
    });
    expect(String(rows[0]?.[11])).toBe('分配摊位/座位');
    expect(String(rows[1]?.[11])).toMatch(/^CJ-?\d+/);
  });

  step('8. reads the audit log: the two accounts made, the class opened and the export, by whom', async () => {
    await desk.goto(appUrl('/packages/staff/pages/queue/index'));
    await tap(desk, '操作日志');
    const entries = (label: string) =>
      front(desk)
        .locator('.audit-entry')
        .filter({ has: desk.getByText(label, { exact: true }) });
    await entries('导出申请').first().waitFor();
    await entries('新建工作人员账号').nth(1).waitFor();
    await entries('新建项目').first().waitFor();
    // Each entry says who: the export was the administrator's.
    expect(await entries('导出申请').first().innerText()).toContain('管理员');
    await snap(desk, 'admin-day-08-audit');
  });

  step('9. the new officer logs in on a small phone and finds the application of their new community', async () => {
    phone = await screenOf(SMALL_PHONE, true);
    await staffLogin(phone, { username: OFFICER.username, password: passwords.officer ?? '' });
    await see(phone, '筛选条件');
    await front(phone).locator('.queue-card').filter({ hasText: applicationNumber }).waitFor();
    expect(await front(phone).locator('[role="table"]').count()).toBe(0);
    await snap(phone, 'admin-day-09-officer-phone');
  });

  step('10. the administrator on a small phone: the same screens open, and the export downloads there too', async () => {
    adminPhone = await screenOf(SMALL_PHONE, true);
    const page = adminPhone;
    await staffLogin(page);
    for (const [button, seen] of [
      ['工作人员账号：新建、改角色、重置密码、停用', REVIEWER.username],
      ['服务目录：新开培训班、摊位，修改、关闭项目', CLASS.title],
      ['社区（村）：登记、改名、停用', COMMUNITY.code],
      ['操作日志', '导出申请'],
    ] as const) {
      await page.goto(appUrl('/packages/staff/pages/queue/index'));
      await tap(page, button);
      await see(page, seen);
    }
    await snap(page, 'admin-day-10-audit-phone');
    await page.goto(appUrl('/packages/staff/pages/queue/index'));
    await field(page, '编号、姓名、手机后 4 位或身份证号').fill(RESIDENT.name);
    await tap(page, '搜索');
    await see(page, '共 1 份申请');
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '导出 Excel')]);
    const rows = await workbookRows(readFileSync(await download.path()));
    expect(rows.map((row) => row[0])).toEqual(['申请编号', applicationNumber]);
  });
});
