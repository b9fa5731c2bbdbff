import { idNumberCheckChar, maskIdNumber } from '@minsheng/shared/validators';
import type { Browser, Locator, Page } from 'playwright-core';
import { appUrl, launchBrowser, newPhone } from './browser';
import { api, staffToken } from './bff';
import { applyForStall, choosePhoto, fillProfile, profileLine, staffLogin, startApplying, uploadMaterial } from './flows';
import { field, front, goBack, openTab, see, snap, storyStep, tap, text } from './screen';

/**
 * An officer's day on the H5 build, as the README tells it: get a sign-up
 * link, share it (a resident opens it in another browser and applies), see
 * who came in 来源统计, and apply for a resident without a smartphone (帮办),
 * whose application a reviewer then sees marked as assisted, and who later
 * logs in with WeChat on a phone of their own and finds it there (account
 * joining). Each `it` continues from the one before.
 */

const RUN = Date.now().toString(36);
// A seeded village station; no other browser test makes links for it.
const COMMUNITY = { code: 'yxc', name: '尹西村', street: '铁心桥街道' };
const OFFICER = { username: `day-officer-${RUN}`, password: 'e2e-officer-password', name: '周丽' };
const PARK = '春江新城创业大市场摊位';
const ASSISTED_BY = `由${COMMUNITY.name}${OFFICER.name}帮办`;
// Sequences change per run so reruns on one database never collide; birth dates of their own among the browser tests.
// The sequence's last digit is odd for a man, even for a woman.
const SEQUENCE = 100 + 2 * (Date.now() % 400);
const idNumber = (born: string, sex: 'male' | 'female') => {
  const first17 = `320114${born}${SEQUENCE + (sex === 'male' ? 1 : 0)}`;
  return first17 + idNumberCheckChar(first17);
};
const PLACE = { street: COMMUNITY.street, community: COMMUNITY.name };
const RESIDENT = {
  name: '陈桂兰',
  idNumber: idNumber('19760921', 'female'),
  mobile: '13812340001',
  ...PLACE,
  household: '城镇户籍',
  categories: ['国企下岗职工'],
} as const;
const ASSISTED = {
  name: '刘德福',
  idNumber: idNumber('19660315', 'male'),
  mobile: '13951230002',
  ...PLACE,
  household: '农村户籍',
  categories: ['被征地农民'],
} as const;

let browser: Browser;
let officer: Page;
let resident: Page | undefined;
let reviewer: Page | undefined;
let joiner: Page | undefined;
let linkId = '';
let linkAddress = '';
let assistedNumber = '';

beforeAll(async () => {
  await api('/api/admin/staff', {
    method: 'POST',
    token: await staffToken(),
    body: { ...OFFICER, role: 'officer', communities: [COMMUNITY.code] },
  });
  browser = await launchBrowser();
  officer = await newPhone(browser);
});

afterAll(async () => {
  await browser?.close();
});

const step = storyStep('officer-day', () => ({ officer, resident, reviewer, joiner }));

/** The figures of one bar chart as read on screen: "打开链接1次", … */
async function barTexts(section: Locator): Promise<string[]> {
  const rows = await section.locator('.bar-chart__row').allTextContents();
  return rows.map((row) => row.replace(/\s+/g, ''));
}

