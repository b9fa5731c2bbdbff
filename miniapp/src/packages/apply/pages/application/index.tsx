import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { getApplication } from '../../../../services/applications';
import { markMessagesRead } from '../../../../services/messages';
import { getProgram } from '../../../../services/programs';
import { markSeen } from '../../../../services/seen';
import { ApplicationDetail } from '../../components/ApplicationDetail';

export default function ApplicationPage() {
  const { id = '', message } = useRouter().params;
  // Opened from a WeChat subscribe message: that message has been read.
  useEffect(() => {
    if (message) void markMessagesRead([decodeURIComponent(message)]).catch(() => undefined);
  }, [message]);
  const data = useRemote(
    async () => {
      const application = await getApplication(id);
      markSeen([application]);
      return { application, program: await getProgram(application.programId) };
    },
    [id],
    { refreshOnShow: true },
  );
  usePullToRefresh(data.reload);

  return (
    <Page>
      <Loadable remote={data}>
        {({ application, program }) => (
          <ApplicationDetail
            application={application}
            program={program}
            onChange={(updated) => data.set({ application: updated, program })}
            onStale={data.reload}
          />
        )}
      </Loadable>
    </Page>
  );
}
