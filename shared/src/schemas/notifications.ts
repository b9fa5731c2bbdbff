import { z } from 'zod';
import { keysetCursor } from '../cursor';
import { MACHINES, type Action, type ApplicationStatus } from '../machines';
import { formatYuan } from '../validators/money';
import { dateTimeSchema, objectIdSchema, type ProgramKind } from './common';

/** What a resident hears about: the application changes they care about. */
export const NOTICE_KINDS = [
  'info_requested',
  'approved',
  'rejected',
  'stall_assigned',
  'seat_taken',
  'seat_promoted',
  'waitlisted',
  'loan_disbursed',
  'subsidy_paid',
  // The 就业创业证's decisions (certificates.ts).
  'certificate_issued',
  'certificate_rejected',
  'certificate_suspended',
  'certificate_reinstated',
  'certificate_cancelled',
] as const;
const noticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof noticeKindSchema>;
/** Kinds told about an application's step (`noticeFor`). */
export type ApplicationNoticeKind = Exclude<NoticeKind, `certificate_${string}`>;
/** Kinds told about a decision on the resident's 就业创业证 (`certificateNotice`). */
export type CertificateNoticeKind = Extract<NoticeKind, `certificate_${string}`>;

/**
 * Which step of a kind's state machine tells the resident what. The first
 * rule naming the action (and, when given, the kind) wins; a step no rule
 * names (start of review, withdrawal, repayments...) sends nothing. Each
 * step must exist in the kind's machine: the status it leads to is the
 * machine's, never repeated here.
 */
const NOTICE_RULES: readonly { action: Action; kinds?: readonly ProgramKind[]; notice: ApplicationNoticeKind }[] = [
  { action: 'request_info', notice: 'info_requested' },
  { action: 'approve', kinds: ['stall'], notice: 'stall_assigned' },
  { action: 'approve', kinds: ['training'], notice: 'seat_taken' },
  { action: 'approve', notice: 'approved' },
  { action: 'waitlist', notice: 'waitlisted' },
  { action: 'promote', kinds: ['stall'], notice: 'stall_assigned' },
  { action: 'promote', notice: 'seat_promoted' },
  { action: 'reject', notice: 'rejected' },
  { action: 'disburse', notice: 'loan_disbursed' },
  { action: 'pay', notice: 'subsidy_paid' },
];

/** Facts a notice's text may use, taken from the application and the step. */
export interface NoticeFacts {
  programTitle: string;
  number: string;
  reason?: string | undefined;
  /** The stall or seat assigned. */
  slot?: string | undefined;
  /** Loan approved, loan disbursed, subsidy paid. */
  amountFen?: number | undefined;
  termMonths?: number | undefined;
}

export interface Notice {
  kind: NoticeKind;
  /** The status the step leads to, by the kind's machine. */
  status: ApplicationStatus;
  title: string;
  body: string;
}

const yuan = (fen: number | undefined) => (fen === undefined ? '' : `${formatYuan(fen)} 元`);
const sentence = (text: string | undefined, prefix: string) => (text ? `${prefix}${text}。` : '');

const TEMPLATES: Record<ApplicationNoticeKind, { title: string; body: (f: NoticeFacts) => string }> = {
  info_requested: {
    title: '需要补充材料',
    body: (f) => `您的「${f.programTitle}」申请（${f.number}）需要补充材料。${sentence(f.reason, '说明：')}请在小程序中补充后重新提交。`,
  },
  approved: {
    title: '申请已通过',
    body: (f) =>
      `您的「${f.programTitle}」申请（${f.number}）已通过审核。${f.amountFen === undefined ? '' : `批准金额 ${yuan(f.amountFen)}${f.termMonths ? `，期限 ${f.termMonths} 个月` : ''}。`}`,
  },
  rejected: {
    title: '申请未通过',
    body: (f) =>
      `很抱歉，您的「${f.programTitle}」申请（${f.number}）未通过审核。${sentence(f.reason, '原因：')}如有疑问请联系所在社区劳动保障站。`,
  },
  stall_assigned: {
    title: '摊位已分配',
    body: (f) =>
      `您的「${f.programTitle}」申请（${f.number}）已通过，${f.slot ? `分配摊位：${f.slot}。` : '摊位已分配。'}请按通知办理入驻。`,
  },
  seat_taken: {
    title: '培训名额已确认',
    body: (f) => `您的「${f.programTitle}」申请（${f.number}）已通过，培训名额已为您保留${f.slot ? `（${f.slot}）` : ''}。请按时到训。`,
  },
  seat_promoted: {
    title: '候补已转正',
    body: (f) =>
      `好消息：「${f.programTitle}」有了空余名额，您的申请（${f.number}）已由候补转为正式学员${f.slot ? `（${f.slot}）` : ''}。请按时到训。`,
  },
  waitlisted: {
    title: '已进入候补',
    body: (f) =>
      `您的「${f.programTitle}」申请（${f.number}）已通过审核，但名额已满，已按提交先后进入候补名单。有空余名额时将自动为您递补并通知您，候补位置可在“我的申请”中查看。`,
  },
  loan_disbursed: {
    title: '贷款已放款',
    body: (f) =>
      `您的「${f.programTitle}」申请（${f.number}）已放款${f.amountFen === undefined ? '' : ` ${yuan(f.amountFen)}`}。请按期还款。`,
  },
  subsidy_paid: {
    title: '补贴已发放',
    body: (f) => `您的「${f.programTitle}」申请（${f.number}）补贴已发放${f.amountFen === undefined ? '' : ` ${yuan(f.amountFen)}`}。`,
  },
};

