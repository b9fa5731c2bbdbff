import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { checkEligibility, type ApplicationForm } from '@minsheng/shared';
import { isDuplicateKeyError } from '../../db/connection';
import { idForKey } from '../../db/derived-id';
import { readByIdWhere } from '../../db/point-reads';
import { AppError, conflict, notFound, unprocessable, validationFailed } from '../../errors';
import { ownedMaterials } from '../materials/service';
import type { ProgramDoc } from '../programs/model';
import { acceptingNow, findProgram } from '../programs/service';
import type { ResidentDoc } from '../residents/model';
import { getResident, getSignedInResident } from '../residents/service';
import { settlePlaces } from './capacity';
import { ApplicationModel, type ApplicationDoc, type HistoryDoc } from './model';
import { ApplicationNumbers } from './numbering';
import { transition } from './transition';

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

/** Kind-specific checks of a form against its programme's terms. */
function checkFormAgainstProgram(form: ApplicationForm, program: ProgramDoc): void {
  const details = program.details as Record<string, unknown>;
  if (form.kind === 'loan') {
    const max = Number(details.maxAmountFen);
    const maxTerm = Number(details.maxTermMonths);
    const fields: Record<string, string> = {};
    if (form.amountFen > max) fields['form.amountFen'] = `贷款金额不能超过 ${(max / 100).toLocaleString('zh-CN')} 元`;
    if (form.termMonths > maxTerm) fields['form.termMonths'] = `贷款期限不能超过 ${maxTerm} 个月`;
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
  }
  if (form.kind === 'stall') {
    const categories = Array.isArray(details.categories) ? details.categories : [];
    if (!categories.includes(form.businessCategory)) throw validationFailed({ 'form.businessCategory': '该园区没有这个经营类别' });
  }
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
  assistedBy?: AssistedSubmitter;
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
  const by = input.assistedBy;
  // Keys are the submitter's: an officer's key is scoped to the resident too, so one key reused for two
  // residents can never replay the other's application.
  const idem = by
    ? `staff:${by.staffId}:${input.residentId}:${input.idempotencyKey}`
    : `resident:${input.residentId}:${input.idempotencyKey}`;
  const hash = requestHash(input.programId, input.form, input.materialIds);

  // The application's `_id` comes from its key: a retry's lookup of its first result is a read by `_id`.
  const applicationId = idForKey(idem);
  const replay = async (): Promise<{ application: ApplicationDoc; replayed: true } | null> => {
    const existing = await ApplicationModel.findById(applicationId).lean<ApplicationDoc>();
    if (!existing) return null;
    if (existing.idem !== idem || existing.idemHash !== hash) throw conflict('IDEMPOTENCY_KEY_REUSED');
    return { application: existing, replayed: true };
  };

  // The three reads go out together (one round trip each). A retry's first result wins over what the
  // other two say, so a retry is answered even when the programme has closed since.
  const reads = Promise.all([
    // The resident's own token names them; an officer names the resident they registered.
    by ? getResident(input.residentId) : getSignedInResident(input.residentId),
    findProgram(input.programId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw validationFailed({ programId: '申请的项目不存在' });
      throw err;
    }),
  ]);
  reads.catch(() => undefined); // a replay does not wait for them
  const earlier = await replay();
  if (earlier) return earlier;

  const now = options.now ?? new Date();
  const [resident, program] = await reads;
  const profile = profileOrThrow(resident);
  if (input.form.kind !== program.kind) throw validationFailed({ 'form.kind': '申请表与项目类型不符' });
  if (!acceptingNow(program, now)) throw unprocessable('PROGRAM_CLOSED');
  checkFormAgainstProgram(input.form, program);

  const eligibility = checkEligibility(
    program.eligibility ?? {},
    {
      categories: profile.categories as never,
      householdType: profile.householdType,
      hasCertificate: Boolean(profile.reemploymentCertificateNo),
      birthDate: profile.birthDate,
    },
    now,
  );
  if (!eligibility.eligible) {
    throw unprocessable('NOT_ELIGIBLE', `暂不符合申请条件：${eligibility.reasons.join('；')}`, { reasons: eligibility.reasons });
  }

  const materials = await ownedMaterials(input.residentId, input.materialIds);
  const missing = program.materials.filter((m) => m.required && !materials.some((x) => x.purpose === m.code));
  if (missing.length > 0) {
    throw validationFailed({ materialIds: `请上传：${missing.map((m) => m.label).join('、')}` }, '缺少必需的材料');
  }
  const linked = await checkPreviousSubsidy(input.form, resident._id, program._id);

  // "One live application" is left to the unique index on the insert below: looking for a live one first
  // would read the whole collection on FerretDB 1.x for every submission, to spare only an occasional number.
  const liveKey = liveKeyOf(profile.idNumberHash, program._id, input.form);

  const history: HistoryDoc = by
    ? { at: now, action: 'submit', from: null, to: 'submitted', actorRole: by.role, actorId: by.staffId, actorName: by.staffName }
    : { at: now, action: 'submit', from: null, to: 'submitted', actorRole: 'resident', actorId: input.residentId };
  // A clash of numbers is left to retry: blocks never overlap, but a number may already be taken by data
  // written outside this numbering (an import, or numbers from before it).
  for (let attempt = 1; ; attempt += 1) {
    try {
      const created = await ApplicationModel.create({
        _id: applicationId,
        number: await numbers.next(options.numberPrefix, now),
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
        materialIds: materials.map((m) => new Types.ObjectId(m.id)),
        status: 'submitted',
        version: 1,
        history: [history],
        submittedAt: now,
        idem,
        idemHash: hash,
        liveKey,
        linkedApplicationId: linked,
        ...(resident.attribution ? { attribution: resident.attribution } : {}),
        ...(by
          ? {
              assistedBy: {
                staffId: by.staffId,
                staffName: by.staffName,
                community: by.community,
                communityName: by.communityName,
                at: now,
              },
            }
          : {}),
      });
      return { application: created.toObject() as ApplicationDoc, replayed: false };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Which unique key clashed: the `_id` (this very request, stored by a concurrent copy or an earlier
      // try), the live key (another live application), or the number (drawn again below).
      const again = await replay();
      if (again) return again;
      const winner = await ApplicationModel.findOne({ liveKey }, { _id: 1, number: 1, status: 1 }).lean();
      if (winner) throw duplicateError(winner, Boolean(by));
      if (attempt >= NUMBER_ATTEMPTS) throw err;
    }
  }
}

