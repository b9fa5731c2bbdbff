import type { Material } from '@minsheng/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDate } from '../../../../format';
import { sizeText } from '../../words';

interface Props {
  material: Material;
  /** What the file is, in words (the programme's label for its purpose, or the certificate's evidence). */
  name: string;
  /** Downloads and shows the file; a failure becomes a toast. */
  open: (material: Material) => Promise<void>;
  /** The button's words; 查看材料 unless given. */
  action?: string | undefined;
}

/** One uploaded file a staff member checks: what it is, its name, size and day, and a button that opens it. */
export function MaterialItem({ material, name, open, action = '查看材料' }: Props) {
  return (
    <View className="material">
      <Text className="material__name">{name}</Text>
      <Text className="page__hint">{`${material.filename} · ${sizeText(material.size)} · ${formatDate(material.uploadedAt)}上传`}</Text>
      <Button className="button" onClick={() => void open(material).catch(() => Taro.showToast({ title: '材料暂时打不开', icon: 'none' }))}>
        {action}
      </Button>
    </View>
  );
}

interface SectionProps {
  /** What the files are, e.g. 申请材料; the heading adds how many. */
  title: string;
  materials: readonly Material[];
  /** A line above the files (what to check, or what to do when there are none). */
  hint?: string | undefined;
  name: (material: Material, index: number) => string;
  open: (material: Material) => Promise<void>;
}

/** The section of a staff record page with the files uploaded for it, each with a button that opens it. */
export function MaterialsSection({ title, materials, hint, name, open }: SectionProps) {
  return (
    <View className="section">
      <Text className="section__title">{`${title}（${materials.length} 份）`}</Text>
      <View className="card">
        {hint ? <Text className="page__hint">{hint}</Text> : null}
        {materials.map((material, index) => (
          <MaterialItem key={material.id} material={material} name={name(material, index)} open={open} />
        ))}
      </View>
    </View>
  );
}
