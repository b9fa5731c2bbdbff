import {
  maskMobile,
  missingMaterials as missingRequired,
  type Application,
  type CreateApplicationRequest,
  type FieldErrors,
  type Material,
  type ProfileView,
  type Program,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Facts } from '../../../../components/Facts';
import { messageOf, Notice } from '../../../../components/Notice';
import { useDraft } from '../../../../hooks/useDraft';
import { routes } from '../../../../routes';
import { submitApplication } from '../../../../services/applications';
import type { UploadMaterialOptions } from '../../../../services/materials';
import { ApiError, newIdempotencyKey } from '../../../../services/request';
import { markSeen } from '../../../../services/seen';
import { describeValues, fieldOfKey, fieldsFor, validateForm, type FormValues } from '../../forms';
import { ApplicationFields } from '../ApplicationFields';
import { DeclarationCheck, useDeclaration } from '../Declaration';
import { MaterialsStep, type UploadedMaterials } from '../MaterialsStep';
import { Submitted } from './Submitted';
import './index.scss';

const STEPS = ['填写申请', '上传材料', '核对并提交'] as const;

export interface ApplyDraft {
  step: number;
  values: FormValues;
  materials: UploadedMaterials;
  /**
   * The Idempotency-Key of the last submission attempt and the body it was for:
   * sending the same body again (a retry, even after WeChat restarted) reuses
   * the key, so the BFF answers with the application already made.
   */
  submission?: { key: string; body: string };
}

/** Where a programme's draft is kept (useDraft adds its prefix). */
export function draftKey(programId: string): string {
  return `apply.${programId}`;
}

/** The required materials not yet uploaded, as "请上传：…", or undefined. */
export function missingMaterials(program: Program, uploaded: UploadedMaterials): string | undefined {
  const purposes = program.materials.filter((m) => uploaded[m.code]).map((m) => m.code);
  return missingRequired(program.materials, purposes) ?? undefined;
}

/**
 * A station officer applying for a resident (帮办): the same steps, with the
 * resident's materials and submission going through the officer's routes.
 */
export interface OnBehalf {
  /** Keeps one draft per resident and programme. */
  residentId: string;
  upload: (options: UploadMaterialOptions) => Promise<Material>;
  submit: (body: CreateApplicationRequest, idempotencyKey: string) => Promise<Application>;
  /** The officer's page of an application. */
  detailUrl: (applicationId: string) => string;
}

/** Who applies, as the review step shows them: the resident's own profile, or a resident an officer registered. */
export type Applicant = Pick<ProfileView, 'name' | 'idNumberMasked' | 'street' | 'communityName'> &
  ({ mobile: string } | { mobileMasked: string });

interface Props {
  program: Program;
  profile: Applicant;
  /** The day quarters are counted from (tests fix it). */
  today?: Date;
  onBehalf?: OnBehalf;
}

