import type { QueueItem, QueueSort } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { roleProps } from '../../../../a11y';
import { StatusBadge } from '../../../../components/StatusBadge';
import { formatDate } from '../../../../format';
import { waitingText } from '../QueueCard';
import './index.scss';

interface Props {
  items: readonly QueueItem[];
  /** Community names by code, where the directory is loaded. */
  names: Map<string, string>;
  sort: QueueSort;
  onSort: (sort: QueueSort) => void;
  onOpen: (id: string) => void;
}

/** The sortable columns: 提交时间 turns between newest and oldest first, 等待 sorts the longest waiting first. */
function SortHeader({ label, sort, active, next }: { label: string; sort: QueueSort; active: boolean; next: () => void }) {
  const arrow = !active ? '' : sort === 'oldest' ? ' ↑' : ' ↓';
  return (
    <View
      className={`queue-table__cell queue-table__head-cell queue-table__sortable${active ? ' queue-table__sortable--active' : ''}`}
      {...roleProps('columnheader')}
      aria-sort={active ? (sort === 'oldest' ? 'ascending' : 'descending') : 'none'}
      onClick={next}
    >
      <Text>{`${label}${arrow}`}</Text>
    </View>
  );
}

/**
 * The review queue as a table, for a desk's wide screen: one row per
 * application, the columns a clerk scans, a row opens the application, and the
 * headers of the time columns sort.
 */
export function QueueTable({ items, names, sort, onSort, onOpen }: Props) {
  return (
    <View className="queue-table" {...roleProps('table')}>
      <View className="queue-table__row queue-table__head" {...roleProps('row')}>
        <View className="queue-table__cell queue-table__head-cell" {...roleProps('columnheader')}>
          <Text>申请编号</Text>
        </View>
        <View className="queue-table__cell queue-table__head-cell queue-table__cell--wide" {...roleProps('columnheader')}>
          <Text>项目</Text>
        </View>
        <View className="queue-table__cell queue-table__head-cell" {...roleProps('columnheader')}>
          <Text>申请人</Text>
        </View>
        <View className="queue-table__cell queue-table__head-cell" {...roleProps('columnheader')}>
          <Text>社区</Text>
        </View>
        <View className="queue-table__cell queue-table__head-cell" {...roleProps('columnheader')}>
          <Text>状态</Text>
        </View>
        <SortHeader
          label="提交时间"
          sort={sort}
          active={sort === 'newest' || sort === 'oldest'}
          next={() => onSort(sort === 'newest' ? 'oldest' : 'newest')}
        />
        <SortHeader label="等待" sort={sort} active={sort === 'waiting'} next={() => onSort('waiting')} />
      </View>
      {items.map((item) => (
        <View
          key={item.id}
          className="queue-table__row"
          hoverClass="queue-table__row--pressed"
          {...roleProps('row')}
          onClick={() => onOpen(item.id)}
        >
          <View className="queue-table__cell queue-table__number" {...roleProps('cell')}>
            <Text>{item.number}</Text>
          </View>
          <View className="queue-table__cell queue-table__cell--wide" {...roleProps('cell')}>
            <Text>{item.programTitle}</Text>
          </View>
          <View className="queue-table__cell" {...roleProps('cell')}>
            <Text className="queue-table__name">{item.applicantName}</Text>
            <Text className="queue-table__minor">{item.idNumberMasked}</Text>
          </View>
          <View className="queue-table__cell" {...roleProps('cell')}>
            <Text>{names.get(item.community) ?? item.community}</Text>
            <Text className="queue-table__minor">{item.street}</Text>
          </View>
          <View className="queue-table__cell" {...roleProps('cell')}>
            <StatusBadge status={item.status} />
            {item.overdue ? <Text className="queue-table__overdue">还款逾期</Text> : null}
          </View>
          <View className="queue-table__cell" {...roleProps('cell')}>
            <Text>{formatDate(item.submittedAt)}</Text>
          </View>
          <View className="queue-table__cell" {...roleProps('cell')}>
            <Text className={item.waitingDays >= 7 ? 'queue-table__waiting--long' : undefined}>{waitingText(item.waitingDays)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
