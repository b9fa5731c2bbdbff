import {
  APPLICATION_STATUSES,
  PROGRAM_KINDS,
  PROGRAM_KIND_LABELS,
  STATUS_LABELS,
  formatYuan,
  type DecisionFigures,
  type StatsQuery,
  type StatsResponse,
} from '@minsheng/shared';
import { chinaDate, chinaDateAdd } from '@minsheng/shared/time';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CardSection } from '../../../../components/CardSection';
import { Facts, type Fact } from '../../../../components/Facts';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { formatDateTime } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { getStats } from '../../../../services/staff';
import { BarChart, type Bar } from '../../components/BarChart';
import { ChartSection } from '../../components/ChartSection';
import { FilterChips, type Chip } from '../../components/FilterChips';
import { useStaff } from '../../session';

type Period = 'all' | 'last30' | 'year';

const PERIODS: readonly Chip<Period>[] = [
  { value: 'all', label: '全部时间' },
  { value: 'last30', label: '近 30 天' },
  { value: 'year', label: '今年' },
];

/** The submission dates a period covers, in China's calendar. */
export function periodQuery(period: Period, now: Date = new Date()): StatsQuery {
  const today = chinaDate(now);
  if (period === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (period === 'last30') return { from: chinaDateAdd(now, -29), to: today };
  return {};
}

function yuan(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

function percent(rate: number | null): string {
  return rate === null ? '暂无' : `${Math.round(rate * 1000) / 10}%`;
}

function decisionText(figures: DecisionFigures): string {
  if (figures.decided === 0) return '暂无决定';
  return `决定 ${figures.decided} 份，通过 ${figures.approved} 份，通过率 ${percent(figures.approvalRate)}`;
}

function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

function overview(stats: StatsResponse): Fact[] {
  const overall = stats.decisions.overall;
  return [
    { label: '申请总数', value: `${stats.total} 份` },
    { label: '已作出决定', value: `${overall.decided} 份` },
    { label: '通过率', value: percent(overall.approvalRate) },
    { label: '决定用时（中位数）', value: overall.medianDaysToDecision === null ? '暂无' : `${overall.medianDaysToDecision} 天` },
  ];
}

function money(stats: StatsResponse): Fact[] {
  return [
    { label: '贷款批准金额', value: yuan(stats.loans.approvedFen) },
    { label: '贷款已放款', value: `${yuan(stats.loans.disbursedFen)}（${stats.loans.borrowers} 人）` },
    { label: '贷款已还款', value: yuan(stats.loans.repaidFen) },
    { label: '贷款未还款', value: yuan(stats.loans.outstandingFen) },
    { label: '培训结业', value: `${stats.training.completions} 人` },
    { label: '应拨培训补贴', value: yuan(stats.training.subsidyDueFen) },
    { label: '就业补贴已发放', value: `${yuan(stats.subsidies.paidFen)}（${stats.subsidies.paid} 人）` },
  ];
}

function StatsReport({ stats }: { stats: StatsResponse }) {
  const byKind: Bar[] = PROGRAM_KINDS.map((kind) => ({ key: kind, label: PROGRAM_KIND_LABELS[kind], value: stats.byKind[kind] }));
  const byStatus: Bar[] = APPLICATION_STATUSES.filter((status) => stats.byStatus[status] > 0).map((status) => ({
    key: status,
    label: STATUS_LABELS[status],
    value: stats.byStatus[status],
  }));
  const byMonth: Bar[] = stats.byMonth.map(({ month, count }) => ({ key: month, label: monthLabel(month), value: count }));
  const byStreet: Bar[] = stats.byStreet.map((s) => ({ key: s.street, label: s.street, value: s.count }));
  const byCommunity: Bar[] = stats.byCommunity.map((c) => ({ key: c.community, label: c.name, note: c.street, value: c.count }));

  return (
    <View>
      <CardSection title="总览">
        <Facts facts={overview(stats)} />
      </CardSection>

      <ChartSection title="按服务类型" bars={byKind} />

      <ChartSection title="按状态" bars={byStatus} emptyText="暂无申请" />

      <View className="section">
        <Text className="section__title">各服务的状态与通过率</Text>
        {PROGRAM_KINDS.map((kind) => {
          const counts = stats.byKindStatus[kind];
          const bars: Bar[] = APPLICATION_STATUSES.flatMap((status) => {
            const value = counts[status] ?? 0;
            return value > 0 ? [{ key: status, label: STATUS_LABELS[status], value }] : [];
          });
          return (
            <View key={kind} className="card">
              <Text className="section__title">{PROGRAM_KIND_LABELS[kind]}</Text>
              <Text className="page__hint">{decisionText(stats.decisions.byKind[kind])}</Text>
              <BarChart bars={bars} emptyText="暂无申请" />
            </View>
          );
        })}
      </View>

      <ChartSection title="按月份（提交）" bars={byMonth} emptyText="暂无申请" />

      <ChartSection title="按街道" bars={byStreet} emptyText="暂无申请" />

      <ChartSection title="按社区" bars={byCommunity} emptyText="暂无申请" />

      <CardSection title="资金">
        <Facts facts={money(stats)} />
      </CardSection>

      <Text className="page__hint">{`统计时间：${formatDateTime(stats.generatedAt)}`}</Text>
    </View>
  );
}

export default function Stats() {
  const [period, setPeriod] = useState<Period>('all');
  const stats = useRemote(() => getStats(periodQuery(period)), [period]);
  const staff = useStaff(stats.error);

  usePullToRefresh(stats.reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">统计报表</Text>
      {staff.role === 'officer' ? <Text className="page__hint">只统计您负责社区的申请。</Text> : null}
      <FilterChips label="提交时间" options={PERIODS} selected={period} onSelect={setPeriod} />
      <Loadable remote={stats}>{(data) => <StatsReport stats={data} />}</Loadable>
    </Page>
  );
}
