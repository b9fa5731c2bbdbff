import mongoose, { Schema, type Types } from 'mongoose';
import {
  CROSS_RULES,
  crossClaimKeys,
  crossConflictMessage,
  holdsCrossClaim,
  isLive,
  type ApplicationForm,
  type ApplicationStatus,
  type CrossClaimKey,
  type CrossRuleCode,
  type ProgramKind,
} from '@minsheng/shared';
import { claim } from '../../db/claim';
import { conflict, type AppError } from '../../errors';
import type { ProgramDoc } from '../programs/model';
import { findProgram, termsOf } from '../programs/service';
import { ApplicationModel, type ApplicationDoc } from './model';

/**
 * Claims of the rules across programmes (shared cross-rules.ts): `_id` is the
 * rule's key ("stall:<person>", "class-day:<person>:<day>", …), so of two
 * applications racing for a key exactly one inserts it, on every engine and
 * process, with no transaction. Read and deleted by `_id` only. A claim names
 * its application, programme and number, so a refusal can name the holder
 * even while the holder's insert is still in flight.
 */
const crossClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    rule: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    programId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export const CrossClaimModel = mongoose.model('CrossClaim', crossClaimSchema, 'crossclaims');

/** A claim whose application is not stored yet may belong to a submission still in flight for this long. */
const IN_FLIGHT_MS = 30_000;

/** Who claims: the application (its id is known before its insert), its programme and number. */
export interface Claimant {
  applicationId: Types.ObjectId;
  programId: Types.ObjectId;
  number: string;
}

/** The live application that holds a key another one asked for. */
export interface CrossHolder {
  rule: CrossRuleCode;
  applicationId: Types.ObjectId;
  programId: Types.ObjectId;
  number: string;
  status: ApplicationStatus;
}

type HolderApp = Pick<ApplicationDoc, '_id' | 'kind' | 'status' | 'number'> | null;

/** The holder when the claim still binds: its application holds it under the rule, or is still being inserted. */
function bindingHolder(
  held: { rule: string; applicationId: Types.ObjectId; programId: Types.ObjectId; number: string; at: Date },
  app: HolderApp,
  now: Date,
): CrossHolder | null {
  const rule = held.rule as CrossRuleCode;
  const base = { rule, applicationId: held.applicationId, programId: held.programId };
  if (!app) return now.getTime() - held.at.getTime() < IN_FLIGHT_MS ? { ...base, number: held.number, status: 'submitted' } : null;
  return holdsCrossClaim(rule, app.kind as ProgramKind, app.status) ? { ...base, number: app.number, status: app.status } : null;
}

/** Deletes these keys where `applicationId` holds them (read by `_id`, then deleted by `_id`). */
async function releaseKeys(keys: readonly string[], applicationId: Types.ObjectId): Promise<void> {
  await Promise.all(
    keys.map(async (key) => {
      const held = await CrossClaimModel.findById(key, { applicationId: 1 }).lean();
      if (held?.applicationId.equals(applicationId)) await CrossClaimModel.deleteOne({ _id: key });
    }),
  );
}

/**
 * Claims one key: true when this call inserted it, false when the claimant
 * held it already, a holder when another application binds it. A claim left
 * by an application that no longer holds it (its release was interrupted, or
 * its submission never landed) is cleared and claimed again.
 */
async function claimKey(k: CrossClaimKey, who: Claimant, now: Date, readFirst: boolean): Promise<boolean | CrossHolder> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted =
      !(readFirst && attempt === 0) && (await claim(() => CrossClaimModel.create({ _id: k.key, rule: k.rule, ...who, at: now })));
    if (inserted) return true;
    const held = await CrossClaimModel.findById(k.key).lean();
    if (!held) continue;
    if (held.applicationId.equals(who.applicationId)) return false;
    const app = await ApplicationModel.findById(held.applicationId, { kind: 1, status: 1, number: 1 }).lean<HolderApp>();
    const holder = bindingHolder(held, app, now);
    if (holder) return holder;
    await releaseKeys([k.key], held.applicationId);
  }
  throw conflict('CONFLICT');
}

