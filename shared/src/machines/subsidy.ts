import { CLOSED_COMMON, DECIDERS, commonTransitions } from './common';
import type { Machine } from './types';

/**
 * Benefit subsidy: one application claims one quarter; approval, then payment.
 * A paid claim still blocks a second claim for the same quarter, so only
 * refusals and withdrawals are "closed".
 */
export const subsidyMachine: Machine = {
  kind: 'subsidy',
  transitions: [...commonTransitions({ approveFrom: ['under_review'] }), { action: 'pay', from: ['approved'], to: 'paid', by: DECIDERS }],
  closed: CLOSED_COMMON,
  holding: [],
};
