import { STAFF_ROLE_LABELS, STAFF_ROLES, type CommunityDirectory, type Staff, type StaffRole } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { confirmDestructive } from '../../../../components/confirm';
import { Facts } from '../../../../components/Facts';
import { Field } from '../../../../components/Field';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { ApiError, refusedFields } from '../../../../services/request';
import { generatePassword, updateStaffAccount } from '../../../../services/staffAccounts';
import { CommunityPicker } from '../CommunityPicker';

const ROLE_CHOICES = STAFF_ROLES.map((value) => ({ value, label: STAFF_ROLE_LABELS[value] }));

/** What a role may do, said under the choice. */
const ROLE_HINTS: Record<StaffRole, string> = {
  admin: '管理员：管理账号、服务目录，可办理所有社区的申请',
  reviewer: '审核员：查看所有申请，作出审核决定',
  officer: '劳动保障协理员：只办理所负责社区（村）的申请，不能作出审核决定',
};

/** The messages of `named` for the form's own `fields`; `other` when some name a field the form does not show. */
export function pickFields<F extends string>(
  named: Readonly<Record<string, string | undefined>>,
  fields: readonly F[],
): { errors: Partial<Record<F, string>>; other: boolean } {
  const errors: Partial<Record<F, string>> = {};
  let other = false;
  for (const [key, message] of Object.entries(named)) {
    if ((fields as readonly string[]).includes(key)) errors[key as F] ??= message;
    else other = true;
  }
  return { errors, other };
}

/** The first message of a schema's check for each top-level field, for `pickFields`. */
export function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0])] ??= issue.message;
  return fields;
}

/**
 * Where a refusal of the BFF goes: the messages of a VALIDATION_FAILED answer on the form's `fields` (a
 * CONFLICT on `conflictField`: the username taken), and whether it needs a notice as well (any other
 * failure, or one naming a field the form does not show).
 */
export function placeRefusal<F extends string>(
  error: unknown,
  fields: readonly F[],
  conflictField?: F,
): { errors: Partial<Record<F, string>>; notice: boolean } {
  if (!(error instanceof ApiError)) return { errors: {}, notice: true };
  if (conflictField && error.code === 'CONFLICT')
    return { errors: pickFields({ [conflictField]: error.message }, fields).errors, notice: false };
  const { errors, other } = pickFields(refusedFields(error) ?? {}, fields);
  return { errors, notice: other || Object.keys(errors).length === 0 };
}

/** The communities' names, in the order given; an unknown code as it is. */
export function communityList(codes: readonly string[], names: Map<string, string>): string {
  return codes.map((code) => names.get(code) ?? code).join('、');
}

interface RoleFieldsProps {
  viewer: Staff;
  directory: CommunityDirectory | undefined;
  names: Map<string, string>;
  role: StaffRole;
  communities: readonly string[];
  onRole: (role: StaffRole) => void;
  onCommunities: (communities: string[]) => void;
  errors: { role?: string; communities?: string };
}

/** The role, and for an officer the communities they work for: picked one by one (street, then community). */
export function RoleFields({ viewer, directory, names, role, communities, onRole, onCommunities, errors }: RoleFieldsProps) {
  const [lastPicked, setLastPicked] = useState('');
  return (
    <View>
      <Field label="角色" hint={ROLE_HINTS[role]} error={errors.role}>
        <ChoiceGroup options={ROLE_CHOICES} selected={[role]} invalid={Boolean(errors.role)} onSelect={onRole} />
      </Field>
      {role === 'officer' ? (
        <Field label="负责的社区（村）" hint="可负责多个社区：选好街道后点社区名加入" error={errors.communities}>
          {communities.length === 0 ? (
            <Text className="page__hint">还没有选社区。</Text>
          ) : (
            communities.map((code) => (
              <View key={code}>
                <Text className="text-strong">{names.get(code) ?? code}</Text>
                <ActionButton label={`移除${names.get(code) ?? code}`} onClick={() => onCommunities(communities.filter((c) => c !== code))}>
                  移除
                </ActionButton>
              </View>
            ))
          )}
          <CommunityPicker
            staff={viewer}
            directory={directory}
            selected={lastPicked}
            onSelect={(code) => {
              setLastPicked(code);
              if (code !== '' && !communities.includes(code)) onCommunities([...communities, code]);
            }}
          />
        </Field>
      ) : null}
    </View>
  );
}

/** A password shown once, to be passed on to its owner, with a button that copies it. */
export function ShownPassword({ title, username, password }: { title: string; username: string; password: string }) {
  return (
    <Notice tone="success" title={title}>
      <Text>{`用户名：${username}`}</Text>
      <Text className="staff-password">
        密码：<Text className="staff-password__value text-strong">{password}</Text>
      </Text>
      <Text>密码只显示这一次，请当面或电话告诉本人，不要发在群里。</Text>
      <ActionButton onClick={() => void Taro.setClipboardData({ data: password })}>复制密码</ActionButton>
    </Notice>
  );
}

