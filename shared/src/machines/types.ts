import type { z } from 'zod';
import type { ProgramKind } from '../schemas/common';
import { labelledEnum } from '../schemas/labelled-enum';

export const {
  values: APPLICATION_STATUSES,
  schema: applicationStatusSchema,
  labels: STATUS_LABELS,
} = labelledEnum({
  submitted: '已提交',
  under_review: '审核中',
  needs_info: '待补充材料',
  inspected: '已完成贷前考察',
  waitlisted: '候补中',
  approved: '已通过',
  attending: '培训中',
  disbursed: '已放款',
  repaying: '还款中',
  rejected: '未通过',
  withdrawn: '已撤回',
  released: '已退租',
  completed: '已结业',
  no_show: '未到训',
  settled: '已结清',
  paid: '已发放',
});
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const {
  values: ACTIONS,
  schema: actionSchema,
  labels: ACTION_LABELS,
} = labelledEnum(
  {
    start_review: '开始审核',
    request_info: '要求补充材料',
    resubmit: '补充后重新提交',
    approve: '批准',
    reject: '不予通过',
    withdraw: '撤回申请',
    release: '退租释放摊位',
    waitlist: '进入候补',
    promote: '候补转正',
    start_training: '登记到训',
    complete: '登记结业',
    mark_no_show: '登记未到训',
    inspect: '登记贷前考察',
    disburse: '登记放款',
    record_repayment: '登记还款',
    settle: '登记结清',
    pay: '登记发放',
  },
  '操作不正确',
);
export type Action = z.infer<typeof actionSchema>;

/** Who acts: the resident, staff by role, or the system itself (wait-list moves). */
export const ACTORS = ['resident', 'officer', 'reviewer', 'admin', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export interface Transition {
  readonly action: Action;
  readonly from: readonly ApplicationStatus[];
  readonly to: ApplicationStatus;
  readonly by: readonly Actor[];
  /** A reason must be given (refusals, requests for information). */
  readonly reasonRequired?: boolean;
}

export interface Machine {
  readonly kind: ProgramKind;
  readonly transitions: readonly Transition[];
  /** Statuses after which the resident may apply to the same programme again. */
  readonly closed: readonly ApplicationStatus[];
  /** Statuses in which the application holds a place (a stall or a seat); none for kinds without places. */
  readonly holding: readonly ApplicationStatus[];
}
