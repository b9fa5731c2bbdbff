import type { Response } from 'supertest';
import {
  act,
  createProgram,
  pool,
  startTestApp,
  step,
  submitFresh,
  testKit,
  type StaffMember,
  type Submitted,
  type TestContext,
} from '../kit';
import { report, size } from './harness';
import { checkInvariants, type Invariants } from './invariants';

/**
 * Approvals (RELIABILITY_CONTENTION: 90 in `npm test`, 400 in `npm run
 * test:reliability`) sent at once by three staff members:
 * half for a park with a fifth as many stalls, a fifth of those naming stall S-1,
 * half for a class of as many seats; then seats freed in parallel promote the
 * wait-list.
 */
const APPROVALS = size('CONTENTION', 90, 400);
/** Places per programme: a fifth of the approvals, so each has more than twice as many applications as places. */
const PLACES = Math.floor(APPROVALS / 5);
/** Seats freed at once. Each freeing request promotes from the head of the wait-list, so parallel ones work in lockstep (see docs/RELIABILITY.md). */
const FREED = Math.min(6, Math.floor(PLACES / 3));

let t: TestContext;
let staff: StaffMember[];
/** The staff member taking turn `i`. */
function member(i: number): StaffMember {
  const m = staff[i % staff.length];
  if (!m) throw new Error('no staff');
  return m;
}
let park: string;
let course: string;
let stallApps: Submitted[];
let seatApps: Submitted[];
let responses: Response[];
let afterApprovals: Invariants;
const figures = {
  approvalsSent: APPROVALS,
  stalls: PLACES,
  seats: PLACES,
  namingStallS1: 0,
  outcomes: {} as Record<string, number>,
  freedInParallel: FREED,
  promoted: 0,
  doubleAssignments: 0,
  overfilled: 0,
  waitlistOrderViolations: 0,
  ms: 0,
};

const outcome = (r: Response) => (r.status === 200 ? `200 ${String(r.body.status)}` : `${r.status} ${String(r.body.error?.code)}`);

beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  const kit = testKit(t);
  staff = await Promise.all([kit.staff('reviewer'), kit.staff('reviewer'), kit.staff('admin')]);
  park = await createProgram({ kind: 'stall' }, PLACES);
  course = await createProgram({ kind: 'training' }, PLACES);
  const half = Math.floor(APPROVALS / 2);
  stallApps = await pool(Array.from({ length: half }), 10, () => submitFresh(testKit(t), park, 'stall'));
  // In submission order, as the wait-list orders them (time, then id).
  seatApps = (await pool(Array.from({ length: APPROVALS - half }), 10, () => submitFresh(testKit(t), course, 'training'))).sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || (a.id < b.id ? -1 : 1),
  );
  await pool([...stallApps, ...seatApps], 10, (a) => step(member(0), a.id, { action: 'start_review', version: 1 }));

  figures.namingStallS1 = Math.floor(stallApps.length / 5);
  const started = Date.now();
  responses = await Promise.all(
    [...stallApps, ...seatApps].map((a, i) =>
      act(member(i), a.id, {
        action: 'approve',
        version: 2,
        ...(i < figures.namingStallS1 ? { slotLabel: 'S-1' } : {}),
      }),
    ),
  );
  figures.ms = Date.now() - started;
  for (const r of responses) figures.outcomes[outcome(r)] = (figures.outcomes[outcome(r)] ?? 0) + 1;
  afterApprovals = await checkInvariants([park, course]);
}, 20 * 60_000);

afterAll(async () => {
  report('contention', figures);
  await t.close();
}, 5 * 60_000);

