import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { CardLink } from '../../components/CardLink';
import { ConsentPrompt } from '../../components/ConsentPrompt';
import { confirmDestructive } from '../../components/confirm';
import { FailureNotice, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ME_TAB_INDEX, useChangedCount } from '../../hooks/useChangedCount';
import { setElderMode, useElderMode } from '../../hooks/useElderMode';
import { useRemote } from '../../hooks/useRemote';
import { routes } from '../../routes';
import { isSignedOut, signIn, signOut } from '../../services/auth';
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

/** The resident's own rows: their applications, messages and profile, and 退出登录. */
function SignedIn({ onSignedOut }: { onSignedOut: () => void }) {
  const me = useRemote(getMe, [], { refreshOnShow: true });
  const changed = useChangedCount();
  const unread = useRemote(unreadMessageCount, [], { refreshOnShow: true }).data;
  const [signingOut, setSigningOut] = useState(false);
  const profile = me.data?.profile;

  async function confirmSignOut() {
    const confirmed = await confirmDestructive('退出登录', '退出后，要再点“登录”才能查看申请和消息。确定退出吗？', ['退出登录', '取消']);
    if (!confirmed) return;
    setSigningOut(true);
    await signOut();
    Taro.removeTabBarBadge({ index: ME_TAB_INDEX }).catch(() => undefined);
    onSignedOut();
  }

  return (
    <>
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
      <MenuRow
        title="就业创业证"
        hint={profile?.certificate ? profile.certificate.statusLabel : '查看核验状态、证号'}
        url={routes.certificate}
      />
      <Settings />
      <ActionButton kind="danger" busy={signingOut} onClick={() => void confirmSignOut()}>
        退出登录
      </ActionButton>
    </>
  );
}

/** After 退出登录: nothing of the resident's is shown or fetched until they tap 登录. */
function SignedOut({ onSignedIn }: { onSignedIn: () => void }) {
  const [signingIn, setSigningIn] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function logInAgain() {
    setSigningIn(true);
    setFailure(null);
    try {
      await signIn();
      onSignedIn();
    } catch (error) {
      setFailure(error);
      setSigningIn(false);
    }
  }

  return (
    <>
      <Notice title="已退出登录">
        <Text>登录后可以查看申请进度和消息，办理各项服务。</Text>
        <ActionButton kind="primary" busy={signingIn} onClick={() => void logInAgain()}>
          登录
        </ActionButton>
      </Notice>
      <FailureNotice title="没有登录成功" error={failure} />
      <Settings />
    </>
  );
}

/** What needs no login: elder mode and the staff entry. */
function Settings() {
  const elder = useElderMode();
  return (
    <>
      {/* A row like the others, so it keeps their spacing (UX review 36: it touched the staff entry below). */}
      <View className="row">
        <View className="row__text setting__text">
          <Text className="setting__label">长辈模式</Text>
          <Text className="page__hint">字更大，颜色更清楚</Text>
        </View>
        <Switch checked={elder} color="#006b34" onChange={(event) => setElderMode(event.detail.value)} />
      </View>

      <MenuRow title="工作人员入口" hint="劳动保障站、审核人员登录" url={STAFF_LOGIN} />
    </>
  );
}

export default function Me() {
  const [signedOut, setSignedOut] = useState(isSignedOut);

  return (
    <Page>
      <Text className="page__title">我的</Text>
      {signedOut ? <SignedOut onSignedIn={() => setSignedOut(false)} /> : <SignedIn onSignedOut={() => setSignedOut(true)} />}
    </Page>
  );
}
