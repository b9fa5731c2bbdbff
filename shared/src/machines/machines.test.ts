import { PROGRAM_KINDS, type ProgramKind } from '../schemas/common';
import {
  ACTION_LABELS,
  ACTIONS,
  ACTORS,
  APPLICATION_STATUSES,
  MACHINES,
  STATUS_LABELS,
  availableActions,
  checkTransition,
  isLive,
  statusesOf,
  type Action,
  type Actor,
  type ApplicationStatus,
} from './index';

type Step = readonly [Action, Actor];

/** Applies the steps from 'submitted'; fails the test on the first refused step. */
function walk(kind: ProgramKind, steps: readonly Step[]): ApplicationStatus {
  let status: ApplicationStatus = 'submitted';
  for (const [action, actor] of steps) {
    const check = checkTransition(kind, status, action, actor);
    if (!check.ok) throw new Error(`${kind}: ${actor} cannot ${action} from ${status} (${check.reason})`);
    status = check.transition.to;
  }
  return status;
}

function reachableFromSubmitted(kind: ProgramKind): Set<ApplicationStatus> {
  const seen = new Set<ApplicationStatus>(['submitted']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of MACHINES[kind].transitions) {
      if (t.from.some((s) => seen.has(s)) && !seen.has(t.to)) {
        seen.add(t.to);
        grew = true;
      }
    }
  }
  return seen;
}

const sorted = <T extends string>(xs: readonly T[]): T[] => [...xs].sort();

