import { chinaDate, isOpen, type ApplicationStatus, type ProgramKind, type StatsResponse } from '@minsheng/shared';
import { createProgram } from '../../../test/factories';
import { staffToken } from '../../../test/staff';
import { rawCollection, startTestApp, type TestContext } from '../../../test/support';
import { bearer, step, submitFresh, type Submitted } from '../../review/test-helpers';
import { ensureReadModels, rebuildReadModels } from './index';

// The read models follow the applications through the product's own submissions and steps,
// agree with a recomputation from the applications, and come back when deleted.

let t: TestContext;
let reviewer: string;
let admin: string;
let officer: string;
let rejected: Submitted;
let withdrawn: Submitted;
let loan: Submitted;
let returned: Submitted;
let stall: Submitted;

const READ_MODEL_COLLECTIONS = [
  'queueitems',
  'applicationlookups',
  'statsmonths',
  'statsdays',
  'statsentries',
  'statsclaims',
  'readmodelmeta',
];

beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  [reviewer, admin, officer] = await Promise.all([
    staffToken(t, 'reviewer').then((s) => s.token),
    staffToken(t, 'admin').then((s) => s.token),
    staffToken(t, 'officer', ['jmjy']).then((s) => s.token),
  ]);
  const [training, loans, stalls] = await Promise.all([
    createProgram({ kind: 'training' }, 3),
    createProgram({ kind: 'loan' }),
    createProgram({ kind: 'stall' }, 3),
  ]);
  [rejected, withdrawn, loan, returned, stall] = await Promise.all([
    submitFresh(t, training, 'training'),
    submitFresh(t, training, 'training'),
    submitFresh(t, loans, 'loan'),
    submitFresh(t, training, 'training'),
    submitFresh(t, stalls, 'stall'),
  ]);
  await step(t, reviewer, rejected.id, { action: 'start_review', version: 1 });
  await step(t, reviewer, rejected.id, { action: 'reject', version: 2, reason: '不符合条件' });
  await t.http.post(`/api/applications/${withdrawn.id}/withdraw`).set(bearer(withdrawn.token)).send({ version: 1 });
  await step(t, reviewer, returned.id, { action: 'start_review', version: 1 });
  await step(t, reviewer, returned.id, { action: 'request_info', version: 2, reason: '请补充证明' });
  await step(t, reviewer, loan.id, { action: 'start_review', version: 1 });
  await step(t, officer, loan.id, {
    action: 'inspect',
    version: 2,
    inspection: { date: chinaDate(), officer: '李协理', notes: '店面已租好' },
  });
  await step(t, reviewer, loan.id, { action: 'approve', version: 3, approvedFen: 2_000_000, termMonths: 12 });
  await step(t, admin, loan.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: chinaDate() });
  await step(t, reviewer, stall.id, { action: 'start_review', version: 1 });
  await step(t, reviewer, stall.id, { action: 'approve', version: 2 });
});
afterAll(() => t.close());

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
  const res = await t.http.get('/api/admin/stats').set(bearer(admin)).expect(200);
  const { generatedAt: _generatedAt, ...rest } = res.body as StatsResponse;
  return rest;
}

async function search(q: string) {
  const res = await t.http.post('/api/admin/applications/search').set(bearer(reviewer)).send({ q }).expect(200);
  return (res.body as { items: { id: string; status: string }[] }).items;
}

describe('the read models', () => {
  it('hold in the queue exactly the open applications, at their latest revision', async () => {
    expect(await storedQueue()).toEqual(await expectedQueue());
    expect(await storedQueue()).not.toContainEqual(expect.stringContaining(rejected.id));
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
    await step(t, reviewer, stall.id, { action: 'approve', version: 2 });
    expect(await stats()).toEqual(before);
    expect(await storedQueue()).toEqual(await expectedQueue());
  });

  it('find a closed application by its number and by the full ID number', async () => {
    expect(await search(rejected.number)).toEqual([expect.objectContaining({ id: rejected.id, status: 'rejected' })]);
    expect(await search(String(withdrawn.profile.idNumber))).toEqual([expect.objectContaining({ id: withdrawn.id, status: 'withdrawn' })]);
  });

  it('list a closed status through the applications, and leave it out of the default view', async () => {
    const res = await t.http.get('/api/admin/applications').set(bearer(reviewer)).query({ status: 'rejected' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([rejected.id]);
    const all = await t.http.get('/api/admin/applications').set(bearer(reviewer)).expect(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).not.toContain(rejected.id);
    expect(all.body.total).toBe((await expectedQueue()).length);
  });

  it('are rebuilt at start when their collections are gone', async () => {
    const queue = await storedQueue();
    const figures = await stats();
    for (const name of READ_MODEL_COLLECTIONS) await rawCollection(name).deleteMany({});
    expect(await ensureReadModels(new Date(Date.now() - 24 * 3600_000))).toBe('rebuilt');
    expect(await storedQueue()).toEqual(queue);
    expect(await stats()).toEqual(figures);
    expect(await search(rejected.number)).toHaveLength(1);
    expect(await ensureReadModels(new Date(Date.now() - 24 * 3600_000))).toBe('current');
  });
});