/** The step-by-step application: the form, the materials, a review, then submission. */
export function ApplyFlow({ program, profile, today, onBehalf }: Props) {
  const key = onBehalf ? `${draftKey(program.id)}.for.${onBehalf.residentId}` : draftKey(program.id);
  const draft = useDraft<ApplyDraft>(key, { step: 0, values: {}, materials: {} });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [materialsError, setMaterialsError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<Application | null>(null);
  const declaration = useDeclaration();

  const specs = fieldsFor(program, today);
  const { values, materials } = draft.value;
  const step = Math.min(Math.max(draft.value.step, 0), STEPS.length - 1);

  if (submitted) return <Submitted application={submitted} detailUrl={onBehalf?.detailUrl(submitted.id)} offerNotices={!onBehalf} />;

  function goTo(next: number) {
    draft.update({ step: next });
    setFailure(null);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }

  function changeValue(name: string, value: string) {
    draft.update((current) => ({ values: { ...current.values, [name]: value } }));
    setErrors((current) => {
      const { [name]: _cleared, ...rest } = current;
      return rest;
    });
  }

  function uploaded(code: string, material: Material) {
    draft.update((current) => ({ materials: { ...current.materials, [code]: material } }));
    setMaterialsError(undefined);
  }

  function nextFromForm() {
    const check = validateForm(program, values);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    goTo(1);
  }

  function nextFromMaterials() {
    const missing = missingMaterials(program, materials);
    setMaterialsError(missing);
    if (!missing) goTo(2);
  }

  async function submit() {
    const check = validateForm(program, values);
    if (!check.ok) {
      setErrors(check.errors);
      goTo(0);
      return;
    }
    const missing = missingMaterials(program, materials);
    if (missing) {
      setMaterialsError(missing);
      goTo(1);
      return;
    }
    const declared = declaration.made();
    if (!declared) return;
    const body: CreateApplicationRequest = {
      programId: program.id,
      form: check.form,
      materialIds: program.materials.flatMap((m) => materials[m.code]?.id ?? []),
      ...declared,
    };
    const bodyText = JSON.stringify(body);
    const previous = draft.value.submission;
    const key = previous && previous.body === bodyText ? previous.key : newIdempotencyKey();
    // Stored before sending: if the answer is lost, the next attempt sends the same key.
    draft.update({ submission: { key, body: bodyText } });

    setSubmitting(true);
    setFailure(null);
    try {
      const application = onBehalf ? await onBehalf.submit(body, key) : await submitApplication(body, key);
      if (!onBehalf) markSeen([application]);
      draft.clear();
      setSubmitted(application);
    } catch (error) {
      showSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  }

  function showSubmitError(error: unknown) {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
      if (declaration.refused(error.fields)) return;
      const formErrors: FieldErrors = {};
      for (const [key, message] of Object.entries(error.fields)) {
        if (key === 'materialIds') setMaterialsError(message);
        else if (key.startsWith('form.')) formErrors[fieldOfKey(key)] = message;
      }
      if (Object.keys(formErrors).length > 0) {
        setErrors(formErrors);
        goTo(0);
        return;
      }
      if (error.fields.materialIds) {
        goTo(1);
        return;
      }
    }
    setFailure(error);
  }

  return (
    <View>
      <Text className="page__title">{program.title}</Text>
      <View className="steps">
        {STEPS.map((label, index) => (
          <Text
            key={label}
            className={`steps__item${index === step ? ' steps__item--current' : ''}${index < step ? ' steps__item--done' : ''}`}
          >
            {index + 1}. {label}
          </Text>
        ))}
      </View>
      <Text className="steps__where">
        第 {step + 1} 步，共 {STEPS.length} 步：{STEPS[step]}
      </Text>

      {step === 0 ? (
        <View>
          <ApplicationFields specs={specs} values={values} errors={errors} onChange={changeValue} />
          {Object.keys(errors).length > 0 ? (
            <Notice tone="error" title="还有内容需要修改">
              <Text>请按红字提示修改。</Text>
            </Notice>
          ) : null}
          <ActionButton kind="primary" onClick={nextFromForm}>
            下一步：上传材料
          </ActionButton>
        </View>
      ) : null}

      {step === 1 ? (
        <View>
          <MaterialsStep
            requirements={program.materials}
            uploaded={materials}
            onUploaded={uploaded}
            error={materialsError}
            upload={onBehalf?.upload}
          />
          <ActionButton kind="primary" onClick={nextFromMaterials}>
            下一步：核对信息
          </ActionButton>
          <ActionButton onClick={() => goTo(0)}>上一步</ActionButton>
        </View>
      ) : null}

      {step === 2 ? (
        <View>
          <View className="card">
            <Text className="section__title">申请人</Text>
            <Facts
              facts={[
                { label: '姓名', value: profile.name },
                { label: '身份证号', value: profile.idNumberMasked },
                { label: '手机号', value: 'mobileMasked' in profile ? profile.mobileMasked : maskMobile(profile.mobile) },
                { label: '所在社区', value: `${profile.street} ${profile.communityName}` },
              ]}
            />
          </View>
          <View className="card">
            <Text className="section__title">申请内容</Text>
            <Facts facts={describeValues(specs, values)} />
            <ActionButton onClick={() => goTo(0)}>修改申请内容</ActionButton>
          </View>
          <View className="card">
            <Text className="section__title">材料</Text>
            <Facts
              facts={program.materials.map((m) => ({
                label: m.label,
                value: materials[m.code] ? '已上传' : m.required ? '未上传' : '未上传（可不传）',
              }))}
            />
            <ActionButton onClick={() => goTo(1)}>修改材料</ActionButton>
          </View>
          <DeclarationCheck declaration={declaration} onBehalf={Boolean(onBehalf)} />
          <SubmitFailure error={failure} onBehalf={onBehalf} />
          <ActionButton kind="primary" busy={submitting} onClick={() => void submit()}>
            {failure ? '重新提交' : '确认提交'}
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

function SubmitFailure({ error, onBehalf }: { error: unknown; onBehalf?: OnBehalf }) {
  if (!error) return null;
  const existing = error instanceof ApiError && typeof error.details.applicationId === 'string' ? error.details.applicationId : null;
  // The officer cannot change the resident's profile from here.
  const needsProfile = !onBehalf && error instanceof ApiError && (error.code === 'PROFILE_INCOMPLETE' || error.code === 'NOT_ELIGIBLE');
  return (
    <Notice tone="error" title="没有提交成功">
      <Text>{messageOf(error)}</Text>
      {existing ? (
        <ActionButton onClick={() => void Taro.redirectTo({ url: onBehalf ? onBehalf.detailUrl(existing) : routes.application(existing) })}>
          查看已有的申请
        </ActionButton>
      ) : null}
      {needsProfile ? <ActionButton onClick={() => void Taro.navigateTo({ url: routes.profile })}>修改实名信息</ActionButton> : null}
    </Notice>
  );
}
