import type { Application, FieldErrors, Material, Program } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { FailureNotice } from '../../../../components/Notice';
import { resubmitApplication } from '../../../../services/applications';
import { refusedFields } from '../../../../services/request';
import { markSeen } from '../../../../services/seen';
import { fieldOfKey, fieldsFor, validateForm, valuesOf, type FormValues } from '../../forms';
import { ApplicationFields } from '../ApplicationFields';
import { missingMaterials } from '../ApplyFlow';
import { DeclarationCheck, useDeclaration, withoutDeclaration } from '../Declaration';
import { MaterialsStep, type UploadedMaterials } from '../MaterialsStep';

interface Props {
  application: Application;
  program: Program;
  onResubmitted: (application: Application) => void;
}

function materialsByPurpose(materials: readonly Material[]): UploadedMaterials {
  const byPurpose: UploadedMaterials = {};
  for (const m of materials) byPurpose[m.purpose] = m;
  return byPurpose;
}

/** Answers a request for more information: the form and materials as sent, to correct and send again. */
export function ResubmitForm({ application, program, onResubmitted }: Props) {
  const [values, setValues] = useState<FormValues>(() => valuesOf(application.form));
  const [materials, setMaterials] = useState<UploadedMaterials>(() => materialsByPurpose(application.materials));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [materialsError, setMaterialsError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const declaration = useDeclaration();

  async function resubmit() {
    setFailure(null);
    const check = validateForm(program, values);
    const missing = missingMaterials(program, materials);
    setErrors(check.ok ? {} : check.errors);
    setMaterialsError(missing);
    const declared = declaration.made();
    if (!check.ok || missing || !declared) return;
    setSending(true);
    try {
      const updated = await resubmitApplication(application.id, {
        version: application.version,
        form: check.form,
        materialIds: program.materials.flatMap((m) => materials[m.code]?.id ?? []),
        ...declared,
      });
      markSeen([updated]);
      void Taro.showToast({ title: '已重新提交', icon: 'success' });
      onResubmitted(updated);
    } catch (error) {
      const fields = refusedFields(error);
      if (fields) {
        declaration.refused(fields);
        const formErrors: FieldErrors = {};
        for (const [key, message] of Object.entries(withoutDeclaration(fields))) {
          if (key === 'materialIds') setMaterialsError(message);
          else formErrors[fieldOfKey(key)] = message;
        }
        setErrors(formErrors);
      } else {
        setFailure(error);
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <View className="card">
      <Text className="section__title">修改后重新提交</Text>
      <ApplicationFields
        specs={fieldsFor(program)}
        values={values}
        errors={errors}
        onChange={(name, value) => {
          setValues((current) => ({ ...current, [name]: value }));
          setErrors(({ [name]: _cleared, ...rest }) => rest);
        }}
      />
      <Text className="section__title">材料</Text>
      <MaterialsStep
        requirements={program.materials}
        uploaded={materials}
        onUploaded={(code, material) => {
          setMaterials((current) => ({ ...current, [code]: material }));
          setMaterialsError(undefined);
        }}
        error={materialsError}
      />
      <DeclarationCheck declaration={declaration} framed={false} />
      <FailureNotice title="没有提交成功" error={failure} />
      <ActionButton kind="primary" busy={sending} onClick={() => void resubmit()}>
        补充完成，重新提交
      </ActionButton>
    </View>
  );
}
