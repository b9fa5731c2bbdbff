import { APPLICANT_DECLARATION, type Application, type Program } from '@minsheng/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { formatDateTime } from '../../../../format';
import {
  actAs,
  apply,
  applicationOf,
  FORMS,
  newResident,
  PLAN,
  programByCode,
  staffActs,
  type Resident,
  type StaffStep,
} from '../../../../testing/bff';
import { findField } from '../../../../testing/taro';
import { ApplicationDetail } from '.';

const PARK = 'park-chunjiang';
const REASON = '身份证照片看不清，请重新拍摄';

let park: Program;

/** A resident of their own with an application to the park, which the administrator then takes through `steps`. */
async function applied(...steps: StaffStep[]): Promise<{ resident: Resident; application: Application }> {
  const resident = await newResident();
  const submitted = await apply(resident, PARK);
  const application = await staffActs(resident, submitted, ...steps);
  actAs(resident);
  return { resident, application };
}

const needsInfo = () => applied({ action: 'start_review' }, { action: 'request_info', reason: REASON });

function renderDetail(application: Application, onChange = jest.fn(), onStale = jest.fn()) {
  render(<ApplicationDetail application={application} program={park} onChange={onChange} onStale={onStale} />);
  return { onChange, onStale };
}

beforeAll(async () => {
  park = await programByCode(PARK);
});

beforeEach(() => {
  Taro.clearStorageSync();
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('ApplicationDetail', () => {
  describe('once more information is asked for', () => {
    let waiting: Application;

    beforeAll(async () => {
      waiting = (await needsInfo()).application;
    });

    it('shows the status in words and the history as a timeline, newest first', () => {
      renderDetail(waiting);

      expect(screen.getAllByText('待补充材料').length).toBeGreaterThan(0);
      const statuses = Array.from(document.querySelectorAll('.timeline__status')).map((el) => el.textContent);
      expect(statuses).toEqual(['待补充材料', '审核中', '已提交']);
      const asked = waiting.history.at(-1)?.at ?? '';
      expect(screen.getByText(`${formatDateTime(asked)} · 区就业服务工作人员要求补充材料`)).toBeTruthy();
    });

    it('gives the reason more information is needed and a form to resubmit', async () => {
      renderDetail(waiting);

      expect(screen.getByText(`工作人员说明：${REASON}`)).toBeTruthy();
      expect((await findField('打算卖什么、怎么经营，简单写几句')).value).toBe(PLAN);
      expect(screen.getByText('补充完成，重新提交')).toBeTruthy();
      // The declaration sits in the resubmission's card, not in a card of its own inside it.
      expect(screen.getByText('我已阅读并作出以上承诺').closest('.card')?.textContent).toContain('修改后重新提交');
    });
  });

  it('resubmits with the version the resident saw', async () => {
    const { resident, application } = await needsInfo();
    const { onChange } = renderDetail(application);

    fireEvent.click(screen.getByText('补充完成，重新提交'));
    // A resubmission is declared anew: nothing is sent until the box is ticked.
    expect(await screen.findByText('请勾选“本人承诺所填信息真实”')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('我已阅读并作出以上承诺'));
    fireEvent.click(screen.getByText('补充完成，重新提交'));

    await waitFor(() => expect(onChange).toHaveBeenCalled());
    const stored = await applicationOf(resident, application.id);
    expect(onChange).toHaveBeenCalledWith(stored);
    expect(stored).toMatchObject({ status: 'submitted', version: application.version + 1, form: FORMS.stall });
    expect(stored.materials.map((m) => m.id)).toEqual(application.materials.map((m) => m.id));
    expect(stored.history.at(-1)).toMatchObject({ action: 'resubmit', actorRole: 'resident' });
    expect(stored.declaration).toMatchObject({ version: APPLICANT_DECLARATION.version, via: 'resident' });
  });

  it('offers no resubmission unless information was asked for', async () => {
    const { application } = await applied({ action: 'start_review' });
    renderDetail(application);

    expect(screen.queryByText('补充完成，重新提交')).toBeNull();
    expect(screen.getByText('撤回申请')).toBeTruthy();
  });

  it('withdraws with the version after the resident confirms', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const { resident, application } = await applied();
    const { onChange } = renderDetail(application);

    fireEvent.click(screen.getByText('撤回申请'));

    await waitFor(() => expect(onChange).toHaveBeenCalled());
    const stored = await applicationOf(resident, application.id);
    expect(onChange).toHaveBeenCalledWith(stored);
    expect(stored).toMatchObject({ status: 'withdrawn', version: application.version + 1 });
  });

  it('does nothing when the resident changes their mind', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    const request = jest.spyOn(Taro, 'request');
    const { resident, application } = await applied();
    const { onChange } = renderDetail(application);

    fireEvent.click(screen.getByText('撤回申请'));

    await waitFor(() => expect(modal).toHaveBeenCalled());
    await act(async () => undefined);
    expect(request).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
    expect(await applicationOf(resident, application.id)).toMatchObject({ status: 'submitted', version: application.version });
  });

  it('reloads when staff changed the application first', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const { resident, application } = await applied();
    const { onStale } = renderDetail(application);
    await staffActs(resident, application, { action: 'start_review' });

    fireEvent.click(screen.getByText('撤回申请'));

    expect(await screen.findByText('申请已被他人处理，请刷新后重试')).toBeTruthy();
    expect(onStale).toHaveBeenCalled();
    expect(await applicationOf(resident, application.id)).toMatchObject({ status: 'under_review' });
  });

  it('has no withdraw button once decided', async () => {
    const { application } = await applied({ action: 'start_review' }, { action: 'approve' });
    renderDetail(application);

    expect(screen.queryByText('撤回申请')).toBeNull();
    expect(application.assignment?.label).toMatch(/^CJ-\d{3}$/);
    expect(screen.getByText(application.assignment?.label ?? '')).toBeTruthy();
  });
});
