import { createProgram, ok, staffView, step, submitFresh, useTestApp, type Submitted } from '../../../test/kit';

// A full park wait-lists an approval as a full class does (shared machines/stall.ts), instead of
// leaving applications in review that can never be approved: each waiting applicant has a position
// and a message, and a released stall goes to the first one waiting by submission.

const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin'] });

const messagesOf = async (app: Submitted) =>
  (await ok<{ items: { kind: string; title: string; body: string }[] }>(app.resident.get('/api/me/messages'))).items;

describe('a park with one stall', () => {
  let programId: string;
  let holder: Submitted;
  let earlier: Submitted;
  let later: Submitted;

  beforeAll(async () => {
    programId = await createProgram({ kind: 'stall' }, 1);
    holder = await submitFresh(t.kit, programId, 'stall');
    earlier = await submitFresh(t.kit, programId, 'stall');
    later = await submitFresh(t.kit, programId, 'stall');
    for (const a of [holder, earlier, later]) await step(t.reviewer, a.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, holder.id, { action: 'approve', version: 2 });
  });

  it('answers an approval once the park is full with 200 wait-listed, holding no stall, in submission order', async () => {
    // Decided in the other order: the wait-list still follows submission.
    expect(await step(t.reviewer, later.id, { action: 'approve', version: 2 })).toMatchObject({
      status: 'waitlisted',
      assignment: null,
      waitlistPosition: 1,
    });
    expect(await step(t.reviewer, earlier.id, { action: 'approve', version: 2 })).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(await staffView(t.reviewer, later.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('tells each waiting applicant, who sees the position in their own application', async () => {
    expect((await messagesOf(later))[0]).toMatchObject({ kind: 'waitlisted', title: '已进入候补' });
    expect(await ok(later.resident.get(`/api/applications/${later.id}`))).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('gives the released stall to the first waiting by submission, with the stall assigned message', async () => {
    expect(await step(t.admin, holder.id, { action: 'release', version: 3 })).toMatchObject({ status: 'released' });
    expect(await staffView(t.reviewer, earlier.id)).toMatchObject({
      status: 'approved',
      assignment: { label: 'S-1' },
      waitlistPosition: null,
    });
    expect((await messagesOf(earlier))[0]).toMatchObject({ kind: 'stall_assigned', body: expect.stringContaining('分配摊位：S-1') });
    expect(await staffView(t.reviewer, later.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('lets a waiting applicant withdraw', async () => {
    const res = await later.resident.post(`/api/applications/${later.id}/withdraw`).send({ version: 3 });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
  });
});
