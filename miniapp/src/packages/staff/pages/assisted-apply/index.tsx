import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { Loadable } from '../../../../components/Loadable';
import { Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { getProgram } from '../../../../services/programs';
import { getAssisted, materialUploaderFor, submitFor } from '../../../../services/staffAssisted';
import { ApplyFlow, type OnBehalf } from '../../../apply/components/ApplyFlow';
import { staffRoutes } from '../../routes';
import { useStaff } from '../../session';

/** The resident's apply flow, run by the officer on the resident's behalf. */
export default function AssistedApply() {
  const { id = '', programId = '' } = useRouter().params;
  const data = useRemote(async () => {
    const [program, resident] = await Promise.all([getProgram(programId), getAssisted(id)]);
    return { program, resident };
  }, [id, programId]);
  const staff = useStaff(data.error);
  const onBehalf = useMemo<OnBehalf>(
    () => ({
      residentId: id,
      upload: materialUploaderFor(id),
      submit: (body, key) => submitFor(id, body, key),
      detailUrl: staffRoutes.detail,
    }),
    [id],
  );
  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Loadable remote={data}>
        {({ program, resident }) =>
          !program.acceptingNow ? (
            <Notice tone="warning" title="暂停受理">
              <Text>这项服务现在不在受理时间内。</Text>
            </Notice>
          ) : (
            <>
              <Text className="page__hint">{`为 ${resident.name}（${resident.idNumberMasked}）代为申请`}</Text>
              <ApplyFlow program={program} profile={resident} onBehalf={onBehalf} />
            </>
          )
        }
      </Loadable>
    </Page>
  );
}
