import { CLOSED_COMMON, DECIDERS, commonTransitions } from './common';
import type { Machine } from './types';

/**
 * Startup-park stall: approval assigns a free stall, or, when the park is
 * full, puts the application on the park's wait-list in submission order, as
 * a class does; a released stall goes to the first one waiting. Release ends
 * the tenancy.
 */
export const stallMachine: Machine = {
  kind: 'stall',
  transitions: [
    ...commonTransitions({ approveFrom: ['under_review'], rejectAlsoFrom: ['waitlisted'], withdrawAlsoFrom: ['waitlisted'] }),
    { action: 'waitlist', from: ['under_review'], to: 'waitlisted', by: ['system'] },
    { action: 'promote', from: ['waitlisted'], to: 'approved', by: ['system'] },
    { action: 'release', from: ['approved'], to: 'released', by: DECIDERS },
  ],
  closed: [...CLOSED_COMMON, 'released'],
  holding: ['approved'],
};
