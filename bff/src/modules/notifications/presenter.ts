import { CERTIFICATE_STATUS_LABELS, STATUS_LABELS, type CertificateStatus, type ApplicationStatus, type Message } from '@minsheng/shared';
import type { MessageDoc } from './model';

export function presentMessage(doc: MessageDoc): Message {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    ...(doc.applicationId ? { applicationId: String(doc.applicationId) } : {}),
    ...(doc.certificateId ? { certificateId: String(doc.certificateId) } : {}),
    applicationNumber: doc.applicationNumber,
    statusLabel: doc.certificateId
      ? CERTIFICATE_STATUS_LABELS[doc.status as CertificateStatus]
      : STATUS_LABELS[doc.status as ApplicationStatus],
    createdAt: doc.createdAt.toISOString(),
    readAt: doc.readAt ? doc.readAt.toISOString() : null,
  };
}
