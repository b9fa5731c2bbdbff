import { PROGRAM_KIND_LABELS, type LinkLanding } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleProps } from '../../a11y';
import { routes } from '../../routes';
import { ActionButton } from '../ActionButton';
import './index.scss';

interface Props {
  landing: LinkLanding;
}

type LandingProgram = LinkLanding['programs'][number];

function ProgramOffer({ program, only }: { program: LandingProgram; only: boolean }) {
  const action = program.open ? '查看并申请' : '查看详情';
  return (
    <View className="link-banner__program" {...roleProps('group')} aria-label={program.title}>
      <Text className="link-banner__program-title">{program.title}</Text>
      <Text className="link-banner__program-meta">
        {PROGRAM_KIND_LABELS[program.kind]} · {program.open ? '正在受理' : '暂未开放'}
      </Text>
      {only ? <Text className="link-banner__summary">{program.summary}</Text> : null}
      <ActionButton
        kind={program.open ? 'primary' : 'secondary'}
        label={`${action}：${program.title}`}
        onClick={() => void Taro.navigateTo({ url: routes.program(program.id) })}
      >
        {action}
      </ActionButton>
    </View>
  );
}

/** The invitation a sign-up link brings: which community invites, and to which programme(s), each with a way in. */
export function LinkBanner({ landing }: Props) {
  const invitation = `${landing.community.name}邀请您申请`;
  const only = !landing.allPrograms && landing.programs.length === 1;
  return (
    <View className="link-banner" {...roleProps('region')} aria-label={invitation}>
      <Text className="link-banner__title">{invitation}</Text>
      <Text className="link-banner__street">{landing.community.street}</Text>
      {landing.allPrograms ? <Text className="link-banner__lead">以下服务都可以在线申请：</Text> : null}
      {landing.programs.length === 0 ? <Text className="link-banner__lead">目前没有正在受理的服务，请稍后再来看看。</Text> : null}
      {landing.programs.map((program) => (
        <ProgramOffer key={program.id} program={program} only={only} />
      ))}
    </View>
  );
}
