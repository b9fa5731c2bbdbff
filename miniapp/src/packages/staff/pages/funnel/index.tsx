import type { FunnelResponse } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { getCommunityDirectory } from '../../../../services/communities';
import { currentStaff } from '../../../../services/staff';
import { getLinkFunnel } from '../../../../services/staffLinks';
import type { Bar } from '../../components/BarChart';
import { ChartSection } from '../../components/ChartSection';
import { CommunityPicker, initialCommunity } from '../../components/CommunityPicker';
import { useStaff } from '../../session';

type Counts = FunnelResponse['totals'];

/** The steps from opening a link to an approval, each with what it counts. */
const STAGES: readonly { field: keyof Counts; label: string; unit: string }[] = [
  { field: 'opens', label: '打开链接', unit: '次' },
  { field: 'newResidents', label: '新来的居民', unit: '人' },
  { field: 'profilesCompleted', label: '填好实名信息', unit: '人' },
  { field: 'applicationsSubmitted', label: '提交申请', unit: '份' },
  { field: 'approved', label: '获得通过', unit: '份' },
];

/** One bar per step of the funnel. */
export function funnelBars(counts: Counts): Bar[] {
  return STAGES.map(({ field, label, unit }) => ({ key: field, label, unit, value: counts[field] }));
}

function FunnelReport({ funnel }: { funnel: FunnelResponse }) {
  if (funnel.links.length === 0) return <Text className="page__hint">本社区还没有推广链接，先到“推广链接”生成一个。</Text>;
  return (
    <View>
      <ChartSection title="全部链接合计" bars={funnelBars(funnel.totals)} />
      <Text className="page__title">按服务</Text>
      {funnel.programs.length === 0 ? (
        <View className="section">
          <Text className="page__hint">还没有针对单项服务的链接或申请。</Text>
        </View>
      ) : null}
      {funnel.programs.map((p) => (
        <ChartSection key={p.programId} title={p.programTitle} bars={funnelBars(p)} />
      ))}
      <Text className="page__title">按链接</Text>
      {funnel.links.map((l) => (
        <ChartSection key={l.linkId} title={l.programTitle ?? '全部服务'} hint={`链接编号 ${l.linkId}`} bars={funnelBars(l)} />
      ))}
      <Text className="page__hint">“新来的居民”只算第一次经这个链接来的人；申请和通过算这些居民的全部申请。</Text>
    </View>
  );
}

export default function Funnel() {
  const { params } = useRouter();
  const [community, setCommunity] = useState(() => params.community ?? initialCommunity(currentStaff()));
  const funnel = useRemote(() => (community ? getLinkFunnel(community) : Promise.resolve(null)), [community]);
  const staff = useStaff(funnel.error);
  const directory = useRemote(getCommunityDirectory, []);

  usePullToRefresh(funnel.reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">来源统计</Text>
      <Text className="page__hint">从推广链接和小程序码来的居民，一步步走到了哪里。</Text>
      <CommunityPicker staff={staff} directory={directory.data} selected={community} onSelect={setCommunity} />
      {community === '' ? null : <Loadable remote={funnel}>{(data) => (data ? <FunnelReport funnel={data} /> : null)}</Loadable>}
    </Page>
  );
}
