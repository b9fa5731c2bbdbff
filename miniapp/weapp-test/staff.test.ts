import { ADMIN, bffUrl, weappFor } from './support';

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

  it('lets the administrator create a reviewer whose generated password, shown once, logs in', async () => {
    const username = `weapp.${Date.now().toString(36)}`;
    const weapp = weappFor(`weapp-accounts-${Date.now().toString(36)}`);
    await weapp.launch();
    await weapp.tapTab('我的');
    await weapp.tap(/^工作人员入口/);
    await weapp.onPage('packages/staff/pages/login/index');
    await weapp.fill('请输入用户名', ADMIN.username);
    await weapp.fill('请输入密码', ADMIN.password);
    await weapp.tap('登录');
    await weapp.onPage('packages/staff/pages/queue/index');
    await weapp.tap('工作人员账号：新建、改角色、重置密码、停用');
    await weapp.onPage('packages/staff/pages/accounts/index');
    await weapp.see(/共 \d+ 个账号/);
    await weapp.fill('如：王芳', '微信审核员');
    await weapp.fill('3-32 位字母、数字，如 wangfang', username);
    await weapp.tap('审核员');
    await weapp.tap('新建账号');
    await weapp.see('账号已建好');

    // The password came from wx.getRandomValues (the build's own randomBytes.weapp.ts).
    const password = /密码：([A-Za-z0-9]{12})/.exec(weapp.text())?.[1] ?? '';
    expect(password).toHaveLength(12);
    const login = await fetch(`${bffUrl()}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
  });
});
