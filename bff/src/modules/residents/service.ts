import { Types } from 'mongoose';
import { maskIdNumber, maskMobile, parseIdNumber, type DeclarationVia, type ProfileData } from '@minsheng/shared';
import { claimOr } from '../../db/claim';
import { AppError, notFound, unauthenticated, validationFailed } from '../../errors';
import type { PiiCipher } from '../../security/pii';
import { findCommunity } from '../communities/service';
import { agree, type AgreementDoc } from './agreement';
import { finishJoinOf, joinAssisted } from './join';
import { ResidentModel, type ProfileDoc, type ResidentDoc } from './model';

/** Finds or creates the resident account of a WeChat openid. */
export async function residentForOpenid(openid: string): Promise<ResidentDoc> {
  const existing = await ResidentModel.findOneAndUpdate(
    { openid },
    { $set: { lastLoginAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<ResidentDoc>();
  if (existing) return existing;
  // A join that stopped between removing the WeChat-only account and attaching the openid is finished here,
  // before the upsert below would make a new empty account.
  const finished = await finishJoinOf(openid);
  if (finished) return finished;
  const doc = await ResidentModel.findOneAndUpdate(
    { openid },
    { $setOnInsert: { openid }, $set: { lastLoginAt: new Date() } },
    { upsert: true, returnDocument: 'after' },
  ).lean<ResidentDoc>();
  if (!doc) throw new Error('upsert returned nothing');
  return doc;
}

async function findResident(id: string): Promise<ResidentDoc | null> {
  return Types.ObjectId.isValid(id) ? ResidentModel.findById(id).lean<ResidentDoc>() : null;
}

/** The resident's WeChat openid; null for one an officer registered who has not joined (or no such resident). */
export async function openidOf(residentId: Types.ObjectId): Promise<string | null> {
  const resident = await ResidentModel.findById(residentId, { openid: 1 }).lean<{ openid?: string | null }>();
  return resident?.openid ?? null;
}

/** A resident by id, for staff (an officer's assisted resident): "not found" when there is none. */
export async function getResident(id: string): Promise<ResidentDoc> {
  const doc = await findResident(id);
  if (!doc) throw notFound('居民不存在');
  return doc;
}

/**
 * The resident a token names. One that no longer exists (its WeChat login
 * was joined to the record an officer registered, join.ts) answers
 * 401, so the phone logs in again and gets the joined account's token.
 */
export async function getSignedInResident(id: string): Promise<ResidentDoc> {
  const doc = await findResident(id);
  if (!doc) throw unauthenticated('登录已失效，请重新登录');
  return doc;
}

/** Refuses a token whose resident is gone (joined, as above): one read by _id, made on every resident request. */
export async function requireResidentAccount(id: string): Promise<void> {
  if (!Types.ObjectId.isValid(id) || !(await ResidentModel.exists({ _id: id }))) throw unauthenticated('登录已失效，请重新登录');
}

/**
 * The profile as stored: the community checked against the registry, the ID
 * number parsed and sealed (or kept from `current` when left out), the mobile
 * sealed. Used for the resident's own profile and for officers registering one.
 */
export async function sealProfile(
  input: ProfileData,
  pii: PiiCipher,
  current: ProfileDoc | null | undefined,
  via: DeclarationVia,
  now: Date = new Date(),
): Promise<ProfileDoc> {
  const community = await findCommunity(input.community);
  if (!community) throw validationFailed({ community: '请选择所在社区（村）' });

  let id: { sealed: string; hash: string; masked: string; birthDate: string; sex: 'male' | 'female' };
  if (input.idNumber) {
    const facts = parseIdNumber(input.idNumber);
    if (!facts) throw validationFailed({ idNumber: '身份证号不正确，请核对 18 位号码' });
    id = {
      sealed: pii.encrypt(input.idNumber),
      hash: pii.hash(input.idNumber),
      masked: maskIdNumber(input.idNumber),
      birthDate: facts.birthDate,
      sex: facts.sex,
    };
  } else if (current) {
    id = {
      sealed: current.idNumberSealed,
      hash: current.idNumberHash,
      masked: current.idNumberMasked,
      birthDate: current.birthDate,
      sex: current.sex,
    };
  } else {
    throw validationFailed({ idNumber: '请填写身份证号' });
  }

  return {
    name: input.name,
    idNumberSealed: id.sealed,
    idNumberHash: id.hash,
    idNumberMasked: id.masked,
    birthDate: id.birthDate,
    sex: id.sex,
    mobileSealed: pii.encrypt(input.mobile),
    mobileMasked: maskMobile(input.mobile),
    mobileTail: input.mobile.slice(-4),
    community: community.code,
    street: community.street,
    householdType: input.householdType,
    categories: input.categories,
    privacyNotice: agree(input.privacyNoticeVersion, via, current?.privacyNotice as AgreementDoc | undefined, now),
  };
}

const idNumberTaken = () => new AppError('ID_NUMBER_TAKEN', undefined, { idNumber: '该身份证号已被其他账号使用' });

/**
 * Saves the real-name profile. The ID number is needed the first time and may
 * be changed later; one ID number belongs to one account. A first save that
 * proves to be a resident an officer registered joins that record instead:
 * the returned resident then has another id (see join.ts).
 */
export async function saveProfile(residentId: string, input: ProfileData, pii: PiiCipher): Promise<ResidentDoc> {
  const resident = await getSignedInResident(residentId);
  const profile = await sealProfile(input, pii, resident.profile, 'resident');
  if (!resident.profile && resident.openid) {
    const joined = await joinAssisted(resident, profile, input, pii);
    if (joined === 'refused') throw idNumberTaken();
    if (joined) return joined;
  }
  // The ID number's unique index decides between two residents saving the same one at once.
  const saved = await claimOr(
    () =>
      ResidentModel.findOneAndUpdate(
        { _id: resident._id },
        { $set: { profile, idNumberHash: profile.idNumberHash } },
        { returnDocument: 'after' },
      ).lean<ResidentDoc>(),
    () => {
      throw idNumberTaken();
    },
  );
  if (!saved) throw notFound();
  return saved;
}

/** A resident whose profile still holds a typed certificate number (stored before certificates were verified). */
export type TypedCertificateHolder = Pick<ResidentDoc, '_id'> & { profile: ProfileDoc & { reemploymentCertificateNo: string } };

/** Residents with a typed certificate number, for the start-up migration (certificates/service.ts). */
export async function residentsWithTypedCertificate(): Promise<TypedCertificateHolder[]> {
  return ResidentModel.find({ 'profile.reemploymentCertificateNo': { $exists: true } }, { profile: 1 }).lean<TypedCertificateHolder[]>();
}

/** Removes the typed number once the migration has turned it into a claim. */
export async function dropTypedCertificate(residentId: Types.ObjectId): Promise<void> {
  await ResidentModel.updateOne({ _id: residentId }, { $unset: { 'profile.reemploymentCertificateNo': 1 } });
}
