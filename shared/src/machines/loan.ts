import { CLOSED_COMMON, DECIDERS, commonTransitions } from './common';
import type { Machine } from './types';

/**
 * Small guaranteed loan: pre-loan inspection, approval of amount and term,
 * disbursement, repayments, settlement ("five in place").
 */
export const loanMachine: Machine = {
  kind: 'loan',
  transitions: [
    ...commonTransitions({ approveFrom: ['inspected'], extraOpen: ['inspected'] }),
    { action: 'inspect', from: ['under_review'], to: 'inspected', by: ['officer', ...DECIDERS] },
    { action: 'disburse', from: ['approved'], to: 'disbursed', by: DECIDERS },
    { action: 'record_repayment', from: ['disbursed', 'repaying'], to: 'repaying', by: DECIDERS },
    { action: 'settle', from: ['disbursed', 'repaying'], to: 'settled', by: DECIDERS },
  ],
  closed: [...CLOSED_COMMON, 'settled'],
  holding: [],
};