describe(`${APPROVALS} parallel approvals over ${PLACES} stalls and ${PLACES} seats`, () => {
  it('approves one application per stall, wait-lists the rest, and refuses only a named stall already taken', () => {
    const stallOutcomes = responses.slice(0, stallApps.length).map(outcome);
    expect(stallOutcomes.filter((o) => o === '200 approved')).toHaveLength(PLACES);
    expect(stallOutcomes.filter((o) => !['200 approved', '200 waitlisted', '409 NO_CAPACITY'].includes(o))).toEqual([]);
  });

  it('gives stall S-1 to one holder at most, though a fifth of the approvals asked for it', () => {
    const s1 = responses.slice(0, stallApps.length).filter((r) => r.status === 200 && r.body.assignment?.label === 'S-1');
    expect(s1.length).toBeLessThanOrEqual(1);
  });

  it('fills the class and wait-lists the rest, answering every approval 200', () => {
    const seatOutcomes = responses.slice(stallApps.length).map(outcome);
    expect(seatOutcomes.filter((o) => o === '200 approved')).toHaveLength(PLACES);
    expect(seatOutcomes.filter((o) => o === '200 waitlisted')).toHaveLength(seatApps.length - PLACES);
  });

  it('assigns no place twice and overfills nothing: every hold has one holder that names it', () => {
    const labels = responses
      .map((r, i) =>
        r.status === 200 && r.body.assignment ? `${i < stallApps.length ? 'stall' : 'seat'} ${String(r.body.assignment.label)}` : null,
      )
      .filter((l) => l !== null);
    figures.doubleAssignments = labels.length - new Set(labels).size;
    figures.overfilled = Object.values(afterApprovals.summary.held).filter((n) => n > PLACES).length;
    expect(figures.doubleAssignments).toBe(0);
    expect(figures.overfilled).toBe(0);
    expect(afterApprovals.orphanHolds).toEqual([]);
    expect(afterApprovals.placesMissing).toEqual([]);
    expect(afterApprovals.foreignHolds).toEqual([]);
    expect(afterApprovals.halfDecided).toEqual([]);
  });

  it('answers a resent approval that wait-listed with 200 waitlisted again, not 409', async () => {
    const index = responses.findIndex((r, i) => i >= stallApps.length && r.body.status === 'waitlisted');
    const again = await act(member(index), String(responses[index]?.body.id), { action: 'approve', version: 2 });
    expect({ status: again.status, state: again.body.status }).toEqual({ status: 200, state: 'waitlisted' });
  });

  // Runs after the approvals above: frees seats taken by them.
  it(
    'promotes the wait-list in submission order when seats are freed in parallel',
    async () => {
      const approved = seatApps.filter((_, i) => responses[stallApps.length + i]?.body.status === 'approved');
      const waiting = seatApps.filter((_, i) => responses[stallApps.length + i]?.body.status === 'waitlisted');
      const freeing = approved.slice(0, FREED);
      const freed = await Promise.all(
        freeing.map((a, i) =>
          i % 2 === 0
            ? a.resident.post(`/api/applications/${a.id}/withdraw`).send({ version: 3 })
            : act(member(i), a.id, { action: 'reject', version: 3, reason: '未按时报到' }),
        ),
      );
      expect(freed.map((r) => r.status)).toEqual(freeing.map(() => 200));

      const after = await checkInvariants([park, course]);
      const promoted = waiting.slice(0, FREED);
      figures.promoted = promoted.filter((a) => after.statusOf.get(a.id) === 'approved').length;
      const stillWaiting = waiting.filter((a) => after.statusOf.get(a.id) === 'waitlisted');
      figures.waitlistOrderViolations = stillWaiting.filter((a, i) => a.id !== waiting[FREED + i]?.id).length;
      expect(figures.promoted).toBe(FREED);
      expect(figures.waitlistOrderViolations).toBe(0);
      expect(after.summary.held[course]).toBe(PLACES);
      expect(after.orphanHolds).toEqual([]);
      expect(after.placesMissing).toEqual([]);
      const positions = await Promise.all(
        stillWaiting
          .slice(0, 5)
          .map(async (a) => (await member(0).get(`/api/admin/applications/${a.id}`).expect(200)).body.waitlistPosition as number),
      );
      expect(positions).toEqual([1, 2, 3, 4, 5]);
    },
    10 * 60_000,
  );
});
