import { Types } from 'mongoose';
import { addMonths } from '@minsheng/shared';
import {
  DECLARED,
  act,
  backdateSubmission,
  daysAgo,
  type Actor,
  type TransitionBody,
  createProgram,
  expectRefused,
  FORMS,
  rawCollection,
  refusal,
  staffView,
  step,
  submitFresh,
  useTestApp,
} from '../../../test/kit';

const t = useTestApp({ seedCatalog: false, staff: ['reviewer', 'admin', 'officer'] });

/** The holders of a programme's slots, by label. */
async function holders(programId: string): Promise<Map<string, string | null>> {
  const pid = new Types.ObjectId(programId);
  const slots = await rawCollection('slots').find({ programId: pid }).toArray();
  const holds = await rawCollection('slotholds').find({ programId: pid }).toArray();
  const byLabel = new Map(holds.map((h) => [String(h.label), String(h.applicationId)]));
  return new Map(slots.map((s) => [String(s.label), byLabel.get(String(s.label)) ?? null]));
}

/** A fresh application to a new programme of `kind`, taken under review. */
async function underReview(kind: 'stall' | 'training' | 'loan' | 'subsidy', slots = kind === 'stall' || kind === 'training' ? 3 : 0) {
  const programId = await createProgram({ kind }, slots);
  const app = await submitFresh(t.kit, programId, kind);
  await step(t.reviewer, app.id, { action: 'start_review', version: 1 });
  return { programId, app };
}

describe('stall', () => {
  it('goes start_review → approve (assigns the first free stall) → release (frees it)', async () => {
    const programId = await createProgram({ kind: 'stall' }, 3);
    const app = await submitFresh(t.kit, programId, 'stall');
    expect(await step(t.reviewer, app.id, { action: 'start_review', version: 1 })).toMatchObject({ status: 'under_review', version: 2 });

    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    expect(approved).toMatchObject({ status: 'approved', version: 3, assignment: { label: 'S-1' }, decidedAt: expect.any(String) });
    expect((await holders(programId)).get('S-1')).toBe(app.id);

    const released = await step(t.admin, app.id, { action: 'release', version: 3 });
    expect(released).toMatchObject({ status: 'released', version: 4, actions: [] });
    expect([...(await holders(programId)).values()]).toEqual([null, null, null]);
  });

  it('assigns the stall the reviewer chose', async () => {
    const { programId, app } = await underReview('stall');
    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 2, slotLabel: 'S-3' });
    expect(approved.assignment).toEqual({ label: 'S-3' });
    expect((await holders(programId)).get('S-3')).toBe(app.id);
  });

  it('answers 409 NO_CAPACITY when the chosen stall is taken, and leaves the application under review', async () => {
    const { programId, app: first } = await underReview('stall');
    await step(t.reviewer, first.id, { action: 'approve', version: 2, slotLabel: 'S-2' });
    const second = await submitFresh(t.kit, programId, 'stall');
    await step(t.reviewer, second.id, { action: 'start_review', version: 1 });
    const res = await act(t.reviewer, second.id, { action: 'approve', version: 2, slotLabel: 'S-2' });
    expect(refusal(res)).toEqual({ status: 409, code: 'NO_CAPACITY' });
    expect(await staffView(t.reviewer, second.id)).toMatchObject({ status: 'under_review', version: 2, assignment: null });
    expect((await holders(programId)).get('S-2')).toBe(first.id);
  });

  it('answers 400 VALIDATION_FAILED for a stall the park does not have', async () => {
    const { programId, app } = await underReview('stall');
    const res = await act(t.reviewer, app.id, { action: 'approve', version: 2, slotLabel: 'Z-99' });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['slotLabel']);
    expect([...(await holders(programId)).values()].every((h) => h === null)).toBe(true);
  });

  it('answers a repeated approval by the same reviewer (a lost answer) with the same result, without a second stall', async () => {
    const { programId, app } = await underReview('stall');
    const first = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    const again = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    expect(again).toMatchObject({ status: 'approved', version: 3, assignment: first.assignment });
    expect([...(await holders(programId)).values()].filter((h) => h !== null)).toEqual([app.id]);
  });
});

