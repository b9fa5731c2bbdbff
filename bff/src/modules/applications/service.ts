import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  certificateFacts,
  checkEligibility,
  formProblems,
  MISSING_MATERIALS,
  missingMaterials,
  type ApplicationForm,
  type Category,
  type MaterialRequirement,
} from '@minsheng/shared';
import { claimOr } from '../../db/claim';
import { idForKey } from '../../db/derived-id';
import { readByIdWhere } from '../../db/point-reads';
import { AppError, conflict, notFound, unprocessable, validationFailed } from '../../errors';
import { ownedMaterials } from '../materials/service';
import type { ProgramDoc } from '../programs/model';
import { acceptingNow, findProgram, termsOf } from '../programs/service';
import type { ResidentDoc } from '../residents/model';
import { liveCertificateOf } from '../certificates/service';
import { getResident, getSignedInResident } from '../residents/service';
import { claimCrossRules, crossConflict, keysOf, releaseUnstored } from './cross-claims';
import { ApplicationModel, type ApplicationDoc, type HistoryDoc } from './model';
import { ApplicationNumbers } from './numbering';
import { countQueueRows, syncReadModels } from './read-models';
import { takeStep } from './step';

/** "Live" key: one live application per person and programme (and quarter for subsidies). */
export function liveKeyOf(idNumberHash: string, programId: Types.ObjectId | string, form: ApplicationForm): string {
  const base = `${idNumberHash}:${String(programId)}`;
  return form.kind === 'subsidy' ? `${base}:${form.period}` : base;
}

function requestHash(programId: string, form: ApplicationForm, materialIds: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ programId, form, materialIds: [...materialIds].sort() }))
    .digest('base64url');
}

const NUMBER_ATTEMPTS = 20;

/** This process's application numbers (numbering.ts). */
const numbers = new ApplicationNumbers();

/** Refuses a form that does not fit its programme's terms (shared `formProblems`), on the form's fields. */
function checkFormAgainstProgram(form: ApplicationForm, program: ProgramDoc): void {
  const problems = formProblems(form, termsOf(program));
  const fields = Object.fromEntries(Object.entries(problems).map(([field, message]) => [`form.${field}`, message]));
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}

/** The resident's own materials named, refused unless every required one is there (shared `missingMaterials`). */
async function checkMaterials(residentId: string, materialIds: string[], requirements: ProgramDoc['materials']) {
  const required = requirements as unknown as MaterialRequirement[];
  const materials = await ownedMaterials(residentId, materialIds);
  const missing = missingMaterials(
    required,
    materials.map((m) => m.purpose),
  );
  if (missing) throw validationFailed({ materialIds: missing }, MISSING_MATERIALS);
  return materials.map((m) => new Types.ObjectId(m.id));
}

async function checkPreviousSubsidy(
  form: ApplicationForm,
  residentId: Types.ObjectId,
  programId: Types.ObjectId,
): Promise<Types.ObjectId | null> {
  if (form.kind !== 'subsidy' || !form.previousApplicationId) return null;
  const previous = await readByIdWhere(
    ApplicationModel.findById(form.previousApplicationId, { residentId: 1, programId: 1, kind: 1 }).lean(),
    (doc) => doc.residentId.equals(residentId) && doc.programId.equals(programId) && doc.kind === 'subsidy',
  );
  if (!previous) throw validationFailed({ 'form.previousApplicationId': '关联的上季度申请不存在' });
  return previous._id;
}

function profileOrThrow(resident: ResidentDoc): NonNullable<ResidentDoc['profile']> {
  if (!resident.profile) throw new AppError('PROFILE_INCOMPLETE');
  return resident.profile;
}

function duplicateError(existing: Pick<ApplicationDoc, '_id' | 'number' | 'status'>, assisted: boolean): AppError {
  const who = assisted ? '该居民' : '您';
  return conflict('DUPLICATE_APPLICATION', `${who}已有一份正在办理的同类申请（${existing.number}），无需重复提交`, {
    applicationId: String(existing._id),
    number: existing.number,
    status: existing.status,
  });
}

