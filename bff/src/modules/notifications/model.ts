import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { APPLICATION_STATUSES, CERTIFICATE_STATUSES, NOTICE_KINDS } from '@minsheng/shared';

/**
 * An in-app message. Its `_id` is the application revision it tells of
 * ("<applicationId>:<fromVersion>"), or the certificate decision
 * ("<certificateId>:<fromVersion>"), so filing it twice is a duplicate key,
 * never a second message.
 */
const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    /** The application it tells of; absent on a certificate's message, which has `certificateId`. */
    applicationId: { type: Schema.Types.ObjectId },
    certificateId: { type: Schema.Types.ObjectId },
    /** The application's number, or the certificate's (empty before one is issued). */
    applicationNumber: { type: String, default: '' },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    /** The application's status after the change, or the certificate's. */
    status: { type: String, enum: [...new Set([...APPLICATION_STATUSES, ...CERTIFICATE_STATUSES])], required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** The revision's time: a message filed late by the sweeper keeps its place in the list. */
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// The resident's list, newest first, with keyset paging on (createdAt, _id); and the unread count.
messageSchema.index({ residentId: 1, createdAt: -1, _id: -1 });
messageSchema.index({ residentId: 1, readAt: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: string };
export const MessageModel = mongoose.model('Message', messageSchema);

export const OUTBOX_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A WeChat subscribe message to send, with the same `_id` as its in-app
 * message. Taken by one worker at a time through a lease (OutboxLeaseModel);
 * `generation` names the lease that may act on it now.
 */
const outboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    applicationNumber: { type: String, required: true },
    programTitle: { type: String, required: true },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    applicationStatus: { type: String, enum: APPLICATION_STATUSES, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    title: { type: String, required: true },
    generation: { type: Number, required: true, default: 0 },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    /** The lease owner that recorded the outcome. */
    doneBy: { type: String, default: null },
    doneAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The worker's query: what is pending and due.
outboxSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema> & { _id: string };
export const OutboxModel = mongoose.model('Outbox', outboxSchema, 'outbox');

/**
 * A lease on an outbox entry: `_id` "<outboxId>#<generation>". Taking it is
 * inserting it, so of several workers exactly one holds a generation, on
 * MongoDB and on FerretDB 1.x alike. Kept after use: which process sent what.
 */
const outboxLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    outboxId: { type: String, required: true },
    owner: { type: String, required: true },
    takenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export type OutboxLeaseDoc = InferSchemaType<typeof outboxLeaseSchema> & { _id: string };
export const OutboxLeaseModel = mongoose.model('OutboxLease', outboxLeaseSchema);

/** One acceptance in `requestSubscribeMessage`: WeChat allows one message for it. */
const subscriptionGrantSchema = new Schema(
  {
    residentId: { type: Schema.Types.ObjectId, required: true },
    templateId: { type: String, required: true },
    grantedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The oldest grant first, ties by _id, as the outbox takes them.
subscriptionGrantSchema.index({ residentId: 1, templateId: 1, grantedAt: 1, _id: 1 });
export type SubscriptionGrantDoc = InferSchemaType<typeof subscriptionGrantSchema> & { _id: Types.ObjectId };
export const SubscriptionGrantModel = mongoose.model('SubscriptionGrant', subscriptionGrantSchema);

/**
 * A grant spent on one outbox entry: `_id` is the grant's and `outboxId` is
 * unique, so a grant pays for one message and a message spends one grant,
 * whatever runs concurrently (no counter, no $inc).
 */
const grantUseSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    outboxId: { type: String, required: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    templateId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
grantUseSchema.index({ outboxId: 1 }, { unique: true });
grantUseSchema.index({ residentId: 1, templateId: 1 });
export type GrantUseDoc = InferSchemaType<typeof grantUseSchema> & { _id: Types.ObjectId };
export const GrantUseModel = mongoose.model('SubscriptionGrantUse', grantUseSchema);
