import type { AssistedResident } from '@minsheng/shared';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { getCommunityDirectory } from '../../../../services/communities';
import { registerAssisted } from '../../../../services/staffAssisted';
import { ProfileForm } from '../../../apply/components/ProfileForm';
import { assistedRoutes } from '../../assistedRoutes';
import { useStaff } from '../../session';

/** The resident's own profile form, filled in by the officer for a resident without a smartphone. */
export default function AssistedRegister() {
  const directory = useRemote(getCommunityDirectory, []);
  const staff = useStaff(directory.error);
  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">登记居民</Text>
      <Loadable remote={directory}>
        {(loaded) => (
          <ProfileForm<AssistedResident>
            directory={loaded}
            profile={null}
            forSomeoneElse
            saveTo={registerAssisted}
            onSaved={(resident) => void Taro.redirectTo({ url: assistedRoutes.resident(resident.id) })}
          />
        )}
      </Loadable>
    </Page>
  );
}
