import { chinaDateTime, STATUS_LABELS } from '@minsheng/shared';
import type { WechatClient } from '../../wechat/client';
import { openidOf } from '../residents/service';
import { leaseOutlives, type Lease, type Outcome } from './lease';
import type { OutboxDoc } from './model';
import { returnGrant, spendGrant } from './service';

export interface SendOptions {
  wechat: WechatClient;
  templateId: string;
  maxAttempts: number;
  /** The WeChat call's timeout: a send starts only with this much lease (plus a margin) left. */
  sendTimeoutMs: number;
}

/** WeChat's "the user has not subscribed / no quota left": retrying cannot help. */
const NOT_SUBSCRIBED = 43101;

/** WeChat's field limits: thing ≤ 20 characters. */
const thing = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

/** The page a subscribe message opens: the application, naming the message so opening it marks it read. */
function messagePage(entry: Pick<OutboxDoc, '_id' | 'applicationId'>): string {
  return `packages/apply/pages/application/index?id=${String(entry.applicationId)}&message=${encodeURIComponent(entry._id)}`;
}

/**
 * Sends the entry's subscribe message, spending one of the resident's grants;
 * null when the lease no longer leaves time to send (the entry stays as it is).
 * A grant of a send that cannot succeed is given back.
 */
export async function deliver(entry: OutboxDoc, lease: Lease, options: SendOptions): Promise<Outcome | null> {
  const openid = await openidOf(entry.residentId);
  // A resident registered by an officer has no WeChat account (yet): the in-app message is all they get.
  if (!openid) return { status: 'skipped', reason: 'no_openid' };
  const grant = await spendGrant(entry.residentId, options.templateId, entry._id);
  if (!grant) return { status: 'skipped', reason: 'no_grant' };
  // Too little lease left to finish the call and record it before someone else may take over: leave it.
  if (!leaseOutlives(lease, options.sendTimeoutMs)) return null;
  const result = await options.wechat.sendSubscribeMessage({
    touser: openid,
    templateId: options.templateId,
    page: messagePage(entry),
    data: {
      thing1: { value: thing(entry.programTitle) },
      character_string2: { value: entry.applicationNumber },
      phrase3: { value: STATUS_LABELS[entry.applicationStatus] },
      thing4: { value: thing(entry.title) },
      time5: { value: chinaDateTime(entry.createdAt) },
    },
  });
  if (result.ok) return { status: 'sent' };
  const reason = `errcode ${result.errcode}: ${result.errmsg}`.slice(0, 200);
  if (result.errcode === NOT_SUBSCRIBED) {
    await returnGrant(grant, entry._id);
    return { status: 'skipped', reason };
  }
  if (entry.attempts + 1 >= options.maxAttempts) {
    await returnGrant(grant, entry._id);
    return { status: 'failed', reason };
  }
  return { status: 'retry', reason };
}
