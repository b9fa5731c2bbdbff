import { ACTION_LABELS, STATUS_LABELS, type HistoryEntry } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../format';
import './index.scss';

/** How one step reads on the timeline: a headline, when and by whom, and the reason given. */
export interface StepText {
  title: string;
  meta: string;
  reason?: string;
}

const ACTOR_TEXT: Record<HistoryEntry['actorRole'], string> = {
  resident: '您本人',
  officer: '社区劳动保障协理员',
  reviewer: '区就业服务工作人员',
  admin: '区就业服务工作人员',
  system: '系统自动',
};

/** The resident's words for a step: what the application became, and who did what. */
export function residentStepText(entry: HistoryEntry): StepText {
  const action = entry.action === 'submit' ? '提交申请' : ACTION_LABELS[entry.action];
  return {
    title: STATUS_LABELS[entry.to],
    meta: `${formatDateTime(entry.at)} · ${ACTOR_TEXT[entry.actorRole]}${action}`,
    reason: entry.reason ? `原因：${entry.reason}` : undefined,
  };
}

interface Props {
  history: readonly HistoryEntry[];
  /** The words of each step: the resident's unless given (the staff screens name the people). */
  describe?: (entry: HistoryEntry) => StepText;
}

/** The application's history, newest first: when, what happened, who did it and why. */
export function Timeline({ history, describe = residentStepText }: Props) {
  const entries = [...history].reverse();
  return (
    <View className="timeline">
      {entries.map((entry, index) => {
        const { title, meta, reason } = describe(entry);
        return (
          <View key={`${entry.at}-${index}`} className={`timeline__entry${index === 0 ? ' timeline__entry--latest' : ''}`}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <Text className="timeline__status">{title}</Text>
              <Text className="timeline__meta">{meta}</Text>
              {reason ? <Text className="timeline__reason">{reason}</Text> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
