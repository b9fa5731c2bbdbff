import type { QueueItem } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { CardLink } from '../../../../components/CardLink';
import { StatusBadge } from '../../../../components/StatusBadge';
import './index.scss';

interface Props {
  item: QueueItem;
  /** The community's name, where the community directory is loaded. */
  communityName?: string;
  onOpen: (id: string) => void;
}

/** "等待 3 天" since the last change; today's changes say so. */
export function waitingText(days: number): string {
  return days === 0 ? '今天有变动' : `等待 ${days} 天`;
}

/** One application in the queue: number, programme, applicant, status and how long it has waited. */
export function QueueCard({ item, communityName, onOpen }: Props) {
  return (
    <CardLink className="card queue-card" onClick={() => onOpen(item.id)}>
      <View className="queue-card__head">
        <Text className="queue-card__number">{item.number}</Text>
        <StatusBadge status={item.status} />
      </View>
      <Text className="queue-card__programme">{item.programTitle}</Text>
      <View className="queue-card__applicant">
        <Text className="queue-card__name">{item.applicantName}</Text>
        <Text>{item.idNumberMasked}</Text>
      </View>
      <Text className="page__hint">{`${item.street} ${communityName ?? item.community}`}</Text>
      <View className="queue-card__foot">
        <Text className={item.waitingDays >= 7 ? 'queue-card__waiting queue-card__waiting--long' : 'queue-card__waiting'}>
          {waitingText(item.waitingDays)}
        </Text>
        {item.overdue ? <Text className="queue-card__overdue">还款逾期</Text> : null}
        <Text className="queue-card__more">处理 ›</Text>
      </View>
    </CardLink>
  );
}
