import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { act, createProgram, pool, rawCollection, refusal, step, submitFresh, type Submitted, useTestApp } from '../../../test/kit';

const t = useTestApp({ seedCatalog: false }, async ({ kit }) => ({
  reviewer: await kit.staff('reviewer'),
  otherReviewer: await kit.staff('reviewer'),
}));

/** `n` applications by fresh residents to the programme, each taken under review (version 2). */
async function underReview(programId: string, kind: 'stall' | 'training', n: number): Promise<Submitted[]> {
  const apps = await pool(Array.from({ length: n }), 10, () => submitFresh(t.kit, programId, kind));
  await Promise.all(apps.map((a) => step(t.reviewer, a.id, { action: 'start_review', version: 1 })));
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

interface Round {
  programId: string;
  apps: Submitted[];
  responses: Response[];
}

/** `n` applications under review to a new programme of `kind` with `places` places, all approved at once. */
async function approvedAtOnce(kind: 'stall' | 'training', places: number, n: number): Promise<Round> {
  const programId = await createProgram({ kind }, places);
  const apps = await underReview(programId, kind, n);
  const responses = await Promise.all(apps.map((a) => act(t.reviewer, a.id, { action: 'approve', version: 2 })));
  return { programId, apps, responses };
}

describe('50 parallel approvals for a park with 10 free stalls', () => {
  let round: Round;
  beforeAll(async () => {
    round = await approvedAtOnce('stall', 10, 50);
  });

  it('answers all 50 with 200: 10 approved, 40 wait-listed', () => {
    expect(tally(round.responses)).toEqual({ '200 approved': 10, '200 waitlisted': 40 });
  });

  it('gives each of the 10 stalls one holder, which names that stall', async () => {
    const held = await expectConsistentPlaces(round.programId, ['approved']);
    expect(held.size).toBe(10);
    const labels = round.responses.filter((r) => r.body.status === 'approved').map((r) => (r.body.assignment as { label: string }).label);
    expect(new Set(labels).size).toBe(10);
    expect([...labels].sort()).toEqual([...held.keys()].sort());
  });

  it('wait-lists every application that found no stall, holding none', async () => {
    const rows = await stored(round.programId);
    const waiting = round.apps.filter((_, i) => round.responses[i]?.body.status === 'waitlisted');
    expect(waiting).toHaveLength(40);
    for (const a of waiting) {
      expect(rows.get(a.id)).toMatchObject({
        status: 'waitlisted',
        version: 3,
        label: null,
        historyActions: ['submit', 'start_review', 'waitlist'],
      });
    }
  });
});

describe('40 parallel approvals for a class of 30 seats', () => {
  let round: Round;
  beforeAll(async () => {
    round = await approvedAtOnce('training', 30, 40);
  });

  it('answers all 40 with 200: 30 approved, 10 wait-listed', () => {
    expect(tally(round.responses)).toEqual({ '200 approved': 30, '200 waitlisted': 10 });
  });

  it('gives each of the 30 seats one holder, which names that seat', async () => {
    const held = await expectConsistentPlaces(round.programId, ['approved']);
    expect(held.size).toBe(30);
  });

  // Runs after the two above: it frees places taken by the approvals of beforeAll.
  it('promotes the wait-list in submission order when approved places are freed in parallel', async () => {
    const before = await stored(round.programId);
    const bySubmission = (a: Stored, b: Stored) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1);
    const waiting = [...before.values()].filter((a) => a.status === 'waitlisted').sort(bySubmission);
    expect(waiting).toHaveLength(10);
    const [first, second, third] = round.apps.filter((a) => before.get(a.id)?.status === 'approved');
    if (!first || !second || !third) throw new Error('expected approved applications');

    const freed = await Promise.all([
      first.resident.post(`/api/applications/${first.id}/withdraw`).send({ version: 3 }),
      second.resident.post(`/api/applications/${second.id}/withdraw`).send({ version: 3 }),
      act(t.otherReviewer, third.id, { action: 'reject', version: 3, reason: '未按时报到' }),
    ]);
    expect(freed.map((r) => [r.status, r.body.status])).toEqual([
      [200, 'withdrawn'],
      [200, 'withdrawn'],
      [200, 'rejected'],
    ]);

    const after = await stored(round.programId);
    const promoted = waiting.slice(0, 3).map((a) => after.get(a.id));
    for (const a of promoted)
      expect(a).toMatchObject({ status: 'approved', historyActions: ['submit', 'start_review', 'waitlist', 'promote'] });
    const stillWaiting = [...after.values()].filter((a) => a.status === 'waitlisted').sort(bySubmission);
    expect(stillWaiting.map((a) => a.id)).toEqual(waiting.slice(3).map((a) => a.id));
    const positions = await Promise.all(
      stillWaiting.map(async (a) => (await t.reviewer.get(`/api/admin/applications/${a.id}`).expect(200)).body.waitlistPosition as number),
    );
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const held = await expectConsistentPlaces(round.programId, ['approved']);
    expect(held.size).toBe(30);
  });
});

describe('two reviewers approving the same application at once', () => {
  it('lets one through with 200, refuses the other with 409 STALE_VERSION, and holds one stall: the one assigned', async () => {
    const programId = await createProgram({ kind: 'stall' }, 10);
    // Several pairs at once, to meet the interleavings more than once.
    const apps = await underReview(programId, 'stall', 5);
    const pairs = await Promise.all(
      apps.map((a) => Promise.all([t.reviewer, t.otherReviewer].map((staff) => act(staff, a.id, { action: 'approve', version: 2 })))),
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
