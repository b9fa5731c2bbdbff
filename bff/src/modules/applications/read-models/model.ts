import mongoose, { Schema, type Types } from 'mongoose';
import { APPLICATION_STATUSES, PROGRAM_KINDS, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';

/**
 * The staff side's read models, derived from the applications and written
 * only by `read-models/index.ts` (after every submission and step, and by
 * the rebuild). On the embedded engine every query but a read by `_id` scans
 * its collection, so the staff's frequent reads go to these small
 * collections or to a document by `_id` instead of the whole history.
 */

/**
 * An application as the staff side lists and exports it: what the queue and
 * the export show, the sort keys and the filter fields, in small documents
 * (about a third of an application as the embedded engine stores it, which
 * decodes every document it reads whole). `_id` is the application's. The
 * same row is kept twice: `queueitems` holds the open applications (the
 * queue's working set), `applicationrows` every application (the export and
 * searches over closed history).
 */
const applicationRowSchema = (collection: string) => {
  const schema = new Schema(
    {
      _id: { type: Schema.Types.ObjectId, required: true },
      /** The application's revision this row was made from: a writer never replaces a newer one. */
      version: { type: Number, required: true },
      number: { type: String, required: true },
      kind: { type: String, enum: PROGRAM_KINDS, required: true },
      programId: { type: Schema.Types.ObjectId, required: true },
      programTitle: { type: String, required: true },
      status: { type: String, enum: APPLICATION_STATUSES, required: true },
      // The same paths as on the application, so that one filter (review/filter.ts) reads all three.
      applicant: {
        type: new Schema(
          {
            name: { type: String, required: true },
            idNumberMasked: { type: String, required: true },
            idNumberHash: { type: String, required: true },
            mobileMasked: { type: String, required: true },
            mobileTail: { type: String, required: true },
          },
          { _id: false },
        ),
        required: true,
      },
      street: { type: String, required: true },
      community: { type: String, required: true },
      submittedAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      decidedAt: { type: Date, default: null },
      assignment: { type: new Schema({ label: String }, { _id: false }), default: undefined },
      loan: {
        type: new Schema({ dueOn: String, approvedFen: Number, disbursedFen: Number, outstandingFen: Number }, { _id: false }),
        default: undefined,
      },
      assisted: { type: Boolean, required: true },
    },
    { versionKey: false, collection },
  );
  // Each order of the queue (review/service.ts queueOrder) and each filter with the default order.
  schema.index({ submittedAt: -1, _id: -1 });
  schema.index({ updatedAt: 1, _id: 1 });
  schema.index({ status: 1, submittedAt: -1, _id: -1 });
  schema.index({ kind: 1, submittedAt: -1, _id: -1 });
  schema.index({ programId: 1, submittedAt: -1, _id: -1 });
  schema.index({ street: 1, submittedAt: -1, _id: -1 });
  schema.index({ community: 1, submittedAt: -1, _id: -1 });
  // An officer's queue is always scoped to communities: in the waiting order too.
  schema.index({ community: 1, updatedAt: 1, _id: 1 });
  schema.index({ number: 1 });
  schema.index({ 'applicant.name': 1 });
  schema.index({ 'applicant.idNumberHash': 1 });
  // The search by the mobile's last 4 digits, newest first like every queue view.
  schema.index({ 'applicant.mobileTail': 1, submittedAt: -1, _id: -1 });
  schema.index({ kind: 1, 'loan.dueOn': 1 });
  return schema;
};

/** An application's row as stored (in `queueitems` while open, and in `applicationrows`). */
export interface QueueItemDoc {
  _id: Types.ObjectId;
  version: number;
  number: string;
  kind: ProgramKind;
  programId: Types.ObjectId;
  programTitle: string;
  status: ApplicationStatus;
  applicant: { name: string; idNumberMasked: string; idNumberHash: string; mobileMasked: string; mobileTail: string };
  street: string;
  community: string;
  submittedAt: Date;
  updatedAt: Date;
  decidedAt?: Date | null;
  assignment?: { label?: string } | null;
  loan?: { dueOn?: string | null; approvedFen?: number; disbursedFen?: number; outstandingFen?: number } | null;
  assisted: boolean;
}
export const QueueItemModel = mongoose.model('QueueItem', applicationRowSchema('queueitems'));
export const ApplicationRowModel = mongoose.model('ApplicationRow', applicationRowSchema('applicationrows'));

/**
 * Which applications a key names, read by `_id`: `n:<number>` (one) and
 * `p:<keyed hash of the ID number>` (every application of that person, open
 * or closed). The plain ID number is never stored.
 */
const lookupSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { versionKey: false, collection: 'applicationlookups' },
);
export const LookupModel = mongoose.model('ApplicationLookup', lookupSchema);

/**
 * Statistics counters. `_id` is a China-time month (`statsmonths`) or day
 * (`statsdays`); `c` holds, per community, street, kind and status, the
 * counts and money of the applications submitted then (stats-cells.ts).
 */
const statsBucketSchema = (collection: string) =>
  new Schema(
    { _id: { type: String, required: true }, c: { type: Schema.Types.Mixed, default: {} } },
    { versionKey: false, collection, minimize: false },
  );
export const StatsMonthModel = mongoose.model('StatsMonth', statsBucketSchema('statsmonths'));
export const StatsDayModel = mongoose.model('StatsDay', statsBucketSchema('statsdays'));

/** What one application adds to the counters now (its cells and amounts), and from which revision. */
const statsEntrySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    month: { type: String, required: true },
    day: { type: String, required: true },
    /** `{p: counter path, a: amount}` (stats-cells.ts). */
    cells: { type: Schema.Types.Mixed, default: [] },
  },
  { versionKey: false, collection: 'statsentries', minimize: false },
);
export const StatsEntryModel = mongoose.model('StatsEntry', statsEntrySchema);

/**
 * "<application>:<version>": the right to move an application's counters on
 * from that entry version, won by one unique insert, so a retried or racing
 * writer never counts a change twice.
 */
const statsClaimSchema = new Schema({ _id: { type: String, required: true } }, { versionKey: false, collection: 'statsclaims' });
export const StatsClaimModel = mongoose.model('StatsClaim', statsClaimSchema);

/** `_id` "readmodels": the read models' schema version and when they were last rebuilt. */
const readModelMetaSchema = new Schema(
  { _id: { type: String, required: true }, schema: { type: Number, required: true }, rebuiltAt: { type: Date, required: true } },
  { versionKey: false, collection: 'readmodelmeta' },
);
export const ReadModelMetaModel = mongoose.model('ReadModelMeta', readModelMetaSchema);