describe('an officer’s day: get a link, share it, see who came, apply for someone', () => {
  step('1. the officer logs in and makes a link to one park, with its code and address', async () => {
    const page = officer;
    await staffLogin(page, OFFICER);
    await tap(page, '推广链接');
    await see(page, `社区：${COMMUNITY.name}`);
    await see(page, '本社区还没有推广链接。');

    await front(page).getByRole('radiogroup', { name: '推广哪项服务' }).getByText(PARK, { exact: true }).click();
    await expect(front(page).getByRole('radio', { name: PARK }).getAttribute('aria-checked')).resolves.toBe('true');
    await tap(page, '生成链接和小程序码');

    const card = front(page).locator('.link-card').first();
    await card.locator('.link-card__title').getByText(PARK, { exact: true }).waitFor();
    await card.getByText(new RegExp(`^${COMMUNITY.name} · .+ 创建$`)).waitFor();
    linkAddress = (await card.locator('.link-card__address').innerText()).trim();
    expect(linkAddress).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/pages\/index\/index\?l=[0-9A-Za-z]{10}$/);
    linkId = linkAddress.slice(-10);

    // The mini-program code, drawn from WeChat's (the stand-in's) PNG.
    const code = card.locator(`[aria-label="“${PARK}”的小程序码图片"] img`).first();
    await code.waitFor({ state: 'visible' });
    expect(await code.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await code.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    for (const label of ['保存海报图片', '打印版海报（PDF）', '复制网页地址'])
      await card.locator('taro-button-core').filter({ hasText: label }).waitFor();
    await snap(page, 'officer-day-01-link');
  });

  step('2. a resident opens the shared address in a fresh browser, sees the invitation, and applies', async () => {
    resident = await newPhone(browser);
    const page = resident;
    // Exactly what was shared: the H5 login makes up a development identity for this browser.
    await page.goto(linkAddress);
    const banner = front(page).getByRole('region', { name: `${COMMUNITY.name}邀请您申请` });
    await banner.waitFor();
    await banner.getByText(COMMUNITY.street, { exact: true }).waitFor();
    await banner.getByText(PARK, { exact: true }).waitFor();
    await snap(page, 'officer-day-02-invitation');

    await openTab(page, '我的');
    await see(page, '还没有填写，申请前需要填写');
    await text(page, '实名信息').click();
    await fillProfile(page, { ...RESIDENT, categories: [...RESIDENT.categories] });
    await tap(page, '保存');
    await see(page, profileLine(RESIDENT.name, maskIdNumber(RESIDENT.idNumber)));

    // Back to the invitation, which stays with the resident, and in through its button.
    await openTab(page, '首页');
    await banner.waitFor();
    await front(page)
      .getByRole('button', { name: `查看并申请：${PARK}` })
      .click();
    await startApplying(page);
    await expect(
      applyForStall(page, { category: '服装', plan: '在园区卖童装和袜子，自己经营。', applicant: RESIDENT.name }),
    ).resolves.toMatch(/^YH-\d{4}-\d{6}$/);
    await snap(page, 'officer-day-03-resident-submitted');
  });

  step('3. the officer sees who came: 1 open, 1 new resident, 1 profile, 1 application for the link', async () => {
    const page = officer;
    await tap(page, '查看来源统计');
    await see(page, '全部链接合计');
    await see(page, `链接编号 ${linkId}`);
    const expected = ['打开链接1次', '新来的居民1人', '填好实名信息1人', '提交申请1份', '获得通过0份'];
    const byLink = front(page)
      .locator('.section')
      .filter({ hasText: `链接编号 ${linkId}` });
    await expect(barTexts(byLink)).resolves.toEqual(expected);
    // The link is the community's only one, and it is for the park: the totals and the park's figures agree.
    const total = front(page)
      .locator('.section')
      .filter({ has: page.locator('.section__title', { hasText: '全部链接合计' }) });
    await expect(barTexts(total)).resolves.toEqual(expected);
    const park = front(page)
      .locator('.section')
      .filter({ has: page.locator('.section__title', { hasText: PARK }) })
      .filter({ hasNotText: '链接编号' });
    await expect(barTexts(park)).resolves.toEqual(expected);
    await snap(page, 'officer-day-04-funnel');
  });

  step('4. the officer registers a resident without a smartphone; no application before consent', async () => {
    const page = officer;
    await goBack(page);
    await see(page, '推广链接');
    await goBack(page);
    await see(page, '审核队列');
    await tap(page, '帮办：为居民登记、代为申请');
    await see(page, '为没有智能手机的居民登记实名信息、上传授权书，并代为申请和跟进。');
    await see(page, '还没有登记过居民。');
    await tap(page, '登记居民');

    await see(page, '请按居民本人的身份证填写，并当面核对。只用于办理就业服务。身份证号加密保存，页面上只显示部分号码。');
    await fillProfile(page, { ...ASSISTED, categories: [...ASSISTED.categories] });
    await snap(page, 'officer-day-05-register');
    await tap(page, '保存');

    await front(page).locator('.page__title').getByText(ASSISTED.name, { exact: true }).waitFor();
    await see(page, maskIdNumber(ASSISTED.idNumber));
    await see(page, `${COMMUNITY.street} ${COMMUNITY.name}`);
    await see(page, '本人尚未登录');
    await see(page, '待本人确认');
    await see(page, '尚未取得授权');
    await see(page, '取得居民授权后才能代为提交申请。');
    await expect(front(page).locator('taro-button-core').filter({ hasText: PARK }).count()).resolves.toBe(0);
    await see(page, '已提交的申请（0 份）');
  });

  step('5. the officer uploads the signed consent form; applying for the resident opens', async () => {
    const page = officer;
    await choosePhoto(page, front(page).locator('taro-button-core').filter({ hasText: '拍照上传签字授权书' }), '授权书.png');
    await see(page, '已上传签字授权书');
    await expect(text(page, '尚未取得授权').count()).resolves.toBe(0);
    await see(page, '代为申请');
    await front(page).locator('taro-button-core').filter({ hasText: PARK }).waitFor();
    await snap(page, 'officer-day-06-consent');
  });

  step('6. the officer applies for the resident through the resident’s own steps and sees it listed', async () => {
    const page = officer;
    await tap(page, PARK);
    await see(page, `为 ${ASSISTED.name}（${maskIdNumber(ASSISTED.idNumber)}）代为申请`);
    assistedNumber = await applyForStall(page, {
      category: '百货',
      plan: '卖自家种的蔬菜和日用杂货，女儿帮忙看摊。',
      applicant: ASSISTED.name,
    });
    expect(assistedNumber).toMatch(/^YH-\d{4}-\d{6}$/);
    await snap(page, 'officer-day-07-applied');

    await tap(page, '查看办理进度');
    await see(page, assistedNumber);
    await see(page, ASSISTED_BY);
    await expect(front(page).locator('.detail-head .status-badge').innerText()).resolves.toBe('已提交');

    // Back on the resident's page: the application listed with its status.
    await goBack(page);
    await see(page, '已提交的申请（1 份）');
    const listed = front(page).locator('.queue-card').filter({ hasText: assistedNumber });
    await expect(listed.locator('.status-badge').innerText()).resolves.toBe('已提交');
    await expect(listed.locator('.queue-card__programme').innerText()).resolves.toBe(PARK);
    await snap(page, 'officer-day-08-resident-applications');
  });

  step('6b. the officer applies for the resident’s 就业创业证 with photos of the evidence, then checks it in 证件核验', async () => {
    const page = officer;
    await tap(page, '代为申请《就业创业证》');
    await text(page, '登记失业人员').click();
    for (const label of ['身份证正反面照片', '失业或就业困难证明（如解除劳动合同证明、失业登记表）']) await uploadMaterial(page, label);
    await tap(page, '提交申请');
    await see(page, '已代为提交申请');
    await see(page, '《就业创业证》申请现在的状态：待社区核查。');
    await snap(page, 'officer-day-08b-certificate-applied');

    await tap(page, '查看证件申请');
    await see(page, '办理操作');
    await see(page, maskIdNumber(ASSISTED.idNumber));
    await tap(page, '社区核查通过');
    await tap(page, '确认社区核查通过');
    await see(page, '证件现在的状态：待区局审批');
    const certificates = await api<{ items: { name: string; status: string; history: { action: string; actorRole: string }[] }[] }>(
      '/api/admin/certificates?status=checked',
      { token: await staffToken({ username: OFFICER.username, password: OFFICER.password }) },
    );
    const mine = certificates.items.find((c) => c.name === ASSISTED.name);
    expect(mine?.history.map((h) => [h.action, h.actorRole])).toEqual([
      ['apply', 'officer'],
      ['check', 'officer'],
    ]);
    await goBack(page);
  });

  step('7. a reviewer finds the application in the queue and sees who assisted', async () => {
    reviewer = await newPhone(browser);
    const page = reviewer;
    await staffLogin(page);
    await field(page, '编号、姓名、手机后 4 位或身份证号').fill(assistedNumber);
    await tap(page, '搜索');
    await see(page, '共 1 份申请');
    const card = front(page).locator('.queue-card').filter({ hasText: assistedNumber });
    await card.getByText(ASSISTED.name, { exact: true }).waitFor();
    await card.click();
    await see(page, '办理操作');
    await see(page, assistedNumber);
    await see(page, ASSISTED_BY);
    await snap(page, 'officer-day-09-reviewer-detail');
  });

  step('8. the resident gets a smartphone: the same real-name details join the officer’s record and its application', async () => {
    joiner = await newPhone(browser);
    const page = joiner;
    // A WeChat login of its own (the H5 build's development identity for this browser), with no profile yet.
    await page.goto(appUrl('/pages/me/index'));
    await see(page, '还没有填写，申请前需要填写');
    await text(page, '实名信息').click();
    await fillProfile(page, { ...ASSISTED, categories: [...ASSISTED.categories] });
    await tap(page, '保存');
    // Taro's modal sits outside the page element.
    const modal = page.locator('.taro__modal');
    await modal.getByText('已关联帮办信息', { exact: true }).waitFor();
    await modal.getByText(`${COMMUNITY.name}的${OFFICER.name}为您登记的信息和申请，已归到您的微信账号下。`, { exact: true }).waitFor();
    await modal.getByText('确定', { exact: true }).click();

    await openTab(page, '我的');
    await see(page, profileLine(ASSISTED.name, maskIdNumber(ASSISTED.idNumber)));
    await text(page, '我的申请').click();
    const card = front(page)
      .locator('.card')
      .filter({ hasText: `编号 ${assistedNumber}` });
    await card.waitFor();
    await expect(card.locator('.status-badge').innerText()).resolves.toBe('已提交');
    await card.click();
    await see(page, ASSISTED_BY);
  });
});
