import { COMMUNITY_TYPES, updateCommunityRequestSchema, type CommunityAdmin } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { SaveOrCancel } from '../SaveOrCancel';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { confirmDestructive } from '../../../../components/confirm';
import { Facts } from '../../../../components/Facts';
import { Field } from '../../../../components/Field';
import { FailureNotice } from '../../../../components/Notice';
import { TextField } from '../../../../components/TextInput';
import { updateCommunity } from '../../../../services/staffCommunities';
import { FilterChips } from '../FilterChips';
import { useDraft, useSubmission } from '../../useDraft';
import { issuesByField, pickFields } from '../StaffAccount';

type CommunityType = CommunityAdmin['type'];

/** The community's type as the district says it. */
export const COMMUNITY_TYPE_LABELS: Record<CommunityType, string> = { urban: '城镇社区', village: '农村' };

const TYPE_CHOICES = COMMUNITY_TYPES.map((value) => ({ value, label: COMMUNITY_TYPE_LABELS[value] }));

/** What may change once a community is registered: all but its code. */
export interface Placement {
  name: string;
  street: string;
  type: CommunityType;
}

export type PlacementField = keyof Placement;
export const PLACEMENT_FIELDS: readonly PlacementField[] = ['street', 'name', 'type'];

interface FieldsProps {
  value: Placement;
  /** The streets communities are registered in already, offered as chips. */
  streets: readonly string[];
  errors: Partial<Record<PlacementField, string>>;
  onChange: (change: Partial<Placement>) => void;
}

/** Street (one of those in use, or a new one typed), name and type of a community. */
export function PlacementFields({ value, streets, errors, onChange }: FieldsProps) {
  return (
    <View>
      <TextField
        label="所属街道"
        placeholder="如：铁心桥街道"
        hint={streets.length > 0 ? '点下面已有的街道，或填写一个新街道' : undefined}
        maxLength={40}
        value={value.street}
        error={errors.street}
        onChange={(street) => onChange({ street })}
      >
        {streets.length > 0 ? (
          <FilterChips
            label="已有街道"
            options={streets.map((street) => ({ value: street, label: street }))}
            selected={value.street}
            onSelect={(street) => onChange({ street })}
          />
        ) : null}
      </TextField>
      <TextField
        label="社区（村）名称"
        placeholder="如：龙西社区"
        maxLength={40}
        value={value.name}
        error={errors.name}
        onChange={(name) => onChange({ name })}
      />
      <Field label="类型" hint="农村指行政村（村委会），城镇社区指社区居委会" error={errors.type}>
        <ChoiceGroup
          options={TYPE_CHOICES}
          selected={[value.type]}
          invalid={Boolean(errors.type)}
          onSelect={(type) => onChange({ type })}
        />
      </Field>
    </View>
  );
}

interface CardProps {
  community: CommunityAdmin;
  streets: readonly string[];
  onChanged: (community: CommunityAdmin) => void;
}

// Each button has a key of its own: Taro's H5 button loses its spinner's anchors when React reuses it for
// another and sets its text (see StaffAccountCard).

/** One community: name, code, type, whether deactivated; its rename, move, retype and (de)activation. */
export function CommunityCard({ community, streets, onChanged }: CardProps) {
  const placement = { name: community.name, street: community.street, type: community.type };
  const { draft, setDraft, errors, setErrors, change } = useDraft<Placement>(placement);
  const [editing, setEditing] = useState(false);
  const { busy, failure, submit } = useSubmission<PlacementField, 'save' | 'active'>(PLACEMENT_FIELDS, setErrors);

  async function act(what: 'save' | 'active', run: () => Promise<CommunityAdmin>, then?: () => void) {
    const changed = await submit(what, run);
    if (!changed) return;
    onChanged(changed);
    then?.();
  }

  const save = () => {
    const checked = updateCommunityRequestSchema.safeParse(draft);
    if (!checked.success) {
      setErrors(pickFields(issuesByField(checked.error.issues), PLACEMENT_FIELDS).errors);
      return;
    }
    void act(
      'save',
      () => updateCommunity(community.id, checked.data),
      () => setEditing(false),
    );
  };

  const toggleActive = async () => {
    if (community.active) {
      const sure = await confirmDestructive(
        '停用社区',
        `停用后居民选不到${community.name}，也不能再为它登记居民、新建推广链接；已有的资料、申请和已印的推广码不受影响，可以重新启用。`,
        ['停用', '取消'],
      );
      if (!sure) return;
    }
    await act('active', () => updateCommunity(community.id, { active: !community.active }));
  };

  const facts = [
    { label: '编码', value: community.code },
    { label: '类型', value: COMMUNITY_TYPE_LABELS[community.type] },
    { label: '状态', value: community.active ? '使用中' : '已停用' },
  ];

  return (
    <View className="card community-admin">
      <Text className="section__title">{community.name}</Text>
      <Facts facts={facts} />
      {editing ? (
        <View>
          <PlacementFields value={draft} streets={streets} errors={errors} onChange={change} />
          <SaveOrCancel
            saving={busy === 'save'}
            onSave={save}
            onCancel={() => {
              setEditing(false);
              setDraft(placement);
              setErrors({});
            }}
          />
        </View>
      ) : (
        <View>
          <ActionButton
            key="edit"
            label={`修改${community.name}的名称、街道或类型`}
            onClick={() => {
              setDraft(placement);
              setEditing(true);
            }}
          >
            修改名称、街道或类型
          </ActionButton>
          <ActionButton
            key={community.active ? 'deactivate' : 'activate'}
            kind={community.active ? 'danger' : 'secondary'}
            label={`${community.active ? '停用' : '重新启用'}${community.name}`}
            busy={busy === 'active'}
            onClick={() => void toggleActive()}
          >
            {community.active ? '停用社区' : '重新启用社区'}
          </ActionButton>
        </View>
      )}
      <FailureNotice title="没有改成" error={failure} />
    </View>
  );
}
