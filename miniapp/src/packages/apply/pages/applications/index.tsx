import type { Application } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { CardLink } from '../../../../components/CardLink';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { StatusBadge } from '../../../../components/StatusBadge';
import { formatDate } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { openPrograms, routes } from '../../../../routes';
import { listApplications } from '../../../../services/applications';
import { hasChanged, markSeen, readSeen } from '../../../../services/seen';
import './index.scss';

async function loadApplications(): Promise<{ items: Application[]; changed: Set<string> }> {
  const items = await listApplications();
  const seen = readSeen();
  const changed = new Set(items.filter((a) => hasChanged(a, seen)).map((a) => a.id));
  // Seeing the list counts as seeing the news: the badge on the home page goes away.
  markSeen(items);
  return { items, changed };
}

function ApplicationCard({ application, changed }: { application: Application; changed: boolean }) {
  return (
    <CardLink className="card" onClick={() => void Taro.navigateTo({ url: routes.application(application.id) })}>
      <View className="application__head">
        <Text className="application__title">{application.programTitle}</Text>
        {changed ? <Text className="application__new">有新进展</Text> : null}
      </View>
      <View className="application__status">
        <StatusBadge status={application.status} />
      </View>
      <Text className="page__hint">编号 {application.number}</Text>
      <Text className="page__hint">{formatDate(application.submittedAt)}提交</Text>
      <Text className="application__more">查看详情 ›</Text>
    </CardLink>
  );
}

export default function ApplicationsPage() {
  const data = useRemote(loadApplications, [], { refreshOnShow: true });
  usePullToRefresh(data.reload);

  return (
    <Page>
      <Text className="page__title">我的申请</Text>
      <Loadable remote={data}>
        {({ items, changed }) =>
          items.length === 0 ? (
            <View>
              <Text className="page__hint applications__empty">您还没有提交过申请。</Text>
              <ActionButton kind="primary" onClick={() => openPrograms()}>
                看看能申请什么
              </ActionButton>
            </View>
          ) : (
            <View>
              {items.map((application) => (
                <ApplicationCard key={application.id} application={application} changed={changed.has(application.id)} />
              ))}
            </View>
          )
        }
      </Loadable>
    </Page>
  );
}
