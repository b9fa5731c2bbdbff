import { linkH5Url, linkPath, linkScene, type Link } from '@minsheng/shared';
import type { LinkDoc } from './model';

/** A link as staff see it, with everything needed to share or print it. */
export function presentLink(link: LinkDoc, names: { communities: Map<string, string>; programs: Map<string, string> }): Link {
  const programId = link.programId ? String(link.programId) : null;
  return {
    id: link._id,
    community: link.community,
    communityName: names.communities.get(link.community) ?? link.community,
    programId,
    programTitle: programId ? (names.programs.get(programId) ?? null) : null,
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
    path: linkPath(link._id),
    h5Url: linkH5Url(link._id),
    scene: linkScene(link._id),
    codeUrl: `/api/admin/links/${link._id}/code.png`,
    posterUrl: `/api/admin/links/${link._id}/poster.pdf`,
    posterPngUrl: `/api/admin/links/${link._id}/poster.png`,
  };
}
