import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import {
  ACTORS,
  APPLICATION_STATUSES,
  NOTICE_KINDS,
  PROGRAM_KINDS,
  type StoredLoanRecord,
  type SubsidyRecord,
  type TrainingRecord,
} from '@minsheng/shared';
import { attributionSchema } from '../links/attribution';
import { agreementSchema } from '../residents/agreement';
import { assistedBySchema } from '../residents/assisted-by';

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    from: { type: String, enum: [...APPLICATION_STATUSES, null], default: null },
    to: { type: String, enum: APPLICATION_STATUSES, required: true },
    actorRole: { type: String, enum: ACTORS, required: true },
    actorId: { type: String },
    actorName: { type: String },
    reason: { type: String },
    /** Facts recorded with the step: amounts, dates, the stall or seat. */
    data: { type: Schema.Types.Mixed },
  },
  { _id: false },
);

/** What the applicant was at submission: the decision is made on these facts. */
const applicantSchema = new Schema(
  {
    name: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberSealed: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    mobileSealed: { type: String, required: true },
    mobileMasked: { type: String, required: true },
    mobileTail: { type: String, required: true },
    birthDate: { type: String, required: true },
    sex: { type: String, required: true },
    householdType: { type: String, required: true },
    categories: { type: [String], default: [] },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    number: { type: String, required: true },
    kind: { type: String, enum: PROGRAM_KINDS, required: true },
    programId: { type: Schema.Types.ObjectId, required: true },
    programTitle: { type: String, required: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    applicant: { type: applicantSchema, required: true },
    street: { type: String, required: true },
    community: { type: String, required: true },
    form: { type: Schema.Types.Mixed, required: true },
    materialIds: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: APPLICATION_STATUSES, required: true },
    /** Revision, bumped by every change; writers must name the one they saw. */
    version: { type: Number, required: true, default: 1 },
    history: { type: [historySchema], default: [] },
    submittedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    /** "<submitter>:<Idempotency-Key>": a retried submission finds its first result. */
    idem: { type: String },
    idemHash: { type: String },
    /**
     * Set while the application blocks another for the same person and
     * programme (and quarter, for subsidies); removed when it closes. A sparse
     * unique index makes "one live application" hold under any concurrency.
     */
    liveKey: { type: String },
    assignment: {
      type: new Schema({ slotId: Schema.Types.ObjectId, label: String, at: Date }, { _id: false }),
      default: null,
    },
    /** Kind-specific records kept by the staff side: typed by shared schemas/review.ts, written by machines/steps.ts. */
    loan: { type: Schema.Types.Mixed, default: undefined },
    training: { type: Schema.Types.Mixed, default: undefined },
    subsidy: { type: Schema.Types.Mixed, default: undefined },
    linkedApplicationId: { type: Schema.Types.ObjectId, default: null },
    /** The applicant's first-touch sign-up link at submission, for the community funnel. */
    attribution: { type: attributionSchema, default: undefined },
    /** The station officer who submitted it for the resident (帮办). */
    assistedBy: { type: assistedBySchema, default: undefined },
    /** The applicant's declaration (本人承诺) confirmed with the last submission; absent on applications from before it. */
    declaration: { type: agreementSchema, default: undefined },
  },
  { timestamps: true, minimize: false },
);

applicationSchema.index({ number: 1 }, { unique: true });
applicationSchema.index({ idem: 1 }, { unique: true, sparse: true });
applicationSchema.index({ liveKey: 1 }, { unique: true, sparse: true });
applicationSchema.index({ residentId: 1, submittedAt: -1 });
// The staff queue: each filter with the default sort (issue "staff side").
applicationSchema.index({ submittedAt: -1, _id: -1 });
// The queue's "waiting longest" order (review/service.ts queueOrder), walked by cursor.
applicationSchema.index({ updatedAt: 1, _id: 1 });
applicationSchema.index({ status: 1, submittedAt: -1, _id: -1 });
applicationSchema.index({ kind: 1, submittedAt: -1 });
// A programme's applications of one status, oldest first, ties by _id (the wait list's order).
applicationSchema.index({ programId: 1, status: 1, submittedAt: 1, _id: 1 });
applicationSchema.index({ street: 1, submittedAt: -1 });
applicationSchema.index({ community: 1, submittedAt: -1 });
applicationSchema.index({ 'applicant.idNumberHash': 1 });
applicationSchema.index({ 'applicant.mobileTail': 1 });
applicationSchema.index({ 'applicant.name': 1 });
applicationSchema.index({ 'attribution.linkId': 1 });

export type ApplicationDoc = Omit<InferSchemaType<typeof applicationSchema>, 'loan' | 'training' | 'subsidy'> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  loan?: StoredLoanRecord | null;
  training?: TrainingRecord | null;
  subsidy?: SubsidyRecord | null;
};
export type HistoryDoc = InferSchemaType<typeof historySchema>;
export const ApplicationModel = mongoose.model('Application', applicationSchema);

/** Per-year hint: the highest application number claimed so far (numbering.ts). */
const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { versionKey: false });
export const CounterModel = mongoose.model('Counter', counterSchema);

/** A block of application numbers owned by the process that inserted it: `_id` "application:<year>:<index>". */
const numberBlockSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });
export const NumberBlockModel = mongoose.model('ApplicationNumberBlock', numberBlockSchema);

/**
 * A claimed change of an application from one revision to the next. Its `_id`
 * is "<applicationId>:<fromVersion>", so of two concurrent changes from the
 * same revision exactly one can be claimed — on MongoDB and on FerretDB 1.x,
 * whose conditional updates are not atomic but whose unique indexes are. The
 * claim carries the whole change, so whoever finds it unapplied (a crash
 * between claiming and applying) can apply it; applying twice is harmless.
 * Kept forever: the record of who changed what, when.
 */
const revisionSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    fromVersion: { type: Number, required: true },
    at: { type: Date, required: true },
    changes: { type: [{ _id: false, path: String, value: Schema.Types.Mixed }], default: [] },
    unset: { type: [String], default: [] },
    /** What the resident is told of this change (shared `noticeFor`); applying the revision files it. */
    notice: {
      type: new Schema(
        {
          residentId: { type: Schema.Types.ObjectId, required: true },
          kind: { type: String, enum: NOTICE_KINDS, required: true },
          status: { type: String, enum: APPLICATION_STATUSES, required: true },
          title: { type: String, required: true },
          body: { type: String, required: true },
          number: { type: String, required: true },
          programTitle: { type: String, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { versionKey: false, minimize: false },
);
revisionSchema.index({ at: -1 });

export type RevisionDoc = InferSchemaType<typeof revisionSchema>;
export const RevisionModel = mongoose.model('ApplicationRevision', revisionSchema);

/**
 * Loans approved before the records took one word per amount keep the
 * approved amount as `loan.approvedAmountFen`; moved to `loan.approvedFen`
 * (what subsidies already used) at start. Returns how many were moved.
 */
export async function renameLegacyLoanAmounts(): Promise<number> {
  const legacy = await ApplicationModel.find({ 'loan.approvedAmountFen': { $exists: true } }, { 'loan.approvedAmountFen': 1 }).lean<
    { _id: Types.ObjectId; loan: { approvedAmountFen: unknown } }[]
  >();
  for (const doc of legacy) {
    await ApplicationModel.updateOne(
      { _id: doc._id },
      { $set: { 'loan.approvedFen': doc.loan.approvedAmountFen }, $unset: { 'loan.approvedAmountFen': '' } },
    );
  }
  return legacy.length;
}