/** A station officer (or admin) submitting for the resident (帮办). */
export interface AssistedSubmitter {
  staffId: string;
  staffName: string;
  role: 'officer' | 'admin';
  /** The resident's community and its name, as shown on the application. */
  community: string;
  communityName: string;
}

export interface SubmitInput {
  residentId: string;
  idempotencyKey: string;
  programId: string;
  form: ApplicationForm;
  materialIds: string[];
  /** The version of the applicant's declaration (本人承诺) confirmed with it. */
  declarationVersion: string;
  assistedBy?: AssistedSubmitter;
}

/** A submission that passed its checks: the application to insert, bar its number. */
type CheckedSubmission = Omit<
  ApplicationDoc,
  'number' | 'createdAt' | 'updatedAt' | 'decidedAt' | 'assignment' | 'history' | 'materialIds'
> & {
  history: HistoryDoc[];
  materialIds: Types.ObjectId[];
  liveKey: string;
};

/** The submitter's key for a retried request: an officer's is scoped to the resident too. */
function idemOf(input: SubmitInput): string {
  const by = input.assistedBy;
  // One key reused by an officer for two residents can never replay the other's application.
  return by ? `staff:${by.staffId}:${input.residentId}:${input.idempotencyKey}` : `resident:${input.residentId}:${input.idempotencyKey}`;
}

/**
 * A submission's checks, in order: the profile, the programme's kind and
 * window, the form against its terms, eligibility, materials, the linked
 * earlier claim. Returns the application to insert; refuses otherwise.
 */
async function checkSubmission(
  input: SubmitInput,
  reads: Promise<[ResidentDoc, ProgramDoc]>,
  ids: { applicationId: Types.ObjectId; idem: string; hash: string },
  now: Date,
): Promise<CheckedSubmission> {
  const by = input.assistedBy;
  const [resident, program] = await reads;
  const profile = profileOrThrow(resident);
  if (input.form.kind !== program.kind) throw validationFailed({ 'form.kind': '申请表与项目类型不符' });
  if (!acceptingNow(program, now)) throw unprocessable('PROGRAM_CLOSED');
  checkFormAgainstProgram(input.form, program);

  // The certificate and the categories only it carries come from the verified record, never the profile.
  const certificate = await liveCertificateOf(resident._id);
  const eligibility = checkEligibility(
    program.eligibility ?? {},
    {
      ...certificateFacts(
        profile.categories as Category[],
        certificate ? { status: certificate.status, categories: certificate.categories as Category[] } : null,
      ),
      householdType: profile.householdType,
      birthDate: profile.birthDate,
    },
    now,
  );
  if (!eligibility.eligible) {
    throw unprocessable('NOT_ELIGIBLE', `暂不符合申请条件：${eligibility.reasons.join('；')}`, { reasons: eligibility.reasons });
  }

  const materialIds = await checkMaterials(input.residentId, input.materialIds, program.materials);
  const linked = await checkPreviousSubsidy(input.form, resident._id, program._id);

  const history: HistoryDoc = by
    ? { at: now, action: 'submit', from: null, to: 'submitted', actorRole: by.role, actorId: by.staffId, actorName: by.staffName }
    : { at: now, action: 'submit', from: null, to: 'submitted', actorRole: 'resident', actorId: input.residentId };
  return {
    _id: ids.applicationId,
    kind: program.kind,
    programId: program._id,
    programTitle: program.title,
    residentId: resident._id,
    applicant: {
      name: profile.name,
      idNumberHash: profile.idNumberHash,
      idNumberSealed: profile.idNumberSealed,
      idNumberMasked: profile.idNumberMasked,
      mobileSealed: profile.mobileSealed,
      mobileMasked: profile.mobileMasked,
      mobileTail: profile.mobileTail,
      birthDate: profile.birthDate,
      sex: profile.sex,
      householdType: profile.householdType,
      categories: profile.categories,
    },
    street: profile.street,
    community: profile.community,
    form: input.form,
    materialIds,
    status: 'submitted',
    version: 1,
    history: [history],
    submittedAt: now,
    idem: ids.idem,
    idemHash: ids.hash,
    // "One live application" is left to the unique index on the insert: looking for a live one first
    // would read the whole collection on FerretDB 1.x for every submission, to spare only an occasional number.
    liveKey: liveKeyOf(profile.idNumberHash, program._id, input.form),
    linkedApplicationId: linked,
    declaration: { version: input.declarationVersion, at: now, via: by ? 'assisted' : 'resident' },
    ...(resident.attribution ? { attribution: resident.attribution } : {}),
    ...(by
      ? {
          assistedBy: { staffId: by.staffId, staffName: by.staffName, community: by.community, communityName: by.communityName, at: now },
        }
      : {}),
  };
}