interface CardProps {
  account: Staff;
  viewer: Staff;
  directory: CommunityDirectory | undefined;
  names: Map<string, string>;
  onChanged: (account: Staff) => void;
}

type Busy = 'save' | 'password' | 'disable' | null;

// Each button has a key of its own: React would otherwise reuse one button's element for another and set its
// text, which wipes the anchors Taro's H5 button keeps for its spinner (the next `busy` then throws).

/** One account: who, role, communities, whether disabled; and what an administrator may change. */
export function StaffAccountCard({ account, viewer, directory, names, onChanged }: CardProps) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<StaffRole>(account.role);
  const [communities, setCommunities] = useState<string[]>(account.communities);
  const [errors, setErrors] = useState<{ role?: string; communities?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [password, setPassword] = useState<string | null>(null);
  const own = account.id === viewer.id;

  async function act(what: Exclude<Busy, null>, run: () => Promise<Staff>, then?: () => void) {
    setBusy(what);
    setFailure(null);
    setErrors({});
    try {
      onChanged(await run());
      then?.();
    } catch (error) {
      const placed = placeRefusal(error, ['role', 'communities'] as const);
      setErrors(placed.errors);
      if (placed.notice) setFailure(error);
    } finally {
      setBusy(null);
    }
  }

  const save = () =>
    act(
      'save',
      () => updateStaffAccount(account.id, { role, communities: role === 'officer' ? communities : [] }),
      () => setEditing(false),
    );

  const resetPassword = async () => {
    setPassword(null);
    const fresh = await generatePassword();
    await act(
      'password',
      () => updateStaffAccount(account.id, { password: fresh }),
      () => setPassword(fresh),
    );
  };

  const toggleDisabled = async () => {
    if (!account.disabled) {
      const sure = await confirmDestructive(
        '停用账号',
        `停用后${account.name}（${account.username}）立即退出登录，不能再登录，直到重新启用。`,
        ['停用', '取消'],
      );
      if (!sure) return;
    }
    await act('disable', () => updateStaffAccount(account.id, { disabled: !account.disabled }));
  };

  const facts = [
    { label: '用户名', value: account.username },
    { label: '角色', value: STAFF_ROLE_LABELS[account.role] },
    ...(account.role === 'officer' ? [{ label: '负责社区', value: communityList(account.communities, names) || '无' }] : []),
    { label: '状态', value: account.disabled ? '已停用' : '使用中' },
  ];

  return (
    <View className="card staff-account">
      <Text className="section__title">{own ? `${account.name}（本人）` : account.name}</Text>
      <Facts facts={facts} />
      {own ? (
        <Text className="page__hint">不能在这里停用自己的账号或改自己的角色、密码。</Text>
      ) : editing ? (
        <View>
          <RoleFields
            viewer={viewer}
            directory={directory}
            names={names}
            role={role}
            communities={communities}
            onRole={(next) => {
              setRole(next);
              setErrors({});
            }}
            onCommunities={(next) => {
              setCommunities(next);
              setErrors((current) => ({ ...current, communities: undefined }));
            }}
            errors={errors}
          />
          <ActionButton key="save" kind="primary" busy={busy === 'save'} onClick={() => void save()}>
            保存角色和社区
          </ActionButton>
          <ActionButton
            key="cancel"
            onClick={() => {
              setEditing(false);
              setRole(account.role);
              setCommunities(account.communities);
              setErrors({});
            }}
          >
            取消修改
          </ActionButton>
        </View>
      ) : (
        <View>
          {account.disabled ? null : (
            <ActionButton key="edit" label={`修改${account.name}的角色和社区`} onClick={() => setEditing(true)}>
              修改角色和社区
            </ActionButton>
          )}
          {account.disabled ? null : (
            <ActionButton
              key="password"
              label={`重置${account.name}的密码`}
              busy={busy === 'password'}
              onClick={() => void resetPassword()}
            >
              重置密码
            </ActionButton>
          )}
          <ActionButton
            key={account.disabled ? 'enable' : 'disable'}
            kind={account.disabled ? 'secondary' : 'danger'}
            label={`${account.disabled ? '重新启用' : '停用'}${account.name}的账号`}
            busy={busy === 'disable'}
            onClick={() => void toggleDisabled()}
          >
            {account.disabled ? '重新启用账号' : '停用账号'}
          </ActionButton>
        </View>
      )}
      {password ? <ShownPassword title="密码已重置，原密码和已登录的设备随即失效" username={account.username} password={password} /> : null}
      <FailureNotice title="没有改成" error={failure} />
    </View>
  );
}
