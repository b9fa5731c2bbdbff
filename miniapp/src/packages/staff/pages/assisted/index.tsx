import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { listAssisted } from '../../../../services/staffAssisted';
import { assistedRoutes } from '../../assistedRoutes';
import { AssistedCard } from '../../components/AssistedCard';
import { useStaff } from '../../session';

/** 帮办: the residents the officer registered, and registering another. */
export default function AssistedList() {
  const residents = useRemote(() => listAssisted(), [], { refreshOnShow: true });
  const staff = useStaff(residents.error);

  usePullToRefresh(residents.reload);

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">帮办</Text>
      <Text className="page__hint">为没有智能手机的居民登记实名信息、上传授权书，并代为申请和跟进。</Text>
      <ActionButton kind="primary" onClick={() => void Taro.navigateTo({ url: assistedRoutes.register })}>
        登记居民
      </ActionButton>
      <Loadable remote={residents}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">还没有登记过居民。</Text>
          ) : (
            <>
              {items.map((resident) => (
                <AssistedCard
                  key={resident.id}
                  resident={resident}
                  onOpen={(id) => void Taro.navigateTo({ url: assistedRoutes.resident(id) })}
                />
              ))}
            </>
          )
        }
      </Loadable>
    </Page>
  );
}
