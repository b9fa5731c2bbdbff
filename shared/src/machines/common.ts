import type { ApplicationStatus, Transition } from './types';

const DECIDERS = ['reviewer', 'admin'] as const;

/** Transitions every kind shares; `extraOpen` are kind-specific pre-decision statuses. */
export function commonTransitions(options: {
  approveFrom: readonly ApplicationStatus[];
  extraOpen?: readonly ApplicationStatus[];
  rejectAlsoFrom?: readonly ApplicationStatus[];
  withdrawAlsoFrom?: readonly ApplicationStatus[];
}): Transition[] {
  const open: ApplicationStatus[] = ['submitted', 'under_review', 'needs_info', ...(options.extraOpen ?? [])];
  return [
    { action: 'start_review', from: ['submitted'], to: 'under_review', by: DECIDERS },
    {
      action: 'request_info',
      from: ['submitted', 'under_review', ...(options.extraOpen ?? [])],
      to: 'needs_info',
      by: DECIDERS,
      reasonRequired: true,
    },
    { action: 'resubmit', from: ['needs_info'], to: 'submitted', by: ['resident', 'officer'] },
    { action: 'approve', from: options.approveFrom, to: 'approved', by: DECIDERS },
    { action: 'reject', from: [...open, ...(options.rejectAlsoFrom ?? [])], to: 'rejected', by: DECIDERS, reasonRequired: true },
    { action: 'withdraw', from: [...open, ...(options.withdrawAlsoFrom ?? [])], to: 'withdrawn', by: ['resident', 'officer'] },
  ];
}

export const CLOSED_COMMON: readonly ApplicationStatus[] = ['rejected', 'withdrawn'];
export { DECIDERS };
