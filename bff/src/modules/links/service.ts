import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { chinaDate, LINK_ID_ALPHABET, LINK_ID_LENGTH, linkIdSchema, type CreateLinkRequest, type LinkLanding } from '@minsheng/shared';
import { claim, claimOr } from '../../db/claim';
import { AppError, notFound, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import { communityNames, findAnyCommunity, findCommunity } from '../communities/service';
import { acceptingNow, openProgramsByOpening, programExists, programTitles, programsById } from '../programs/service';
import { setAttribution } from '../residents/attribution';
import type { AttributionDoc } from './attribution';
import { FirstTouchModel, LinkModel, LinkOpenModel, LinkOpenQuotaModel, type LinkDoc } from './model';

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

const ID_ATTEMPTS = 5;

/** Creates a sign-up link for a community (the route checked it is the viewer's) and one programme, or all programmes. */
export async function createLink(viewer: StaffPrincipal, input: CreateLinkRequest): Promise<LinkDoc> {
  if (!(await findCommunity(input.community))) throw validationFailed({ community: '社区不存在或已停用' });
  if (input.programId && !(await programExists(input.programId))) {
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
export async function listLinks(community: string): Promise<LinkDoc[]> {
  return LinkModel.find({ community }).sort({ createdAt: -1, _id: 1 }).limit(500).lean<LinkDoc[]>();
}

/** A link the viewer may see; another community's is "not found" for an officer. */
export async function getLinkForStaff(viewer: StaffPrincipal, id: string): Promise<LinkDoc> {
  const link = await findLink(id);
  if (!viewer.scope.includes(link.community)) throw notFound('链接不存在');
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
  const [communities, programs] = await Promise.all([communityNames(codes), programTitles(programIds)]);
  return { communities, programs };
}

/** What a resident's landing screen shows for a link: the community and the programme(s) on offer. */
export async function linkLanding(id: string, now: Date = new Date()): Promise<LinkLanding> {
  const link = await findLink(id);
  const community = await findAnyCommunity(link.community);
  if (!community) throw notFound('链接不存在');
  const programs = link.programId ? await programsById([link.programId]) : await openProgramsByOpening();
  return {
    id: link._id,
    community: { code: community.code, name: community.name, street: community.street },
    allPrograms: link.programId === null,
    programs: programs.map((p) => ({ id: String(p._id), kind: p.kind, title: p.title, summary: p.summary, open: acceptingNow(p, now) })),
  };
}

/**
 * Counted opens of one link from one network address per China day, at most.
 * Many phones share an address (a station's Wi-Fi, a carrier's NAT at a
 * community event), so the bound is generous; it stops one script from
 * inflating a station's funnel without limit.
 */
export const OPENS_PER_ADDRESS_PER_DAY = 100;

/** Who opened a link, as far as counting goes: the resident, else a keyed hash of address and browser; and the address. */
export interface LinkVisitor {
  residentId: string | undefined;
  address: string;
  userAgent: string;
  /** The keyed hash used for these keys (PII_KEY's blind index): no address is stored. */
  hash: (plain: string) => string;
}

/**
 * Counts an open of a link, once per visitor per China day and at most
 * OPENS_PER_ADDRESS_PER_DAY per address, and, for a logged-in resident
 * without one, makes the link their attribution. First touch wins: a later
 * link, or the same link again, never replaces it.
 */
export async function openLink(id: string, visitor: LinkVisitor, now: Date = new Date()): Promise<{ attributed: boolean }> {
  const link = await findLink(id);
  const resident = visitor.residentId && Types.ObjectId.isValid(visitor.residentId) ? new Types.ObjectId(visitor.residentId) : null;
  await countOpen(link._id, resident, visitor, now);
  if (!resident) return { attributed: false };
  return { attributed: await recordFirstTouch(link, resident, now) };
}

/**
 * Counts the open unless the address has had its day's bound or the visitor
 * was counted today; true when it counted. The bound is read first (one read
 * by `_id`), so an open refused over it writes nothing; the visitor's claim
 * comes second, and the address's tally is raised only for a counted open.
 */
async function countOpen(linkId: string, resident: Types.ObjectId | null, visitor: LinkVisitor, now: Date): Promise<boolean> {
  const day = chinaDate(now);
  const quotaId = visitor.hash(`link open quota|${linkId}|${day}|${visitor.address}`);
  const tally = await LinkOpenQuotaModel.findById(quotaId).lean();
  if ((tally?.n ?? 0) >= OPENS_PER_ADDRESS_PER_DAY) return false;
  const who = resident ? `resident ${String(resident)}` : `anonymous ${visitor.address} ${visitor.userAgent}`;
  const openId = visitor.hash(`link open|${linkId}|${day}|${who}`);
  if (!(await claim(() => LinkOpenModel.create({ _id: openId, linkId, at: now, residentId: resident })))) return false;
  const bump = () =>
    LinkOpenQuotaModel.findOneAndUpdate({ _id: quotaId }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after', lean: true });
  // Of two first opens from one address at once, one upsert inserts and the other may meet the unique _id: it then increments.
  const raised = await bump().catch((error: unknown) => {
    if ((error as { code?: number }).code !== 11000) throw error;
    return bump();
  });
  if ((raised?.n ?? 0) <= OPENS_PER_ADDRESS_PER_DAY) return true;
  // Only opens that passed the read at once, at the bound's last places, get here: the one over the bound gives its claim back.
  await LinkOpenModel.deleteOne({ _id: openId });
  return false;
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
  const attributed = await claimFirstTouch(resident, attribution);
  const first = await firstTouchOf(resident);
  if (first) await setAttribution(resident, first);
  return attributed;
}

/**
 * Makes `attribution` the resident's first touch unless they have one; true
 * when it did. Of two first opens at once only one insert succeeds.
 */
export async function claimFirstTouch(resident: Types.ObjectId, attribution: AttributionDoc): Promise<boolean> {
  return claim(() => FirstTouchModel.create({ _id: resident, attribution }));
}

/** The resident's first-touch attribution, or null when no link brought them. */
export async function firstTouchOf(resident: Types.ObjectId): Promise<AttributionDoc | null> {
  const first = await FirstTouchModel.findById(resident).lean();
  return first?.attribution ?? null;
}
