import { CERTIFICATE_STATUS_LABELS, STATUS_LABELS, type ApplicationStatus, type CertificateStatus } from '@minsheng/shared';
import { Text } from '@tarojs/components';
import './index.scss';

type Tone = 'waiting' | 'action' | 'good' | 'closed';

const TONES: Record<ApplicationStatus, Tone> = {
  submitted: 'waiting',
  under_review: 'waiting',
  inspected: 'waiting',
  waitlisted: 'waiting',
  needs_info: 'action',
  approved: 'good',
  attending: 'good',
  disbursed: 'good',
  repaying: 'good',
  completed: 'good',
  settled: 'good',
  paid: 'good',
  rejected: 'closed',
  withdrawn: 'closed',
  released: 'closed',
  no_show: 'closed',
};

interface Props {
  status: ApplicationStatus;
}

/** An application's status in words, coloured by whether the resident has to act. */
export function StatusBadge({ status }: Props) {
  return <Text className={`status-badge status-badge--${TONES[status]}`}>{STATUS_LABELS[status]}</Text>;
}

const CERTIFICATE_TONES: Record<CertificateStatus, Tone> = {
  pending: 'waiting',
  checked: 'waiting',
  active: 'good',
  rejected: 'closed',
  suspended: 'action',
  cancelled: 'closed',
};

/** A 就业创业证's status in words, coloured as an application's. */
export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  return <Text className={`status-badge status-badge--${CERTIFICATE_TONES[status]}`}>{CERTIFICATE_STATUS_LABELS[status]}</Text>;
}