describe('training', () => {
  it('goes approve (takes a seat) → start_training → complete (records the subsidy due)', async () => {
    const { programId, app } = await underReview('training', 2);
    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    expect(approved).toMatchObject({ status: 'approved', assignment: { label: 'S-1' } });
    expect((await holders(programId)).get('S-1')).toBe(app.id);

    const attending = await step(t.officer, app.id, { action: 'start_training', version: 3, date: daysAgo(0) });
    expect(attending).toMatchObject({ status: 'attending', training: { startedOn: daysAgo(0) } });

    const completed = await step(t.reviewer, app.id, { action: 'complete', version: 4 });
    expect(completed).toMatchObject({ status: 'completed', version: 5, training: { subsidyDueFen: 140000 } });
    expect((await holders(programId)).get('S-1')).toBe(app.id);
  });

  it('wait-lists an approval when the class is full (200, no seat)', async () => {
    const { programId, app: first } = await underReview('training', 1);
    await step(t.reviewer, first.id, { action: 'approve', version: 2 });
    const second = await submitFresh(t.kit, programId, 'training');
    await step(t.reviewer, second.id, { action: 'start_review', version: 1 });
    const res = await act(t.reviewer, second.id, { action: 'approve', version: 2 }).expect(200);
    expect(res.body).toMatchObject({ status: 'waitlisted', assignment: null, waitlistPosition: 1 });
    expect(res.body.history.at(-1)).toMatchObject({ action: 'waitlist', actorRole: 'system' });
  });

  it('frees the seat when the resident withdraws an approved place, and promotes the first wait-listed by submission', async () => {
    const programId = await createProgram({ kind: 'training' }, 1);
    const holder = await submitFresh(t.kit, programId, 'training');
    const earlier = await submitFresh(t.kit, programId, 'training');
    const later = await submitFresh(t.kit, programId, 'training');
    for (const a of [holder, earlier, later]) await step(t.reviewer, a.id, { action: 'start_review', version: 1 });
    await step(t.reviewer, holder.id, { action: 'approve', version: 2 });
    // Decided in the other order: the wait-list still follows submission.
    await step(t.reviewer, later.id, { action: 'approve', version: 2 });
    await step(t.reviewer, earlier.id, { action: 'approve', version: 2 });

    const withdrawn = await holder.resident.post(`/api/applications/${holder.id}/withdraw`).send({ version: 3 }).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');

    const promoted = await staffView(t.reviewer, earlier.id);
    expect(promoted).toMatchObject({ status: 'approved', assignment: { label: 'S-1' }, waitlistPosition: null });
    expect(promoted.history.at(-1)).toMatchObject({ action: 'promote', from: 'waitlisted', to: 'approved', actorRole: 'system' });
    expect(await staffView(t.reviewer, later.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await holders(programId)).get('S-1')).toBe(earlier.id);
  });
});

describe('loan', () => {
  it('goes start_review → inspect → approve → disburse → repay → settle, refusing to settle while money is outstanding', async () => {
    const { app } = await underReview('loan');
    // Submitted 200 days ago: each step records a date of the loan's life so far (shared machines/bounds.ts).
    await backdateSubmission(app.id, 200);
    const inspection = { date: daysAgo(190), officer: '李协理', notes: '店面已租好' };
    expect(await step(t.officer, app.id, { action: 'inspect', version: 2, inspection })).toMatchObject({
      status: 'inspected',
      loan: { inspection },
    });

    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 3, approvedFen: 2_000_000, termMonths: 12 });
    expect(approved).toMatchObject({ status: 'approved', loan: { approvedFen: 2_000_000, termMonths: 12 } });

    const disbursed = await step(t.admin, app.id, { action: 'disburse', version: 4, amountFen: 2_000_000, date: daysAgo(180) });
    expect(disbursed).toMatchObject({
      status: 'disbursed',
      loan: { disbursedFen: 2_000_000, dueOn: addMonths(daysAgo(180), 12), outstandingFen: 2_000_000, repaidFen: 0 },
    });

    const partly = await step(t.reviewer, app.id, { action: 'record_repayment', version: 5, amountFen: 500_000, date: daysAgo(150) });
    expect(partly).toMatchObject({
      status: 'repaying',
      loan: { repaidFen: 500_000, outstandingFen: 1_500_000, repayments: [{ amountFen: 500_000, paidOn: daysAgo(150) }] },
    });

    const early = await act(t.reviewer, app.id, { action: 'settle', version: 6 });
    expect(refusal(early)).toEqual({ status: 409, code: 'CONFLICT' });
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'repaying', version: 6 });

    const rest = await step(t.reviewer, app.id, { action: 'record_repayment', version: 6, amountFen: 1_500_000, date: daysAgo(120) });
    expect(rest).toMatchObject({ loan: { repaidFen: 2_000_000, outstandingFen: 0 } });
    expect((rest.loan as { repayments: unknown[] }).repayments).toHaveLength(2);

    expect(await step(t.admin, app.id, { action: 'settle', version: 7 })).toMatchObject({ status: 'settled', version: 8, actions: [] });
  });

  it('shows staff the date a repaid loan was settled', async () => {
    const { app } = await underReview('loan');
    await backdateSubmission(app.id, 200);
    const inspection = { date: daysAgo(190), officer: '李协理', notes: '' };
    await step(t.officer, app.id, { action: 'inspect', version: 2, inspection });
    await step(t.reviewer, app.id, { action: 'approve', version: 3, approvedFen: 1_000_000, termMonths: 6 });
    await step(t.reviewer, app.id, { action: 'disburse', version: 4, amountFen: 1_000_000, date: daysAgo(180) });
    await step(t.reviewer, app.id, { action: 'record_repayment', version: 5, amountFen: 1_000_000, date: daysAgo(2) });
    await step(t.reviewer, app.id, { action: 'settle', version: 6, date: daysAgo(1) });
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'settled', loan: { outstandingFen: 0, settledOn: daysAgo(1) } });
  });

  it('answers 400 VALIDATION_FAILED for an approval above the product’s maximum', async () => {
    const { app } = await underReview('loan');
    await step(t.reviewer, app.id, { action: 'inspect', version: 2, inspection: { date: daysAgo(0), officer: '李协理' } });
    const res = await act(t.reviewer, app.id, { action: 'approve', version: 3, approvedFen: 9_000_000, termMonths: 12 });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['approvedFen']);
  });

  it('answers 400 VALIDATION_FAILED for a repayment above what is outstanding', async () => {
    const { app } = await underReview('loan');
    await step(t.reviewer, app.id, { action: 'inspect', version: 2, inspection: { date: daysAgo(0), officer: '李协理' } });
    await step(t.reviewer, app.id, { action: 'approve', version: 3, approvedFen: 1_000_000, termMonths: 6 });
    await step(t.reviewer, app.id, { action: 'disburse', version: 4, amountFen: 1_000_000, date: daysAgo(0) });
    const res = await act(t.reviewer, app.id, { action: 'record_repayment', version: 5, amountFen: 1_000_001 });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['amountFen']);
  });
});

