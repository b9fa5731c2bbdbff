import { isOpen, type ApplicationStatus, type ProgramKind, type StatsResponse } from '@minsheng/shared';
import { createProgram, disburseLoan, ok, rawCollection, step, submitFresh, useTestApp } from '../../../../test/kit';
import { ensureReadModels, rebuildReadModels } from './index';

// The read models follow the applications through the product's own submissions and steps,
// agree with a recomputation from the applications, and come back when deleted.

const READ_MODEL_COLLECTIONS = [
  'queueitems',
  'applicationlookups',
  'statsmonths',
  'statsdays',
  'statsentries',
  'statsclaims',
  'readmodelmeta',
];

/**
 * Five applications through the product's own steps: a training application
 * rejected, one withdrawn, one returned for more information, a loan
 * disbursed and a stall approved.
 */
const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin', 'officer'] }, async ({ kit, reviewer, admin, officer }) => {
  const [training, loans, stalls] = await Promise.all([
    createProgram({ kind: 'training' }, 3),
    createProgram({ kind: 'loan' }),
    createProgram({ kind: 'stall' }, 3),
  ]);
  const [rejected, withdrawn, loan, returned, stall] = await Promise.all([
    submitFresh(kit, training, 'training'),
    submitFresh(kit, training, 'training'),
    submitFresh(kit, loans, 'loan'),
    submitFresh(kit, training, 'training'),
    submitFresh(kit, stalls, 'stall'),
  ]);
  await step(reviewer, rejected.id, { action: 'start_review', version: 1 });
  await step(reviewer, rejected.id, { action: 'reject', version: 2, reason: '不符合条件' });
  await ok(withdrawn.resident.post(`/api/applications/${withdrawn.id}/withdraw`).send({ version: 1 }));
  await step(reviewer, returned.id, { action: 'start_review', version: 1 });
  await step(reviewer, returned.id, { action: 'request_info', version: 2, reason: '请补充证明' });
  await disburseLoan({ reviewer, inspector: officer, disburser: admin }, loan.id, { amountFen: 2_000_000, termMonths: 12 });
  await step(reviewer, stall.id, { action: 'start_review', version: 1 });
  await step(reviewer, stall.id, { action: 'approve', version: 2 });
  return { rejected, withdrawn, stall };
});

/** The open applications as the queue should hold them, worked out from the stored applications. */
async function expectedQueue(): Promise<string[]> {
  const apps = await rawCollection('applications').find({}).toArray();
  return apps
    .filter((a) => isOpen(a.kind as ProgramKind, a.status as ApplicationStatus))
    .map((a) => `${String(a._id)}@${String(a.version)}:${String(a.status)}`)
    .sort();
}

async function storedQueue(): Promise<string[]> {
  const rows = await rawCollection('queueitems').find({}).toArray();
  return rows.map((r) => `${String(r._id)}@${String(r.version)}:${String(r.status)}`).sort();
}

async function stats(): Promise<Omit<StatsResponse, 'generatedAt'>> {
  const res = await t.admin.get('/api/admin/stats').expect(200);
  const { generatedAt: _generatedAt, ...rest } = res.body as StatsResponse;
  return rest;
}

async function search(q: string) {
  const res = await t.reviewer.post('/api/admin/applications/search').send({ q }).expect(200);
  return (res.body as { items: { id: string; status: string }[] }).items;
}

describe('the read models', () => {
  it('hold in the queue exactly the open applications, at their latest revision', async () => {
    expect(await storedQueue()).toEqual(await expectedQueue());
    expect(await storedQueue()).not.toContainEqual(expect.stringContaining(t.rejected.id));
  });

  it('count the same figures as a rebuild from the applications', async () => {
    const kept = await stats();
    expect(kept.total).toBe(5);
    expect(kept.loans).toMatchObject({ borrowers: 1, approvedFen: 2_000_000, disbursedFen: 2_000_000 });
    await rebuildReadModels();
    expect(await stats()).toEqual(kept);
  });

  it('does not count a retried step twice', async () => {
    const before = await stats();
    // The same reviewer's approval again, with the version seen before it (its answer was "lost").
    await step(t.reviewer, t.stall.id, { action: 'approve', version: 2 });
    expect(await stats()).toEqual(before);
    expect(await storedQueue()).toEqual(await expectedQueue());
  });

  it('find a closed application by its number and by the full ID number', async () => {
    expect(await search(t.rejected.number)).toEqual([expect.objectContaining({ id: t.rejected.id, status: 'rejected' })]);
    expect(await search(String(t.withdrawn.profile.idNumber))).toEqual([
      expect.objectContaining({ id: t.withdrawn.id, status: 'withdrawn' }),
    ]);
  });

  it('list a closed status through the applications, and leave it out of the default view', async () => {
    const res = await t.reviewer.get('/api/admin/applications').query({ status: 'rejected' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([t.rejected.id]);
    const all = await t.reviewer.get('/api/admin/applications').expect(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).not.toContain(t.rejected.id);
    expect(all.body.total).toBe((await expectedQueue()).length);
  });

  it('are rebuilt at start when their collections are gone', async () => {
    const queue = await storedQueue();
    const figures = await stats();
    for (const name of READ_MODEL_COLLECTIONS) await rawCollection(name).deleteMany({});
    expect(await ensureReadModels(new Date(Date.now() - 24 * 3600_000))).toBe('rebuilt');
    expect(await storedQueue()).toEqual(queue);
    expect(await stats()).toEqual(figures);
    expect(await search(t.rejected.number)).toHaveLength(1);
    expect(await ensureReadModels(new Date(Date.now() - 24 * 3600_000))).toBe('current');
  });
});
