import { chinaDate, checkTransition, type TransitionRequestBody } from '@minsheng/shared';
import { AppError, conflict, forbidden, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import { returnSlot, settlePlaces, takeSlot } from '../applications/capacity';
import type { ApplicationDoc } from '../applications/model';
import { transition, type ActorRef, type TransitionRequest } from '../applications/transition';
import { getProgram } from '../programs/service';

function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

function need<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined) throw validationFailed({ [field]: message });
  return value;
}

interface LoanState {
  approvedAmountFen?: number;
  termMonths?: number;
  disbursedFen?: number;
  repaidFen?: number;
  outstandingFen?: number;
}

/**
 * A staff step on an application: checks the role against the kind's state
 * machine, records what the step needs (stall or seat, loan amounts, payments)
 * in the same conditional write as the status change, then settles places.
 */
export async function decide(app: ApplicationDoc, body: TransitionRequestBody, viewer: StaffPrincipal): Promise<ApplicationDoc> {
  const actor: ActorRef = { role: viewer.role, id: viewer.id, name: viewer.name };

  // A retry of a request that went through (the answer was lost): finish its effects and answer again.
  // An approval that found the class full went through as a wait-listing.
  const last = app.history.at(-1);
  const sameStep = last?.action === body.action || (body.action === 'approve' && last?.action === 'waitlist');
  if (app.version === body.version + 1 && sameStep && last?.actorId === viewer.id) {
    await settlePlaces(app);
    return app;
  }

  const check = checkTransition(app.kind, app.status, body.action, viewer.role);
  if (!check.ok && check.reason === 'not_allowed') throw forbidden('您的角色不能进行此操作');
  // Someone changed the application since the viewer saw it: say so, whether or not the step is still possible.
  if (app.version !== body.version) throw conflict('STALE_VERSION');
  if (!check.ok) throw new AppError('INVALID_TRANSITION');
  if (body.action === 'resubmit') throw validationFailed({ action: '补充材料请由居民在小程序中重新提交' });

  const base: TransitionRequest = { action: body.action, actor, version: body.version, reason: body.reason };
  const today = chinaDate();
  const loan = (app.loan ?? {}) as LoanState;

  switch (body.action) {
    case 'approve':
      return approve(app, body, base);
    case 'inspect': {
      const inspection = need(body.inspection, 'inspection', '请填写贷前考察的日期、考察人和情况');
      return finish(app, { ...base, set: { 'loan.inspection': inspection }, data: { inspection } });
    }
    case 'disburse': {
      const amountFen = need(body.amountFen, 'amountFen', '请填写放款金额');
      const date = need(body.date, 'date', '请填写放款日期');
      if (amountFen <= 0 || amountFen > (loan.approvedAmountFen ?? 0))
        throw validationFailed({ amountFen: '放款金额应大于 0 且不超过批准金额' });
      const dueOn = addMonths(date, loan.termMonths ?? 12);
      return finish(app, {
        ...base,
        set: {
          'loan.disbursedFen': amountFen,
          'loan.disbursedOn': date,
          'loan.dueOn': dueOn,
          'loan.repaidFen': 0,
          'loan.outstandingFen': amountFen,
          'loan.repayments': [],
        },
        data: { amountFen, date, dueOn },
      });
    }
    case 'record_repayment': {
      const amountFen = need(body.amountFen, 'amountFen', '请填写还款金额');
      const date = body.date ?? today;
      const outstanding = loan.outstandingFen ?? 0;
      if (amountFen <= 0 || amountFen > outstanding)
        throw validationFailed({ amountFen: `还款金额应大于 0 且不超过未还金额（${outstanding / 100} 元）` });
      return finish(app, {
        ...base,
        set: { 'loan.repaidFen': (loan.repaidFen ?? 0) + amountFen, 'loan.outstandingFen': outstanding - amountFen },
        push: { 'loan.repayments': { amountFen, paidOn: date } },
        data: { amountFen, date },
      });
    }
    case 'settle':
      if ((loan.outstandingFen ?? 0) > 0) throw conflict('CONFLICT', `尚有 ${(loan.outstandingFen ?? 0) / 100} 元未还，不能结清`);
      return finish(app, { ...base, set: { 'loan.settledOn': body.date ?? today } });
    case 'pay': {
      const subsidy = (app.subsidy ?? {}) as { approvedFen?: number };
      const amountFen = body.amountFen ?? subsidy.approvedFen;
      if (amountFen === undefined) throw validationFailed({ amountFen: '请填写发放金额' });
      const date = body.date ?? today;
      return finish(app, { ...base, set: { 'subsidy.paidFen': amountFen, 'subsidy.paidOn': date }, data: { amountFen, date } });
    }
    case 'start_training':
      return finish(app, { ...base, set: { 'training.startedOn': body.date ?? today } });
    case 'complete': {
      const { program } = await getProgram(String(app.programId));
      const subsidyDueFen = Number((program.details as { subsidyPerTraineeFen?: number }).subsidyPerTraineeFen ?? 0);
      return finish(app, {
        ...base,
        set: { 'training.completedOn': body.date ?? today, 'training.subsidyDueFen': subsidyDueFen },
        data: { subsidyDueFen },
      });
    }
    default:
      return finish(app, base);
  }
}

async function finish(app: ApplicationDoc, req: TransitionRequest): Promise<ApplicationDoc> {
  const after = await transition(app, req);
  await settlePlaces(after);
  return after;
}

async function approve(app: ApplicationDoc, body: TransitionRequestBody, base: TransitionRequest): Promise<ApplicationDoc> {
  if (app.kind === 'loan') {
    const approvedAmountFen = need(body.approvedAmountFen, 'approvedAmountFen', '请填写批准金额');
    const termMonths = need(body.termMonths, 'termMonths', '请填写贷款期限');
    const { program } = await getProgram(String(app.programId));
    const details = program.details as { maxAmountFen?: number; maxTermMonths?: number };
    if (approvedAmountFen <= 0 || approvedAmountFen > (details.maxAmountFen ?? 0))
      throw validationFailed({ approvedAmountFen: '批准金额超出该贷款产品的上限' });
    if (termMonths > (details.maxTermMonths ?? 0)) throw validationFailed({ termMonths: '贷款期限超出该贷款产品的上限' });
    return finish(app, {
      ...base,
      set: { 'loan.approvedAmountFen': approvedAmountFen, 'loan.termMonths': termMonths },
      data: { approvedAmountFen, termMonths },
    });
  }
  if (app.kind === 'subsidy') {
    const { program } = await getProgram(String(app.programId));
    const approvedFen = Number((program.details as { amountPerPeriodFen?: number }).amountPerPeriodFen ?? 0);
    const period = (app.form as { period?: string }).period;
    return finish(app, { ...base, set: { 'subsidy.period': period, 'subsidy.approvedFen': approvedFen }, data: { approvedFen } });
  }

  const place = await takeSlot(app, app.kind === 'stall' ? body.slotLabel : undefined);
  if (!place) {
    if (app.kind === 'stall') throw new AppError('NO_CAPACITY', '该园区摊位已全部分配，暂无空闲摊位');
    // The class is full: the application waits its turn, in submission order.
    return finish(app, {
      ...base,
      action: 'waitlist',
      actor: { role: 'system', id: base.actor.id, name: `${base.actor.name ?? ''}（名额已满，转入候补）` },
    });
  }
  try {
    return await finish(app, {
      ...base,
      set: { assignment: { slotId: place._id, label: place.label, at: new Date() } },
      data: { slot: place.label },
    });
  } catch (err) {
    await returnSlot(app, place._id);
    throw err;
  }
}
