import type { FunnelResponse } from '@minsheng/shared';
import { applicationsBroughtBy } from '../applications/queries';
import { residentsBroughtBy } from '../residents/attribution';
import { LinkModel, LinkOpenModel, type LinkDoc } from './model';
import { linkNames } from './service';

type Counts = FunnelResponse['totals'];
const zero = (): Counts => ({ opens: 0, newResidents: 0, profilesCompleted: 0, applicationsSubmitted: 0, approved: 0 });

function bump(map: Map<string, Counts>, key: string, field: keyof Counts, by = 1): void {
  const counts = map.get(key) ?? zero();
  counts[field] += by;
  map.set(key, counts);
}

/**
 * The sign-up funnel of a community's links: opens → residents first
 * brought by the link → profiles completed → applications → approvals,
 * per link and per programme. Counted in the BFF rather than with
 * aggregation stages, which the embedded FerretDB only partly supports.
 */
export async function communityFunnel(community: string): Promise<FunnelResponse> {
  const links = await LinkModel.find({ community }).sort({ createdAt: -1, _id: 1 }).lean<LinkDoc[]>();
  const ids = links.map((l) => l._id);
  const [opens, residents, applications, names] = await Promise.all([
    LinkOpenModel.find({ linkId: { $in: ids } }, { linkId: 1 }).lean(),
    residentsBroughtBy(ids),
    applicationsBroughtBy(ids),
    linkNames(links),
  ]);

  const byLink = new Map<string, Counts>();
  for (const o of opens) bump(byLink, o.linkId, 'opens');
  for (const r of residents) {
    const linkId = r.attribution?.linkId;
    if (!linkId) continue;
    bump(byLink, linkId, 'newResidents');
    // A completed profile is what sets the ID number hash (PUT /api/me).
    if (r.idNumberHash) bump(byLink, linkId, 'profilesCompleted');
  }
  const byProgram = new Map<string, Counts>();
  const titles = new Map<string, string>();
  for (const a of applications) {
    const linkId = a.attribution?.linkId;
    if (!linkId) continue;
    const programId = String(a.programId);
    titles.set(programId, a.programTitle);
    const approved = a.history.some((h) => h.to === 'approved');
    bump(byLink, linkId, 'applicationsSubmitted');
    bump(byProgram, programId, 'applicationsSubmitted');
    if (approved) {
      bump(byLink, linkId, 'approved');
      bump(byProgram, programId, 'approved');
    }
  }
  for (const l of links) {
    if (!l.programId) continue;
    const programId = String(l.programId);
    const counts = byLink.get(l._id) ?? zero();
    bump(byProgram, programId, 'opens', counts.opens);
    bump(byProgram, programId, 'newResidents', counts.newResidents);
    bump(byProgram, programId, 'profilesCompleted', counts.profilesCompleted);
    if (!titles.has(programId)) titles.set(programId, names.programs.get(programId) ?? programId);
  }

  const totals = zero();
  for (const counts of byLink.values()) {
    for (const field of Object.keys(totals) as (keyof Counts)[]) totals[field] += counts[field];
  }
  return {
    community,
    links: links.map((l) => {
      const programId = l.programId ? String(l.programId) : null;
      return {
        linkId: l._id,
        programId,
        programTitle: programId ? (names.programs.get(programId) ?? null) : null,
        ...(byLink.get(l._id) ?? zero()),
      };
    }),
    programs: [...byProgram]
      .map(([programId, counts]) => ({ programId, programTitle: titles.get(programId) ?? programId, ...counts }))
      .sort((a, b) => a.programTitle.localeCompare(b.programTitle, 'zh-CN')),
    totals,
  };
}
