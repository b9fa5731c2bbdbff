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
}

/** One uploaded file a staff member checks: what it is, its name, size and day, and a button that opens it. */
export function MaterialItem({ material, name, open }: Props) {
  return (
    <View className="material">
      <Text className="material__name">{name}</Text>
      <Text className="page__hint">{`${material.filename} · ${sizeText(material.size)} · ${formatDate(material.uploadedAt)}上传`}</Text>
      <Button className="button" onClick={() => void open(material).catch(() => Taro.showToast({ title: '材料暂时打不开', icon: 'none' }))}>
        查看材料
      </Button>
    </View>
  );
}
