import { ACTION_LABELS, STATUS_LABELS, type HistoryEntry } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../format';
import { actorText } from '../../words';
import './index.scss';

function reasonPrefix(entry: HistoryEntry): string {
  if (entry.action === 'reject') return '原因';
  if (entry.action === 'request_info') return '需补充';
  return '说明';
}

interface Props {
  history: readonly HistoryEntry[];
}

/** Every step of the application, newest first: what happened, when, who did it and why. */
export function History({ history }: Props) {
  const entries = [...history].reverse();
  return (
    <View className="history">
      {entries.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className="history__entry">
          <Text className="history__what">
            {`${entry.action === 'submit' ? '提交申请' : ACTION_LABELS[entry.action]} → ${STATUS_LABELS[entry.to]}`}
          </Text>
          <Text className="history__meta">{`${formatDateTime(entry.at)} · ${actorText(entry)}`}</Text>
          {entry.reason ? <Text className="history__reason">{`${reasonPrefix(entry)}：${entry.reason}`}</Text> : null}
        </View>
      ))}
    </View>
  );
}
