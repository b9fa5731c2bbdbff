import { idNumberCheckChar, maskIdNumber } from '@minsheng/shared/validators';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhone, residentUrl } from './browser';
import { api, staffToken } from './bff';
import {
  AGREE_NOTICE,
  applyThroughSteps,
  DECLARE,
  openQueueCard,
  profileLine,
  staffLogin,
  startApplying,
  takeStep,
  tick,
  uploadMaterial,
} from './flows';
import { button, field, front, goBack, openTab, see, snap, storyStep, tap, text } from './screen';

/**
 * One resident's way through the H5 build, and a reviewer's, in order: each
 * `it` continues from the one before, so a failure stops the story there.
 * Elder mode on these screens is elder-mode.e2e.ts.
 */

const RUN = Date.now().toString(36);
const RESIDENT = `e2e-${RUN}`;
const RESIDENT_NAME = '张建国';
// Born 12 June 1985 in Yuhuatai (320114); the sequence changes per run so reruns on one database never collide.
const FIRST_17 = `32011419850612${String(100 + (Date.now() % 800)).padStart(3, '0')}`;
const VALID_ID = FIRST_17 + idNumberCheckChar(FIRST_17);
// Same digits, wrong check character.
const INVALID_ID = FIRST_17 + (VALID_ID.endsWith('0') ? '1' : '0');
const INFO_REASON = '社保缴费凭证照片看不清，请重新拍一张';
/** The station officer of the resident's community, who checks the 就业创业证, and a bureau reviewer, who approves it. */
const CERT_OFFICER = { username: `journey-officer-${RUN}`, password: 'e2e-officer-password', name: '韩静' };
const CERT_REVIEWER = { username: `journey-reviewer-${RUN}`, password: 'e2e-reviewer-password', name: '区局审批员' };
const CERTIFICATE_EVIDENCE = ['身份证正反面照片', '失业或就业困难证明（如解除劳动合同证明、失业登记表）'];

const TITLES = {
  stall: '春江新城创业大市场摊位',
  loan: '创业担保贷款（小额担保贷款）',
  training: '车工定单式培训班',
  subsidy: '灵活就业困难人员社会保险补贴',
} as const;
type Kind = keyof typeof TITLES;
const KINDS = Object.keys(TITLES) as Kind[];

const TILES: Record<Kind, string> = { stall: '创业园摊位', loan: '创业担保贷款', training: '职业培训名额', subsidy: '就业补贴' };

interface QueueItem {
  id: string;
  number: string;
  kind: Kind;
  status: string;
  programTitle: string;
}

/** The resident's applications as the BFF's staff API lists them, by kind. */
async function residentApplicationsSeenByStaff(): Promise<Map<Kind, QueueItem>> {
  const { items } = await api<{ items: QueueItem[] }>(`/api/admin/applications?q=${encodeURIComponent(RESIDENT_NAME)}&pageSize=50`, {
    token: await staffToken(),
  });
  return new Map(items.map((item) => [item.kind, item]));
}

/** An `it` that runs only while every earlier step passed, and photographs the screens when it fails. */
const step = storyStep('journey', () => ({ resident, reviewer, certifier }));

let browser: Browser;
let resident: Page;
let reviewer: Page | undefined;
/** The phone of the staff deciding the 就业创业证: the station officer, then the bureau's reviewer. */
let certifier: Page | undefined;
let certificateId = '';
let certificateNumber = '';
const numbers = new Map<Kind, string>();
/** The file name of the receipt uploaded again on the subsidy. */
let receipt = '';

/** The application number the resident was given for a kind. */
function numberOf(kind: Kind): string {
  const number = numbers.get(kind);
  if (!number) throw new Error(`no ${kind} application was submitted`);
  return number;
}

