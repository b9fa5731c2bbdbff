import { CERTIFICATE_STATUS_LABELS, CERTIFICATE_WAITING, type StaffCertificate } from '@minsheng/shared';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { getCommunityDirectory } from '../../../../services/communities';
import { listCertificates } from '../../../../services/staffCertificates';
// FilterChips' styles before the cards', in the order the review queue loads them (one CSS order for the package).
import { FilterChips, type Chip } from '../../components/FilterChips';
import { CertificateCard } from '../../components/CertificateCard';
import { CERTIFICATE_CHANGED, staffRoutes } from '../../routes';
import { useStaff } from '../../session';
import { useReloadWhenChanged } from '../../useReloadWhenChanged';
import { communityNames } from '../../words';

type Filter = 'all' | 'pending' | 'checked';

const FILTERS: readonly Chip<Filter>[] = [
  { value: 'all', label: '全部待办' },
  { value: 'pending', label: CERTIFICATE_STATUS_LABELS.pending },
  { value: 'checked', label: CERTIFICATE_STATUS_LABELS.checked },
];

/** Waiting for the station's check before waiting for the bureau; oldest first within each (the BFF's order). */
export function pendingFirst(items: readonly StaffCertificate[]): StaffCertificate[] {
  const rank = (c: StaffCertificate) => {
    const at = CERTIFICATE_WAITING.indexOf(c.status);
    return at === -1 ? CERTIFICATE_WAITING.length : at;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** 证件核验: the 就业创业证 applications waiting in the viewer's communities. */
export default function CertificateQueue() {
  const [filter, setFilter] = useState<Filter>('all');
  const data = useRemote(() => listCertificates(filter === 'all' ? undefined : filter), [filter]);
  const staff = useStaff(data.error);
  const directory = useRemote(getCommunityDirectory, []);
  const names = useMemo(() => communityNames(directory.data), [directory.data]);
  // Back from a decision: the certificate may have left the list.
  useReloadWhenChanged(CERTIFICATE_CHANGED, data.reload);
  usePullToRefresh(data.reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">证件核验</Text>
      <Text className="page__hint">《就业创业证》申请：社区劳动保障站核查材料，区人社局审批发证。</Text>
      <FilterChips label="状态" options={FILTERS} selected={filter} onSelect={setFilter} />
      <Loadable remote={data}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">没有等待处理的证件申请。</Text>
          ) : (
            <>
              <Text className="queue-total">{`共 ${items.length} 份证件申请`}</Text>
              {pendingFirst(items).map((certificate) => (
                <CertificateCard
                  key={certificate.id}
                  certificate={certificate}
                  communityName={names.get(certificate.community)}
                  onOpen={(id) => void Taro.navigateTo({ url: staffRoutes.certificate(id) })}
                />
              ))}
            </>
          )
        }
      </Loadable>
    </Page>
  );
}
