import type { Locator, Page } from 'playwright-core';
import { appUrl } from './browser';
import { png } from './png';
import { field, front, see, snap, tap, text } from './screen';
import { ADMIN } from './stack';

// Journeys of several screens that more than one browser test walks.

/** The line of 我的 that shows the saved profile: the name and the masked ID number. */
export function profileLine(name: string, maskedId: string): RegExp {
  return new RegExp(`^${name}\\s+${maskedId.replace(/\*/g, '\\*')}$`);
}

/** On a programme's page: asks whether the resident may apply, and starts (第 1 步). */
export async function startApplying(page: Page): Promise<void> {
  await see(page, '谁可以申请');
  await tap(page, '我能申请吗？');
  await see(page, '您符合申请条件');
  await tap(page, '开始申请');
}

/** Logs a staff member in on the staff login screen, ending on the queue. */
export async function staffLogin(page: Page, account: { username: string; password: string } = ADMIN): Promise<void> {
  await page.goto(appUrl('/packages/staff/pages/login/index'));
  await see(page, '工作人员登录');
  await field(page, '请输入用户名').fill(account.username);
  await field(page, '请输入密码').fill(account.password);
  await tap(page, '登录');
  await see(page, '审核队列');
}

/** On a staff detail: taps a step's button and its confirm (确认…), and waits for the result and the new status. */
export async function takeStep(page: Page, label: string, { done, status }: { done: string; status: string }): Promise<void> {
  await tap(page, label);
  await tap(page, `确认${label}`);
  await see(page, done);
  await see(page, `申请现在的状态：${status}`);
}

/** Taps the queue card of the application numbered `number`. */
export async function openQueueCard(page: Page, number: string): Promise<void> {
  await front(page).locator('.queue-card').filter({ hasText: number }).click();
}

let uploads = 0;

/** Clicks what opens Taro.chooseImage (a file input in H5) and gives it a PNG of its own named `name`. */
export async function choosePhoto(page: Page, opener: Locator, name: string): Promise<void> {
  uploads += 1;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), opener.click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: png(uploads) });
}

/** Taps a material's button and gives the picker a PNG. Answers the file's name. */
export async function uploadMaterial(page: Page, label: string): Promise<string> {
  const item = front(page)
    .locator('.material')
    .filter({ has: page.getByText(label, { exact: true }) });
  const name = `material-${uploads + 1}.png`;
  await choosePhoto(page, item.locator('taro-button-core'), name);
  await item.getByText(`✓ 已上传：${name}`).waitFor();
  return name;
}

export interface ProfileFill {
  name: string;
  idNumber: string;
  mobile: string;
  street: string;
  community: string;
  household: '城镇户籍' | '农村户籍';
  categories: string[];
}

/** The boxes a person ticks: the privacy notice (the resident's words, or the officer's) and the applicant's declaration. */
export const AGREE_NOTICE = /我已阅读并同意《个人信息保护告知》|已向居民本人说明以上告知，本人同意/;
export const DECLARE = /我已阅读并作出以上承诺|已向申请人本人宣读以上承诺，本人确认/;

/** Ticks the box labelled `label` unless it is ticked already (a stored agreement to the current notice is). */
export async function tick(page: Page, label: RegExp): Promise<void> {
  const box = front(page).locator('[aria-checked]').filter({ hasText: label });
  if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
  await front(page).locator('[aria-checked="true"]').filter({ hasText: label }).waitFor();
}

/** Fills the real-name profile form (the resident's own, or an officer's 登记居民) up to 保存, not tapping it. */
export async function fillProfile(page: Page, profile: ProfileFill): Promise<void> {
  await field(page, '与身份证上一致').fill(profile.name);
  await field(page, '请输入 18 位身份证号').fill(profile.idNumber);
  await see(page, '号码格式正确');
  await field(page, '11 位手机号').fill(profile.mobile);
  await text(page, profile.street).click();
  await text(page, profile.community).click();
  await text(page, profile.household).click();
  for (const category of profile.categories) await text(page, category).click();
  await tick(page, AGREE_NOTICE);
}

/**
 * The three steps of an application, from 第 1 步 to 申请已提交: `fill` fills in the form, then each of
 * `materials` gets a photo; `applicant` is a name to see on the review step. With `snapAs`, each step
 * is photographed as `<snapAs>-<n>-<step>`. Answers the application's number.
 */
export async function applyThroughSteps(
  page: Page,
  { fill, materials, applicant, snapAs }: { fill: (page: Page) => Promise<void>; materials: string[]; applicant?: string; snapAs?: string },
): Promise<string> {
  const photo = async (name: string) => {
    if (snapAs) await snap(page, `${snapAs}-${name}`);
  };
  await see(page, '第 1 步，共 3 步：填写申请');
  await fill(page);
  await photo('1-form');
  await tap(page, '下一步：上传材料');

  await see(page, '第 2 步，共 3 步：上传材料');
  for (const label of materials) await uploadMaterial(page, label);
  await photo('2-materials');
  await tap(page, '下一步：核对信息');

  await see(page, '第 3 步，共 3 步：核对并提交');
  if (applicant) await see(page, applicant);
  await tick(page, DECLARE);
  await photo('3-review');
  await tap(page, '确认提交');

  await see(page, '申请已提交');
  await photo('4-submitted');
  return (await front(page).locator('.submitted__number').innerText()).trim();
}

/** A stall application through its three steps (applyThroughSteps), with a photo of the ID card. */
export function applyForStall(
  page: Page,
  { category, plan, applicant }: { category: string; plan: string; applicant?: string },
): Promise<string> {
  return applyThroughSteps(page, {
    fill: async () => {
      await text(page, category).click();
      await field(page, '打算卖什么、怎么经营，简单写几句').fill(plan);
    },
    materials: ['身份证正反面照片'],
    applicant,
  });
}
