import { ADMIN, weappFor } from './support';

describe('the staff sub-package of the weapp build', () => {
  it('loads from 我的 and lets an administrator log in to the review queue', async () => {
    const weapp = weappFor(`weapp-staff-${Date.now().toString(36)}`);
    await weapp.launch();
    await weapp.tapTab('我的');
    await weapp.tap(/^工作人员入口/);
    await weapp.onPage('packages/staff/pages/login/index');
    await weapp.see('工作人员登录');
    await weapp.fill('请输入用户名', ADMIN.username);
    await weapp.fill('请输入密码', ADMIN.password);
    await weapp.tap('登录');
    await weapp.onPage('packages/staff/pages/queue/index');
    await weapp.see('审核队列');
    await weapp.see(/共 \d+ 份申请/);
    expect(weapp.record.requests.find((r) => new URL(r.url).pathname === '/api/admin/login')?.status).toBe(200);
  });
});
