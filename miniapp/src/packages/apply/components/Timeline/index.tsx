import { ACTION_LABELS, STATUS_LABELS, type HistoryEntry } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../format';
import './index.scss';

const ACTOR_TEXT: Record<HistoryEntry['actorRole'], string> = {
  resident: '您本人',
  officer: '社区劳动保障协理员',
  reviewer: '区就业服务工作人员',
  admin: '区就业服务工作人员',
  system: '系统自动',
};

interface Props {
  history: readonly HistoryEntry[];
}

/** The application's history, newest first: when, what it became, who did it and why. */
export function Timeline({ history }: Props) {
  const entries = [...history].reverse();
  return (
    <View className="timeline">
      {entries.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className={`timeline__entry${index === 0 ? ' timeline__entry--latest' : ''}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__status">{STATUS_LABELS[entry.to]}</Text>
            <Text className="timeline__meta">
              {formatDateTime(entry.at)} · {ACTOR_TEXT[entry.actorRole]}
              {entry.action === 'submit' ? '提交申请' : ACTION_LABELS[entry.action]}
            </Text>
            {entry.reason ? <Text className="timeline__reason">原因：{entry.reason}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
