import Taro from '@tarojs/taro';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { goBackOrHome } from '../../../../routes';
import { getMe } from '../../../../services/me';
import { getCommunityDirectory } from '../../../../services/communities';
import { ProfileForm } from '../../components/ProfileForm';

export default function ProfilePage() {
  const data = useRemote(async () => {
    const [directory, me] = await Promise.all([getCommunityDirectory(), getMe()]);
    return { directory, profile: me.profile };
  }, []);

  return (
    <Page>
      <Loadable remote={data}>
        {({ directory, profile }) => (
          <ProfileForm
            directory={directory}
            profile={profile}
            onSaved={(me) => {
              if (me.joined) {
                // The record a station officer registered is now this WeChat account, with its applications.
                const by = me.assisted ? `${me.assisted.communityName}的${me.assisted.staffName}` : '社区工作人员';
                void Taro.showModal({
                  title: '已关联帮办信息',
                  content: `${by}为您登记的信息和申请，已归到您的微信账号下。`,
                  showCancel: false,
                }).then(goBackOrHome);
                return;
              }
              void Taro.showToast({ title: '已保存', icon: 'success' });
              goBackOrHome();
            }}
          />
        )}
      </Loadable>
    </Page>
  );
}
