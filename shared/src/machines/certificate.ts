import type { z } from 'zod';
import { labelledEnum } from '../schemas/labelled-enum';
import type { Category } from '../schemas/common';

// The 就业创业证 (employment registration; it replaced the 再就业优惠证): a
// record the resident (or an officer for them) applies for with evidence, the
// community station checks, and the district bureau approves, suspends or
// cancels. Apart from the applications' machines: it is no programme.

export const {
  values: CERTIFICATE_STATUSES,
  schema: certificateStatusSchema,
  labels: CERTIFICATE_STATUS_LABELS,
} = labelledEnum({
  pending: '待社区核查',
  checked: '待区局审批',
  active: '已核验',
  rejected: '未通过',
  suspended: '已暂停',
  cancelled: '已注销',
});
export type CertificateStatus = z.infer<typeof certificateStatusSchema>;

export const {
  values: CERTIFICATE_ACTIONS,
  schema: certificateActionSchema,
  labels: CERTIFICATE_ACTION_LABELS,
} = labelledEnum(
  { check: '社区核查通过', approve: '批准发证', reject: '不予通过', suspend: '暂停使用', reinstate: '恢复使用', cancel: '注销' },
  '操作不正确',
);
export type CertificateAction = z.infer<typeof certificateActionSchema>;

/** Station officers check; the bureau (reviewers, administrators) decides. */
export type CertificateActor = 'officer' | 'reviewer' | 'admin';

export interface CertificateTransition {
  readonly action: CertificateAction;
  readonly from: readonly CertificateStatus[];
  readonly to: CertificateStatus;
  readonly by: readonly CertificateActor[];
  readonly reasonRequired?: boolean;
}

const BUREAU = ['reviewer', 'admin'] as const;

export const CERTIFICATE_TRANSITIONS: readonly CertificateTransition[] = [
  { action: 'check', from: ['pending'], to: 'checked', by: ['officer', 'admin'] },
  { action: 'reject', from: ['pending'], to: 'rejected', by: ['officer', 'admin'], reasonRequired: true },
  { action: 'reject', from: ['checked'], to: 'rejected', by: BUREAU, reasonRequired: true },
  { action: 'approve', from: ['checked'], to: 'active', by: BUREAU },
  { action: 'suspend', from: ['active'], to: 'suspended', by: BUREAU, reasonRequired: true },
  { action: 'reinstate', from: ['suspended'], to: 'active', by: BUREAU },
  { action: 'cancel', from: ['active', 'suspended'], to: 'cancelled', by: BUREAU, reasonRequired: true },
];

/** Statuses after which the resident may apply again: the record no longer stands. */
export const CERTIFICATE_CLOSED: readonly CertificateStatus[] = ['rejected', 'cancelled'];

/** Statuses waiting for staff: the station's check, then the bureau's approval. */
export const CERTIFICATE_WAITING: readonly CertificateStatus[] = ['pending', 'checked'];

/** Categories that gate benefits and count only when a verified certificate carries them (登记失业, 就业困难). */
export const CERTIFIED_CATEGORIES = ['registered_unemployed', 'hard_to_employ'] as const satisfies readonly Category[];
export type CertifiedCategory = (typeof CERTIFIED_CATEGORIES)[number];

export type CertificateCheck = { ok: true; transition: CertificateTransition } | { ok: false; reason: 'not_allowed' | 'wrong_status' };

/** Whether `actor` may take `action` on a certificate in `status`. */
export function checkCertificateStep(status: CertificateStatus, action: CertificateAction, actor: CertificateActor): CertificateCheck {
  const forActor = CERTIFICATE_TRANSITIONS.filter((t) => t.action === action && t.by.includes(actor));
  if (forActor.length === 0) return { ok: false, reason: 'not_allowed' };
  const fromHere = forActor.find((t) => t.from.includes(status));
  return fromHere ? { ok: true, transition: fromHere } : { ok: false, reason: 'wrong_status' };
}

/** The steps `actor` may take now, for showing buttons. */
export function certificateActions(status: CertificateStatus, actor: CertificateActor): CertificateAction[] {
  return [...new Set(CERTIFICATE_TRANSITIONS.filter((t) => t.from.includes(status) && t.by.includes(actor)).map((t) => t.action))];
}
