import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleProps } from '../../a11y';
import { ConsentPrompt } from '../../components/ConsentPrompt';
import { Page } from '../../components/Page';
import { useChangedCount } from '../../hooks/useChangedCount';
import { setElderMode, useElderMode } from '../../hooks/useElderMode';
import { useRemote } from '../../hooks/useRemote';
import { routes } from '../../routes';
import { getMe } from '../../services/me';
import { unreadMessageCount } from '../../services/messages';
import './index.scss';

// The staff screens are a sub-package: linked by path so the main package does not import them.
const STAFF_LOGIN = '/packages/staff/pages/login/index';

export default function Me() {
  const elder = useElderMode();
  const me = useRemote(getMe, [], { refreshOnShow: true });
  const changed = useChangedCount();
  const unread = useRemote(unreadMessageCount, [], { refreshOnShow: true }).data;
  const profile = me.data?.profile;

  return (
    <Page>
      <Text className="page__title">我的</Text>

      {me.data ? <ConsentPrompt me={me.data} onConfirmed={me.set} /> : null}

      <View
        className="row"
        hoverClass="card--pressed"
        {...roleProps('link')}
        onClick={() => void Taro.navigateTo({ url: routes.applications })}
      >
        <View className="row__text">
          <Text className="setting__label">我的申请</Text>
          <Text className="page__hint">{changed ? `有 ${changed} 份申请有新进展` : '查看办理进度、补充材料、撤回'}</Text>
        </View>
        {changed ? <Text className="count-badge">{changed}</Text> : null}
        <Text className="row__arrow">›</Text>
      </View>

      <View
        className="row"
        hoverClass="card--pressed"
        {...roleProps('link')}
        onClick={() => void Taro.navigateTo({ url: routes.messages })}
      >
        <View className="row__text">
          <Text className="setting__label">消息通知</Text>
          <Text className="page__hint">{unread ? `${unread} 条未读消息` : '审核结果、补充材料、放款等通知'}</Text>
        </View>
        {unread ? (
          <Text className="count-badge" aria-label={`${unread} 条未读`}>
            {unread}
          </Text>
        ) : null}
        <Text className="row__arrow">›</Text>
      </View>

      <View className="row" hoverClass="card--pressed" {...roleProps('link')} onClick={() => void Taro.navigateTo({ url: routes.profile })}>
        <View className="row__text">
          <Text className="setting__label">实名信息</Text>
          <Text className="page__hint">
            {profile ? `${profile.name}  ${profile.idNumberMasked}` : me.data ? '还没有填写，申请前需要填写' : '姓名、身份证号、所在社区'}
          </Text>
        </View>
        <Text className="row__arrow">›</Text>
      </View>

      <View className="setting">
        <View className="setting__text">
          <Text className="setting__label">长辈模式</Text>
          <Text className="page__hint">字更大，颜色更清楚</Text>
        </View>
        <Switch checked={elder} color="#006b34" onChange={(event) => setElderMode(event.detail.value)} />
      </View>

      <View className="row" hoverClass="card--pressed" {...roleProps('link')} onClick={() => void Taro.navigateTo({ url: STAFF_LOGIN })}>
        <View className="row__text">
          <Text className="setting__label">工作人员入口</Text>
          <Text className="page__hint">劳动保障站、审核人员登录</Text>
        </View>
        <Text className="row__arrow">›</Text>
      </View>
    </Page>
  );
}
