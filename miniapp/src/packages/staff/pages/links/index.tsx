import type { Link, Program } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { FailureNotice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { useRemote } from '../../../../hooks/useRemote';
import { getCommunityDirectory } from '../../../../services/communities';
import { listPrograms } from '../../../../services/programs';
import { currentStaff } from '../../../../services/staff';
import { createLink, listLinks } from '../../../../services/staffLinks';
import { CommunityPicker, initialCommunity } from '../../components/CommunityPicker';
import { FilterChips } from '../../components/FilterChips';
import { LinkCard, linkTitle } from '../../components/LinkCard';
import { linkIdOfShareTarget } from '../../components/LinkCard/ShareButton.types';
import { staffRoutes } from '../../routes';
import { useStaff } from '../../session';

const ALL = 'all';

/** What WeChat's share card says and opens for a link: the landing page with the link's `l=<id>`. */
export function shareOf(link: Link): { title: string; path: string } {
  return { title: `${link.communityName}：${linkTitle(link)}，点开即可申请`, path: `/${link.path}` };
}

function CreateLink({ programs, community, onCreated }: { programs: Program[]; community: string; onCreated: (link: Link) => void }) {
  const [program, setProgram] = useState<string>(ALL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const create = () => {
    setBusy(true);
    setError(null);
    createLink({ community, ...(program === ALL ? {} : { programId: program }) }).then(
      (link) => {
        setBusy(false);
        onCreated(link);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  return (
    <View className="card">
      <Text className="section__title">新建链接</Text>
      <FilterChips
        label="推广哪项服务"
        options={[{ value: ALL, label: '全部服务' }, ...programs.map((p) => ({ value: p.id, label: p.title }))]}
        selected={program}
        onSelect={setProgram}
      />
      <FailureNotice title="没有建成" error={error} />
      <ActionButton kind="primary" busy={busy} onClick={create}>
        生成链接和小程序码
      </ActionButton>
    </View>
  );
}

export default function Links() {
  const [made, setMade] = useState<Link[]>([]);
  const [community, setCommunity] = useState(() => initialCommunity(currentStaff()));
  const staffLinks = useRemote(() => (community ? listLinks(community) : Promise.resolve([])), [community]);
  const staff = useStaff(staffLinks.error);
  const directory = useRemote(getCommunityDirectory, []);
  const programs = useRemote(() => listPrograms(), []);

  const links = [
    ...made.filter((m) => m.community === community),
    ...(staffLinks.data ?? []).filter((l) => !made.some((m) => m.id === l.id)),
  ];

  useShareAppMessage((res) => {
    const link = links.find((l) => l.id === linkIdOfShareTarget(res.target));
    return link ? shareOf(link) : { title: '民生就业服务', path: '/pages/index/index' };
  });

  if (!staff) return <Page>{null}</Page>;

  return (
    <Page>
      <Text className="page__title">推广链接</Text>
      <Text className="page__hint">把链接或小程序码发到微信群、贴在公告栏，居民扫码就能申请；谁从哪个链接来的，会记在“来源统计”里。</Text>
      <CommunityPicker
        staff={staff}
        directory={directory.data}
        selected={community}
        onSelect={(code) => {
          setMade([]);
          setCommunity(code);
        }}
      />
      {community === '' ? null : (
        <View>
          <Loadable remote={programs}>
            {(items) => <CreateLink programs={items} community={community} onCreated={(link) => setMade([link, ...made])} />}
          </Loadable>
          <ActionButton onClick={() => void Taro.navigateTo({ url: staffRoutes.funnel(community) })}>查看来源统计</ActionButton>
          <Loadable remote={staffLinks}>
            {() =>
              links.length === 0 ? (
                <Text className="page__hint">本社区还没有推广链接。</Text>
              ) : (
                <View>
                  {links.map((link) => (
                    <LinkCard key={link.id} link={link} open={made.some((m) => m.id === link.id)} />
                  ))}
                </View>
              )
            }
          </Loadable>
        </View>
      )}
    </Page>
  );
}
