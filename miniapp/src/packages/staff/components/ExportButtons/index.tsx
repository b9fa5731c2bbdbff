import type { ApplicationFilter } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { FailureNotice } from '../../../../components/Notice';
import { exportApplications, type ExportFormat } from '../../../../services/staffExport';
import { DOWNLOAD_FORMATS } from '../../../../services/staffFiles';
import { sizeText } from '../../words';

const LABELS: Record<ExportFormat, string> = { xlsx: '导出 Excel', csv: '导出 CSV' };

interface Props {
  /** The queue's filters and search, as shown. */
  filter: ApplicationFilter;
  /** How many applications they match: said on the button. */
  total: number;
}

/**
 * Exports what the queue shows, under its filters: every figure staff record, ID numbers and mobiles masked. A
 * large export takes a while: the bytes received are shown as it comes, and nothing else can start meanwhile.
 */
export function ExportButtons({ filter, total }: Props) {
  const [running, setRunning] = useState<{ format: ExportFormat; bytes: number } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function run(format: ExportFormat) {
    if (running) return;
    setFailure(null);
    setRunning({ format, bytes: 0 });
    try {
      await exportApplications(filter, format, (bytes) => setRunning({ format, bytes }));
      void Taro.showToast({ title: '导出完成', icon: 'success' });
    } catch (error) {
      setFailure(error);
    } finally {
      setRunning(null);
    }
  }

  return (
    <View className="export-buttons">
      <Text className="page__hint">{`按当前筛选条件导出 ${total} 份申请（身份证号、手机号已隐去部分数字）`}</Text>
      {DOWNLOAD_FORMATS.map((format) => (
        <ActionButton key={format} busy={running?.format === format} onClick={() => void run(format)}>
          {LABELS[format]}
        </ActionButton>
      ))}
      {running ? <Text className="page__hint">{`正在导出，已下载 ${sizeText(running.bytes)}`}</Text> : null}
      <FailureNotice title="没有导出成功" error={failure} />
    </View>
  );
}
