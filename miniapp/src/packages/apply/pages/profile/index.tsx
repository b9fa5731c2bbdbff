import Taro from '@tarojs/taro'
import { Loadable } from '../../../../components/Loadable'
import { Page } from '../../../../components/Page'
import { useRemote } from '../../../../hooks/useRemote'
import { goBackOrHome } from '../../../../routes'
import { getMe } from '../../../../services/me'
import { getPlaces } from '../../../../services/places'
import { ProfileForm } from '../../components/ProfileForm'

export default function ProfilePage() {
  const data = useRemote(async () => {
    const [places, me] = await Promise.all([getPlaces(), getMe()])
    return { places, profile: me.profile }
  }, [])

  return (
    <Page>
      <Loadable remote={data}>
        {({ places, profile }) => (
          <ProfileForm
            places={places}
            profile={profile}
            onSaved={() => {
              void Taro.showToast({ title: '已保存', icon: 'success' })
              goBackOrHome()
            }}
          />
        )}
      </Loadable>
    </Page>
  )
}