/** The notice a step of an application's machine sends its resident, or null when the step is not one they hear about. */
export function noticeFor(kind: ProgramKind, action: Action, facts: NoticeFacts): Notice | null {
  const transition = MACHINES[kind].transitions.find((t) => t.action === action);
  if (!transition) return null;
  const rule = NOTICE_RULES.find((r) => r.action === action && (!r.kinds || r.kinds.includes(kind)));
  if (!rule) return null;
  const template = TEMPLATES[rule.notice];
  return { kind: rule.notice, status: transition.to, title: template.title, body: template.body(facts) };
}

/** An in-app message's id: "<application id>:<revision it changed from>". */
const messageIdSchema = z
  .string()
  .regex(/^[a-f0-9]{24}:\d{1,9}$/, { error: '消息编号不正确' })
  .meta({ description: 'Message id: "<applicationId>:<revision>"' });

export const messageSchema = z
  .object({
    id: messageIdSchema,
    kind: noticeKindSchema,
    title: z.string(),
    body: z.string(),
    /** The application it tells of; absent on a message about the resident's 就业创业证 (then `certificateId`). */
    applicationId: objectIdSchema.optional(),
    certificateId: objectIdSchema.optional(),
    applicationNumber: z.string(),
    /** Status label of the application (or certificate) after the change, e.g. 已通过. */
    statusLabel: z.string(),
    createdAt: dateTimeSchema,
    readAt: dateTimeSchema.nullable(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof messageSchema>;

/** The messages' `nextCursor`: the last message's time and id (application:version), newest first. */
export const messageCursor = keysetCursor(['newest'], /[a-f0-9]{24}:\d{1,9}/);

export const messageListQuerySchema = z
  .strictObject({
    /** `nextCursor` of the previous page. */
    cursor: messageCursor.schema.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .meta({ id: 'MessageListQuery' });
export type MessageListQuery = z.input<typeof messageListQuerySchema>;

export const messageListResponseSchema = z
  .object({
    items: z.array(messageSchema),
    /** Unread messages of the resident in all. */
    unread: z.number().int().nonnegative(),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MessageList' });
export type MessageListResponse = z.infer<typeof messageListResponseSchema>;

export const markMessagesReadRequestSchema = z
  .union([
    z.strictObject({ ids: z.array(messageIdSchema).min(1, { error: '请选择消息' }).max(100, { error: '一次最多 100 条' }) }),
    z.strictObject({ all: z.literal(true) }),
  ])
  .meta({ id: 'MarkMessagesReadRequest' });
export type MarkMessagesReadRequest = z.infer<typeof markMessagesReadRequestSchema>;

export const markMessagesReadResponseSchema = z
  .object({ marked: z.number().int().nonnegative(), unread: z.number().int().nonnegative() })
  .meta({ id: 'MarkMessagesReadResponse' });
export type MarkMessagesReadResponse = z.infer<typeof markMessagesReadResponseSchema>;

/** A WeChat subscribe-message template id. */
const templateIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '消息模板编号不正确' });

/**
 * The template ids the resident accepted in `requestSubscribeMessage`. Each
 * accepted id is one grant: WeChat allows one message per acceptance.
 */
export const subscriptionGrantRequestSchema = z
  .strictObject({ accepted: z.array(templateIdSchema).max(3, { error: '一次最多 3 个模板' }) })
  .meta({ id: 'SubscriptionGrantRequest' });
export type SubscriptionGrantRequest = z.infer<typeof subscriptionGrantRequestSchema>;

export const subscriptionsResponseSchema = z
  .object({
    /** Template ids to pass to `requestSubscribeMessage`. */
    templateIds: z.array(templateIdSchema),
    /** Unused grants per template id. */
    available: z.record(z.string(), z.number().int().nonnegative()),
  })
  .meta({ id: 'Subscriptions' });
export type SubscriptionsResponse = z.infer<typeof subscriptionsResponseSchema>;
