import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, STAFF_ROLE_LABELS, type AuditAction, type AuditEntry } from '@minsheng/shared';
import { chinaDate, chinaDateAdd } from '@minsheng/shared/time';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { FailureNotice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { formatDateTime } from '../../../../format';
import { usePagedList, type PageAsk } from '../../../../hooks/usePagedList';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { listAudit, type AuditParams } from '../../../../services/staffAudit';
import { FilterChips, type Chip } from '../../components/FilterChips';
import { useStaff } from '../../session';
import '../../components/QueueCard/index.scss';
import './index.scss';

const ALL = 'all';
/** Entries a page asks for: fewer than the API's 50, a phone's screen holds a few at a time. */
export const PAGE_SIZE = 20;
type Period = 'all' | 'today' | 'last7' | 'last30';

const ACTIONS: readonly Chip<AuditAction | typeof ALL>[] = [
  { value: ALL, label: '全部' },
  ...AUDIT_ACTIONS.map((action) => ({ value: action, label: AUDIT_ACTION_LABELS[action] })),
];

const PERIODS: readonly Chip<Period>[] = [
  { value: 'all', label: '全部时间' },
  { value: 'today', label: '今天' },
  { value: 'last7', label: '近 7 天' },
  { value: 'last30', label: '近 30 天' },
];

/** The China calendar days a period covers, both included. */
export function periodRange(period: Period, now: Date = new Date()): Pick<AuditParams, 'from' | 'to'> {
  const today = chinaDate(now);
  if (period === 'today') return { from: today, to: today };
  if (period === 'last7') return { from: chinaDateAdd(now, -6), to: today };
  if (period === 'last30') return { from: chinaDateAdd(now, -29), to: today };
  return {};
}

/** What an entry concerns beyond its reason: an export's filters, in a line. */
function filtersText(entry: AuditEntry): string | null {
  const pairs = Object.entries(entry.filters ?? {}).map(([key, value]) => `${key}=${String(value)}`);
  return pairs.length > 0 ? `筛选条件：${pairs.join('，')}` : null;
}

function AuditCard({ entry }: { entry: AuditEntry }) {
  const filters = filtersText(entry);
  return (
    <View className="card queue-card audit-entry">
      <View className="queue-card__head">
        <Text className="queue-card__number">{entry.actionLabel}</Text>
        <Text className="page__hint">{formatDateTime(entry.at)}</Text>
      </View>
      <View className="queue-card__applicant">
        <Text className="queue-card__name">{entry.staffName}</Text>
        <Text>{STAFF_ROLE_LABELS[entry.role]}</Text>
      </View>
      <Text className="audit-entry__reason">{entry.reason}</Text>
      {filters ? <Text className="page__hint">{filters}</Text> : null}
    </View>
  );
}

/** 操作日志: who revealed, opened, exported or changed what, and when; administrators only. */
export default function AuditLog() {
  const [action, setAction] = useState<AuditAction | typeof ALL>(ALL);
  const [period, setPeriod] = useState<Period>('all');
  const fetchPage = useCallback(
    async (ask: PageAsk) => {
      const answer = await listAudit({
        action: action === ALL ? undefined : action,
        ...periodRange(period),
        after: ask.after,
        pageSize: PAGE_SIZE,
      });
      return { items: answer.items, next: answer.next, page: ask.page, total: 0 };
    },
    [action, period],
  );
  const { list, reload, loadMore, retry } = usePagedList(fetchPage);
  const staff = useStaff(list.error);

  useEffect(() => {
    if (staff) reload();
  }, [reload, staff]);
  usePullToRefresh(reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">操作日志</Text>
      <Text className="page__hint">查看身份证号、查看居民材料、导出、修改项目和账号、登记帮办居民、证件审批等操作的记录，最新的在前。</Text>
      <FilterChips label="时间" options={PERIODS} selected={period} onSelect={setPeriod} />
      <FilterChips label="操作" options={ACTIONS} selected={action} onSelect={setAction} />

      <FailureNotice title="没有加载出来" error={list.loading ? null : list.error}>
        <ActionButton onClick={retry}>重新加载</ActionButton>
      </FailureNotice>

      {list.page > 0 && list.items.length === 0 ? <Text className="page__hint">没有符合条件的记录。</Text> : null}
      {list.items.map((entry) => (
        <AuditCard key={entry.id} entry={entry} />
      ))}

      {list.loading ? <Text className="page__hint">正在加载…</Text> : null}
      {!list.loading && !list.error && list.next !== null ? <ActionButton onClick={loadMore}>加载更多</ActionButton> : null}
      {!list.loading && list.page > 0 && list.items.length > 0 && list.next === null ? <Text className="audit-end">已全部显示</Text> : null}
    </Page>
  );
}
