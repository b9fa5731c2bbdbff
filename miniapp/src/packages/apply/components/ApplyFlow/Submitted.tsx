import type { Application } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { Notice } from '../../../../components/Notice';
import { routes } from '../../../../routes';
import { ALWAYS_NEXT, NEXT_STEPS } from '../../nextSteps';
import { SubscribePrompt } from '../SubscribePrompt';

interface Props {
  application: Application;
  /** Where "查看办理进度" leads; the resident's own application page unless given. */
  detailUrl?: string;
  /** Offer the resident WeChat notices (not when an officer submitted for them). */
  offerNotices?: boolean;
}

/** After submission: the application number to keep, and what happens next. */
export function Submitted({ application, detailUrl = routes.application(application.id), offerNotices = true }: Props) {
  return (
    <View>
      <Notice tone="success" title="申请已提交">
        <Text>申请编号</Text>
        <Text className="submitted__number" userSelect>
          {application.number}
        </Text>
        <Text className="page__hint">咨询时请告诉工作人员这个编号。</Text>
      </Notice>
      <View className="section">
        <Text className="section__title">接下来</Text>
        {[...NEXT_STEPS[application.kind], ...ALWAYS_NEXT].map((line, index) => (
          <Text key={line} className="bullet">
            {index + 1}. {line}
          </Text>
        ))}
      </View>
      {offerNotices ? <SubscribePrompt /> : null}
      <ActionButton kind="primary" onClick={() => void Taro.redirectTo({ url: detailUrl })}>
        查看办理进度
      </ActionButton>
      <ActionButton onClick={() => void Taro.switchTab({ url: routes.home })}>返回首页</ActionButton>
    </View>
  );
}
