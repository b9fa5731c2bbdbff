import type { AssistedResident } from '@minsheng/shared';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { getPlaces } from '../../../../services/places';
import { registerAssisted } from '../../../../services/staffAssisted';
import { ProfileForm } from '../../../apply/components/ProfileForm';
import { assistedRoutes } from '../../assistedRoutes';
import { useStaff } from '../../session';

/** The resident's own profile form, filled in by the officer for a resident without a smartphone. */
export default function AssistedRegister() {
  const places = useRemote(getPlaces, []);
  const staff = useStaff(places.error);
  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">登记居民</Text>
      <Loadable remote={places}>
        {(loaded) => (
          <ProfileForm<AssistedResident>
            places={loaded}
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