/**
 * Claims every key of the application's rules. Answers null when all are
 * its own, or the first other application that binds one, having given back
 * what this call took (so a refusal stores nothing).
 */
export async function claimCrossRules(
  keys: readonly CrossClaimKey[],
  who: Claimant,
  options: { now?: Date; readFirst?: boolean } = {},
): Promise<CrossHolder | null> {
  const now = options.now ?? new Date();
  // An approval's keys are mostly its own already: one read by `_id` each, and an insert only for a missing one.
  const outcomes = await Promise.allSettled(keys.map((k) => claimKey(k, who, now, options.readFirst ?? false)));
  const taken = keys.filter((_, i) => {
    const o = outcomes[i];
    return o?.status === 'fulfilled' && o.value === true;
  });
  const failed = outcomes.find((o) => o.status === 'rejected');
  const holder = outcomes.map((o) => (o.status === 'fulfilled' && typeof o.value === 'object' ? o.value : null)).find(Boolean) ?? null;
  if (failed || holder)
    await releaseKeys(
      taken.map((k) => k.key),
      who.applicationId,
    );
  if (failed) throw failed.reason;
  return holder;
}

/** Gives back the keys of a submission whose application was not stored (a concurrent copy of the request may have stored it). */
export async function releaseUnstored(keys: readonly CrossClaimKey[], applicationId: Types.ObjectId): Promise<void> {
  if (await ApplicationModel.exists({ _id: applicationId })) return;
  await releaseKeys(
    keys.map((k) => k.key),
    applicationId,
  );
}

/** Whether any rule across programmes binds programmes of this kind (a loan's steps need no read of the programme). */
const bindsKind = (kind: ProgramKind) => Object.values(CROSS_RULES).some((rule) => rule.kinds.includes(kind));

/** The refusal naming the other application (409 CROSS_PROGRAMME_CONFLICT). */
export function crossConflict(holder: CrossHolder, assisted: boolean): AppError {
  return conflict('CROSS_PROGRAMME_CONFLICT', crossConflictMessage(holder.rule, holder.number, assisted), {
    rule: holder.rule,
    applicationId: String(holder.applicationId),
    number: holder.number,
    status: holder.status,
  });
}

/** The keys an application claims under its programme's rules. */
export function keysOf(app: Pick<ApplicationDoc, 'form' | 'applicant'>, program: Pick<ProgramDoc, 'kind' | 'details'>): CrossClaimKey[] {
  return crossClaimKeys(termsOf(program), app.form as ApplicationForm, app.applicant.idNumberHash);
}

/**
 * The check again when staff grant the benefit (approve): the application
 * claims its keys (its own already, unless it predates the rules or its claim
 * was lost), refused with the holder named otherwise.
 */
export async function claimForGrant(app: ApplicationDoc): Promise<void> {
  if (!bindsKind(app.kind)) return;
  const program = await findProgram(String(app.programId));
  const who = { applicationId: app._id, programId: app.programId, number: app.number };
  const holder = await claimCrossRules(keysOf(app, program), who, { readFirst: true });
  if (holder) throw crossConflict(holder, true);
}

/**
 * Gives back what the application no longer holds after a step (withdrawn,
 * rejected, released, a class ended): each key whose rule no longer binds its
 * status. Idempotent; a live application keeps every key, without a read.
 */
export async function releaseCrossClaims(app: ApplicationDoc): Promise<void> {
  if (isLive(app.kind, app.status) || !bindsKind(app.kind)) return;
  const program = await findProgram(String(app.programId));
  const done = keysOf(app, program).filter((k) => !holdsCrossClaim(k.rule, app.kind, app.status));
  if (done.length > 0)
    await releaseKeys(
      done.map((k) => k.key),
      app._id,
    );
}