beforeAll(async () => {
  const token = await staffToken();
  await api('/api/admin/staff', { method: 'POST', token, body: { ...CERT_OFFICER, role: 'officer', communities: ['jmjy'] } });
  await api('/api/admin/staff', { method: 'POST', token, body: { ...CERT_REVIEWER, role: 'reviewer' } });
  browser = await launchBrowser();
  resident = await newPhone(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('a resident applies for all four services and a reviewer decides, on a phone-sized H5 build', () => {
  step('1. logs the resident in and takes the real-name profile, refusing a wrong ID number at the field', async () => {
    const page = resident;
    await page.goto(residentUrl(RESIDENT));
    await see(page, '您想办理哪项服务？');
    await see(page, /个园区 · 余 \d+ 个摊位/);
    await snap(page, '01-home');

    await openTab(page, '我的');
    // The profile row can only say this once the resident is logged in and GET /api/me answered.
    await see(page, '还没有填写，申请前需要填写');
    await snap(page, '02-me-no-profile');

    await text(page, '实名信息').click();
    await see(page, '只用于办理就业服务。身份证号加密保存，页面上只显示部分号码。');
    await field(page, '与身份证上一致').fill(RESIDENT_NAME);
    const idInput = field(page, '请输入 18 位身份证号');
    await idInput.fill(INVALID_ID);
    await idInput.blur();
    await see(page, '身份证号不正确，请核对 18 位号码');
    await expect(front(page).locator('.field__error[role="alert"]').filter({ hasText: '身份证号不正确' }).count()).resolves.toBe(1);
    await expect(front(page).locator('taro-input-core.input--invalid').count()).resolves.toBe(1);
    await snap(page, '03-profile-invalid-id');

    await idInput.fill(VALID_ID);
    await see(page, '号码格式正确');
    await expect(text(page, '身份证号不正确，请核对 18 位号码').count()).resolves.toBe(0);
    await field(page, '11 位手机号').fill('13912345678');
    await text(page, '铁心桥街道').click();
    await text(page, '景明佳园社区').click();
    await text(page, '农村户籍').click();
    for (const category of ['国企下岗职工', '被征地农民', '就业困难人员', '登记失业人员']) await text(page, category).click();
    // No typed certificate number any more: the 就业创业证 is applied for and verified (steps 1b–1e).
    await see(page, '由社区劳动保障站核查、区人社局审批后核发，不能自行填写编号');
    await see(page, '个人信息保护告知');
    await tick(page, AGREE_NOTICE);
    await snap(page, '04-profile-filled');
    await tap(page, '保存');

    // Back on 我的: the profile is there, the ID number masked.
    await see(page, profileLine(RESIDENT_NAME, maskIdNumber(VALID_ID)));
    await snap(page, '05-me-with-profile');
  });

  step('1b. the loan’s pre-check refuses the resident without a verified 就业创业证 and leads to applying for one', async () => {
    const page = resident;
    await openTab(page, '首页');
    await text(page, TILES.loan).click();
    await see(page, TITLES.loan);
    await text(page, TITLES.loan).click();
    await see(page, '谁可以申请');
    await tap(page, '我能申请吗？');
    await see(page, '暂不符合申请条件');
    await see(page, '· 需持有已核验的《就业创业证》，请在“我的”中申请办理');
    await expect(button(page, '开始申请').count()).resolves.toBe(0);
    await snap(page, '05a-loan-refused-without-certificate');
    await tap(page, '申请办理《就业创业证》');
    await see(page, '您还没有申请《就业创业证》。');
  });

  step('1c. applies for the 就业创业证 with photos of the evidence, told in Chinese what is missing first', async () => {
    const page = resident;
    // The profile's 登记失业 and 就业困难 are what the certificate is asked to verify.
    for (const category of ['登记失业人员', '就业困难人员']) {
      await expect(front(page).locator('[aria-checked="true"]').filter({ hasText: category }).count()).resolves.toBe(1);
    }
    await tap(page, '提交申请');
    await see(page, `请上传：${CERTIFICATE_EVIDENCE.join('、')}`);
    for (const label of CERTIFICATE_EVIDENCE) await uploadMaterial(page, label);
    await snap(page, '05b-certificate-form');
    await tap(page, '提交申请');
    await see(page, '状态：待社区核查');
    await see(page, '正在办理');
    await expect(button(page, '提交申请').count()).resolves.toBe(0);
    await snap(page, '05c-certificate-pending');
  });

  step('1d. the station officer checks it and the bureau’s reviewer approves it in 证件核验, ID numbers masked', async () => {
    certifier = await newPhone(browser);
    const page = certifier;
    await staffLogin(page, CERT_OFFICER);
    await tap(page, '证件核验：《就业创业证》核查、审批');
    await see(page, '证件核验');
    const card = front(page).locator('.certificate-card').filter({ hasText: RESIDENT_NAME });
    await card.getByText(maskIdNumber(VALID_ID), { exact: true }).waitFor();
    await expect(front(page).getByText(VALID_ID).count()).resolves.toBe(0);
    await snap(page, '05d-staff-certificates');
    await card.click();
    await see(page, '办理操作');
    await see(page, '证明材料（2 份）');
    // The station checks; approving is the bureau's.
    await expect(button(page, '批准发证').count()).resolves.toBe(0);
    await tap(page, '社区核查通过');
    await tap(page, '确认社区核查通过');
    await see(page, '已社区核查通过');
    await see(page, '证件现在的状态：待区局审批');
    certificateId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(certificateId).toMatch(/^[a-f0-9]{24}$/);

    await page.context().close();
    certifier = await newPhone(browser);
    const bureau = certifier;
    await staffLogin(bureau, CERT_REVIEWER);
    await tap(bureau, '证件核验：《就业创业证》核查、审批');
    await text(bureau, '待区局审批').click();
    await front(bureau).locator('.certificate-card').filter({ hasText: RESIDENT_NAME }).click();
    await tap(bureau, '批准发证');
    await snap(bureau, '05e-staff-certificate-approve');
    await tap(bureau, '确认批准发证');
    await see(bureau, '已批准发证');
    const outcome = await see(bureau, /^证件现在的状态：已核验，证号 JC-\d{4}-\d{6}$/);
    certificateNumber = (await outcome.innerText()).replace(/^.*证号 /, '').trim();
    await snap(bureau, '05f-staff-certificate-approved');
  });

  step('the BFF holds the certificate issued, checked by the station and approved by the bureau', async () => {
    const certificate = await api<{ status: string; number: string; history: { action: string; actorRole: string }[] }>(
      `/api/admin/certificates/${certificateId}`,
      { token: await staffToken() },
    );
    expect(certificate).toMatchObject({ status: 'active', number: certificateNumber });
    expect(certificate.history.map((h) => [h.action, h.actorRole])).toEqual([
      ['apply', 'resident'],
      ['check', 'officer'],
      ['approve', 'reviewer'],
    ]);
  });

  step('1e. the resident hears of it in 消息通知 and sees the number on the certificate page', async () => {
    const page = resident;
    await page.goto(residentUrl(RESIDENT, '/packages/apply/pages/messages/index'));
    await see(page, '就业创业证已核发');
    await text(page, '就业创业证已核发').click();
    await see(page, '状态：已核验');
    await see(page, `证号：${certificateNumber}`);
    await snap(page, '05g-certificate-issued');
    await page.goto(residentUrl(RESIDENT));
  });

  /** What the resident fills in and uploads for each kind, in the order the story applies. */
  const APPLICATIONS: { kind: Kind; title: string; fill: (page: Page) => Promise<void>; materials: string[] }[] = [
    {
      kind: 'stall',
      title: '2a. applies for a stall in a startup park, with a photo of the ID card',
      fill: async (page) => {
        await text(page, '百货').click();
        await field(page, '打算卖什么、怎么经营，简单写几句').fill('在园区卖日用百货和小家电，早晚两班，自己和爱人一起经营。');
      },
      materials: ['身份证正反面照片'],
    },
    {
      kind: 'loan',
      title: '2b. applies for a guaranteed business loan',
      fill: async (page) => {
        await field(page, '如：早餐店、服装摊').fill('建国早餐店');
        await field(page, '如：20000').fill('30000');
        await field(page, '如：12').fill('12');
        await field(page, '如：进货、租店面、买设备').fill('买早餐店的蒸柜和桌椅，付第一季度房租');
      },
      materials: ['身份证正反面照片'],
    },
    {
      kind: 'training',
      title: '2c. applies for a place in a training class',
      fill: async (page) => {
        await text(page, '高中').click();
        await field(page, '以前做过什么工作，没有可不填').fill('在机械厂做过八年装配工');
      },
      materials: ['身份证正反面照片'],
    },
    {
      kind: 'subsidy',
      title: '2d. applies for the flexible-employment subsidy',
      fill: async (page) => {
        await text(page, /（本季度）$/, false).click();
        await field(page, '现在做什么工作，如：小区保洁、家政服务').fill('在景明佳园小区做保洁');
      },
      materials: ['身份证正反面照片', '本季度社保缴费凭证'],
    },
  ];

  for (const { kind, title, fill, materials } of APPLICATIONS) {
    step(title, async () => {
      const page = resident;
      if (kind === 'stall') await openTab(page, '首页');
      await see(page, '您想办理哪项服务？');
      await text(page, TILES[kind]).click();
      await front(page).locator('.page__title').getByText(TILES[kind], { exact: true }).waitFor();
      await see(page, TITLES[kind]);
      await snap(page, `06-programs-${kind}`);
      await text(page, TITLES[kind]).click();

      await see(page, '谁可以申请');
      await snap(page, `07-program-${kind}`);
      await startApplying(page);

      const number = await applyThroughSteps(page, { fill, materials, applicant: RESIDENT_NAME, snapAs: `08-apply-${kind}` });
      expect(number).toMatch(/^YH-\d{4}-\d{6}$/);
      numbers.set(kind, number);
      await tap(page, '返回首页');
      await see(page, '您想办理哪项服务？');
    });
  }

  step('2e. shows all four applications in 我的申请, each 已提交', async () => {
    const page = resident;
    await text(page, '我的申请').click();
    await see(page, '我的申请');
    for (const kind of KINDS) {
      const card = front(page).locator('.card').filter({ hasText: TITLES[kind] });
      await card.getByText(`编号 ${numberOf(kind)}`).waitFor();
      await expect(card.locator('.status-badge').innerText()).resolves.toBe('已提交');
    }
    await snap(page, '09-applications-submitted');
  });

  step('the BFF holds the four applications as submitted', async () => {
    const byKind = await residentApplicationsSeenByStaff();
    expect([...byKind.keys()].sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      expect(byKind.get(kind)).toMatchObject({ number: numberOf(kind), status: 'submitted', programTitle: TITLES[kind] });
    }
  });

  step('3. a reviewer logs in on the staff screens, finds the four, approves the stall and asks for more on the subsidy', async () => {
    reviewer = await newPhone(browser);
    const page = reviewer;
    await staffLogin(page);
    await see(page, /^共 \d+ 份申请$/);
    for (const kind of KINDS)
      await front(page)
        .locator('.queue-card')
        .filter({ hasText: numberOf(kind) })
        .waitFor();
    await snap(page, '11-staff-queue');

    await field(page, '编号、姓名、手机后 4 位或身份证号').fill(RESIDENT_NAME);
    await tap(page, '搜索');
    await see(page, `正在搜索“${RESIDENT_NAME}”`);
    await see(page, '共 4 份申请');
    await snap(page, '12-staff-queue-search');

    // The stall: start the review, then approve; a free stall is assigned.
    await openQueueCard(page, numberOf('stall'));
    await see(page, '办理操作');
    await see(page, numberOf('stall'));
    await snap(page, '13-staff-detail-stall');
    await takeStep(page, '开始审核', { done: '已开始审核', status: '审核中' });
    await takeStep(page, '批准', { done: '已批准', status: '已通过' });
    await see(page, /^CJ-?\d+/, false); // the stall assigned, in 办理记录
    await snap(page, '14-staff-detail-stall-approved');

    // The subsidy: ask for a clearer receipt.
    await goBack(page);
    await see(page, '审核队列');
    await openQueueCard(page, numberOf('subsidy'));
    await see(page, numberOf('subsidy'));
    await see(page, '办理操作');
    await snap(page, '15-staff-detail-subsidy');
    await tap(page, '要求补充材料');
    await field(page, '写明需要补充的材料或说明，申请人能看到').fill(INFO_REASON);
    await snap(page, '16-staff-request-info-form');
    await tap(page, '确认要求补充材料');
    await see(page, '已要求补充材料');
    await see(page, '申请现在的状态：待补充材料');
    await see(page, `需补充：${INFO_REASON}`);
    await snap(page, '17-staff-detail-subsidy-needs-info');

    await goBack(page);
    const queue = front(page);
    await expect(
      queue
        .locator('.queue-card')
        .filter({ hasText: numberOf('stall') })
        .locator('.status-badge')
        .innerText(),
    ).resolves.toBe('已通过');
    await queue
      .locator('.queue-card')
      .filter({ hasText: numberOf('subsidy') })
      .getByText('待补充材料')
      .waitFor();
    await snap(page, '18-staff-queue-after-decisions');
  });

  step('the BFF holds the stall approved and the subsidy waiting for information', async () => {
    const byKind = await residentApplicationsSeenByStaff();
    expect(byKind.get('stall')?.status).toBe('approved');
    expect(byKind.get('subsidy')?.status).toBe('needs_info');
    expect(byKind.get('loan')?.status).toBe('submitted');
    expect(byKind.get('training')?.status).toBe('submitted');
  });

  step('4. the resident sees the approval and answers the request; the subsidy is 已提交 again', async () => {
    const page = resident;
    await page.goto(residentUrl(RESIDENT));
    await see(page, '有 2 份申请有新进展');
    await snap(page, '19-home-with-news');
    await text(page, '我的申请').click();

    const card = (kind: Kind) => front(page).locator('.card').filter({ hasText: TITLES[kind] });
    await card('stall').getByText('已通过', { exact: true }).waitFor();
    await card('subsidy').getByText('待补充材料', { exact: true }).waitFor();
    await card('stall').getByText('有新进展').waitFor();
    await snap(page, '20-applications-after-review');

    await card('stall').click();
    await see(page, '办理状态');
    await expect(front(page).locator('.detail__status .status-badge').innerText()).resolves.toBe('已通过');
    await see(page, '分配摊位');
    await snap(page, '21-application-stall-approved');
    await goBack(page);

    await card('subsidy').click();
    await see(page, '需要您补充材料');
    await see(page, `工作人员说明：${INFO_REASON}`);
    await snap(page, '22-application-subsidy-needs-info');
    receipt = await uploadMaterial(page, '本季度社保缴费凭证');
    await tick(page, DECLARE);
    await tap(page, '补充完成，重新提交');
    await page.getByText('已重新提交', { exact: true }).waitFor(); // the toast
    await front(page).locator('.detail__status .status-badge').getByText('已提交', { exact: true }).waitFor();
    await expect(text(page, '需要您补充材料').count()).resolves.toBe(0);
    await snap(page, '23-application-subsidy-resubmitted');
  });

  step('the BFF holds the subsidy submitted again, with the new receipt', async () => {
    const byKind = await residentApplicationsSeenByStaff();
    expect(byKind.get('subsidy')?.status).toBe('submitted');
    expect(byKind.get('stall')?.status).toBe('approved');
    const subsidy = await api<{ materials: { purpose: string; filename: string }[]; history: { action: string }[] }>(
      `/api/admin/applications/${byKind.get('subsidy')?.id}`,
      { token: await staffToken() },
    );
    expect(subsidy.materials.find((m) => m.purpose === 'insurance_receipt')?.filename).toBe(receipt);
    expect(subsidy.history.map((h) => h.action)).toEqual(['submit', 'request_info', 'resubmit']);
  });

  step('5. the resident signs out on 我的: the old token is ended, and the app stays signed out until 登录', async () => {
    const page = resident;
    // From the application's page (no tab bar there) to 我的.
    await page.goto(residentUrl(RESIDENT, '/pages/me/index'));
    await see(page, profileLine(RESIDENT_NAME, maskIdNumber(VALID_ID)));
    // Taro's H5 storage keeps each value as {"data": …} in localStorage.
    const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('minsheng.token') ?? '{}') as { data?: string }).data);
    expect(token).toEqual(expect.any(String));

    await tap(page, '退出登录');
    // Taro's modal sits outside the page element; its confirm is red, not green.
    const confirm = page.locator('.taro-modal__foot').getByText('退出登录', { exact: true });
    await confirm.waitFor();
    await expect(confirm.evaluate((el) => getComputedStyle(el).color)).resolves.toBe('rgb(198, 40, 40)');
    await snap(page, '24-me-sign-out-confirm');
    await confirm.click();

    await see(page, '已退出登录');
    await button(page, '登录').waitFor();
    await expect(text(page, '我的申请').count()).resolves.toBe(0);
    await snap(page, '25-me-signed-out');
    await expect(api('/api/me', { token })).rejects.toThrow(/: 401 /);

    // Reopening the app does not log in by itself.
    const logins: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/wechat') logins.push(request.url());
    });
    await page.goto(residentUrl(RESIDENT, '/pages/me/index'));
    await see(page, '已退出登录');
    expect(logins).toEqual([]);

    await tap(page, '登录');
    await see(page, profileLine(RESIDENT_NAME, maskIdNumber(VALID_ID)));
    expect(logins).toHaveLength(1);
  });
});
