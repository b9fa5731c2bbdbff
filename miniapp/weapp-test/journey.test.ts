import { idNumberCheckChar, maskIdNumber } from '@minsheng/shared/validators';
import { ADMIN, weappFor } from './support';

const RUN = Date.now().toString(36);
const FIRST_17 = `32011419850612${String(100 + (Date.now() % 800)).padStart(3, '0')}`;
const ID_NUMBER = FIRST_17 + idNumberCheckChar(FIRST_17);
/** The application number the resident was given, for the reviewer's step. */
let number = '';

describe('a resident on the weapp build', () => {
  it('logs in with a wx.login code, fills the profile and submits a training application with an Idempotency-Key', async () => {
    const weapp = weappFor(`weapp-${RUN}`);
    await weapp.launch();
    await weapp.see('您想办理哪项服务？');

    await weapp.tapTab('我的');
    await weapp.onPage('pages/me/index');
    await weapp.see('还没有填写，申请前需要填写');
    // The code came from the WeChat stand-in's wx.login, and the BFF exchanged it for a session.
    const login = weapp.record.requests.find((r) => new URL(r.url).pathname === '/api/auth/wechat');
    expect(login).toMatchObject({ method: 'POST', status: 200, data: { code: `dev:weapp-${RUN}` } });

    await weapp.tap(/^实名信息/);
    await weapp.onPage('packages/apply/pages/profile/index');
    await weapp.fill('与身份证上一致', '王秀英');
    await weapp.fill('请输入 18 位身份证号', ID_NUMBER);
    await weapp.see('号码格式正确');
    await weapp.fill('11 位手机号', '13912345678');
    await weapp.tap('铁心桥街道');
    await weapp.tap('景明佳园社区');
    await weapp.tap('农村户籍');
    // 登记失业 counts only from a verified 就业创业证 now; a laid-off worker is accepted on the profile alone.
    await weapp.tap('国企下岗职工');
    await weapp.tap(/我已阅读并同意《个人信息保护告知》$/);
    await weapp.tap('保存');
    await weapp.onPage('pages/me/index');
    await weapp.see(`王秀英 ${maskIdNumber(ID_NUMBER)}`);
    expect(weapp.record.toasts).toContain('已保存');

    // From the home page to a training class, its eligibility check and the three steps of the form.
    await weapp.tapTab('首页');
    await weapp.tap('职业培训名额');
    await weapp.onPage('pages/programs/index');
    await weapp.tap(/^车工定单式培训班/);
    await weapp.onPage('packages/apply/pages/program/index');
    await weapp.see('谁可以申请');
    await weapp.tap('我能申请吗？');
    await weapp.see('您符合申请条件');
    await weapp.tap('开始申请');
    await weapp.onPage('packages/apply/pages/apply/index');
    await weapp.see('第 1 步，共 3 步：填写申请');
    await weapp.tap('高中');
    await weapp.fill('以前做过什么工作，没有可不填', '在纺织厂做过十年挡车工');
    await weapp.tap('下一步：上传材料');
    await weapp.see('第 2 步，共 3 步：上传材料');
    await weapp.tap('拍照或选择照片');
    await weapp.see(/✓ 已上传：photo-\d+\.png/);
    await weapp.tap('下一步：核对信息');
    await weapp.see('第 3 步，共 3 步：核对并提交');
    await weapp.see('王秀英');
    await weapp.tap(/我已阅读并作出以上承诺$/);
    await weapp.tap('确认提交');
    await weapp.see('申请已提交');

    const submits = weapp.record.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/applications');
    expect(submits).toHaveLength(1);
    expect(submits[0]?.status).toBe(201);
    expect(submits[0]?.header['Idempotency-Key']).toMatch(/^[0-9a-z-]{16,}$/i);
    number = /YH-\d{4}-\d{6}/.exec(weapp.text())?.[0] ?? '';
    expect(number).not.toBe('');

    // WeChat's subscribe-message dialog, asked for from a tap as WeChat requires.
    await weapp.tap('接收微信通知');
    await weapp.see('已开启微信通知');
    expect(weapp.record.subscribePrompts).toHaveLength(1);
  });

  it('reaches a reviewer: the staff sub-package lists the application in the queue', async () => {
    expect(number).not.toBe('');
    const weapp = weappFor(`weapp-reviewer-${RUN}`);
    await weapp.launch('packages/staff/pages/login/index');
    await weapp.fill('请输入用户名', ADMIN.username);
    await weapp.fill('请输入密码', ADMIN.password);
    await weapp.tap('登录');
    await weapp.onPage('packages/staff/pages/queue/index');
    await weapp.see(number);
    await weapp.see('车工定单式培训班');
  });
});
