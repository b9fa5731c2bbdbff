import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { createProgram } from '../../test/factories';
import { staffToken } from '../../test/staff';
import { rawCollection, startTestApp, type TestContext } from '../../test/support';
import { act, bearer, refusal, step, submitFresh, times, type Submitted } from './test-helpers';

let t: TestContext;
let reviewer: string;
let otherReviewer: string;
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  [reviewer, otherReviewer] = await Promise.all([
    staffToken(t, 'reviewer').then((s) => s.token),
    staffToken(t, 'reviewer').then((s) => s.token),
  ]);
});
afterAll(() => t.close());

/** `n` applications by fresh residents to the programme, each taken under review (version 2). */
async function underReview(programId: string, kind: 'stall' | 'training', n: number): Promise<Submitted[]> {
  const apps = await times(n, () => submitFresh(t, programId, kind));
  await Promise.all(apps.map((a) => step(t, reviewer, a.id, { action: 'start_review', version: 1 })));
  return apps;
}

interface Stored {
  id: string;
  status: string;
  version: number;
  submittedAt: Date;
  label: string | null;
  historyActions: string[];
}

async function stored(programId: string): Promise<Map<string, Stored>> {
  const docs = await rawCollection('applications')
    .find({ programId: new Types.ObjectId(programId) })
    .toArray();
  return new Map(
    docs.map((d) => {
      const history = (d.history ?? []) as { action: string }[];
      const assignment = d.assignment as { label?: string } | null;
      const row: Stored = {
        id: String(d._id),
        status: String(d.status),
        version: Number(d.version),
        submittedAt: d.submittedAt as Date,
        label: assignment?.label ?? null,
        historyActions: history.map((h) => h.action),
      };
      return [row.id, row];
    }),
  );
}

/** Slot label → holder id, for the held slots of the programme. */
async function heldSlots(programId: string): Promise<Map<string, string>> {
  const holds = await rawCollection('slotholds')
    .find({ programId: new Types.ObjectId(programId) })
    .toArray();
  return new Map(holds.map((h) => [String(h.label), String(h.applicationId)]));
}

/** Every held slot is held by an application that is in a holding status and names that slot; no application holds two. */
async function expectConsistentPlaces(programId: string, holding: readonly string[]): Promise<Map<string, string>> {
  const held = await heldSlots(programId);
  const apps = await stored(programId);
  const holders = [...held.values()];
  expect(new Set(holders).size).toBe(holders.length);
  for (const [label, holder] of held) {
    expect(apps.get(holder)).toMatchObject({ label, status: expect.stringMatching(new RegExp(`^(${holding.join('|')})$`)) });
  }
  const placed = [...apps.values()].filter((a) => holding.includes(a.status));
  expect(placed.map((a) => held.get(a.label ?? ''))).toEqual(placed.map((a) => a.id));
  return held;
}