export async function listOwnApplications(residentId: string): Promise<ApplicationDoc[]> {
  return ApplicationModel.find({ residentId: new Types.ObjectId(residentId) })
    .sort({ submittedAt: -1 })
    .limit(200)
    .lean<ApplicationDoc[]>();
}

/** The resident's own application; anyone else's is "not found", never "forbidden". */
export async function getOwnApplication(residentId: string, id: string): Promise<ApplicationDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('申请不存在');
  const doc = await readByIdWhere(ApplicationModel.findById(id).lean<ApplicationDoc>(), (app) => String(app.residentId) === residentId);
  if (!doc) throw notFound('申请不存在');
  return doc;
}

/** The resident withdraws before a decision. */
export async function withdrawOwn(residentId: string, id: string, version: number, reason?: string): Promise<ApplicationDoc> {
  const app = await getOwnApplication(residentId, id);
  const after = await transition(app, { action: 'withdraw', actor: { role: 'resident', id: residentId }, version, reason });
  await settlePlaces(after);
  return after;
}

/** The resident answers a request for more information with an edited form and materials. */
export async function resubmitOwn(
  residentId: string,
  id: string,
  input: { version: number; form: ApplicationForm; materialIds: string[] },
): Promise<ApplicationDoc> {
  const app = await getOwnApplication(residentId, id);
  if (input.form.kind !== app.kind) throw validationFailed({ 'form.kind': '申请表与项目类型不符' });
  if (
    app.form &&
    (app.form as ApplicationForm).kind === 'subsidy' &&
    input.form.kind === 'subsidy' &&
    (app.form as ApplicationForm & { kind: 'subsidy' }).period !== input.form.period
  ) {
    throw validationFailed({ 'form.period': '补充材料时不能更改申领季度' });
  }
  const program = await findProgram(String(app.programId));
  checkFormAgainstProgram(input.form, program);
  const materials = await ownedMaterials(residentId, input.materialIds);
  const missing = program.materials.filter((m) => m.required && !materials.some((x) => x.purpose === m.code));
  if (missing.length > 0) throw validationFailed({ materialIds: `请上传：${missing.map((m) => m.label).join('、')}` }, '缺少必需的材料');
  return transition(app, {
    action: 'resubmit',
    actor: { role: 'resident', id: residentId },
    version: input.version,
    set: { form: input.form, materialIds: materials.map((m) => new Types.ObjectId(m.id)) },
  });
}

/** 1-based place on the wait-list of its class, while wait-listed. */
export async function waitlistPosition(app: ApplicationDoc): Promise<number | null> {
  if (app.status !== 'waitlisted') return null;
  const ahead = await ApplicationModel.countDocuments({
    programId: app.programId,
    status: 'waitlisted',
    $or: [{ submittedAt: { $lt: app.submittedAt } }, { submittedAt: app.submittedAt, _id: { $lt: app._id } }],
  });
  return ahead + 1;
}
