import type { SubscriptionsResponse } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { actAs, apply, newResident, staffActs } from '../testing/bff';
import { residentRequest } from './auth';
import { canSubscribe, listMessages, markMessagesRead, offerSubscriptions, unreadMessageCount } from './messages';

// Against the real BFF of the Jest run: the messages are filed by the staff's decisions.

beforeEach(() => Taro.clearStorageSync());

async function residentWithTwoMessages() {
  const resident = await newResident();
  const application = await apply(resident, 'park-chunjiang');
  await staffActs(resident, application, { action: 'request_info', reason: '请补充营业执照' }, { action: 'reject', reason: '材料不全' });
  actAs(resident);
  return { resident, application };
}

it('lists the messages newest first with the unread count', async () => {
  const { application } = await residentWithTwoMessages();
  const page = await listMessages();
  expect(page.unread).toBe(2);
  expect(page.items.map((m) => [m.title, m.applicationId, m.readAt])).toEqual([
    ['申请未通过', application.id, null],
    ['需要补充材料', application.id, null],
  ]);
  expect(page.items[0]?.body).toContain('原因：材料不全。');
  expect(await unreadMessageCount()).toBe(2);
});

it('marks one read, then all', async () => {
  await residentWithTwoMessages();
  const [newest] = (await listMessages()).items;
  expect(await markMessagesRead([newest?.id ?? ''])).toEqual({ marked: 1, unread: 1 });
  expect(await markMessagesRead('all')).toEqual({ marked: 1, unread: 0 });
  expect(await unreadMessageCount()).toBe(0);
});

it("shows no one else's messages", async () => {
  await residentWithTwoMessages();
  actAs(await newResident());
  expect(await listMessages()).toEqual({ items: [], unread: 0, nextCursor: null });
});

it('asks nothing in a browser and records no grant', async () => {
  actAs(await newResident());
  expect(canSubscribe).toBe(false);
  expect(await offerSubscriptions()).toEqual([]);
  const { templateIds, available } = await residentRequest<SubscriptionsResponse>({ path: '/api/me/subscriptions' });
  expect(templateIds.length).toBeGreaterThan(0);
  expect(Object.values(available)).toEqual(templateIds.map(() => 0));
});
