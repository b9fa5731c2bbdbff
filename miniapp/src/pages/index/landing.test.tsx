import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { setElderMode } from '../../hooks/useElderMode';
import { routes } from '../../routes';
import { readPendingLink } from '../../services/firstTouch';
import { funnelOf, newCommunity, newLink, programByCode } from '../../testing/bff';
import Index from './index';

// The home page is the landing page of every sign-up link (LINK_PAGE), against the real BFF.

const PARK = '春江新城创业大市场摊位';

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/pages/index/index', $taroPath: '', onReady: '', onHide: '', onShow: '' };
}

function watchRequests() {
  const request = jest.spyOn(Taro, 'request');
  return () => request.mock.calls.map(([o]) => o.url.replace(/^https?:\/\/[^/]+/, ''));
}

/** Waits until the BFF has counted `opens` opens of the link (the page counts without waiting). */
async function opensOf(link: Parameters<typeof funnelOf>[0], opens: number) {
  await waitFor(async () => expect((await funnelOf(link)).opens).toBe(opens));
}

beforeEach(() => {
  Taro.clearStorageSync();
});

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

describe('home page opened with a sign-up link', () => {
  it('shows who invites to which programme, with a button into it', async () => {
    const community = await newCommunity();
    const park = await programByCode('park-chunjiang');
    const link = await newLink(community.code, { programId: park.id });
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    openWith({ l: link.id });

    render(<Index />);

    const banner = await screen.findByRole('region', { name: `${community.name}邀请您申请` });
    expect(banner.textContent).toContain(PARK);
    expect(banner.textContent).toContain('正在受理');
    // The services stay below the invitation.
    expect(screen.getByText('您想办理哪项服务？')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(`查看并申请：${PARK}`));
    expect(navigateTo).toHaveBeenCalledWith({ url: routes.program(park.id) });
  });

  it('lists the open programmes for a link to all services', async () => {
    const community = await newCommunity();
    const link = await newLink(community.code);
    openWith({ l: link.id });

    render(<Index />);

    await screen.findByText('以下服务都可以在线申请：');
    for (const title of [PARK, '创业担保贷款（小额担保贷款）', '车工定单式培训班']) {
      expect(screen.getByLabelText(`查看并申请：${title}`)).toBeTruthy();
    }
  });

  it('reads the link from a mini-program code scene', async () => {
    const community = await newCommunity();
    const link = await newLink(community.code);
    openWith({ scene: encodeURIComponent(link.scene) });

    render(<Index />);

    expect(await screen.findByText(`${community.name}邀请您申请`)).toBeTruthy();
    await opensOf(link, 1);
  });

  it('counts one open however often the page renders, and attributes the resident the page logs in', async () => {
    const link = await newLink((await newCommunity()).code);
    openWith({ l: link.id });

    const { rerender } = render(<Index />);
    await screen.findByText('以下服务都可以在线申请：');
    rerender(<Index />);
    await act(async () => {
      setElderMode(true);
    });
    rerender(<Index />);

    await opensOf(link, 1);
    // The home page logs the resident in as it loads (for the count on 我的申请), racing the open.
    await waitFor(async () => expect((await funnelOf(link)).newResidents).toBe(1));
    expect(readPendingLink()).toBeNull();
    expect((await funnelOf(link)).opens).toBe(1);
  });

  it('works in elder mode', async () => {
    const community = await newCommunity();
    const link = await newLink(community.code);
    setElderMode(true);
    openWith({ l: link.id });

    render(<Index />);

    const banner = await screen.findByRole('region', { name: `${community.name}邀请您申请` });
    expect(banner.closest('.page')?.classList.contains('page--elder')).toBe(true);
    expect(screen.getByText('切换为标准字体')).toBeTruthy();
  });

  it('says in Chinese that an unknown link has expired, and keeps the services', async () => {
    openWith({ l: 'ZZZZZZZZZZ' });

    render(<Index />);

    expect(await screen.findByText('邀请链接已失效')).toBeTruthy();
    expect(screen.getByText('创业园摊位')).toBeTruthy();
    expect(readPendingLink()?.id).not.toBe('ZZZZZZZZZZ');
  });

  it('refuses a malformed link id without asking the BFF about it', async () => {
    const paths = watchRequests();
    openWith({ l: 'not-a-link' });

    render(<Index />);

    expect(await screen.findByText('邀请链接已失效')).toBeTruthy();
    await screen.findByText(/个园区/);
    expect(paths().filter((p) => p.startsWith('/api/links'))).toEqual([]);
    expect(paths()).toContain('/api/programs');
    expect(readPendingLink()).toBeNull();
  });

  it('shows the plain home page without a link', async () => {
    const paths = watchRequests();
    openWith({});

    render(<Index />);

    await screen.findByText(/个园区/);
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByText('邀请链接已失效')).toBeNull();
    expect(paths().filter((p) => p.startsWith('/api/links'))).toEqual([]);
  });
});