describe('subsidy', () => {
  it('goes approve (records the quarter and amount) → pay', async () => {
    const { app } = await underReview('subsidy');
    const approved = await step(t.reviewer, app.id, { action: 'approve', version: 2 });
    expect(approved).toMatchObject({ status: 'approved', subsidy: { period: FORMS.subsidy.period, approvedFen: 90000 } });
    const paid = await step(t.admin, app.id, { action: 'pay', version: 3, date: daysAgo(0) });
    expect(paid).toMatchObject({ status: 'paid', subsidy: { paidFen: 90000, paidOn: daysAgo(0) }, actions: [] });
  });
});

describe('refused steps', () => {
  // The one order of refusals (applications/step.ts takeStep): FORBIDDEN, then STALE_VERSION, then
  // INVALID_TRANSITION, then the step's fields, then NO_CAPACITY.
  describe('in one order', () => {
    /** What a refusal must leave as it was: the application as staff see it, and the revision log. */
    const stored = async (id: string) => [await staffView(t.reviewer, id), await rawCollection('applicationrevisions').countDocuments()];
    /** `staff` taking the step on application `id` is refused with this status and code, changing neither. */
    const refusedStep = (staff: Actor, id: string, body: TransitionBody, status: number, code: string) =>
      expectRefused(
        () => act(staff, id, body),
        status,
        code,
        () => stored(id),
      );

    it('says FORBIDDEN before STALE_VERSION: an officer approving with an old version', async () => {
      const { app } = await underReview('stall');
      await refusedStep(t.officer, app.id, { action: 'approve', version: 1 }, 403, 'FORBIDDEN');
    });

    it('says STALE_VERSION before INVALID_TRANSITION: a step on a rejected application, with the version seen before', async () => {
      const { app } = await underReview('stall');
      await step(t.reviewer, app.id, { action: 'reject', version: 2, reason: '材料不全' });
      await refusedStep(t.admin, app.id, { action: 'start_review', version: 2 }, 409, 'STALE_VERSION');
    });

    it('says STALE_VERSION to a resident withdrawing a decided application with the version seen before', async () => {
      const { app } = await underReview('stall');
      await step(t.reviewer, app.id, { action: 'approve', version: 2 });
      const withdraw = () => app.resident.post(`/api/applications/${app.id}/withdraw`).send({ version: 2 });
      await expectRefused(withdraw, 409, 'STALE_VERSION', () => stored(app.id));
    });

    it('says INVALID_TRANSITION before the fields: a reason-less rejection of a rejected application', async () => {
      const { app } = await underReview('stall');
      await step(t.reviewer, app.id, { action: 'reject', version: 2, reason: '材料不全' });
      await refusedStep(t.admin, app.id, { action: 'reject', version: 3 }, 409, 'INVALID_TRANSITION');
    });

    it('says VALIDATION_FAILED once the step is possible: a loan approval without its amount', async () => {
      const { app } = await underReview('loan');
      await step(t.officer, app.id, { action: 'inspect', version: 2, inspection: { date: daysAgo(0), officer: '李协理', notes: '' } });
      const res = await refusedStep(t.reviewer, app.id, { action: 'approve', version: 3, termMonths: 6 }, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields)).toEqual(['approvedFen']);
    });
  });

  it('answers 409 INVALID_TRANSITION to approving a submitted application, and changes nothing', async () => {
    const programId = await createProgram({ kind: 'stall' }, 1);
    const app = await submitFresh(t.kit, programId, 'stall');
    const res = await act(t.reviewer, app.id, { action: 'approve', version: 1 });
    expect(refusal(res)).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'submitted', version: 1, assignment: null });
    expect((await holders(programId)).get('S-1')).toBeNull();
  });

  it('answers 409 INVALID_TRANSITION to an action the kind does not have', async () => {
    const { app } = await underReview('stall');
    const res = await act(t.reviewer, app.id, { action: 'disburse', version: 2, amountFen: 100, date: '2026-11-25' });
    expect(refusal(res)).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('answers 403 FORBIDDEN to an officer approving, and changes nothing', async () => {
    const { programId, app } = await underReview('stall');
    const res = await act(t.officer, app.id, { action: 'approve', version: 2 });
    expect(refusal(res)).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'under_review', version: 2 });
    expect([...(await holders(programId)).values()].every((h) => h === null)).toBe(true);
  });

  it('answers 400 VALIDATION_FAILED to a rejection without a reason', async () => {
    const { app } = await underReview('stall');
    const res = await act(t.reviewer, app.id, { action: 'reject', version: 2 });
    expect(refusal(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'under_review', version: 2 });
  });

  it('answers 409 STALE_VERSION to an approval naming an old version, and changes nothing', async () => {
    const { programId, app } = await underReview('stall');
    const before = await staffView(t.reviewer, app.id);
    const res = await act(t.admin, app.id, { action: 'approve', version: 1 });
    expect(refusal(res)).toEqual({ status: 409, code: 'STALE_VERSION' });
    const after = await staffView(t.reviewer, app.id);
    expect(after).toMatchObject({ status: 'under_review', version: 2, assignment: null, decidedAt: null });
    expect(after.history).toEqual(before.history);
    expect([...(await holders(programId)).values()].every((h) => h === null)).toBe(true);
  });

  it('answers 409 STALE_VERSION to a second reviewer deciding on what the first already decided', async () => {
    const { app } = await underReview('stall');
    await step(t.reviewer, app.id, { action: 'reject', version: 2, reason: '材料不全' });
    const res = await act(t.admin, app.id, { action: 'approve', version: 2 });
    expect(refusal(res)).toEqual({ status: 409, code: 'STALE_VERSION' });
    expect(await staffView(t.reviewer, app.id)).toMatchObject({ status: 'rejected', version: 3 });
  });
});

