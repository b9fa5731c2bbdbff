import {
  CATEGORY_LABELS,
  CERTIFICATE_TITLE,
  CERTIFIED_CATEGORIES,
  certificateApplyRequestSchema,
  missingMaterials,
  type Category,
  type CertificateApplyRequest,
  type CertifiedCategory,
  type Material,
  type MaterialRequirement,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { ChoiceGroup } from '../../../../components/ChoiceGroup';
import { Field } from '../../../../components/Field';
import { FailureNotice } from '../../../../components/Notice';
import { refusedFields } from '../../../../services/request';
import type { UploadMaterialOptions } from '../../../../services/materials';
import { MaterialsStep, type UploadedMaterials } from '../MaterialsStep';

/** The evidence the station checks: who the resident is, and proof of each category asked for. */
export const CERTIFICATE_MATERIALS: readonly MaterialRequirement[] = [
  { code: 'id_card', label: '身份证正反面照片', required: true },
  { code: 'unemployment_proof', label: '失业或就业困难证明（如解除劳动合同证明、失业登记表）', required: true },
  { code: 'household_register', label: '户口簿本人页', required: false },
];

const CATEGORY_CHOICES = CERTIFIED_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));

/** The certified categories the profile already names: what the resident most likely asks to have verified. */
export function certifiedOf(categories: readonly Category[]): CertifiedCategory[] {
  return CERTIFIED_CATEGORIES.filter((c) => categories.includes(c));
}

interface Errors {
  categories?: string;
  materials?: string;
}

/** The request, or what is wrong with it, checked by the BFF's own schema. */
export function buildCertificateRequest(
  categories: readonly CertifiedCategory[],
  uploaded: UploadedMaterials,
): { ok: true; request: CertificateApplyRequest } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const missing = missingMaterials(
    CERTIFICATE_MATERIALS,
    CERTIFICATE_MATERIALS.filter((m) => uploaded[m.code]).map((m) => m.code),
  );
  if (missing) errors.materials = missing;
  const candidate = { categories, materialIds: CERTIFICATE_MATERIALS.flatMap((m) => uploaded[m.code]?.id ?? []) };
  const checked = certificateApplyRequestSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      if (issue.path[0] === 'categories') errors.categories ??= issue.message;
      else errors.materials ??= issue.message;
    }
  }
  if (!checked.success || errors.materials) return { ok: false, errors };
  return { ok: true, request: checked.data };
}

interface Props {
  /** The categories chosen at first (the profile's certified ones). */
  initialCategories: readonly CertifiedCategory[];
  /** Where the photos go; the resident's own materials unless an officer uploads for someone. */
  upload?: (options: UploadMaterialOptions) => Promise<Material>;
  /** Sends the application; resolves once the BFF took it. */
  submit: (request: CertificateApplyRequest) => Promise<unknown>;
  onSubmitted: () => void;
}

/** Applying for the 就业创业证: the categories to verify and photos of the evidence, checked before sending. */
export function CertificateApplyForm({ initialCategories, upload, submit, onSubmitted }: Props) {
  const [categories, setCategories] = useState<CertifiedCategory[]>([...initialCategories]);
  const [uploaded, setUploaded] = useState<UploadedMaterials>({});
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (category: CertifiedCategory) => {
    setCategories((current) => (current.includes(category) ? current.filter((c) => c !== category) : [...current, category]));
    setErrors((current) => ({ ...current, categories: undefined }));
  };

  async function send() {
    const built = buildCertificateRequest(categories, uploaded);
    setFailure(null);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    try {
      await submit(built.request);
      onSubmitted();
    } catch (error) {
      const fields = refusedFields(error);
      if (fields) {
        const { categories: categoryError, materialIds, ...rest } = fields;
        setErrors({ categories: categoryError, materials: materialIds });
        if (Object.keys(rest).length > 0 || (!categoryError && !materialIds)) setFailure(error);
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card">
      <Text className="section__title">申请{CERTIFICATE_TITLE}</Text>
      <Text className="page__hint">提交后由社区劳动保障站核查材料，再由区人社局审批发证，结果会在“消息通知”里告诉您。</Text>
      <Field label="申请核验的人员类别" hint="可多选" error={errors.categories}>
        <ChoiceGroup multiple options={CATEGORY_CHOICES} selected={categories} invalid={Boolean(errors.categories)} onSelect={toggle} />
      </Field>
      <Text className="field__label">证明材料</Text>
      <MaterialsStep
        requirements={CERTIFICATE_MATERIALS}
        uploaded={uploaded}
        upload={upload}
        error={errors.materials}
        onUploaded={(code, material) => {
          setUploaded((current) => ({ ...current, [code]: material }));
          setErrors((current) => ({ ...current, materials: undefined }));
        }}
      />
      <FailureNotice title="没有提交成功" error={failure} />
      <ActionButton kind="primary" busy={busy} onClick={() => void send()}>
        {busy ? '正在提交…' : '提交申请'}
      </ActionButton>
    </View>
  );
}
