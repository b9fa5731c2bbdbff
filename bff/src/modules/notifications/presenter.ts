import { STATUS_LABELS, type Message } from '@minsheng/shared';
import type { MessageDoc } from './model';

export function presentMessage(doc: MessageDoc): Message {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    applicationId: String(doc.applicationId),
    applicationNumber: doc.applicationNumber,
    statusLabel: STATUS_LABELS[doc.status],
    createdAt: doc.createdAt.toISOString(),
    readAt: doc.readAt ? doc.readAt.toISOString() : null,
  };
}
