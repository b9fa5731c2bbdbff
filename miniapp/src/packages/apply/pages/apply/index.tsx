import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { routes } from '../../../../routes';
import { getMe } from '../../../../services/me';
import { getProgram } from '../../../../services/programs';
import { ApplyFlow } from '../../components/ApplyFlow';

export default function ApplyPage() {
  const programId = useRouter().params.programId ?? '';
  // Again on show: the resident may come back from filling in the profile.
  const data = useRemote(
    async () => {
      const [program, me] = await Promise.all([getProgram(programId), getMe()]);
      return { program, profile: me.profile };
    },
    [programId],
    { refreshOnShow: true },
  );

  return (
    <Page>
      <Loadable remote={data}>
        {({ program, profile }) =>
          !profile ? (
            <Notice tone="info" title="请先填写实名信息">
              <Text>申请前需要先填写姓名、身份证号和所在社区。</Text>
              <ActionButton kind="primary" onClick={() => void Taro.navigateTo({ url: routes.profile })}>
                填写实名信息
              </ActionButton>
            </Notice>
          ) : !program.acceptingNow ? (
            <Notice tone="warning" title="暂停受理">
              <Text>这项服务现在不在受理时间内，请留意开放时间。</Text>
            </Notice>
          ) : (
            <ApplyFlow program={program} profile={profile} />
          )
        }
      </Loadable>
    </Page>
  );
}
