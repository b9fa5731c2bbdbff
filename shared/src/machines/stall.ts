import { CLOSED_COMMON, DECIDERS, commonTransitions } from './common';
import type { Machine } from './types';

/** Startup-park stall: approval assigns a free stall; release ends the tenancy. */
export const stallMachine: Machine = {
  kind: 'stall',
  transitions: [
    ...commonTransitions({ approveFrom: ['under_review'] }),
    { action: 'release', from: ['approved'], to: 'released', by: DECIDERS },
  ],
  closed: [...CLOSED_COMMON, 'released'],
  holding: ['approved'],
};
