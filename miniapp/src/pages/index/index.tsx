import { PROGRAM_KIND_LABELS, PROGRAM_KINDS, type Program, type ProgramKind } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { roleProps } from '../../a11y';
import { LinkBanner } from '../../components/LinkBanner';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useChangedCount } from '../../hooks/useChangedCount';
import { setElderMode, useElderMode } from '../../hooks/useElderMode';
import { useLinkLanding, type LinkLandingState } from '../../hooks/useLinkLanding';
import { useRemote } from '../../hooks/useRemote';
import { openPrograms, routes } from '../../routes';
import { listPrograms } from '../../services/programs';
import { ApiError } from '../../services/request';
import './index.scss';

/** What is open now for one kind of service, in a few words: "2 处在招 · 余 206 个摊位". */
export function openNow(kind: ProgramKind, programs: readonly Program[]): string {
  const open = programs.filter((p) => p.kind === kind && p.acceptingNow);
  if (open.length === 0) return '暂未开放';
  const remaining = open.reduce((sum, p) => sum + (p.capacity?.remaining ?? 0), 0);
  const withPlaces = open.some((p) => p.capacity !== null);
  if (kind === 'stall') return `${open.length} 个园区 · 余 ${remaining} 个摊位`;
  if (kind === 'training') return `${open.length} 个班 · 余 ${remaining} 个名额`;
  return withPlaces ? `正在受理 · 余 ${remaining} 个名额` : '正在受理';
}

/** The invitation of the sign-up link the page was opened with, or why it cannot be shown; the services below work either way. */
function Invitation({ param, landing }: LinkLandingState) {
  if (param.kind === 'invalid' || (landing.error instanceof ApiError && landing.error.status === 404)) {
    return (
      <Notice tone="warning" title="邀请链接已失效">
        <Text>这个邀请链接不存在或已失效，您仍可以在下面选择要办理的服务。</Text>
      </Notice>
    );
  }
  if (landing.error) {
    return (
      <Notice tone="warning" title="邀请信息没有加载出来">
        <Text>网络不太好，您仍可以在下面选择要办理的服务。</Text>
      </Notice>
    );
  }
  return landing.data ? <LinkBanner landing={landing.data} /> : null;
}

export default function Index() {
  const elder = useElderMode();
  // Every sign-up link opens this page (LINK_PAGE): ?l=<id>, or the code's scene.
  const link = useLinkLanding(useRouter().params);
  const programs = useRemote(() => listPrograms(), [], { refreshOnShow: true });
  const changed = useChangedCount();

  // Station officers forward the home page to residents in WeChat chats.
  useShareAppMessage(() => ({ title: '民生就业服务：在线申请', path: routes.home }));

  return (
    <Page>
      <Invitation {...link} />
      <Text className="page__title">您想办理哪项服务？</Text>
      <View className="tiles">
        {PROGRAM_KINDS.map((kind) => (
          <View
            key={kind}
            className={`tile tile--${kind}`}
            hoverClass="tile--pressed"
            {...roleProps('button')}
            onClick={() => openPrograms(kind)}
          >
            <Text className="tile__label">{PROGRAM_KIND_LABELS[kind]}</Text>
            {programs.data ? <Text className="tile__status">{openNow(kind, programs.data)}</Text> : null}
          </View>
        ))}
      </View>

      <View
        className="tile tile--wide"
        hoverClass="tile--pressed"
        {...roleProps('button')}
        onClick={() => void Taro.navigateTo({ url: routes.applications })}
      >
        <View className="tile__row">
          <Text className="tile__label">我的申请</Text>
          {changed ? <Text className="count-badge">{changed}</Text> : null}
        </View>
        <Text className="tile__status">{changed ? `有 ${changed} 份申请有新进展` : '查看办理进度'}</Text>
      </View>

      <View className="elder-switch" hoverClass="tile--pressed" {...roleProps('button')} onClick={() => setElderMode(!elder)}>
        <Text>{elder ? '切换为标准字体' : '字太小？切换为长辈模式（大字）'}</Text>
      </View>
    </Page>
  );
}
