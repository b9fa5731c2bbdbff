import { chinaDateAdd, type Application } from '@minsheng/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { staffSession } from '../../../../services/session';
import { staffLogIn } from '../../../../services/staff';
import { workbookRows } from '@minsheng/bff/test/kit/workbook';
import { LOAN_APPROVAL, apply, backdateSubmission, masked, newResident, newStaffAccount, staffActs } from '../../../../testing/bff';
import { typeInto } from '../../../../testing/taro';
import { logInAsAdmin } from '../../testing/staff';
import { staffRoutes } from '../../routes';
import Queue from './index';

// Against the real BFF of the Jest run. Each test's applicants share a
// surname no other test uses, and the test searches for it: the queue holds
// every test's applications.

const SEARCH = '编号、姓名、手机后 4 位或身份证号';

/** Waits until the queue has answered. */
async function loaded() {
  // A plain error while waiting: printing the element on every try costs seconds.
  await waitFor(() => {
    if (screen.queryByText('正在加载…')) throw new Error('still loading');
  });
}

async function search(text: string) {
  await typeInto(SEARCH, text);
  fireEvent.click(screen.getByText('搜索'));
  await loaded();
}

async function renderQueue() {
  render(<Queue />);
  await loaded();
}

beforeEach(async () => {
  Taro.clearStorageSync();
  await logInAsAdmin();
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('queue', () => {
  it('names the staff member once when the name is the role, as the first administrator’s is', async () => {
    await renderQueue();

    // The run's administrator is named 管理员, its role's label: "管理员/管理员" said nothing twice.
    expect(screen.getAllByText('管理员')).toHaveLength(1);
    expect(screen.getByText('统计报表')).toBeTruthy();
  });

  it.each([
    ['操作日志', staffRoutes.audit],
    ['工作人员账号：新建、改角色、重置密码、停用', staffRoutes.accounts],
    ['社区（村）：登记、改名、停用', staffRoutes.communities],
    ['服务目录：新开培训班、摊位，修改、关闭项目', staffRoutes.catalog],
  ])('opens %s for an administrator only', async (button, url) => {
    await renderQueue();
    fireEvent.click(screen.getByText(button));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url });
    cleanup();
    const reviewer = await newStaffAccount('reviewer');
    await staffLogIn(reviewer.username, reviewer.password);
    await renderQueue();
    expect(screen.getByText('统计报表')).toBeTruthy();
    expect(screen.queryByText(button)).toBeNull();
  });

  it('opens 证件核验 from the top of the queue', async () => {
    await renderQueue();
    fireEvent.click(screen.getByText('证件核验：《就业创业证》核查、审批'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: staffRoutes.certificates });
  });

  it('shows each application with its applicant, masked ID, status, community and waiting time', async () => {
    const resident = await newResident({ name: '欧阳秀珍', community: 'bqsq' });
    const application = await apply(resident, 'park-chunjiang');
    await renderQueue();

    await search('欧阳秀珍');

    expect(screen.getByText('共 1 份申请')).toBeTruthy();
    expect(screen.getByText(application.number)).toBeTruthy();
    expect(screen.getByText('春江新城创业大市场摊位')).toBeTruthy();
    expect(screen.getByText(masked(resident.idNumber ?? ''))).toBeTruthy();
    expect(screen.getByText('已提交')).toBeTruthy();
    expect(screen.getByText('板桥街道 板桥社区')).toBeTruthy();
    expect(screen.getByText('今天有变动')).toBeTruthy();
  });

  it('marks a loan whose repayment is overdue', async () => {
    const resident = await newResident({ name: '上官志强' });
    const application = await apply(resident, 'loan-guaranteed');
    // Submitted 100 days ago, disbursed for one month 90 days ago: no step records a date before the submission.
    await backdateSubmission(application.id, 100);
    const daysAgo = (days: number) => chinaDateAdd(new Date(), -days);
    await staffActs(
      resident,
      application,
      { action: 'start_review' },
      { action: 'inspect', inspection: { date: daysAgo(95), officer: '赵六', notes: '' } },
      { action: 'approve', approvedFen: 1_000_000, termMonths: 1 },
      { action: 'disburse', amountFen: 1_000_000, date: daysAgo(90) },
    );
    await renderQueue();

    await search('上官志强');

    expect(screen.getByText('还款逾期')).toBeTruthy();
    expect(screen.getByText('已放款')).toBeTruthy();
  });

  it('loads the next page under the first on 加载更多', async () => {
    const residents = await Promise.all(Array.from({ length: 21 }, () => newResident({ name: '司马丽华' })));
    await Promise.all(residents.map((r) => apply(r, 'park-chunjiang')));
    await renderQueue();

    await search('司马丽华');
    expect(screen.getByText('共 21 份申请')).toBeTruthy();
    expect(screen.getAllByText('司马丽华')).toHaveLength(20);

    fireEvent.click(screen.getByText('加载更多'));
    await loaded();

    expect(screen.getAllByText('司马丽华')).toHaveLength(21);
    expect(screen.getByText('已全部显示')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('continues 加载更多 after the last card shown, even when a newer application arrived meanwhile', async () => {
    const residents = await Promise.all(Array.from({ length: 21 }, () => newResident({ name: '慕容雪梅' })));
    const earlier = await Promise.all(residents.map((r) => apply(r, 'park-chunjiang')));
    await renderQueue();
    fireEvent.click(screen.getByText('最新提交'));
    await loaded();
    await search('慕容雪梅');
    expect(screen.getAllByText('慕容雪梅')).toHaveLength(20);

    // Lands on top of the newest-first list: counting pages would show the 20th card again.
    const newer = await apply(await newResident({ name: '慕容雪梅' }), 'park-chunjiang');
    fireEvent.click(screen.getByText('加载更多'));
    await loaded();

    for (const application of earlier) expect(screen.getAllByText(application.number)).toHaveLength(1);
    expect(screen.queryByText(newer.number)).toBeNull();
    expect(screen.getByText('已全部显示')).toBeTruthy();
  });

  it('opens on the work to do: the longest waiting first, with how many wait in each status', async () => {
    const resident = await newResident({ name: '欧阳秀英' });
    const first = await apply(resident, 'park-chunjiang');
    const second = await apply(resident, 'loan-guaranteed');
    // A step on the first makes the second the one waiting longest.
    await staffActs(resident, first, { action: 'start_review' });
    await renderQueue();
    await search('欧阳秀英');

    expect(screen.getByText('待办：已提交 1 份 · 审核中 1 份')).toBeTruthy();
    const numbers = Array.from(document.querySelectorAll('.queue-card__number')).map((el) => el.textContent);
    expect(numbers).toEqual([second.number, first.number]);
    fireEvent.click(screen.getByText('筛选条件'));
    expect(screen.getByText('已提交（1）', { selector: '.chip taro-text-core' })).toBeTruthy();
  });

  it('exports what it shows as a workbook: the headers, masked numbers and the approved amount', async () => {
    const resident = await newResident({ name: '东方翠兰' });
    const loan = await staffActs(resident, await apply(resident, 'loan-guaranteed'), ...LOAN_APPROVAL);
    // The browser's download is the boundary: the page hands it the file it fetched from the real BFF.
    const saved: { blob: Blob; name: string }[] = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:export-${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ blob: blobs.get(this.href) ?? new Blob(), name: this.download });
    });
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    await renderQueue();
    await search('东方翠兰');

    expect(screen.getByText('按当前筛选条件导出 1 份申请（身份证号、手机号已隐去部分数字）')).toBeTruthy();
    fireEvent.click(screen.getByText('导出 Excel'));
    await waitFor(() => expect(toast).toHaveBeenCalledWith({ title: '导出完成', icon: 'success' }));

    expect(saved.map((s) => s.name)).toEqual([expect.stringMatching(/^申请导出-\d{4}-\d{2}-\d{2}\.xlsx$/)]);
    const rows = await workbookRows(Buffer.from(await new Response(saved[0]?.blob).arrayBuffer()));
    expect(rows[0]?.slice(0, 7)).toEqual(['申请编号', '服务类型', '项目', '状态', '申请人', '身份证号(脱敏)', '手机号(脱敏)']);
    expect(rows).toHaveLength(2);
    const [number, , , , name, idNumber, mobile] = rows[1] ?? [];
    expect({ number, name, idNumber, mobile }).toEqual({
      number: loan.number,
      name: '东方翠兰',
      idNumber: masked(resident.idNumber ?? ''),
      mobile: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
    });
    expect(rows[1]).toContain(28_000);
  });

  it('at a desk lays the queue out as a table beside its open filters, and its time headers sort', async () => {
    // The browser's media query is the boundary: this window is a desk's 1366 px.
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: true,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      const resident = await newResident({ name: '上官秀琴' });
      const first = await apply(resident, 'park-chunjiang');
      const second = await apply(resident, 'training-lathe');
      await staffActs(resident, first, { action: 'start_review' });
      await renderQueue();
      await search('上官秀琴');

      // The filters stand open beside the list: no button to unfold them.
      expect(screen.queryByText('筛选条件')).toBeNull();
      expect(screen.getByText('服务类型')).toBeTruthy();
      const rowNumbers = () => Array.from(document.querySelectorAll('[role="table"] .queue-table__number')).map((cell) => cell.textContent);
      // Longest waiting first: the second has had no step since it came.
      expect(screen.getByText('等待 ↓')).toBeTruthy();
      expect(rowNumbers()).toEqual([second.number, first.number]);

      fireEvent.click(screen.getByText('提交时间'));
      await loaded();
      expect(rowNumbers()).toEqual([second.number, first.number]);
      fireEvent.click(screen.getByText('提交时间 ↓'));
      await loaded();
      expect(screen.getByText('提交时间 ↑')).toBeTruthy();
      expect(rowNumbers()).toEqual([first.number, second.number]);

      fireEvent.click(screen.getByText(first.number));
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: staffRoutes.detail(first.id) });
    } finally {
      window.matchMedia = original;
    }
  });

  it('filters by service and status', async () => {
    const resident = await newResident({ name: '诸葛美兰' });
    const stall: Application = await apply(resident, 'park-chunjiang');
    const loan = await staffActs(resident, await apply(resident, 'loan-guaranteed'), { action: 'start_review' });
    await renderQueue();
    await search('诸葛美兰');
    expect(screen.getByText('共 2 份申请')).toBeTruthy();

    fireEvent.click(screen.getByText('筛选条件'));
    fireEvent.click(screen.getByText('创业担保贷款'));
    await loaded();
    fireEvent.click(screen.getByText('审核中（1）', { selector: '.chip taro-text-core' }));
    await loaded();

    expect(screen.getByText('共 1 份申请')).toBeTruthy();
    expect(screen.getByText(loan.number)).toBeTruthy();
    expect(screen.queryByText(stall.number)).toBeNull();
    expect(screen.getByText('收起筛选条件')).toBeTruthy();
  });

  it('opens an application', async () => {
    const resident = await newResident({ name: '东方建国' });
    const application = await apply(resident, 'park-chunjiang');
    await renderQueue();
    await search('东方建国');

    fireEvent.click(screen.getByText(application.number));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/staff/pages/detail/index?id=${application.id}` });
  });

  it('leads an administrator to the sign-up links and their figures', async () => {
    await renderQueue();

    fireEvent.click(screen.getByText('推广链接'));
    fireEvent.click(screen.getByText('来源统计'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/links/index' });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/funnel/index' });
  });

  it('sends the viewer to the login when no staff session is stored', async () => {
    Taro.clearStorageSync();

    render(<Queue />);

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' }));
  });

  it('ends the session on the BFF on 退出登录, so the old token opens nothing any more', async () => {
    const token = staffSession.token();
    expect(token).not.toBe('');
    await renderQueue();
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' }));
    expect(staffSession.token()).toBe('');
    const again = await Taro.request({ url: `${API_BASE_URL}/api/admin/applications`, header: { Authorization: `Bearer ${token}` } });
    expect(again.statusCode).toBe(401);
  });
});
