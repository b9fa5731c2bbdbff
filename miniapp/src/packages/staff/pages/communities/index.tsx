import { createCommunityRequestSchema, type CommunityAdmin } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { TextField } from '../../../../components/TextInput';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useRemote } from '../../../../hooks/useRemote';
import { currentStaff } from '../../../../services/staff';
import { createCommunity, listAdminCommunities } from '../../../../services/staffCommunities';
import { CommunityCard, PLACEMENT_FIELDS, PlacementFields, type Placement, type PlacementField } from '../../components/CommunityAdmin';
import { issuesByField, pickFields } from '../../components/StaffAccount';
import { useStaff } from '../../session';
import { useDraft, useSubmission } from '../../useDraft';

interface Draft extends Placement {
  code: string;
}

type FormField = PlacementField | 'code';
const FORM_FIELDS: readonly FormField[] = [...PLACEMENT_FIELDS, 'code'];
const EMPTY: Draft = { street: '', name: '', code: '', type: 'urban' };

/** By street, then name, as the BFF lists them (a community just added or moved takes its place). */
const byStreetAndName = (a: CommunityAdmin, b: CommunityAdmin) =>
  a.street === b.street ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.street < b.street ? -1 : 1;

/** The communities by street, in the list's order. */
function byStreet(items: readonly CommunityAdmin[]): [string, CommunityAdmin[]][] {
  const streets = new Map<string, CommunityAdmin[]>();
  for (const item of [...items].sort(byStreetAndName)) streets.set(item.street, [...(streets.get(item.street) ?? []), item]);
  return [...streets];
}

/** 登记社区（村）: checked with the BFF's own schema first; a code in use is said on its field. */
function RegisterCommunity({ streets, onCreated }: { streets: readonly string[]; onCreated: (community: CommunityAdmin) => void }) {
  const { draft, setDraft, errors, setErrors, change } = useDraft<Draft>(EMPTY);
  const { busy, failure, setFailure, submit } = useSubmission<FormField, 'register'>(FORM_FIELDS, setErrors, 'code');
  const [created, setCreated] = useState<string | null>(null);

  async function register() {
    setFailure(null);
    setCreated(null);
    const checked = createCommunityRequestSchema.safeParse(draft);
    if (!checked.success) {
      setErrors(pickFields(issuesByField(checked.error.issues), FORM_FIELDS).errors);
      return;
    }
    const community = await submit('register', () => createCommunity(checked.data));
    if (!community) return;
    setCreated(community.name);
    setDraft(EMPTY);
    onCreated(community);
  }

  return (
    <View className="card">
      <Text className="section__title">登记社区（村）</Text>
      {created ? (
        <Notice tone="success" title="已登记">
          <Text>{`${created}已加入居民可选的社区，可以为它新建推广链接、分配协理员。`}</Text>
        </Notice>
      ) : null}
      <PlacementFields value={draft} streets={streets} errors={errors} onChange={change} />
      <TextField
        label="社区编码"
        placeholder="如：lxsq"
        hint="2-12 位小写字母或数字，常用名称的拼音首字母；推广链接和二维码都用它，登记后不能修改"
        maxLength={12}
        value={draft.code}
        error={errors.code}
        onChange={(code) => change({ code: code.trim().toLowerCase() })}
      />
      <FailureNotice title="没有登记成" error={failure} />
      <ActionButton key="register" kind="primary" busy={busy === 'register'} onClick={() => void register()}>
        登记社区
      </ActionButton>
    </View>
  );
}

/** 社区（村）管理: the administrator's registry of communities and village stations, by street. */
export default function StaffCommunities() {
  // Only an administrator may change the registry: anyone else is told so without asking the BFF.
  const admin = currentStaff()?.role === 'admin';
  const communities = useRemote(() => (admin ? listAdminCommunities() : Promise.resolve([])), [admin]);
  const staff = useStaff(communities.error);
  const streets = useMemo(() => [...new Set((communities.data ?? []).map((c) => c.street))].sort(), [communities.data]);
  usePullToRefresh(communities.reload);

  if (!staff) return <Page>{null}</Page>;

  if (staff.role !== 'admin') {
    return (
      <Page>
        <Text className="page__title">社区（村）管理</Text>
        <Notice tone="warning" title="此页面仅供管理员使用">
          <Text>登记、修改或停用社区（村），请联系区人社局的管理员。</Text>
        </Notice>
      </Page>
    );
  }

  const replace = (items: CommunityAdmin[], changed: CommunityAdmin) => items.map((item) => (item.id === changed.id ? changed : item));

  return (
    <Page>
      <Text className="page__title">社区（村）管理</Text>
      <Text className="page__hint">居民填资料时按街道选社区；停用的社区不再供选择，已有的资料和申请不受影响。</Text>
      <RegisterCommunity streets={streets} onCreated={(community) => communities.set([...(communities.data ?? []), community])} />
      <Loadable remote={communities}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">还没有登记社区。</Text>
          ) : (
            <View>
              <Text className="page__hint">{`共 ${items.length} 个社区（村）`}</Text>
              {byStreet(items).map(([street, list]) => (
                <View key={street} className="section">
                  <Text className="section__title">{`${street}（${list.length}）`}</Text>
                  {list.map((community) => (
                    <CommunityCard
                      key={community.id}
                      community={community}
                      streets={streets}
                      onChanged={(changed) => communities.set(replace(items, changed))}
                    />
                  ))}
                </View>
              ))}
            </View>
          )
        }
      </Loadable>
    </Page>
  );
}
