import { weappFor } from './support';

describe('the weapp build, launched in a WeChat-like runtime', () => {
  it('renders the four services on the home page from the BFF, through the wcc-compiled templates', async () => {
    const weapp = weappFor(`weapp-home-${Date.now().toString(36)}`);
    const page = await weapp.launch();
    expect(page.route).toBe('pages/index/index');
    await weapp.see('您想办理哪项服务？');
    await weapp.see(/创业园摊位 \d+ 个园区 · 余 \d+ 个摊位/);
    await weapp.see(/职业培训名额 \d+ 个班 · 余 \d+ 个名额/);
    expect(weapp.text()).toContain('创业担保贷款');
    expect(weapp.text()).toContain('就业补贴');
    expect(weapp.record.requests.some((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/programs' && r.status === 200)).toBe(
      true,
    );
  });

  it('opens the services tab on a tile tap, filtered to that kind', async () => {
    const weapp = weappFor(`weapp-tile-${Date.now().toString(36)}`);
    await weapp.launch();
    await weapp.tap('职业培训名额');
    await weapp.onPage('pages/programs/index');
    await weapp.see('车工定单式培训班');
    expect(weapp.text()).not.toContain('春江新城创业大市场摊位');
  });
});
