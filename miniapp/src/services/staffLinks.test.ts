import Taro from '@tarojs/taro';
import { newResident } from '../testing/bff';
import { officerOfNewCommunity, openLinkAs } from '../packages/staff/testing/links';
import { ApiError } from './request';
import { STAFF_TOKEN_STORAGE_KEY } from './session';
import { currentStaff } from './staff';
import { fetchStaffFile, linkH5Address, loadStaffImage } from './staffFiles';
import { createLink, getLinkFunnel, listLinks, posterFileName } from './staffLinks';

// Against the run's real BFF, as an officer of a community made for this file.

const community = officerOfNewCommunity();

describe('staff links', () => {
  it('makes a link to all services and lists it for the community', async () => {
    const link = await createLink({ community: community.code });

    expect(link).toMatchObject({
      community: community.code,
      communityName: community.name,
      programTitle: null,
      path: `pages/index/index?l=${link.id}`,
    });
    expect((await listLinks(community.code)).map((l) => l.id)).toContain(link.id);
  });

  it('refuses another community with the BFF’s message', async () => {
    const refused = await createLink({ community: 'jmjy' }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('counts the opens and the residents a link brought', async () => {
    const link = await createLink({ community: community.code });
    await openLinkAs(link.id);
    await openLinkAs(link.id, await newResident());

    const funnel = await getLinkFunnel(community.code);

    expect(funnel.links.find((l) => l.linkId === link.id)).toMatchObject({
      opens: 2,
      newResidents: 1,
      profilesCompleted: 1,
      applicationsSubmitted: 0,
    });
  });

  it('names poster files after the community and the programme', async () => {
    const link = await createLink({ community: community.code });

    expect(posterFileName(link, 'pdf')).toBe(`${community.name}-全部服务-${link.id}.pdf`);
  });
});

describe('staff files (H5)', () => {
  it('loads the code image with the staff token as a PNG data address', async () => {
    const link = await createLink({ community: community.code });

    const src = await loadStaffImage(link.codeUrl);

    expect(src).toMatch(/^data:image\/png;base64,/);
    expect(
      Buffer.from(src.split(',')[1] ?? '', 'base64')
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  });

  it('fetches the poster as PNG and as PDF', async () => {
    const link = await createLink({ community: community.code });

    const png = await fetchStaffFile(link.posterPngUrl);
    const pdf = await fetchStaffFile(link.posterUrl);

    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(10_000);
    expect(pdf.type).toBe('application/pdf');
  });

  it('forgets the staff session when the BFF refuses the token', async () => {
    const link = await createLink({ community: community.code });
    Taro.setStorageSync(STAFF_TOKEN_STORAGE_KEY, 'no-longer-valid');

    await expect(fetchStaffFile(link.codeUrl)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(currentStaff()).toBeNull();
  });

  it('gives the full H5 address of a link on this origin', async () => {
    const link = await createLink({ community: community.code });

    expect(linkH5Address(link)).toBe(`${window.location.origin}/#/pages/index/index?l=${link.id}`);
  });
});