describe.each(PROGRAM_KINDS)('%s machine', (kind) => {
  it('declares its own kind', () => {
    expect(MACHINES[kind].kind).toBe(kind);
  });

  it('accepts every listed transition for each of its actors and from-statuses', () => {
    for (const t of MACHINES[kind].transitions) {
      for (const from of t.from) {
        for (const actor of t.by) {
          const check = checkTransition(kind, from, t.action, actor);
          expect(check).toEqual({ ok: true, transition: t });
        }
      }
    }
  });

  it('refuses every listed action from a status it does not list', () => {
    for (const t of MACHINES[kind].transitions) {
      const actor = t.by[0];
      if (actor === undefined) throw new Error(`${t.action} has no actor`);
      for (const status of APPLICATION_STATUSES.filter((s) => !t.from.includes(s))) {
        expect(checkTransition(kind, status, t.action, actor)).toEqual({ ok: false, reason: 'wrong_status' });
      }
    }
  });

  it('refuses every listed transition to actors it does not list', () => {
    for (const t of MACHINES[kind].transitions) {
      const from = t.from[0];
      if (from === undefined) throw new Error(`${t.action} has no from-status`);
      for (const actor of ACTORS.filter((a) => !t.by.includes(a))) {
        expect(checkTransition(kind, from, t.action, actor)).toEqual({ ok: false, reason: 'not_allowed' });
      }
    }
  });

  it('lists each action at most once', () => {
    const actions = MACHINES[kind].transitions.map((t) => t.action);
    expect(new Set(actions).size).toBe(actions.length);
  });

  it('lets the resident withdraw before a decision', () => {
    for (const status of ['submitted', 'under_review', 'needs_info'] as const) {
      expect(checkTransition(kind, status, 'withdraw', 'resident').ok).toBe(true);
    }
  });

  it('lets the resident resubmit only from needs_info', () => {
    expect(
      walk(kind, [
        ['start_review', 'reviewer'],
        ['request_info', 'reviewer'],
        ['resubmit', 'resident'],
      ]),
    ).toBe('submitted');
    expect(checkTransition(kind, 'under_review', 'resubmit', 'resident')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('does not let the resident review or decide', () => {
    expect(checkTransition(kind, 'submitted', 'start_review', 'resident')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition(kind, 'under_review', 'reject', 'resident')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('does not let an officer approve or reject', () => {
    const approveFrom = kind === 'loan' ? 'inspected' : 'under_review';
    expect(checkTransition(kind, approveFrom, 'approve', 'officer')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition(kind, 'under_review', 'reject', 'officer')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('requires a reason to reject and to request information', () => {
    for (const action of ['reject', 'request_info'] as const) {
      const t = MACHINES[kind].transitions.find((x) => x.action === action);
      expect(t?.reasonRequired).toBe(true);
    }
  });

  it('does not require a reason for other actions', () => {
    const others = MACHINES[kind].transitions.filter((t) => t.action !== 'reject' && t.action !== 'request_info');
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) expect(t.reasonRequired ?? false).toBe(false);
  });

  it('treats submitted as live and rejected and withdrawn as not live', () => {
    expect(isLive(kind, 'submitted')).toBe(true);
    expect(isLive(kind, 'rejected')).toBe(false);
    expect(isLive(kind, 'withdrawn')).toBe(false);
  });

  it('offers no action from a closed status', () => {
    for (const status of MACHINES[kind].closed) {
      for (const actor of ACTORS) expect(availableActions(kind, status, actor)).toEqual([]);
    }
  });

  it('lists in statusesOf exactly the statuses reachable from submitted', () => {
    expect(sorted(statusesOf(kind))).toEqual(sorted([...reachableFromSubmitted(kind)]));
  });

  it('lists each status once in statusesOf', () => {
    const statuses = statusesOf(kind);
    expect(new Set(statuses).size).toBe(statuses.length);
  });

  it('closes only statuses it can reach', () => {
    const statuses = statusesOf(kind);
    for (const status of MACHINES[kind].closed) expect(statuses).toContain(status);
  });

  it('has a label for every status it uses', () => {
    for (const status of statusesOf(kind)) expect(STATUS_LABELS[status]).toMatch(/\p{Script=Han}/u);
  });

  it('has a label for every action it uses', () => {
    for (const t of MACHINES[kind].transitions) expect(ACTION_LABELS[t.action]).toMatch(/\p{Script=Han}/u);
  });
});

describe('unknown actions', () => {
  it.each<[ProgramKind, Action]>([
    ['stall', 'disburse'],
    ['loan', 'waitlist'],
    ['loan', 'pay'],
    ['loan', 'release'],
    ['training', 'inspect'],
    ['subsidy', 'settle'],
  ])('%s refuses %s as unknown', (kind, action) => {
    expect(checkTransition(kind, 'approved', action, 'admin')).toEqual({ ok: false, reason: 'unknown_action' });
  });
});

describe('wrong status and wrong actor', () => {
  it('refuses to approve a stall that is not under review', () => {
    expect(checkTransition('stall', 'submitted', 'approve', 'reviewer')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('refuses to approve a loan before inspection', () => {
    expect(checkTransition('loan', 'under_review', 'approve', 'reviewer')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('refuses a resident approving a stall', () => {
    expect(checkTransition('stall', 'under_review', 'approve', 'resident')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('refuses staff moving the training wait-list by hand', () => {
    expect(checkTransition('training', 'under_review', 'waitlist', 'admin')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('training', 'waitlisted', 'promote', 'reviewer')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('reports not_allowed for a role that may never take the step, whatever the status', () => {
    expect(checkTransition('stall', 'submitted', 'approve', 'resident')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('reports wrong_status for a role that may take the step from another status', () => {
    expect(checkTransition('stall', 'submitted', 'approve', 'reviewer')).toEqual({ ok: false, reason: 'wrong_status' });
  });
});

describe('paths through each machine', () => {
  it('stall: review, approve, release', () => {
    expect(
      walk('stall', [
        ['start_review', 'reviewer'],
        ['approve', 'admin'],
        ['release', 'reviewer'],
      ]),
    ).toBe('released');
  });

  it('loan: review, inspect, approve, disburse, repay twice, settle', () => {
    expect(
      walk('loan', [
        ['start_review', 'reviewer'],
        ['inspect', 'officer'],
        ['approve', 'reviewer'],
        ['disburse', 'admin'],
        ['record_repayment', 'reviewer'],
        ['record_repayment', 'reviewer'],
        ['settle', 'admin'],
      ]),
    ).toBe('settled');
  });

  it('loan: settles straight after disbursement', () => {
    expect(
      walk('loan', [
        ['start_review', 'reviewer'],
        ['inspect', 'reviewer'],
        ['approve', 'admin'],
        ['disburse', 'admin'],
        ['settle', 'admin'],
      ]),
    ).toBe('settled');
  });

  it('training: wait-list, promote, attend, complete', () => {
    expect(
      walk('training', [
        ['start_review', 'reviewer'],
        ['waitlist', 'system'],
        ['promote', 'system'],
        ['start_training', 'officer'],
        ['complete', 'reviewer'],
      ]),
    ).toBe('completed');
  });

  it('training: approved but never attended', () => {
    expect(
      walk('training', [
        ['start_review', 'reviewer'],
        ['approve', 'reviewer'],
        ['mark_no_show', 'admin'],
      ]),
    ).toBe('no_show');
  });

  it('subsidy: review, approve, pay', () => {
    expect(
      walk('subsidy', [
        ['start_review', 'reviewer'],
        ['approve', 'reviewer'],
        ['pay', 'admin'],
      ]),
    ).toBe('paid');
  });
});

describe('withdrawal and refusal after a decision', () => {
  it.each<ProgramKind>(['stall', 'loan', 'subsidy'])('%s: the resident cannot withdraw once approved', (kind) => {
    expect(checkTransition(kind, 'approved', 'withdraw', 'resident')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it.each<ProgramKind>(['stall', 'loan', 'subsidy'])('%s: a reviewer cannot reject once approved', (kind) => {
    expect(checkTransition(kind, 'approved', 'reject', 'reviewer')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('loan: the resident can withdraw after inspection, before approval', () => {
    expect(checkTransition('loan', 'inspected', 'withdraw', 'resident').ok).toBe(true);
  });

  it('loan: the resident cannot withdraw once disbursed', () => {
    expect(checkTransition('loan', 'disbursed', 'withdraw', 'resident')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('subsidy: the resident cannot withdraw once paid', () => {
    expect(checkTransition('subsidy', 'paid', 'withdraw', 'resident')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it.each<ApplicationStatus>(['approved', 'waitlisted'])('training: the resident can withdraw from %s', (status) => {
    expect(checkTransition('training', status, 'withdraw', 'resident')).toMatchObject({
      ok: true,
      transition: { to: 'withdrawn' },
    });
  });

  it.each<ApplicationStatus>(['approved', 'waitlisted'])('training: a reviewer can reject from %s', (status) => {
    expect(checkTransition('training', status, 'reject', 'reviewer')).toMatchObject({
      ok: true,
      transition: { to: 'rejected' },
    });
  });

  it('training: the resident cannot withdraw once attending', () => {
    expect(checkTransition('training', 'attending', 'withdraw', 'resident')).toEqual({ ok: false, reason: 'wrong_status' });
  });
});

describe('isLive', () => {
  it('keeps a paid subsidy live so the quarter cannot be claimed twice', () => {
    expect(isLive('subsidy', 'paid')).toBe(true);
    expect(isLive('subsidy', 'approved')).toBe(true);
  });

  it('closes a settled loan but not one still repaying', () => {
    expect(isLive('loan', 'settled')).toBe(false);
    expect(isLive('loan', 'disbursed')).toBe(true);
    expect(isLive('loan', 'repaying')).toBe(true);
  });

  it('closes a released stall but not an approved one', () => {
    expect(isLive('stall', 'released')).toBe(false);
    expect(isLive('stall', 'approved')).toBe(true);
  });

  it('closes completed and no-show training but not wait-listed or attending', () => {
    expect(isLive('training', 'completed')).toBe(false);
    expect(isLive('training', 'no_show')).toBe(false);
    expect(isLive('training', 'waitlisted')).toBe(true);
    expect(isLive('training', 'attending')).toBe(true);
  });
});

describe('availableActions', () => {
  it('offers a reviewer the decisions on a stall under review', () => {
    expect(sorted(availableActions('stall', 'under_review', 'reviewer'))).toEqual(['approve', 'reject', 'request_info']);
  });

  it('offers the resident only withdrawal while submitted', () => {
    expect(availableActions('stall', 'submitted', 'resident')).toEqual(['withdraw']);
  });

  it('offers the resident resubmission and withdrawal when information is needed', () => {
    expect(sorted(availableActions('loan', 'needs_info', 'resident'))).toEqual(['resubmit', 'withdraw']);
  });

  it('offers an officer inspection and withdrawal on a loan under review', () => {
    expect(sorted(availableActions('loan', 'under_review', 'officer'))).toEqual(['inspect', 'withdraw']);
  });

  it('offers the system only the wait-list on training under review', () => {
    expect(availableActions('training', 'under_review', 'system')).toEqual(['waitlist']);
  });

  it('offers an admin the next steps of an approved training place', () => {
    expect(sorted(availableActions('training', 'approved', 'admin'))).toEqual(['mark_no_show', 'reject', 'start_training']);
  });

  it('offers nothing on a paid subsidy', () => {
    for (const actor of ACTORS) expect(availableActions('subsidy', 'paid', actor)).toEqual([]);
  });
});

describe('statusesOf', () => {
  it.each<[ProgramKind, ApplicationStatus[]]>([
    ['stall', ['submitted', 'under_review', 'needs_info', 'waitlisted', 'approved', 'rejected', 'withdrawn', 'released']],
    [
      'loan',
      ['submitted', 'under_review', 'needs_info', 'inspected', 'approved', 'disbursed', 'repaying', 'settled', 'rejected', 'withdrawn'],
    ],
    [
      'training',
      ['submitted', 'under_review', 'needs_info', 'waitlisted', 'approved', 'attending', 'completed', 'no_show', 'rejected', 'withdrawn'],
    ],
    ['subsidy', ['submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected', 'withdrawn']],
  ])('%s has exactly its own statuses', (kind, expected) => {
    expect(sorted(statusesOf(kind))).toEqual(sorted(expected));
  });

  it('uses every declared status in some machine', () => {
    const used = new Set(PROGRAM_KINDS.flatMap((k) => statusesOf(k)));
    expect(sorted([...used])).toEqual(sorted(APPLICATION_STATUSES));
  });
});

describe('labels', () => {
  it('labels every declared status', () => {
    for (const status of APPLICATION_STATUSES) expect(STATUS_LABELS[status]).toMatch(/\p{Script=Han}/u);
  });

  it('labels every declared action', () => {
    for (const action of ACTIONS) expect(ACTION_LABELS[action]).toMatch(/\p{Script=Han}/u);
  });

  it('gives every status a distinct label', () => {
    expect(new Set(Object.values(STATUS_LABELS)).size).toBe(APPLICATION_STATUSES.length);
  });

  it('uses every declared action in some machine', () => {
    const used = new Set(PROGRAM_KINDS.flatMap((k) => MACHINES[k].transitions.map((t) => t.action)));
    expect(sorted([...used])).toEqual(sorted(ACTIONS));
  });
});
