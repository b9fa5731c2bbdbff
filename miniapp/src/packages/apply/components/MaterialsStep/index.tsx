import type { Material, MaterialRequirement } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { roleProps } from '../../../../a11y';
import { ActionButton } from '../../../../components/ActionButton';
import { messageOf } from '../../../../components/Notice';
import { uploadMaterial, type UploadMaterialOptions } from '../../../../services/materials';
import { choosePhoto } from '../../../../services/photo';
import './index.scss';

/** Uploaded materials by the programme's material code. */
export type UploadedMaterials = Record<string, Material>;

interface Props {
  requirements: readonly MaterialRequirement[];
  uploaded: UploadedMaterials;
  onUploaded: (code: string, material: Material) => void;
  /** E.g. "请上传：身份证正反面照片". */
  error?: string;
  /** Where the photos go; the resident's own materials unless an officer uploads for someone. */
  upload?: (options: UploadMaterialOptions) => Promise<Material>;
}

/** The required and optional materials, each with a button to take or choose a photo and upload it. */
export function MaterialsStep({ requirements, uploaded, onUploaded, error, upload = uploadMaterial }: Props) {
  if (requirements.length === 0) return <Text className="page__hint">这项服务不需要上传材料。</Text>;
  return (
    <View>
      <Text className="page__hint materials__intro">请拍照或从相册选择，照片要清楚、四角完整。</Text>
      {requirements.map((requirement) => (
        <MaterialItem
          key={requirement.code}
          requirement={requirement}
          material={uploaded[requirement.code]}
          upload={upload}
          onUploaded={(material) => onUploaded(requirement.code, material)}
        />
      ))}
      {error ? (
        <View className="field__error" {...roleProps('alert')}>
          <Text>{error}</Text>
        </View>
      ) : null}
    </View>
  );
}

type UploadState = { status: 'idle' } | { status: 'uploading'; percent: number } | { status: 'failed'; message: string };

interface ItemProps {
  requirement: MaterialRequirement;
  material: Material | undefined;
  upload: (options: UploadMaterialOptions) => Promise<Material>;
  onUploaded: (material: Material) => void;
}

function MaterialItem({ requirement, material, upload, onUploaded }: ItemProps) {
  const [state, setState] = useState<UploadState>({ status: 'idle' });

  async function chooseAndUpload() {
    const photo = await choosePhoto();
    if (!photo) return;
    setState({ status: 'uploading', percent: 0 });
    try {
      const stored = await upload({
        filePath: photo.filePath,
        purpose: requirement.code,
        fileName: photo.fileName,
        onProgress: (percent) => setState({ status: 'uploading', percent }),
      });
      setState({ status: 'idle' });
      onUploaded(stored);
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }

  const uploading = state.status === 'uploading';
  return (
    <View className="card material">
      <View className="material__head">
        <Text className="material__label">{requirement.label}</Text>
        <Text className={`material__need${requirement.required ? ' material__need--required' : ''}`}>
          {requirement.required ? '必须上传' : '可不传'}
        </Text>
      </View>
      {material ? <Text className="material__done">✓ 已上传：{material.filename}</Text> : null}
      {state.status === 'uploading' ? (
        <View className="material__progress" {...roleProps('progressbar')}>
          <Text>正在上传 {state.percent}%</Text>
          <View className="material__bar">
            <View className="material__bar-fill" style={{ width: `${state.percent}%` }} />
          </View>
        </View>
      ) : null}
      {state.status === 'failed' ? (
        <View className="field__error" {...roleProps('alert')}>
          <Text>上传没有成功：{state.message}</Text>
        </View>
      ) : null}
      <ActionButton busy={uploading} onClick={() => void chooseAndUpload()}>
        {uploading ? '正在上传…' : state.status === 'failed' ? '重新上传' : material ? '换一张' : '拍照或选择照片'}
      </ActionButton>
    </View>
  );
}
