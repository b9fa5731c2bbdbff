import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CardLink } from '../../components/CardLink';
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

interface MenuRowProps {
  title: string;
  hint: string;
  url: string;
  /** A red count after the text, with what a screen reader says for it. */
  badge?: { count: number; label?: string };
}

/** A line of the menu that opens a screen. */
function MenuRow({ title, hint, url, badge }: MenuRowProps) {
  return (
    <CardLink className="row" onClick={() => void Taro.navigateTo({ url })}>
      <View className="row__text">
        <Text className="setting__label">{title}</Text>
        <Text className="page__hint">{hint}</Text>
      </View>
      {badge?.count ? (
        <Text className="count-badge" {...(badge.label ? { 'aria-label': badge.label } : {})}>
          {badge.count}
        </Text>
      ) : null}
      <Text className="row__arrow">›</Text>
    </CardLink>
  );
}

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

      <MenuRow
        title="我的申请"
        hint={changed ? `有 ${changed} 份申请有新进展` : '查看办理进度、补充材料、撤回'}
        url={routes.applications}
        badge={{ count: changed ?? 0 }}
      />
      <MenuRow
        title="消息通知"
        hint={unread ? `${unread} 条未读消息` : '审核结果、补充材料、放款等通知'}
        url={routes.messages}
        badge={{ count: unread ?? 0, label: `${unread} 条未读` }}
      />
      <MenuRow
        title="实名信息"
        hint={profile ? `${profile.name}  ${profile.idNumberMasked}` : me.data ? '还没有填写，申请前需要填写' : '姓名、身份证号、所在社区'}
        url={routes.profile}
      />

      {/* A row like the others, so it keeps their spacing (UX review 36: it touched the staff entry below). */}
      <View className="row">
        <View className="row__text setting__text">
          <Text className="setting__label">长辈模式</Text>
          <Text className="page__hint">字更大，颜色更清楚</Text>
        </View>
        <Switch checked={elder} color="#006b34" onChange={(event) => setElderMode(event.detail.value)} />
      </View>

      <MenuRow title="工作人员入口" hint="劳动保障站、审核人员登录" url={STAFF_LOGIN} />
    </Page>
  );
}
