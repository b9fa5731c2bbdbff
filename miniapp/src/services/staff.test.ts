import Taro from '@tarojs/taro';
import { ADMIN } from '../../e2e/stack';
import { apply, newResident, staffActs } from '../testing/bff';
import { ApiError } from './request';
import { STAFF_TOKEN_STORAGE_KEY, TOKEN_STORAGE_KEY } from './session';
import {
  currentStaff,
  getStaffApplication,
  getStats,
  listQueue,
  revealIdNumber,
  staffLogIn,
  staffLogOut,
  transitionApplication,
} from './staff';

// Against the real BFF of the Jest run (test/global-setup.ts). Only one
// wrong password is tried: failures count per client address, and eight
// would lock every test of the run out for 15 minutes.

beforeEach(() => {
  Taro.clearStorageSync();
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('staffLogIn', () => {
  it('logs in and keeps the staff token apart from the resident token', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'resident-token');

    const staff = await staffLogIn(ADMIN.username, ADMIN.password);

    expect(staff).toMatchObject({ username: ADMIN.username, role: 'admin' });
    expect(currentStaff()).toEqual(staff);
    expect(Taro.getStorageSync(STAFF_TOKEN_STORAGE_KEY)).toEqual(expect.any(String));
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe('resident-token');
  });

  it('throws the 401 of a wrong password and stores nothing', async () => {
    const error: unknown = await staffLogIn(ADMIN.username, 'not-the-password').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS' });
    expect(currentStaff()).toBeNull();
  });
});

describe('currentStaff', () => {
  it('is null once the staff token has expired', async () => {
    await staffLogIn(ADMIN.username, ADMIN.password);
    const expiresAt = Date.parse(String(Taro.getStorageSync('minsheng.staffTokenExpiresAt')));

    expect(currentStaff(new Date(expiresAt - 1000))).not.toBeNull();
    expect(currentStaff(new Date(expiresAt))).toBeNull();
  });
});

describe('staff calls', () => {
  beforeEach(async () => {
    await staffLogIn(ADMIN.username, ADMIN.password);
  });

  it('carry the staff token, not the resident token', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'resident-token');
    const sent = jest.spyOn(Taro, 'request');

    await listQueue({ pageSize: 1 });

    expect(sent.mock.calls[0]?.[0].header).toMatchObject({
      Authorization: `Bearer ${String(Taro.getStorageSync(STAFF_TOKEN_STORAGE_KEY))}`,
    });
  });

  it('find an application in the queue by its number, with the filters given', async () => {
    const resident = await newResident({ name: '吴秀兰' });
    const application = await apply(resident, 'loan-guaranteed');

    const page = await listQueue({ kind: 'loan', status: undefined, q: application.number, sort: 'waiting', page: 1, pageSize: 20 });

    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20, next: null });
    expect(page.items[0]).toMatchObject({ id: application.id, applicantName: '吴秀兰', status: 'submitted' });
  });

  it('page on from the `next` of the page before', async () => {
    const residents = await Promise.all([newResident({ name: '公孙秀英' }), newResident({ name: '公孙秀英' })]);
    const applications = await Promise.all(residents.map((r) => apply(r, 'park-chunjiang')));

    const first = await listQueue({ q: '公孙秀英', sort: 'oldest', pageSize: 1 });
    const second = await listQueue({ q: '公孙秀英', sort: 'oldest', pageSize: 1, page: 2, after: first.next ?? '' });

    expect(first.next).toEqual(expect.any(String));
    expect(second).toMatchObject({ total: 2, page: 2, next: null });
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual(applications.map((a) => a.id).sort());
  });

  it('find an application by the full ID number without putting it in an address', async () => {
    const resident = await newResident({ name: '吴秀兰' });
    const application = await apply(resident, 'loan-guaranteed');
    const sent = jest.spyOn(Taro, 'request');

    const page = await listQueue({ q: String(resident.idNumber) });

    expect(page.items.map((i) => i.id)).toEqual([application.id]);
    const call = sent.mock.calls[0]?.[0];
    expect(call?.method).toBe('POST');
    expect(call?.url).not.toContain(String(resident.idNumber));
  });

  it('take a step with the version seen, and refuse a stale version', async () => {
    const resident = await newResident();
    const submitted = await apply(resident, 'park-chunjiang');

    const started = await transitionApplication(submitted.id, { action: 'start_review', version: submitted.version });
    expect(started).toMatchObject({ status: 'under_review', version: submitted.version + 1 });
    expect(started.actions).toContain('approve');

    const stale: unknown = await transitionApplication(submitted.id, {
      action: 'reject',
      version: submitted.version,
      reason: '不符合条件',
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409, code: 'STALE_VERSION' });
    await expect(getStaffApplication(submitted.id)).resolves.toMatchObject({ status: 'under_review' });
  });

  it('reveal the applicant’s ID number when given a reason', async () => {
    const resident = await newResident();
    const application = await apply(resident, 'park-chunjiang');

    await expect(revealIdNumber(application.id, '与身份证原件核对')).resolves.toBe(resident.idNumber);
  });

  it('ask for the statistics of a date range', async () => {
    const resident = await newResident();
    await staffActs(resident, await apply(resident, 'park-chunjiang'), { action: 'start_review' });

    const stats = await getStats({ from: '2020-01-01', to: '2099-12-31' });

    expect(stats.total).toBeGreaterThan(0);
    expect(stats.byStatus.under_review).toBeGreaterThan(0);
    await expect(getStats({ from: '2020-01-01', to: '2020-01-31' })).resolves.toMatchObject({ total: 0 });
  });

  it('forget the staff session when the BFF refuses the token, and keep the resident one', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'resident-token');
    Taro.setStorageSync(STAFF_TOKEN_STORAGE_KEY, 'not-a-token');

    await expect(listQueue()).rejects.toMatchObject({ status: 401 });

    expect(currentStaff()).toBeNull();
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe('resident-token');
  });

  it('send no token at all after logging out, not the resident one', async () => {
    Taro.setStorageSync(TOKEN_STORAGE_KEY, 'resident-token');
    staffLogOut();
    const sent = jest.spyOn(Taro, 'request');

    await expect(listQueue()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    expect(sent.mock.calls[0]?.[0].header).not.toHaveProperty('Authorization');
  });
});
