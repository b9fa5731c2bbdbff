import {
  APPLICATION_STATUSES,
  type ApplicationFilter,
  PROGRAM_KINDS,
  PROGRAM_KIND_LABELS,
  STAFF_ROLE_LABELS,
  STATUS_LABELS,
  statusesOf,
  type ApplicationStatus,
  type CommunityDirectory,
  type ProgramKind,
  type QueueResponse,
  type Staff,
} from '@minsheng/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { roleProps } from '../../../../a11y';
import { ActionButton } from '../../../../components/ActionButton';
import { FailureNotice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { usePagedList, type PageAsk } from '../../../../hooks/usePagedList';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useRemote } from '../../../../hooks/useRemote';
import { useWideScreen } from '../../../../hooks/wideScreen';
import { getCommunityDirectory } from '../../../../services/communities';
import { listQueue, staffSignOut, type QueueParams } from '../../../../services/staff';
import { ExportButtons } from '../../components/ExportButtons';
import { FilterChips, type Chip } from '../../components/FilterChips';
import { QueueCard } from '../../components/QueueCard';
import { QueueTable } from '../../components/QueueTable';
import { assistedRoutes } from '../../assistedRoutes';
import { APPLICATION_CHANGED, staffRoutes } from '../../routes';
import { goToLogin, useStaff } from '../../session';
import { useReloadWhenChanged } from '../../useReloadWhenChanged';
import { communityNames } from '../../words';
import './index.scss';

const PAGE_SIZE = 20;
const ALL = 'all';

type Sort = NonNullable<QueueParams['sort']>;

interface Filters {
  kind: ProgramKind | typeof ALL;
  status: ApplicationStatus | typeof ALL;
  street: string;
  community: string;
  overdue: boolean;
  sort: Sort;
  q: string;
}

// Opens on the work to do: the open applications, the one waiting longest since its last step first.
const NO_FILTERS: Filters = { kind: ALL, status: ALL, street: ALL, community: ALL, overdue: false, sort: 'waiting', q: '' };

const SORTS: readonly Chip<Sort>[] = [
  { value: 'waiting', label: '等待最久' },
  { value: 'newest', label: '最新提交' },
  { value: 'oldest', label: '最早提交' },
];

const KINDS: readonly Chip<Filters['kind']>[] = [
  { value: ALL, label: '全部' },
  ...PROGRAM_KINDS.map((kind) => ({ value: kind, label: PROGRAM_KIND_LABELS[kind] })),
];

/** The filters and search as the API takes them, the same for a page of the queue and for its export. */
function filterOf(filters: Filters): ApplicationFilter {
  return {
    kind: filters.kind === ALL ? undefined : filters.kind,
    status: filters.status === ALL ? undefined : filters.status,
    street: filters.street === ALL ? undefined : filters.street,
    community: filters.community === ALL ? undefined : filters.community,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q === '' ? undefined : filters.q,
  };
}

function queryOf(filters: Filters, ask: PageAsk): QueueParams {
  return {
    ...filterOf(filters),
    sort: filters.sort,
    page: ask.page,
    after: ask.after,
    pageSize: PAGE_SIZE,
  };
}

/** "（12）" beside a status chip: how many open applications wait in it; nothing when not known. */
function countText(counts: QueueResponse['statusCounts'], status: ApplicationStatus): string {
  if (!counts) return '';
  return `（${counts[status] ?? 0}）`;
}

