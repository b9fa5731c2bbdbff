import { STATUS_LABELS, type ApplicationStatus } from '@minsheng/shared';
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
