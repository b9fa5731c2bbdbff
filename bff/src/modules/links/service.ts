import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { LINK_ID_ALPHABET, LINK_ID_LENGTH, linkIdSchema, type CreateLinkRequest, type LinkLanding } from '@minsheng/shared';
import { claim, claimOr } from '../../db/claim';
import { AppError, forbidden, notFound, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import { CommunityModel } from '../communities/model';
import { findCommunity } from '../communities/service';
import { ProgramModel } from '../programs/model';
import { acceptingNow } from '../programs/service';
import { ResidentModel } from '../residents/model';
import { FirstTouchModel, LinkModel, LinkOpenModel, type AttributionDoc, type LinkDoc } from './model';

/** A random link id of LINK_ID_LENGTH characters, uniform over the alphabet. */
export function newLinkId(): string {
  const n = LINK_ID_ALPHABET.length;
  const limit = 256 - (256 % n);
  let id = '';
  while (id.length < LINK_ID_LENGTH) {
    for (const byte of randomBytes(LINK_ID_LENGTH * 2)) {
      if (byte < limit && id.length < LINK_ID_LENGTH) id += LINK_ID_ALPHABET.charAt(byte % n);
    }
  }
  return id;
}

/** Officers work for their own communities only; admins and reviewers for all. */
export function mayServe(viewer: StaffPrincipal, community: string): boolean {
  return viewer.role !== 'officer' || viewer.communities.includes(community);
}

function requireScope(viewer: StaffPrincipal, community: string): void {
  if (!mayServe(viewer, community)) throw forbidden('只能查看和管理本社区（村）的链接');
}

const ID_ATTEMPTS = 5;

/** Creates a sign-up link for a community and one programme, or all programmes. */
export async function createLink(viewer: StaffPrincipal, input: CreateLinkRequest): Promise<LinkDoc> {
  requireScope(viewer, input.community);
  if (!(await findCommunity(input.community))) throw validationFailed({ community: '社区不存在或已停用' });
  if (input.programId && !(await ProgramModel.exists({ _id: new Types.ObjectId(input.programId) }))) {
    throw validationFailed({ programId: '服务项目不存在' });
  }
  for (let attempt = 1; ; attempt += 1) {
    const created = await claimOr(
      () =>
        LinkModel.create({
          _id: newLinkId(),
          community: input.community,
          programId: input.programId ? new Types.ObjectId(input.programId) : null,
          createdBy: viewer.id,
          createdByRole: viewer.role,
        }),
      () => null,
    );
    if (created) return created.toObject() as LinkDoc;
    if (attempt >= ID_ATTEMPTS) throw new AppError('CONFLICT');
  }
}

/** The community's links, newest first. */
export async function listLinks(viewer: StaffPrincipal, community: string): Promise<LinkDoc[]> {
  requireScope(viewer, community);
  return LinkModel.find({ community }).sort({ createdAt: -1, _id: 1 }).limit(500).lean<LinkDoc[]>();
}

/** A link the viewer may see; another community's is "not found" for an officer. */
export async function getLinkForStaff(viewer: StaffPrincipal, id: string): Promise<LinkDoc> {
  const link = await findLink(id);
  if (!mayServe(viewer, link.community)) throw notFound('链接不存在');
  return link;
}

async function findLink(id: string): Promise<LinkDoc> {
  const link = linkIdSchema.safeParse(id).success ? await LinkModel.findById(id).lean<LinkDoc>() : null;
  if (!link) throw notFound('链接不存在');
  return link;
}

/** Community names and programme titles of these links, for presenters and posters. */
export async function linkNames(links: LinkDoc[]): Promise<{ communities: Map<string, string>; programs: Map<string, string> }> {
  const codes = [...new Set(links.map((l) => l.community))];
  const programIds = [...new Set(links.flatMap((l) => (l.programId ? [String(l.programId)] : [])))];
  const [communities, programs] = await Promise.all([
    CommunityModel.find({ code: { $in: codes } }, { code: 1, name: 1 }).lean(),
    ProgramModel.find({ _id: { $in: programIds.map((p) => new Types.ObjectId(p)) } }, { title: 1 }).lean(),
  ]);
  return {
    communities: new Map(communities.map((c) => [c.code, c.name])),
    programs: new Map(programs.map((p) => [String(p._id), p.title])),
  };
}

/** What a resident's landing screen shows for a link: the community and the programme(s) on offer. */
export async function linkLanding(id: string, now: Date = new Date()): Promise<LinkLanding> {
  const link = await findLink(id);
  const community = await CommunityModel.findOne({ code: link.community }).lean();
  if (!community) throw notFound('链接不存在');
  const programs = link.programId
    ? await ProgramModel.find({ _id: link.programId }).lean()
    : await ProgramModel.find({ status: 'open' }).sort({ kind: 1, opensAt: 1 }).lean();
  return {
    id: link._id,
    community: { code: community.code, name: community.name, street: community.street },
    allPrograms: link.programId === null,
    programs: programs.map((p) => ({ id: String(p._id), kind: p.kind, title: p.title, summary: p.summary, open: acceptingNow(p, now) })),
  };
}

/**
 * Counts an open of a link and, for a logged-in resident without one, makes
 * the link their attribution. First touch wins: a later link, or the same
 * link again, never replaces it.
 */
export async function openLink(id: string, residentId: string | undefined, now: Date = new Date()): Promise<{ attributed: boolean }> {
  const link = await findLink(id);
  const resident = residentId && Types.ObjectId.isValid(residentId) ? new Types.ObjectId(residentId) : null;
  await LinkOpenModel.create({ linkId: link._id, at: now, residentId: resident });
  if (!resident) return { attributed: false };
  return { attributed: await recordFirstTouch(link, resident, now) };
}

/**
 * Makes a link the resident's attribution if they have none, without
 * counting an open: the mini-program sends this after logging in for a link
 * that was opened (and counted) before the resident had logged in.
 */
export async function attributeLink(id: string, residentId: string, now: Date = new Date()): Promise<{ attributed: boolean }> {
  const link = await findLink(id);
  return { attributed: await recordFirstTouch(link, new Types.ObjectId(residentId), now) };
}

/** True when this link became the resident's first touch; either way the resident's copy is the first touch's. */
async function recordFirstTouch(link: LinkDoc, resident: Types.ObjectId, now: Date): Promise<boolean> {
  const attribution: AttributionDoc = {
    linkId: link._id,
    community: link.community,
    ...(link.createdByRole === 'officer' ? { officerId: link.createdBy } : {}),
    at: now,
  };
  const attributed = await claim(() => FirstTouchModel.create({ _id: resident, attribution }));
  const first = await FirstTouchModel.findById(resident).lean();
  if (first) await ResidentModel.updateOne({ _id: resident }, { $set: { attribution: first.attribution } });
  return attributed;
}