describe('request_info and resubmission', () => {
  it('sends the application back to the resident, whose resubmission returns it to submitted', async () => {
    const { app } = await underReview('stall');
    const asked = await step(t.reviewer, app.id, { action: 'request_info', version: 2, reason: '请补充营业执照照片' });
    expect(asked).toMatchObject({ status: 'needs_info', version: 3 });

    const mine = await app.resident.get(`/api/applications/${app.id}`).expect(200);
    expect(mine.body).toMatchObject({ status: 'needs_info', version: 3 });
    expect(mine.body.history.at(-1)).toMatchObject({ action: 'request_info', reason: '请补充营业执照照片' });

    const form = { ...FORMS.stall, businessPlan: '在创业园经营童装和儿童用品，已补充营业执照' };
    const resubmitted = await app.resident
      .post(`/api/applications/${app.id}/resubmit`)
      .send({ version: 3, form, materialIds: [], ...DECLARED })
      .expect(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', version: 4, form });

    const seen = await staffView(t.reviewer, app.id);
    expect(seen).toMatchObject({ status: 'submitted', version: 4, actions: expect.arrayContaining(['start_review']) });
    expect(seen.history.at(-1)).toMatchObject({ action: 'resubmit', from: 'needs_info', to: 'submitted', actorRole: 'resident' });
  });

  it('answers 409 INVALID_TRANSITION to a resubmission nobody asked for', async () => {
    const { app } = await underReview('stall');
    const res = await app.resident
      .post(`/api/applications/${app.id}/resubmit`)
      .send({ version: 2, form: FORMS.stall, materialIds: [], ...DECLARED });
    expect(refusal(res)).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
  });
});
