import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { staffLogOut } from '../../../../services/staff';
import { createLink } from '../../../../services/staffLinks';
import { officerOfNewCommunity } from '../../testing/links';
import { logInAsAdmin } from '../../testing/staff';
import { linkIdOfShareTarget, shareButtonId } from '../../components/LinkCard/ShareButton.types';
import Links, { shareOf } from './index';

// Against the run's real BFF: an officer of a community made for this file.

const community = officerOfNewCommunity();

const codeImages = () => Array.from(document.querySelectorAll('[aria-label$="的小程序码图片"]'));

describe('推广链接', () => {
  it('makes a link to all services and shows its code and H5 address at once', async () => {
    render(<Links />);
    expect(await screen.findByText('本社区还没有推广链接。')).toBeTruthy();
    // The community's name arrives with the community directory, which may come after the links.
    expect(await screen.findByText(`社区：${community.name}`)).toBeTruthy();

    fireEvent.click(await screen.findByText('生成链接和小程序码'));

    const address = await screen.findByText(/#\/pages\/index\/index\?l=[0-9A-Za-z]{10}$/);
    expect(address.textContent?.startsWith(window.location.origin)).toBe(true);
    await waitFor(() => expect(codeImages()[0]?.getAttribute('src')).toMatch(/^data:image\/png;base64,/));
    expect(screen.getByText('保存海报图片')).toBeTruthy();
    expect(screen.getByText('打印版海报（PDF）')).toBeTruthy();
  });

  it('lists the community’s links and shows a code only when asked', async () => {
    const link = await createLink({ community: community.code });
    render(<Links />);

    expect(await screen.findByText(new RegExp(`l=${link.id}$`))).toBeTruthy();
    expect(codeImages()).toHaveLength(0);

    fireEvent.click(screen.getAllByText('显示小程序码')[0] as HTMLElement);

    await waitFor(() => expect(codeImages()).toHaveLength(1));
  });
});

describe('推广链接 for an administrator', () => {
  it('asks for a street and a community, then lists that community’s links', async () => {
    const link = await createLink({ community: community.code });
    staffLogOut();
    await logInAsAdmin();
    render(<Links />);
    expect(await screen.findByText('请先选择街道，再选择社区。')).toBeTruthy();
    expect(screen.queryByText('生成链接和小程序码')).toBeNull();

    fireEvent.click(await screen.findByText('铁心桥街道'));
    fireEvent.click(await screen.findByText(community.name));

    expect(await screen.findByText(new RegExp(`l=${link.id}$`))).toBeTruthy();
    expect(screen.getByText('生成链接和小程序码')).toBeTruthy();
  });
});

describe('shareOf', () => {
  it('shares the landing page with the link and says what it is for', () => {
    const share = shareOf({
      id: 'AbCdEfGh12',
      communityName: '板桥社区',
      programTitle: null,
      path: 'pages/index/index?l=AbCdEfGh12',
    } as never);

    expect(share).toEqual({ title: '板桥社区：全部服务，点开即可申请', path: '/pages/index/index?l=AbCdEfGh12' });
  });
});

describe('linkIdOfShareTarget', () => {
  it('reads the link back from the share button WeChat names as the target', () => {
    expect(linkIdOfShareTarget({ id: shareButtonId('AbCdEfGh12'), dataset: {} })).toBe('AbCdEfGh12');
  });

  it('ignores the menu’s share, which has no button', () => {
    expect(linkIdOfShareTarget(undefined)).toBeUndefined();
    expect(linkIdOfShareTarget({ id: 'other-button' })).toBeUndefined();
  });
});