/** The work to do at a glance: 待办 已提交 12 份 · 审核中 3 份, in the machines' order (shown when any waits). */
function waitingText(counts: NonNullable<QueueResponse['statusCounts']>): string {
  const parts = APPLICATION_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${STATUS_LABELS[s]} ${counts[s]} 份`);
  return `待办：${parts.join(' · ')}`;
}

function activeFilterCount(filters: Filters): number {
  return [filters.kind !== ALL, filters.status !== ALL, filters.street !== ALL, filters.community !== ALL, filters.overdue].filter(Boolean)
    .length;
}

/** Streets and communities to filter by: an officer sees only those assigned. */
function streetsFor(directory: CommunityDirectory | undefined, staff: Staff | null): CommunityDirectory['streets'] {
  const own = staff?.role === 'officer' ? new Set(staff.communities) : null;
  return (directory?.streets ?? [])
    .map((street) => ({ ...street, communities: street.communities.filter((c) => !own || own.has(c.code)) }))
    .filter((street) => street.communities.length > 0);
}

/** A small button of the bar at the top: opens `url`, or does `onClick`. */
function BarButton({
  url,
  onClick,
  first = false,
  children,
}: {
  url?: string;
  onClick?: () => void;
  first?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      className={`button staff-bar__button${first ? ' staff-bar__button--first' : ''}`}
      hoverClass="button--pressed"
      {...roleProps('button')}
      onClick={() => (url ? void Taro.navigateTo({ url }) : onClick?.())}
    >
      {children}
    </Button>
  );
}

export default function Queue() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Open applications per status under the other filters: the same on every page of one set of filters.
  const [statusCounts, setStatusCounts] = useState<QueueResponse['statusCounts']>(null);
  const fetchPage = useCallback(
    (ask: PageAsk) =>
      listQueue(queryOf(filters, ask)).then((answer) => {
        setStatusCounts(answer.statusCounts);
        return answer;
      }),
    [filters],
  );
  const { list, reload, loadMore, retry } = usePagedList(fetchPage);
  const staff = useStaff(list.error);
  const directory = useRemote(getCommunityDirectory, []);
  const [search, setSearch] = useState('');
  const [showFilters, setShowFilters] = useState(false);
  const wide = useWideScreen();

  useEffect(() => {
    if (staff) reload();
  }, [reload, staff]);

  // Back from a decision: the list may have changed under the filters.
  useReloadWhenChanged(APPLICATION_CHANGED, reload);

  usePullToRefresh(reload);

  const names = useMemo(() => communityNames(directory.data), [directory.data]);
  const streets = useMemo(() => streetsFor(directory.data, staff), [directory.data, staff]);
  const streetCommunities = streets.find((s) => s.name === filters.street)?.communities ?? [];
  const statuses = filters.kind === ALL ? APPLICATION_STATUSES : statusesOf(filters.kind);
  const filterCount = activeFilterCount(filters);

  const change = (next: Partial<Filters>) => setFilters((current) => ({ ...current, ...next }));
  const applySearch = () => change({ q: search.trim() });

  const open = (id: string) => void Taro.navigateTo({ url: staffRoutes.detail(id) });

  // At a desk the filters stay open beside the list; on a phone they fold away above it.
  const filterPanel = (
    <View className="card">
      <FilterChips
        label="服务类型"
        options={KINDS}
        selected={filters.kind}
        onSelect={(kind) =>
          change({
            kind,
            status: kind === ALL || filters.status === ALL || statusesOf(kind).includes(filters.status) ? filters.status : ALL,
          })
        }
      />
      <FilterChips
        label="状态"
        options={[
          { value: ALL, label: '全部' },
          ...statuses.map((status) => ({ value: status, label: `${STATUS_LABELS[status]}${countText(statusCounts, status)}` })),
        ]}
        selected={filters.status}
        onSelect={(status) => change({ status })}
      />
      <FilterChips
        label="街道"
        options={[{ value: ALL, label: '全部' }, ...streets.map((s) => ({ value: s.name, label: s.name }))]}
        selected={filters.street}
        onSelect={(street) => change({ street, community: ALL })}
      />
      {streetCommunities.length > 0 ? (
        <FilterChips
          label="社区"
          options={[{ value: ALL, label: '全部' }, ...streetCommunities.map((c) => ({ value: c.code, label: c.name }))]}
          selected={filters.community}
          onSelect={(community) => change({ community })}
        />
      ) : null}
      <FilterChips
        label="还款"
        options={[
          { value: 'any', label: '不限' },
          { value: 'overdue', label: '只看还款逾期' },
        ]}
        selected={filters.overdue ? 'overdue' : 'any'}
        onSelect={(value) => change({ overdue: value === 'overdue' })}
      />
      {filterCount > 0 ? (
        <ActionButton onClick={() => change({ ...NO_FILTERS, sort: filters.sort, q: filters.q })}>清除筛选条件</ActionButton>
      ) : null}
    </View>
  );

  const results = (
    <>
      <FailureNotice title="没有加载出来" error={list.loading ? null : list.error}>
        <ActionButton onClick={retry}>重新加载</ActionButton>
      </FailureNotice>

      {list.page > 0 ? <Text className="queue-total">{`共 ${list.total} 份申请`}</Text> : null}
      {list.page > 0 && filters.status === ALL && statusCounts && Object.keys(statusCounts).length > 0 ? (
        <Text className="page__hint">{waitingText(statusCounts)}</Text>
      ) : null}
      {list.page > 0 && list.items.length === 0 ? <Text className="page__hint">没有符合条件的申请。</Text> : null}

      {wide && list.items.length > 0 ? (
        <QueueTable items={list.items} names={names} sort={filters.sort} onSort={(sort) => change({ sort })} onOpen={open} />
      ) : (
        list.items.map((item) => <QueueCard key={item.id} item={item} communityName={names.get(item.community)} onOpen={open} />)
      )}

      {list.loading ? <Text className="page__hint">正在加载…</Text> : null}
      {!list.loading && !list.error && list.next !== null ? <ActionButton onClick={loadMore}>加载更多</ActionButton> : null}
      {!list.loading && list.page > 0 && list.items.length > 0 && list.next === null ? <Text className="queue-end">已全部显示</Text> : null}
      {list.page > 0 && list.total > 0 ? <ExportButtons filter={filterOf(filters)} total={list.total} /> : null}
    </>
  );

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <View className="staff-bar">
        <View className="staff-bar__who">
          <Text className="staff-bar__name">{staff.name}</Text>
          {/* An account named after its role (the first administrator, "管理员") would read "管理员/管理员" (UX review 37). */}
          {staff.name === STAFF_ROLE_LABELS[staff.role] ? null : <Text className="page__hint">{STAFF_ROLE_LABELS[staff.role]}</Text>}
        </View>
        <BarButton url={staffRoutes.stats}>统计报表</BarButton>
        <BarButton
          onClick={() => {
            void staffSignOut().then(goToLogin);
          }}
        >
          退出登录
        </BarButton>
      </View>

      {staff.role === 'officer' || staff.role === 'admin' ? (
        <View className="staff-bar">
          <BarButton url={staffRoutes.links} first>
            推广链接
          </BarButton>
          <BarButton url={staffRoutes.funnel()}>来源统计</BarButton>
          {staff.role === 'admin' ? <BarButton url={staffRoutes.audit}>操作日志</BarButton> : null}
        </View>
      ) : null}

      {staff.role === 'officer' || staff.role === 'admin' ? (
        <ActionButton onClick={() => void Taro.navigateTo({ url: assistedRoutes.list })}>帮办：为居民登记、代为申请</ActionButton>
      ) : null}

      <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.certificates })}>
        证件核验：《就业创业证》核查、审批
      </ActionButton>

      {staff.role === 'admin' ? (
        <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.accounts })}>
          工作人员账号：新建、改角色、重置密码、停用
        </ActionButton>
      ) : null}
      {staff.role === 'admin' ? (
        <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.catalog })}>
          服务目录：新开培训班、摊位，修改、关闭项目
        </ActionButton>
      ) : null}

      {staff.role === 'admin' ? (
        <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.communities })}>社区（村）：登记、改名、停用</ActionButton>
      ) : null}

      <Text className="page__title">审核队列</Text>

      <View className="queue-search">
        <Input
          className="input queue-search__input"
          placeholderClass="input__placeholder"
          value={search}
          placeholder="编号、姓名、手机后 4 位或身份证号"
          maxlength={40}
          confirmType="search"
          nativeProps={{ 'aria-label': '搜索申请' }}
          onInput={(event) => setSearch(event.detail.value)}
          onConfirm={applySearch}
        />
        <Button className="button button--primary queue-search__button" hoverClass="button--pressed" onClick={applySearch}>
          搜索
        </Button>
      </View>
      {filters.q !== '' ? (
        <View className="queue-searching">
          <Text className="queue-searching__text">{`正在搜索“${filters.q}”`}</Text>
          <BarButton
            onClick={() => {
              setSearch('');
              change({ q: '' });
            }}
          >
            清除搜索
          </BarButton>
        </View>
      ) : null}

      <FilterChips label="排序" options={SORTS} selected={filters.sort} onSelect={(sort) => change({ sort })} />

      {wide ? (
        <View className="queue-desk">
          <View className="queue-desk__side">{filterPanel}</View>
          <View className="queue-desk__main">{results}</View>
        </View>
      ) : (
        <>
          <ActionButton onClick={() => setShowFilters(!showFilters)}>
            {showFilters ? '收起筛选条件' : filterCount > 0 ? `筛选条件（已选 ${filterCount} 项）` : '筛选条件'}
          </ActionButton>
          {showFilters ? filterPanel : null}
          {results}
        </>
      )}
    </Page>
  );
}
