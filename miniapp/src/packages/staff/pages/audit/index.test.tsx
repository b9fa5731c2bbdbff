import { AUDIT_ACTION_LABELS } from '@minsheng/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { ok } from '@minsheng/bff/test/kit/client';
import { staffLogIn } from '../../../../services/staff';
import { newStaff, uniqueName } from '../../../../testing/bff';
import AuditLog, { PAGE_SIZE } from './index';

// Against the real BFF of the Jest run, whose log holds every test's entries:
// this file's entries name an account of its own, and it filters to them.

const PATH = '/packages/staff/pages/audit/index';
const UPDATED = AUDIT_ACTION_LABELS.staff_update;

function open() {
  Current.router = { params: {}, path: PATH, $taroPath: PATH, onReady: '', onHide: '', onShow: '' };
  render(<AuditLog />);
}

async function loaded() {
  await waitFor(() => {
    if (screen.queryByText('正在加载…')) throw new Error('still loading');
  });
}

async function choose(label: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(label, { selector: '.chip *' }));
  });
  await loaded();
}

let username = '';

beforeAll(async () => {
  Taro.clearStorageSync();
  const admin = await newStaff('admin');
  username = uniqueName('audit').toLowerCase();
  const account = await ok<{ id: string }>(
    admin.post('/api/admin/staff').send({ username, name: '被修改者', password: 'correct-horse-battery', role: 'reviewer' }),
  );
  // One change more than a page: the first change shows only after 加载更多.
  for (let i = 0; i <= PAGE_SIZE; i += 1) await ok(admin.patch(`/api/admin/staff/${account.id}`).send({ name: `名${i}` }));
  await staffLogIn(admin.username, admin.password);
});

afterEach(() => {
  Current.router = null;
  jest.restoreAllMocks();
});

it('lists who did what and when, newest first, and pages with 加载更多', async () => {
  open();
  expect(screen.getByText('正在加载…')).toBeTruthy();
  await loaded();
  await choose('今天');
  await choose(UPDATED);
  const newest = `修改账号 ${username}：姓名改为 名${PAGE_SIZE}`;
  const oldest = `修改账号 ${username}：姓名改为 名0`;
  const card = (await screen.findByText(newest)).closest('.audit-entry') as HTMLElement;
  expect(card.textContent).toContain(UPDATED);
  expect(card.textContent).toContain('测试员');
  expect(card.textContent).toContain('管理员');
  expect(card.textContent).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  expect(document.querySelectorAll('.audit-entry')).toHaveLength(PAGE_SIZE);
  expect(screen.queryByText(oldest)).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByText('加载更多'));
  });
  expect(await screen.findByText(oldest)).toBeTruthy();
  expect(document.querySelectorAll('.audit-entry').length).toBeGreaterThan(PAGE_SIZE);
  const mine = [...document.querySelectorAll('.audit-entry__reason')].map((n) => n.textContent ?? '').filter((t) => t.includes(username));
  expect(mine).toEqual(Array.from({ length: PAGE_SIZE + 1 }, (_, i) => `修改账号 ${username}：姓名改为 名${PAGE_SIZE - i}`));
});

it('says so when nothing matches the filters', async () => {
  open();
  await loaded();
  // No test of the mini-program reinstates a 就业创业证.
  await choose('今天');
  await choose(AUDIT_ACTION_LABELS.certificate_reinstate);
  expect(await screen.findByText('没有符合条件的记录。')).toBeTruthy();
  expect(screen.queryByText('加载更多')).toBeNull();
});

it('is refused to a reviewer, with the reason shown', async () => {
  const reviewer = await newStaff('reviewer');
  await staffLogIn(reviewer.username, reviewer.password);
  open();
  await loaded();
  expect(await screen.findByText('没有加载出来')).toBeTruthy();
  expect(document.querySelectorAll('.audit-entry')).toHaveLength(0);
});
