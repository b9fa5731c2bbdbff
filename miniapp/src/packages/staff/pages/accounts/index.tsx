import { createStaffRequestSchema, type CommunityDirectory, type Staff, type StaffRole } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Loadable } from '../../../../components/Loadable';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { TextField } from '../../../../components/TextInput';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useRemote } from '../../../../hooks/useRemote';
import { getCommunityDirectory } from '../../../../services/communities';
import { currentStaff } from '../../../../services/staff';
import { createStaffAccount, generatePassword, listStaffAccounts } from '../../../../services/staffAccounts';
import { issuesByField, pickFields, RoleFields, ShownPassword, StaffAccountCard } from '../../components/StaffAccount';
import { useStaff } from '../../session';
import { useDraft, useSubmission } from '../../useDraft';
import { communityNames } from '../../words';

type FormField = 'name' | 'username' | 'password' | 'role' | 'communities';
const FORM_FIELDS: readonly FormField[] = ['name', 'username', 'password', 'role', 'communities'];

interface Draft {
  name: string;
  username: string;
  password: string;
  role: StaffRole;
  communities: string[];
}

const EMPTY: Draft = { name: '', username: '', password: '', role: 'officer', communities: [] };

/** 新建账号: checked with the BFF's own schema first; a password left empty is generated. Shows the password once. */
function CreateAccount({
  viewer,
  directory,
  names,
  onCreated,
}: {
  viewer: Staff;
  directory: CommunityDirectory | undefined;
  names: Map<string, string>;
  onCreated: (account: Staff) => void;
}) {
  const { draft, setDraft, errors, setErrors, change } = useDraft<Draft>(EMPTY);
  const { busy, failure, setFailure, submit } = useSubmission<FormField, 'create'>(FORM_FIELDS, setErrors, 'username');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);

  async function create() {
    setFailure(null);
    setCreated(null);
    const password = draft.password === '' ? await generatePassword() : draft.password;
    const checked = createStaffRequestSchema.safeParse({
      name: draft.name,
      username: draft.username,
      password,
      role: draft.role,
      communities: draft.role === 'officer' ? draft.communities : [],
    });
    if (!checked.success) {
      setErrors(pickFields(issuesByField(checked.error.issues), FORM_FIELDS).errors);
      return;
    }
    const account = await submit('create', () => createStaffAccount(checked.data));
    if (!account) return;
    setCreated({ username: account.username, password });
    setDraft(EMPTY);
    onCreated(account);
  }

  return (
    <View className="card">
      <Text className="section__title">新建工作人员账号</Text>
      {created ? <ShownPassword title="账号已建好" username={created.username} password={created.password} /> : null}
      <TextField
        label="姓名"
        placeholder="如：王芳"
        maxLength={30}
        value={draft.name}
        error={errors.name}
        onChange={(name) => change({ name })}
      />
      <TextField
        label="用户名"
        placeholder="3-32 位字母、数字，如 wangfang"
        hint="登录时填写，建好后不能修改"
        maxLength={32}
        value={draft.username}
        error={errors.username}
        onChange={(username) => change({ username })}
      />
      <RoleFields
        viewer={viewer}
        directory={directory}
        names={names}
        role={draft.role}
        communities={draft.communities}
        onRole={(role) => change({ role })}
        onCommunities={(communities) => change({ communities })}
        errors={errors}
      />
      <TextField
        label="初始密码"
        optional
        placeholder="至少 8 位"
        hint="留空则自动生成一个，建好后显示一次"
        maxLength={128}
        password
        value={draft.password}
        error={errors.password}
        onChange={(value) => change({ password: value })}
      />
      <FailureNotice title="没有建成" error={failure} />
      <ActionButton kind="primary" busy={busy === 'create'} onClick={() => void create()}>
        新建账号
      </ActionButton>
    </View>
  );
}

/** 工作人员账号: the administrator's list of staff accounts, and a form to create one. */
export default function StaffAccounts() {
  // Only an administrator may list accounts: anyone else is told so without asking the BFF.
  const admin = currentStaff()?.role === 'admin';
  const accounts = useRemote(() => (admin ? listStaffAccounts() : Promise.resolve([])), [admin]);
  const staff = useStaff(accounts.error);
  const directory = useRemote(getCommunityDirectory, []);
  const names = useMemo(() => communityNames(directory.data), [directory.data]);
  usePullToRefresh(accounts.reload);

  if (!staff) return <Page>{null}</Page>;

  if (staff.role !== 'admin') {
    return (
      <Page>
        <Text className="page__title">工作人员账号</Text>
        <Notice tone="warning" title="此页面仅供管理员使用">
          <Text>新建账号、修改角色、重置密码或停用账号，请联系区人社局的管理员。</Text>
        </Notice>
      </Page>
    );
  }

  const replace = (items: Staff[], changed: Staff) => items.map((item) => (item.id === changed.id ? changed : item));

  return (
    <Page>
      <Text className="page__title">工作人员账号</Text>
      <Text className="page__hint">审核员和劳动保障协理员的账号在这里新建；停用后立即不能登录。</Text>
      <CreateAccount
        viewer={staff}
        directory={directory.data}
        names={names}
        onCreated={(account) => accounts.set([account, ...(accounts.data ?? [])])}
      />
      <Loadable remote={accounts}>
        {(items) =>
          items.length === 0 ? (
            <Text className="page__hint">还没有工作人员账号。</Text>
          ) : (
            <View>
              <Text className="page__hint">{`共 ${items.length} 个账号`}</Text>
              {items.map((account) => (
                <StaffAccountCard
                  key={account.id}
                  account={account}
                  viewer={staff}
                  directory={directory.data}
                  names={names}
                  onChanged={(changed) => accounts.set(replace(items, changed))}
                />
              ))}
            </View>
          )
        }
      </Loadable>
    </Page>
  );
}
