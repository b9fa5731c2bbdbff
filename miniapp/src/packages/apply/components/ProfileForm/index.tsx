import {
  CATEGORIES,
  CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  HOUSEHOLD_TYPES,
  PRIVACY_NOTICE,
  profileInputSchema,
  type Category,
  type FieldErrors,
  type HouseholdType,
  type MeResponse,
  type CommunityDirectory,
  type ProfileInput,
  type ProfileView,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { roleProps } from '../../../../a11y';
import { ActionButton } from '../../../../components/ActionButton';
import { AgreementCheck } from '../../../../components/AgreementCheck';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { Field } from '../../../../components/Field';
import { PhoneButton } from './PhoneButton';
import { IdNumberField } from '../../../../components/IdNumberField';
import { checkIdNumberAsTyped } from '../../../../components/IdNumberField/check';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { TextField } from '../../../../components/TextInput';
import { saveProfile } from '../../../../services/me';
import { ApiError } from '../../../../services/request';
import './index.scss';

interface Values {
  name: string;
  idNumber: string;
  mobile: string;
  street: string;
  community: string;
  householdType: HouseholdType | '';
  categories: Category[];
  /** The privacy notice agreed to: ticked already when the stored agreement is to the current text. */
  agreed: boolean;
}

function initialValues(profile: ProfileView | null): Values {
  return {
    name: profile?.name ?? '',
    // Never sent back unmasked: left empty, it keeps the registered one.
    idNumber: '',
    mobile: profile?.mobile ?? '',
    street: profile?.street ?? '',
    community: profile?.community ?? '',
    householdType: profile?.householdType ?? '',
    categories: profile?.categories ?? [],
    agreed: profile?.privacyNotice?.version === PRIVACY_NOTICE.version,
  };
}

function toInput(values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = {
    name: values.name.trim() === '' ? undefined : values.name,
    mobile: values.mobile.trim() === '' ? undefined : values.mobile,
    community: values.community === '' ? undefined : values.community,
    householdType: values.householdType === '' ? undefined : values.householdType,
    categories: values.categories,
    privacyNoticeVersion: values.agreed ? PRIVACY_NOTICE.version : undefined,
  };
  if (values.idNumber.trim() !== '') input.idNumber = values.idNumber;
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input;
}

interface Props<Saved> {
  directory: CommunityDirectory;
  profile: ProfileView | null;
  onSaved: (saved: Saved) => void;
  /**
   * Where the profile goes: the resident's own unless a station officer is
   * registering someone (帮办), who then also cannot use WeChat's phone number
   * (it would be the officer's).
   */
  saveTo?: (input: ProfileInput) => Promise<Saved>;
  forSomeoneElse?: boolean;
}

/** The real-name profile: who the resident is, where they live, which groups they belong to. */
export function ProfileForm<Saved = MeResponse>({ directory, profile, onSaved, saveTo, forSomeoneElse = false }: Props<Saved>) {
  const [values, setValues] = useState<Values>(() => initialValues(profile));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [changingStreet, setChangingStreet] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  function change(patch: Partial<Values>, ...clears: string[]) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of [...Object.keys(patch), ...clears]) delete next[key];
      return next;
    });
  }

  function toggleCategory(category: Category) {
    const has = values.categories.includes(category);
    change({ categories: has ? values.categories.filter((c) => c !== category) : [...values.categories, category] });
  }

  async function save() {
    setSubmitted(true);
    setFailure(null);
    const found: FieldErrors = {};
    const idCheck = checkIdNumberAsTyped(values.idNumber, true);
    if ((profile === null || values.idNumber.trim() !== '') && idCheck.error) found.idNumber = idCheck.error;
    const parsed = profileInputSchema.safeParse(toInput(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? '_')] ??= issue.message;
    }
    if (found.community && values.street === '') found.community = '请先选择街道，再选择社区';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setSaving(true);
    try {
      const input: ProfileInput = parsed.data;
      onSaved(saveTo ? await saveTo(input) : ((await saveProfile(input)) as Saved));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ID_NUMBER_TAKEN') setErrors({ idNumber: error.message });
      else if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields);
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  }

  const street = directory.streets.find((s) => s.name === values.street);
  const errorCount = Object.keys(errors).length;

  return (
    <View>
      <Text className="page__hint profile__intro">
        {forSomeoneElse ? '请按居民本人的身份证填写，并当面核对。' : ''}只用于办理就业服务。身份证号加密保存，页面上只显示部分号码。
      </Text>

      <AgreementCheck
        title={PRIVACY_NOTICE.title}
        paragraphs={PRIVACY_NOTICE.paragraphs}
        label={forSomeoneElse ? '已向居民本人说明以上告知，本人同意' : PRIVACY_NOTICE.consent}
        checked={values.agreed}
        error={errors.privacyNoticeVersion}
        onChange={(agreed) => change({ agreed }, 'privacyNoticeVersion')}
      />

      <TextField
        label="姓名"
        error={errors.name}
        value={values.name}
        placeholder="与身份证上一致"
        maxLength={30}
        onChange={(name) => change({ name })}
      />

      <IdNumberField
        value={values.idNumber}
        optional={profile !== null}
        registered={profile?.idNumberMasked}
        submitted={submitted}
        error={errors.idNumber}
        onChange={(idNumber) => change({ idNumber })}
      />

      <TextField
        label="手机号"
        error={errors.mobile}
        hint="办理进度有变化时，工作人员可能打电话联系您"
        type="number"
        value={values.mobile}
        placeholder="11 位手机号"
        maxLength={11}
        onChange={(mobile) => change({ mobile })}
      >
        {forSomeoneElse ? null : <PhoneButton onNumber={(mobile) => change({ mobile })} />}
      </TextField>

      <Field label="所在街道" error={values.street === '' ? errors.community : undefined}>
        {street && !changingStreet ? (
          <View className="row">
            <Text className="row__text text-strong">{street.name}</Text>
            <View className="profile__change" hoverClass="button--pressed" {...roleProps('button')} onClick={() => setChangingStreet(true)}>
              <Text>更换街道</Text>
            </View>
          </View>
        ) : (
          <ChoiceGroup
            options={directory.streets.map((s) => ({ value: s.name, label: s.name }))}
            selected={values.street === '' ? [] : [values.street]}
            onSelect={(name) => {
              setChangingStreet(false);
              if (name !== values.street) change({ street: name, community: '' });
            }}
          />
        )}
      </Field>

      {street && !changingStreet ? (
        <Field label="所在社区（村）" error={errors.community}>
          <ChoiceGroup
            options={street.communities.map((c) => ({ value: c.code, label: c.name }))}
            selected={values.community === '' ? [] : [values.community]}
            invalid={Boolean(errors.community)}
            onSelect={(community) => change({ community })}
          />
        </Field>
      ) : null}

      <Field label="户籍类型" error={errors.householdType}>
        <ChoiceGroup
          options={HOUSEHOLD_TYPES.map((h) => ({ value: h, label: HOUSEHOLD_TYPE_LABELS[h] }))}
          selected={values.householdType === '' ? [] : [values.householdType]}
          invalid={Boolean(errors.householdType)}
          onSelect={(householdType) => change({ householdType })}
        />
      </Field>

      <Field label="人员类别" optional hint="可以多选；都不是可以不选" error={errors.categories}>
        <ChoiceGroup
          multiple
          options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          selected={values.categories}
          onSelect={toggleCategory}
        />
      </Field>

      <Field label="《就业创业证》" optional hint="由社区劳动保障站核查、区人社局审批后核发，不能自行填写编号">
        <Text>
          {profile?.certificate
            ? `${profile.certificate.statusLabel}${profile.certificate.number ? `（${profile.certificate.number}）` : ''}`
            : '未办理'}
        </Text>
      </Field>

      {errorCount > 0 ? (
        <Notice tone="error" title="还有内容需要修改">
          <Text>请按红字提示修改后再保存。</Text>
        </Notice>
      ) : null}
      <FailureNotice title="没有保存成功" error={failure} />

      <ActionButton kind="primary" busy={saving} onClick={() => void save()}>
        保存
      </ActionButton>
    </View>
  );
}