const tally = (responses: Response[]) =>
  responses.reduce<Record<string, number>>((acc, r) => {
    const key = r.status === 200 ? `200 ${String(r.body.status)}` : `${r.status} ${String(r.body.error?.code)}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

describe('50 parallel approvals for a park with 10 free stalls', () => {
  let programId: string;
  let apps: Submitted[];
  let responses: Response[];
  beforeAll(async () => {
    programId = await createProgram({ kind: 'stall' }, 10);
    apps = await underReview(programId, 'stall', 50);
    responses = await Promise.all(apps.map((a) => act(t, reviewer, a.id, { action: 'approve', version: 2 })));
  });

  it('approves exactly 10 and refuses 40 with 409 NO_CAPACITY', () => {
    expect(tally(responses)).toEqual({ '200 approved': 10, '409 NO_CAPACITY': 40 });
  });

  it('gives each of the 10 stalls one holder, which names that stall', async () => {
    const held = await expectConsistentPlaces(programId, ['approved']);
    expect(held.size).toBe(10);
    const labels = responses.filter((r) => r.status === 200).map((r) => (r.body.assignment as { label: string }).label);
    expect(new Set(labels).size).toBe(10);
    expect([...labels].sort()).toEqual([...held.keys()].sort());
  });

  it('leaves every refused application under review, unchanged', async () => {
    const rows = await stored(programId);
    const refused = apps.filter((_, i) => responses[i]?.status === 409);
    expect(refused).toHaveLength(40);
    for (const a of refused) {
      expect(rows.get(a.id)).toMatchObject({ status: 'under_review', version: 2, label: null, historyActions: ['submit', 'start_review'] });
    }
  });
});

describe('40 parallel approvals for a class of 30 seats', () => {
  let programId: string;
  let apps: Submitted[];
  let responses: Response[];
  beforeAll(async () => {
    programId = await createProgram({ kind: 'training' }, 30);
    apps = await underReview(programId, 'training', 40);
    responses = await Promise.all(apps.map((a) => act(t, reviewer, a.id, { action: 'approve', version: 2 })));
  });

  it('answers all 40 with 200: 30 approved, 10 wait-listed', () => {
    expect(tally(responses)).toEqual({ '200 approved': 30, '200 waitlisted': 10 });
  });

  it('gives each of the 30 seats one holder, which names that seat', async () => {
    const held = await expectConsistentPlaces(programId, ['approved']);
    expect(held.size).toBe(30);
  });

  // Runs after the two above: it frees places taken by the approvals of beforeAll.
  it('promotes the wait-list in submission order when approved places are freed in parallel', async () => {
    const before = await stored(programId);
    const bySubmission = (a: Stored, b: Stored) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1);
    const waiting = [...before.values()].filter((a) => a.status === 'waitlisted').sort(bySubmission);
    expect(waiting).toHaveLength(10);
    const [first, second, third] = apps.filter((a) => before.get(a.id)?.status === 'approved');
    if (!first || !second || !third) throw new Error('expected approved applications');

    const freed = await Promise.all([
      t.http.post(`/api/applications/${first.id}/withdraw`).set(bearer(first.token)).send({ version: 3 }),
      t.http.post(`/api/applications/${second.id}/withdraw`).set(bearer(second.token)).send({ version: 3 }),
      act(t, otherReviewer, third.id, { action: 'reject', version: 3, reason: '未按时报到' }),
    ]);
    expect(freed.map((r) => [r.status, r.body.status])).toEqual([
      [200, 'withdrawn'],
      [200, 'withdrawn'],
      [200, 'rejected'],
    ]);

    const after = await stored(programId);
    const promoted = waiting.slice(0, 3).map((a) => after.get(a.id));
    for (const a of promoted)
      expect(a).toMatchObject({ status: 'approved', historyActions: ['submit', 'start_review', 'waitlist', 'promote'] });
    const stillWaiting = [...after.values()].filter((a) => a.status === 'waitlisted').sort(bySubmission);
    expect(stillWaiting.map((a) => a.id)).toEqual(waiting.slice(3).map((a) => a.id));
    const positions = await Promise.all(
      stillWaiting.map(
        async (a) =>
          (await t.http.get(`/api/admin/applications/${a.id}`).set(bearer(reviewer)).expect(200)).body.waitlistPosition as number,
      ),
    );
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const held = await expectConsistentPlaces(programId, ['approved']);
    expect(held.size).toBe(30);
  });
});

describe('two reviewers approving the same application at once', () => {
  it('lets one through with 200, refuses the other with 409 STALE_VERSION, and holds one stall: the one assigned', async () => {
    const programId = await createProgram({ kind: 'stall' }, 10);
    // Several pairs at once, to meet the interleavings more than once.
    const apps = await underReview(programId, 'stall', 5);
    const pairs = await Promise.all(
      apps.map((a) => Promise.all([reviewer, otherReviewer].map((token) => act(t, token, a.id, { action: 'approve', version: 2 })))),
    );
    for (const pair of pairs) {
      expect(pair.map(refusal).sort((x, y) => x.status - y.status)).toEqual([
        { status: 200, code: undefined },
        { status: 409, code: 'STALE_VERSION' },
      ]);
    }
    const rows = await stored(programId);
    for (const a of apps)
      expect(rows.get(a.id)).toMatchObject({ status: 'approved', version: 3, historyActions: ['submit', 'start_review', 'approve'] });
    const held = await expectConsistentPlaces(programId, ['approved']);
    expect(held.size).toBe(5);
  });
});
