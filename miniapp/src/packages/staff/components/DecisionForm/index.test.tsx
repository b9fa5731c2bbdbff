import { chinaDate, type StaffApplication } from '@minsheng/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getStaffApplication } from '../../../../services/staff';
import { apply, newResident, programByCode, staffActs, type StaffStep } from '../../../../testing/bff';
import { findField, typeInto } from '../../../../testing/taro';
import type { DecisionContext, StaffAction } from '../../decision';
import { staffApplication } from '../../testing/fixtures';
import { logInAsAdmin } from '../../testing/staff';
import { DecisionForm } from '.';

// Against the real BFF of the Jest run: the form's steps change real applications.

const REJECT_REASON = '写明不予通过的原因，申请人能看到';

function renderForm(action: StaffAction, application: StaffApplication, context: Partial<DecisionContext> = {}) {
  const handlers = { onDone: jest.fn(), onFailed: jest.fn(), onCancel: jest.fn() };
  render(<DecisionForm action={action} context={{ application, staffName: '王芳', today: '2026-03-05', ...context }} {...handlers} />);
  return handlers;
}

/** A fresh resident's application to the seed programme `code`, taken through `steps`; `staffView` as staff see it. */
async function submitted(code: string, ...steps: StaffStep[]) {
  const resident = await newResident();
  const application = await staffActs(resident, await apply(resident, code), ...steps);
  return { resident, application, staffView: await getStaffApplication(application.id) };
}

async function applicationAt(code: string, ...steps: StaffStep[]): Promise<StaffApplication> {
  return (await submitted(code, ...steps)).staffView;
}

// Inspected on the day of the submission: a step records no date before it (shared machines/bounds.ts).
const inspection = { action: 'inspect', inspection: { date: chinaDate(), officer: '赵六', notes: '' } } as const;

async function click(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
  });
}

beforeAll(async () => {
  await logInAsAdmin();
});

describe('DecisionForm', () => {
  it('asks for a reason before rejecting and changes nothing without one', async () => {
    const application = await applicationAt('park-chunjiang');
    const { onDone } = renderForm('reject', application);
    await findField(REJECT_REASON);

    await click('确认不予通过');

    expect(screen.getByText('请填写不予通过的原因')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    await expect(getStaffApplication(application.id)).resolves.toMatchObject({ status: 'submitted', version: application.version });
  });

  it('rejects with the reason, and hands back the application after', async () => {
    const application = await applicationAt('park-chunjiang');
    const { onDone } = renderForm('reject', application);

    await typeInto(REJECT_REASON, '经营项目不在扶持范围内');
    await click('确认不予通过');

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const after = onDone.mock.calls[0]?.[0] as StaffApplication;
    expect(after).toMatchObject({ status: 'rejected', version: application.version + 1 });
    expect(after.history.at(-1)).toMatchObject({ action: 'reject', reason: '经营项目不在扶持范围内' });
  });

  it('approves a loan with the amount typed in yuan recorded in fen', async () => {
    const application = await applicationAt('loan-guaranteed', { action: 'start_review' }, inspection);
    const { onDone } = renderForm('approve', application, { program: await programByCode('loan-guaranteed') });

    await typeInto('批准的贷款金额，单位元', '28000.5');
    await typeInto('批准的期限，单位月', '18');
    await click('确认批准');

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0]?.[0]).toMatchObject({ status: 'approved', loan: { approvedFen: 2_800_050, termMonths: 18 } });
  });

  it('refuses a disbursement dated before the submission at its field, sending nothing', async () => {
    const approve = { action: 'approve', approvedFen: 2_000_000, termMonths: 12 } as const;
    const application = await applicationAt('loan-guaranteed', { action: 'start_review' }, inspection, approve);
    const { onDone, onFailed } = renderForm('disburse', application, { today: chinaDate() });

    await typeInto('日期，如 2026-03-05', '2020-01-10');
    await click('确认登记放款');

    expect(screen.getByText(`日期不能早于申请提交日期 ${chinaDate(new Date(application.submittedAt))}`)).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    expect(onFailed).not.toHaveBeenCalled();
    await expect(getStaffApplication(application.id)).resolves.toMatchObject({ status: 'approved', version: application.version });
  });

  it('starts the loan approval from the amount and term applied for', async () => {
    renderForm('approve', staffApplication({ status: 'inspected' }));

    expect((await findField('批准的贷款金额，单位元')).value).toBe('30000');
    expect((await findField('批准的期限，单位月')).value).toBe('24');
  });

  it('passes a stale version on to the page', async () => {
    const { resident, application, staffView } = await submitted('park-chunjiang');
    const { onFailed, onDone } = renderForm('reject', staffView);
    // Another reviewer starts the review while this one is writing.
    await staffActs(resident, application, { action: 'start_review' });

    await typeInto(REJECT_REASON, '材料不全');
    await click('确认不予通过');

    await waitFor(() => expect(onFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'STALE_VERSION', status: 409 })));
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows the BFF’s field errors at the fields', async () => {
    const application = await applicationAt('park-chunjiang', { action: 'start_review' });
    const { onFailed } = renderForm('approve', application);

    await typeInto('如 CJ-001，留空则分配第一个空闲摊位', 'ZZ-999');
    await click('确认批准');

    expect(await screen.findByText('没有这个摊位')).toBeTruthy();
    expect(onFailed).not.toHaveBeenCalled();
  });

  it('goes back without sending on 取消', () => {
    const { onCancel, onDone } = renderForm('start_review', staffApplication());

    fireEvent.click(screen.getByText('取消'));

    expect(onCancel).toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });
});
