import { Types } from 'mongoose';
import {
  CERTIFICATE_ACTION_LABELS,
  CERTIFICATE_CLOSED,
  CERTIFICATE_WAITING,
  CERTIFIED_CATEGORIES,
  certificateNotice,
  checkCertificateStep,
  type CertificateAction,
  type CertificateApplyRequest,
  type CertificateDecisionRequest,
  type CertificateStatus,
} from '@minsheng/shared';
import { claim, claimOr } from '../../db/claim';
import { idForKey } from '../../db/derived-id';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import { ApplicationNumbers } from '../applications/numbering';
import { audit } from '../audit/service';
import { ownedMaterials } from '../materials/service';
import { fileCertificateMessage } from '../notifications/filing';
import type { ResidentDoc } from '../residents/model';
import { dropTypedCertificate, residentsWithTypedCertificate } from '../residents/service';
import { CertificateModel, CertificateStepModel, type CertificateDoc, type CertificateHistoryDoc, type CertificateStepDoc } from './model';

/** The certificates' own number series (JC-<year>-<6 digits>), apart from the applications'. */
const numbers = new ApplicationNumbers(undefined, 'certificate');
export const CERTIFICATE_NUMBER_PREFIX = 'JC';

/** Who applies: the resident themself, or a station officer (帮办) for them. */
export type CertificateApplicant = { role: 'resident'; id: string } | { role: 'officer' | 'admin'; staff: StaffPrincipal };

const duplicate = (existing: Pick<CertificateDoc, '_id' | 'status'>) =>
  conflict('DUPLICATE_CERTIFICATE', undefined, { certificateId: String(existing._id), status: existing.status });

/** The resident's live certificate (waiting, active or suspended), or null: one read on the unique live key. */
export async function liveCertificateOf(residentId: Types.ObjectId | string): Promise<CertificateDoc | null> {
  return CertificateModel.findOne({ liveKey: String(residentId) }).lean<CertificateDoc>();
}

/** The resident's latest certificate, live or not, for their own page. */
export async function latestCertificateOf(residentId: Types.ObjectId | string): Promise<CertificateDoc | null> {
  const [latest] = await CertificateModel.find({ residentId: new Types.ObjectId(String(residentId)) })
    .sort({ submittedAt: -1 })
    .limit(1)
    .lean<CertificateDoc[]>();
  return latest ?? null;
}

/**
 * Applies for the certificate with evidence the resident owns. One live
 * certificate per resident, decided by the unique live key: a second is a
 * 409 naming the first.
 */
export async function applyForCertificate(
  resident: ResidentDoc,
  input: CertificateApplyRequest,
  by: CertificateApplicant,
  now: Date = new Date(),
): Promise<CertificateDoc> {
  const profile = resident.profile;
  if (!profile) throw new AppError('PROFILE_INCOMPLETE');
  const materials = await ownedMaterials(String(resident._id), input.materialIds);
  const entry: CertificateHistoryDoc =
    by.role === 'resident'
      ? { at: now, action: 'apply', actorRole: 'resident', actorId: by.id, reason: null }
      : { at: now, action: 'apply', actorRole: by.role, actorId: by.staff.id, actorName: by.staff.name, reason: null };
  const doc = {
    _id: new Types.ObjectId(),
    residentId: resident._id,
    community: profile.community,
    name: profile.name,
    idNumberMasked: profile.idNumberMasked,
    status: 'pending' as const,
    version: 1,
    categories: input.categories,
    materialIds: materials.map((m) => new Types.ObjectId(m.id)),
    submittedAt: now,
    liveKey: String(resident._id),
    history: [entry],
    ...(by.role === 'resident'
      ? {}
      : {
          assistedBy: {
            staffId: by.staff.id,
            staffName: by.staff.name,
            community: profile.community,
            communityName: profile.community,
            at: now,
          },
        }),
  };
  return claimOr(
    async () => (await CertificateModel.create(doc)).toObject() as CertificateDoc,
    async () => {
      const existing = await liveCertificateOf(resident._id);
      throw existing ? duplicate(existing) : conflict();
    },
  );
}

/** The certificates waiting for staff in the viewer's communities, oldest first. */
export async function certificateQueue(viewer: StaffPrincipal, status: CertificateStatus | undefined): Promise<CertificateDoc[]> {
  const statuses = status ? [status] : [...CERTIFICATE_WAITING];
  return CertificateModel.find({ status: { $in: statuses }, ...viewer.scope.where('community') })
    .sort({ submittedAt: 1 })
    .limit(200)
    .lean<CertificateDoc[]>();
}

/** A certificate the viewer may see; anyone else's is "not found". */
export async function certificateForStaff(viewer: StaffPrincipal, id: string): Promise<CertificateDoc> {
  const doc = Types.ObjectId.isValid(id) ? await CertificateModel.findById(id).lean<CertificateDoc>() : null;
  if (!doc || !viewer.scope.includes(doc.community)) throw notFound('证件申请不存在');
  return doc;
}

