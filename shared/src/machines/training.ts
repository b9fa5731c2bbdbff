import { CLOSED_COMMON, DECIDERS, commonTransitions } from './common';
import type { Machine } from './types';

/**
 * Training place: approval takes a seat, or, when the class is full, puts the
 * application on the wait-list in submission order; a freed seat promotes the
 * first one waiting.
 */
export const trainingMachine: Machine = {
  kind: 'training',
  transitions: [
    ...commonTransitions({
      approveFrom: ['under_review'],
      rejectAlsoFrom: ['waitlisted', 'approved'],
      withdrawAlsoFrom: ['waitlisted', 'approved'],
    }),
    { action: 'waitlist', from: ['under_review'], to: 'waitlisted', by: ['system'] },
    { action: 'promote', from: ['waitlisted'], to: 'approved', by: ['system'] },
    { action: 'start_training', from: ['approved'], to: 'attending', by: ['officer', ...DECIDERS] },
    { action: 'mark_no_show', from: ['approved'], to: 'no_show', by: DECIDERS },
    { action: 'complete', from: ['attending'], to: 'completed', by: DECIDERS },
  ],
  closed: [...CLOSED_COMMON, 'completed', 'no_show'],
  holding: ['approved', 'attending', 'completed'],
};