/**
 * Submits an application. Safe to retry with the same Idempotency-Key: the
 * first stored result is returned, never a second record. Races between
 * different keys for the same person and programme are settled by the unique
 * live key.
 */
export async function submitApplication(
  input: SubmitInput,
  options: { numberPrefix: string; now?: Date },
): Promise<{ application: ApplicationDoc; replayed: boolean }> {
  const idem = idemOf(input);
  const hash = requestHash(input.programId, input.form, input.materialIds);

  // The application's `_id` comes from its key: a retry's lookup of its first result is a read by `_id`.
  const applicationId = idForKey(idem);
  const replay = async (): Promise<{ application: ApplicationDoc; replayed: true } | null> => {
    const existing = await ApplicationModel.findById(applicationId).lean<ApplicationDoc>();
    if (!existing) return null;
    if (existing.idem !== idem || existing.idemHash !== hash) throw conflict('IDEMPOTENCY_KEY_REUSED');
    return { application: existing, replayed: true };
  };

  // The reads go out together (one round trip each). A retry's first result wins over what the
  // others say, so a retry is answered even when the programme has closed since.
  const reads = Promise.all([
    // The resident's own token names them; an officer names the resident they registered.
    input.assistedBy ? getResident(input.residentId) : getSignedInResident(input.residentId),
    findProgram(input.programId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw validationFailed({ programId: '申请的项目不存在' });
      throw err;
    }),
  ]);
  reads.catch(() => undefined); // a replay does not wait for them
  const earlier = await replay();
  // A retry also finishes the read models its first try may not have reached.
  if (earlier) {
    await syncReadModels(earlier.application);
    return earlier;
  }

  const now = options.now ?? new Date();
  const checked = await checkSubmission(input, reads, { applicationId, idem, hash }, now);
  const assisted = Boolean(input.assistedBy);
  const [, program] = await reads;
  // The rules across programmes are claimed before the insert, under the number the application will carry,
  // so a submission racing this one is refused naming it even before it is stored.
  const keys = keysOf(checked, program);
  const number = keys.length > 0 ? await numbers.next(options.numberPrefix, now) : undefined;
  if (number) {
    const holder = await claimCrossRules(keys, { applicationId, programId: program._id, number }, { now });
    // The same programme's other live application is a duplicate, as the live key would have said.
    if (holder?.programId.equals(program._id)) throw duplicateError({ _id: holder.applicationId, ...holder }, assisted);
    if (holder) throw crossConflict(holder, assisted);
  }
  let result: { application: ApplicationDoc; replayed: boolean };
  try {
    result = await insertApplication(checked, { prefix: options.numberPrefix, first: number }, now, replay, assisted);
  } catch (err) {
    await releaseUnstored(keys, applicationId);
    throw err;
  }
  // The application is stored first; the staff side's read models follow it (read-models/index.ts).
  await syncReadModels(result.application);
  return result;
}

/**
 * Inserts a checked application under a fresh number. Which unique key
 * clashed tells what happened: the `_id` (this very request, stored by a
 * concurrent copy or an earlier try), the live key (another live
 * application), or the number (drawn again: blocks never overlap, but a
 * number may be taken by data written outside this numbering, an import or
 * numbers from before it).
 */
