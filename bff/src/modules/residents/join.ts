import { Types } from 'mongoose';
import type { ProfileData } from '@minsheng/shared';
import { claim as claimUnique } from '../../db/claim';
import { isDuplicateKeyError } from '../../db/connection';
import { conflict } from '../../errors';
import type { PiiCipher } from '../../security/pii';
import { claimFirstTouch, firstTouchOf } from '../links/service';
import { transferMaterials } from '../materials/service';
import {
  ResidentJoinFailureModel,
  ResidentJoinModel,
  ResidentModel,
  type ProfileDoc,
  type ResidentDoc,
  type ResidentJoinDoc,
} from './model';

/**
 * Account joining. An officer registered a resident without WeChat; later
 * that person logs in (a new, empty resident) and saves a profile with the
 * same ID number. If the name and mobile also match what the officer
 * entered, the records become one account: the assisted resident keeps its
 * _id (applications point at it) and takes the openid; the empty WeChat
 * resident is removed.
 *
 * Who joins is decided by inserting a claim whose _id is the assisted
 * resident's (unique), never by a conditional update (not atomic on
 * FerretDB 1.x). The claim carries the openid, so a join that stops half-way
 * is finished by the next save or the next login (finishJoinOf).
 */

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Whoever holds someone's ID number and name could otherwise try mobiles
 * until one joins: after this many mismatches in a day the record no longer
 * joins by itself, and the resident goes to the station (as the refusal says).
 */
export const JOIN_ATTEMPTS = { max: 5, windowMs: 24 * 3600_000 };

function samePerson(registered: ProfileDoc, input: ProfileData, pii: PiiCipher): boolean {
  return squash(registered.name) === squash(input.name) && pii.decrypt(registered.mobileSealed) === input.mobile;
}

/**
 * Joins the WeChat-only `wechat` resident to the assisted resident holding
 * this ID number. Null when no unjoined assisted resident holds it (the
 * ordinary save goes on); 'refused' when the name or mobile differ or
 * another login joined first — answered exactly like "ID number taken", so
 * nothing more about the record leaks.
 */
export async function joinAssisted(
  wechat: ResidentDoc,
  profile: ProfileDoc,
  input: ProfileData,
  pii: PiiCipher,
): Promise<ResidentDoc | 'refused' | null> {
  if (!wechat.openid || wechat.profile) return null;
  const assisted = await ResidentModel.findOne({
    idNumberHash: profile.idNumberHash,
    assistedBy: { $exists: true },
    openid: { $exists: false },
  }).lean<ResidentDoc>();
  if (!assisted?.profile) return null;
  const since = new Date(Date.now() - JOIN_ATTEMPTS.windowMs);
  if ((await ResidentJoinFailureModel.countDocuments({ residentId: assisted._id, at: { $gte: since } })) >= JOIN_ATTEMPTS.max)
    return 'refused';
  if (!samePerson(assisted.profile, input, pii)) {
    await ResidentJoinFailureModel.create({ residentId: assisted._id, at: new Date() });
    return 'refused';
  }

  const claim: ResidentJoinDoc = {
    _id: String(assisted._id),
    openid: wechat.openid,
    wechatResidentId: String(wechat._id),
    at: new Date(),
    completedAt: null,
  };
  if (!(await claimUnique(() => ResidentJoinModel.create(claim)))) {
    const existing = await ResidentJoinModel.findById(claim._id).lean<ResidentJoinDoc>();
    // Only our own earlier attempt (a retried save) may go on; anyone else was first.
    if (existing?.openid !== wechat.openid || existing.wechatResidentId !== claim.wechatResidentId) return 'refused';
  }
  return completeJoin(claim, profile);
}

/** Finishes an unfinished join of this openid, if any; the joined resident or null. */
export async function finishJoinOf(openid: string): Promise<ResidentDoc | null> {
  const claim = await ResidentJoinModel.findOne({ openid, completedAt: null }).lean<ResidentJoinDoc>();
  return claim ? completeJoin(claim, null) : null;
}

/** Applies a claimed join; every step is harmless to repeat. */
async function completeJoin(claim: ResidentJoinDoc, profile: ProfileDoc | null): Promise<ResidentDoc> {
  const wechat = await ResidentModel.findById(claim.wechatResidentId).lean<ResidentDoc>();
  if (wechat?.profile) {
    // The WeChat account saved another profile meanwhile: it is a person of its own, so the claim is withdrawn.
    await ResidentJoinModel.deleteOne({ _id: claim._id, openid: claim.openid });
    throw conflict('CONFLICT', '账号信息已变更，请重新打开小程序后再试');
  }
  await transferMaterials(claim.wechatResidentId, claim._id);
  // The sign-up link that brought the WeChat login becomes the joined account's first touch (unless it has
  // one: first touch wins), before the empty account goes.
  if (wechat?.attribution) await claimFirstTouch(new Types.ObjectId(claim._id), wechat.attribution);
  await ResidentModel.deleteOne({ _id: claim.wechatResidentId, profile: { $exists: false } });

  const set: Record<string, unknown> = { openid: claim.openid, lastLoginAt: new Date() };
  // The resident's own form wins over what the officer typed; the ID number is the same one.
  if (profile) set.profile = profile;
  const first = await firstTouchOf(new Types.ObjectId(claim._id));
  if (first) set.attribution = first;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const joined = await ResidentModel.findOneAndUpdate(
        { _id: claim._id },
        { $set: set },
        { returnDocument: 'after' },
      ).lean<ResidentDoc>();
      if (!joined) throw new Error('assisted resident of a join claim is gone');
      await ResidentJoinModel.updateOne({ _id: claim._id }, { $set: { completedAt: new Date() } });
      return joined;
    } catch (err) {
      // A login in the gap made a fresh empty account with this openid: remove it and attach again.
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
      await ResidentModel.deleteOne({ openid: claim.openid, profile: { $exists: false }, _id: { $ne: claim._id } });
    }
  }
}
