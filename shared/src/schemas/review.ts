import { z } from 'zod';
import { stepReasonSchema, textSchema } from '../validators/text';
import { keysetCursor, type KeysetCursor } from '../cursor';
import { ACTIONS, applicationStatusSchema, type Action } from '../machines/types';
import { applicationCoreShape, applicationIdentityShape, materialSchema } from './application';
import { certificateSummarySchema } from './certificates';
import { CATEGORIES, dateSchema, dateTimeSchema, fenSchema, objectIdSchema, programKindSchema } from './common';
import { communityCodeSchema } from './communities';
import { consentStatusSchema } from './profile';

/** Filters of the staff queue, the statistics and the export. */
export const applicationFilterSchema = z.strictObject({
  status: applicationStatusSchema.optional(),
  kind: programKindSchema.optional(),
  programId: objectIdSchema.optional(),
  street: textSchema().trim().min(1).max(30).optional(),
  community: communityCodeSchema.optional(),
  /** Application number, applicant name, last 4 mobile digits, or a full ID number. */
  q: textSchema().trim().min(1).max(40).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  /** Loans with a repayment overdue. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type ApplicationFilter = z.infer<typeof applicationFilterSchema>;

export const QUEUE_SORTS = ['newest', 'oldest', 'waiting'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Where a queue page starts: after the row with this sort key (submittedAt or updatedAt) and this _id. */
export type QueueCursor = KeysetCursor<QueueSort>;

const queueCursor = keysetCursor(QUEUE_SORTS, /[0-9a-f]{24}/);

/** The queue's opaque `next`/`after` token (the API's one cursor convention, cursor.ts). */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return queueCursor.encode(cursor);
}

/** A `next` token from an earlier page, decoded; anything else is refused. */
const queueCursorSchema = queueCursor.schema.meta({
  description: 'The `next` token of the previous page (opaque); pages then start after it, without skipping rows.',
});

/**
 * The queue's filters, sort and page: sent as the body of POST /api/admin/applications/search.
 * `after` (the previous page's `next`) pages by a range on the sort key; `page` skips rows and
 * stays for the first page and old clients. With `after`, `page` is only echoed back.
 */
export const queueSearchSchema = applicationFilterSchema
  .extend({
    sort: z.enum(QUEUE_SORTS, { error: '排序方式不正确' }).default('newest'),
    page: z.coerce.number({ error: '页码不正确' }).int().min(1).max(10000).default(1),
    pageSize: z.coerce.number({ error: '每页条数不正确' }).int().min(1).max(100).default(20),
    after: queueCursorSchema.optional(),
  })
  .refine((value) => !value.after || value.after.sort === value.sort, {
    path: ['after'],
    message: '翻页位置属于另一种排序，请从第一页重新加载',
  });
export type QueueQuery = z.infer<typeof queueSearchSchema>;

/** A full ID number (18 or 15 characters) or a full mobile number. */
const PERSONAL_NUMBER = /^(\d{17}[\dXx]|\d{15}|1\d{10})$/;

/**
 * Addresses are kept by proxies, browser history and access logs, so a full ID
 * or mobile number may be searched for only in a request body, never in a query string.
 */
export function withoutPersonalNumberInUrl<T extends z.ZodType<{ q?: string | undefined }>>(schema: T): T {
  return schema.refine((value) => !value.q || !PERSONAL_NUMBER.test(value.q), {
    path: ['q'],
    message: '按身份证号或手机号查找请使用搜索框（号码不能放在网址中）',
  }) as unknown as T;
}

/** GET /api/admin/applications: the same as the search body, without personal numbers. */
export const queueQuerySchema = withoutPersonalNumberInUrl(queueSearchSchema);

export const queueItemSchema = z
  .object({
    ...applicationIdentityShape,
    applicantName: z.string(),
    idNumberMasked: z.string(),
    mobileMasked: z.string(),
    street: z.string(),
    community: z.string(),
    submittedAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
    /** Days since the last status change, for "waiting longest" triage. */
    waitingDays: z.number().int(),
    overdue: z.boolean(),
    assisted: z.boolean(),
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueResponseSchema = z
  .object({
    items: z.array(queueItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** Send as `after` for the following page; null on the last page. */
    next: z.string().nullable().meta({ description: 'Send as `after` for the following page; null on the last page.' }),
    /**
     * The open applications matching every filter but the status, per status (a status with none is left out),
     * for the status chips; null for a search by application number or full ID number.
     */
    statusCounts: z.partialRecord(applicationStatusSchema, z.number().int().nonnegative()).nullable(),
  })
  .meta({ id: 'QueuePage' });
export type QueueResponse = z.infer<typeof queueResponseSchema>;

/**
 * What the records below hold was checked when recorded (machines/bounds.ts:
 * dates within the application's life, amounts within the terms), but a
 * record written before those bounds, or by hand, may hold anything: read
 * and shown as stored, never refused, so that one bad value cannot make an
 * application unreadable.
 */
const storedDate = z.string().meta({ description: 'YYYY-MM-DD as recorded (an older record may hold a value out of bounds)' });
const storedFen = z.number().meta({ description: 'Amount in fen as recorded (an older record may hold a value out of bounds)' });

/** What a pre-loan inspection records. */
const inspectionSchema = z.object({ date: storedDate, officer: z.string(), notes: z.string() });

/** What staff record of a loan, step by step (the `record` of machines/steps.ts). */
export const loanRecordSchema = z.object({
  inspection: inspectionSchema.optional(),
  approvedFen: storedFen.optional(),
  termMonths: z.number().int().optional(),
  disbursedFen: storedFen.optional(),
  disbursedOn: storedDate.optional(),
  dueOn: storedDate.optional(),
  repayments: z.array(z.object({ amountFen: storedFen, paidOn: storedDate })).default([]),
  repaidFen: storedFen.default(0),
  outstandingFen: storedFen.optional(),
  settledOn: storedDate.optional(),
});
export type LoanRecord = z.infer<typeof loanRecordSchema>;
/** A loan record as stored, before the defaults are filled in. */
export type StoredLoanRecord = z.input<typeof loanRecordSchema>;

/** What staff record of a training place. */
const trainingRecordSchema = z.object({
  startedOn: storedDate.optional(),
  completedOn: storedDate.optional(),
  /** The programme's subsidy per trainee at completion: owed to the school. */
  subsidyDueFen: storedFen.optional(),
});
export type TrainingRecord = z.infer<typeof trainingRecordSchema>;

/** What staff record of a subsidy claim. */
export const subsidyRecordSchema = z.object({
  period: z.string().optional(),
  approvedFen: storedFen.optional(),
  paidFen: storedFen.optional(),
  paidOn: storedDate.optional(),
});
export type SubsidyRecord = z.infer<typeof subsidyRecordSchema>;

/** The assisted resident's consent as the reviewer checks it: how and when it was given, and the signed form (openable through the application) once uploaded. */
const applicantConsentSchema = z.object({
  status: consentStatusSchema,
  at: dateTimeSchema.nullable(),
  form: materialSchema.nullable(),
});

export const staffApplicationSchema = z
  .object({
    ...applicationCoreShape,
    applicant: z.object({
      name: z.string(),
      idNumberMasked: z.string(),
      mobileMasked: z.string(),
      /** The year only: with the full birth date beside the masked number, only the county code stays hidden (about two candidates). */
      birthYear: z.number().int(),
      sex: z.string(),
      householdType: z.string(),
      categories: z.array(z.enum(CATEGORIES)),
      street: z.string(),
      community: z.string(),
    }),
    decidedAt: dateTimeSchema.nullable(),
    loan: loanRecordSchema.nullable(),
    training: trainingRecordSchema.nullable(),
    subsidy: subsidyRecordSchema.nullable(),
    linkedApplicationId: objectIdSchema.nullable(),
    /** The applicant's latest 就业创业证, or null when none was applied for. */
    certificate: certificateSummarySchema.nullable(),
    /** For an application an officer made for the resident (帮办): their consent; null for the resident's own. */
    consent: applicantConsentSchema.nullable(),
    /** What the viewer may do now. */
    actions: z.array(z.enum(ACTIONS)),
  })
  .meta({ id: 'StaffApplication' });
export type StaffApplication = z.infer<typeof staffApplicationSchema>;

export const revealIdRequestSchema = z
  .strictObject({ reason: textSchema({ error: '请说明查看原因' }).trim().min(2, { error: '请说明查看原因' }).max(200) })
  .meta({ id: 'RevealIdRequest' });
export const revealIdResponseSchema = z.object({ idNumber: z.string() }).meta({ id: 'RevealIdResponse' });
/** POST …/reveal-mobile takes the same request as the ID number's: a reason, audited before anything is shown. */
export const revealMobileResponseSchema = z.object({ mobile: z.string() }).meta({ id: 'RevealMobileResponse' });

const stepShape = {
  version: z.number({ error: '缺少版本号' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Required by the steps whose transition says so (machines/); a note otherwise. */
  reason: stepReasonSchema().optional(),
};
const dated = { date: dateSchema.optional() };

/** An amount in fen that the step requires, with its own message when it is missing. */
const requiredFen = (missing: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? missing : '金额必须是数字') })
    .int({ error: '金额必须以分为单位的整数' })
    .nonnegative({ error: '金额不能为负' })
    .max(Number.MAX_SAFE_INTEGER);

/** One staff step's request: its action, the revision the reviewer saw, and the fields that step records. */
function stepSchema<A extends Action, S extends z.ZodRawShape>(action: A, shape: S) {
  return z.strictObject({ action: z.literal(action), ...stepShape, ...shape });
}

/**
 * POST /api/admin/applications/:id/transitions, one schema per action: each
 * names exactly the fields its step takes. What depends on the kind or on the
 * application (a loan's approval needs an amount; a disbursement is capped by
 * it) is checked by the step's rule in machines/steps.ts.
 */
export const transitionRequestSchema = z
  .discriminatedUnion(
    'action',
    [
      stepSchema('start_review', {}),
      stepSchema('request_info', {}),
      stepSchema('reject', {}),
      stepSchema('withdraw', {}),
      stepSchema('release', {}),
      stepSchema('mark_no_show', {}),
      // Never taken by staff (the resident resubmits; the system wait-lists and promotes): refused by the step.
      stepSchema('resubmit', {}),
      stepSchema('waitlist', {}),
      stepSchema('promote', {}),
      stepSchema('approve', {
        /** stall: the stall chosen by the reviewer (else the first free one). */
        slotLabel: textSchema().trim().min(1).max(30).optional(),
        /** loan: the amount and term approved (required for loans). */
        approvedFen: fenSchema.optional(),
        termMonths: z.number().int().min(1).max(120).optional(),
      }),
      stepSchema('inspect', {
        inspection: z.strictObject(
          {
            date: dateSchema,
            officer: textSchema().trim().min(1).max(30),
            notes: textSchema().trim().max(1000).default(''),
          },
          { error: '请填写贷前考察的日期、考察人和情况' },
        ),
      }),
      stepSchema('disburse', {
        amountFen: requiredFen('请填写放款金额'),
        date: z.iso.date({ error: (issue) => (issue.input === undefined ? '请填写放款日期' : '日期格式应为 YYYY-MM-DD') }),
      }),
      stepSchema('record_repayment', { amountFen: requiredFen('请填写还款金额'), ...dated }),
      stepSchema('settle', dated),
      /** subsidy: the amount paid (else the approved amount). */
      stepSchema('pay', { amountFen: fenSchema.optional(), ...dated }),
      stepSchema('start_training', dated),
      stepSchema('complete', dated),
    ],
    { error: '操作不正确' },
  )
  .meta({ id: 'TransitionRequest' });
export type TransitionRequestBody = z.infer<typeof transitionRequestSchema>;
/** The request of one staff step. */
export type StepRequest<A extends TransitionRequestBody['action']> = Extract<TransitionRequestBody, { action: A }>;