async function insertApplication(
  checked: CheckedSubmission,
  numbering: { prefix: string; first: string | undefined },
  now: Date,
  replay: () => Promise<{ application: ApplicationDoc; replayed: true } | null>,
  assisted: boolean,
): Promise<{ application: ApplicationDoc; replayed: boolean }> {
  for (let attempt = 1; attempt <= NUMBER_ATTEMPTS; attempt += 1) {
    const number = attempt === 1 && numbering.first ? numbering.first : await numbers.next(numbering.prefix, now);
    const created = await claimOr(
      () => ApplicationModel.create({ ...checked, number }),
      () => null,
    );
    if (created) return { application: created.toObject() as ApplicationDoc, replayed: false };
    const again = await replay();
    if (again) return again;
    const winner = await ApplicationModel.findOne({ liveKey: checked.liveKey }, { _id: 1, number: 1, status: 1 }).lean();
    if (winner) throw duplicateError(winner, assisted);
  }
  throw new AppError('CONFLICT');
}

export async function listOwnApplications(residentId: string): Promise<ApplicationDoc[]> {
  return ApplicationModel.find({ residentId: new Types.ObjectId(residentId) })
    .sort({ submittedAt: -1 })
    .limit(200)
    .lean<ApplicationDoc[]>();
}

/** The resident's own application; anyone else's is "not found", never "forbidden". */
export async function getOwnApplication(residentId: string, id: string): Promise<ApplicationDoc> {
  const doc = await findApplicationWhere(id, (app) => String(app.residentId) === residentId);
  if (!doc) throw notFound('申请不存在');
  return doc;
}

/** The resident withdraws before a decision. */
export async function withdrawOwn(residentId: string, id: string, version: number, reason?: string): Promise<ApplicationDoc> {
  const app = await getOwnApplication(residentId, id);
  return takeStep(app, { action: 'withdraw', version, reason }, { role: 'resident', id: residentId });
}

/** The resident answers a request for more information with an edited form and materials. */
export async function resubmitOwn(
  residentId: string,
  id: string,
  input: { version: number; form: ApplicationForm; materialIds: string[]; declarationVersion: string },
): Promise<ApplicationDoc> {
  const app = await getOwnApplication(residentId, id);
  const before = app.form as ApplicationForm;
  // The new form is checked once the step is known to be possible (takeStep's order of refusals).
  const record = async () => {
    if (input.form.kind !== app.kind) throw validationFailed({ 'form.kind': '申请表与项目类型不符' });
    if (before.kind === 'subsidy' && input.form.kind === 'subsidy' && before.period !== input.form.period) {
      throw validationFailed({ 'form.period': '补充材料时不能更改申领季度' });
    }
    const program = await findProgram(String(app.programId));
    checkFormAgainstProgram(input.form, program);
    const materialIds = await checkMaterials(residentId, input.materialIds, program.materials);
    const declaration = { version: input.declarationVersion, at: new Date(), via: 'resident' };
    return { set: { form: input.form, materialIds, declaration } };
  };
  return takeStep(app, { action: 'resubmit', version: input.version }, { role: 'resident', id: residentId }, record);
}

/**
 * 1-based place on the wait-list of its class, while wait-listed. A
 * wait-listed application is open, so those ahead are counted among the
 * queue's rows (read-models), not the whole history.
 */
export async function waitlistPosition(app: ApplicationDoc): Promise<number | null> {
  if (app.status !== 'waitlisted') return null;
  const ahead = await countQueueRows({
    programId: app.programId,
    status: 'waitlisted',
    $or: [{ submittedAt: { $lt: app.submittedAt } }, { submittedAt: app.submittedAt, _id: { $lt: app._id } }],
  });
  return ahead + 1;
}

/** Applications matching a filter, in an order, a page at a time (the staff queue). */
export function findApplications(
  filter: Record<string, unknown>,
  page: { sort: Record<string, 1 | -1>; skip: number; limit: number },
): Promise<ApplicationDoc[]> {
  return ApplicationModel.find(filter).sort(page.sort).skip(page.skip).limit(page.limit).lean<ApplicationDoc[]>();
}

/** How many applications match a filter. */
export function countApplications(filter: Record<string, unknown>): Promise<number> {
  return ApplicationModel.countDocuments(filter);
}

/** One application by id, if `visible` holds for it (a read by `_id` alone: db/point-reads.ts). */
export async function findApplicationWhere(id: string, visible: (app: ApplicationDoc) => boolean): Promise<ApplicationDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return readByIdWhere(ApplicationModel.findById(id).lean<ApplicationDoc>(), visible);
}