/** Applies a claimed step when the certificate is still at the version it changes; applying it twice is harmless. */
async function applyStep(step: CertificateStepDoc): Promise<void> {
  const update: Record<string, unknown> = { $set: step.set, $push: { history: step.entry } };
  if (step.closes) update.$unset = { liveKey: 1 };
  await CertificateModel.updateOne({ _id: step.certificateId, version: step.fromVersion }, update);
}

/** Files the resident's in-app message about a decision, under the step's id: filed twice, it is one message. */
async function fileCertificateNotice(doc: CertificateDoc, step: CertificateStepDoc, action: CertificateAction): Promise<void> {
  const number = (step.set as { number?: string }).number ?? doc.number ?? null;
  const text = certificateNotice(action, { number, reason: step.entry.reason ?? undefined });
  if (!text) return;
  await fileCertificateMessage({
    _id: step._id,
    residentId: doc.residentId,
    certificateId: doc._id,
    number: number ?? '',
    kind: text.kind,
    status: (step.set as { status: CertificateStatus }).status,
    title: text.title,
    body: text.body,
    at: step.at,
  });
}

/**
 * A staff decision on a certificate from the version they saw: the station
 * checks or refuses, the bureau approves (issuing the number and date),
 * refuses, suspends, reinstates or cancels. Claimed by a unique insert,
 * audited, and told to the resident.
 */
export async function decideCertificate(
  viewer: StaffPrincipal,
  id: string,
  input: CertificateDecisionRequest,
  now: Date = new Date(),
): Promise<CertificateDoc> {
  const doc = await certificateForStaff(viewer, id);
  if (doc.version !== input.version) throw conflict('STALE_VERSION', '证件申请已被他人处理，请刷新后重试');
  const check = checkCertificateStep(doc.status, input.action, viewer.role);
  if (!check.ok) {
    if (check.reason === 'not_allowed') throw forbidden('您的角色不能进行此操作');
    throw conflict('INVALID_TRANSITION');
  }
  if (check.transition.reasonRequired && !input.reason) throw validationFailed({ reason: '请填写原因' });

  const set: Record<string, unknown> = { status: check.transition.to, version: doc.version + 1 };
  if (input.reason) set.reason = input.reason;
  if (input.action === 'approve') {
    set.number = await numbers.next(CERTIFICATE_NUMBER_PREFIX, now);
    set.issuedAt = now;
    set.reason = null;
  }
  if (input.action === 'reinstate') set.reason = null;
  const step: CertificateStepDoc = {
    _id: `${String(doc._id)}:${doc.version}`,
    certificateId: doc._id,
    fromVersion: doc.version,
    set,
    entry: {
      at: now,
      action: input.action,
      actorRole: viewer.role,
      actorId: viewer.id,
      actorName: viewer.name,
      reason: input.reason ?? null,
    },
    closes: CERTIFICATE_CLOSED.includes(check.transition.to),
    at: now,
  };
  if (!(await claim(() => CertificateStepModel.create(step)))) {
    // Someone else decided from this version first: finish their step if it stopped half-way, then refuse.
    const theirs = await CertificateStepModel.findById(step._id).lean<CertificateStepDoc>();
    if (theirs) await applyStep(theirs);
    throw conflict('STALE_VERSION', '证件申请已被他人处理，请刷新后重试');
  }
  await applyStep(step);
  await audit(viewer, {
    action: `certificate_${input.action}`,
    certificateId: doc._id,
    reason: input.reason ?? CERTIFICATE_ACTION_LABELS[input.action],
  });
  await fileCertificateNotice(doc, step, input.action);
  return CertificateModel.findById(doc._id).orFail().lean<CertificateDoc>();
}

/**
 * Start-up migration: a certificate number a resident once typed into the
 * profile becomes a pending claim for the station to check, and leaves the
 * profile. Idempotent: the claim's `_id` comes from the resident, so a second
 * run (or a second process) adds nothing; a resident who already has a live
 * certificate keeps it. Answers how many claims it added.
 */
export async function migrateTypedCertificates(now: Date = new Date()): Promise<number> {
  const residents = await residentsWithTypedCertificate();
  const certified: readonly string[] = CERTIFIED_CATEGORIES;
  let added = 0;
  for (const resident of residents) {
    const profile = resident.profile;
    const typed = profile.reemploymentCertificateNo;
    const inserted = await claim(() =>
      CertificateModel.create({
        _id: idForKey(`legacy-certificate:${String(resident._id)}`),
        residentId: resident._id,
        community: profile.community,
        name: profile.name,
        idNumberMasked: profile.idNumberMasked,
        status: 'pending',
        version: 1,
        categories: profile.categories.filter((c) => certified.includes(c)),
        materialIds: [],
        submittedAt: now,
        claimedNumber: typed,
        liveKey: String(resident._id),
        history: [{ at: now, action: 'claim', actorRole: 'system', actorId: 'migration', reason: null }],
      }),
    );
    if (inserted) added += 1;
    await dropTypedCertificate(resident._id);
  }
  return added;
}
