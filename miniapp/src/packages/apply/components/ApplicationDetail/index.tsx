import { availableActions, type Application, type Program } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { confirmDestructive } from '../../../../components/confirm';
import { Facts } from '../../../../components/Facts';
import { FailureNotice, Notice } from '../../../../components/Notice';
import { StatusBadge } from '../../../../components/StatusBadge';
import { assistedByText, declarationText, formatDateTime } from '../../../../format';
import { withdrawApplication } from '../../../../services/applications';
import { ApiError } from '../../../../services/request';
import { markSeen } from '../../../../services/seen';
import { describeValues, fieldsFor, valuesOf } from '../../forms';
import { ResubmitForm } from '../ResubmitForm';
import { Timeline } from '../Timeline';
import './index.scss';

interface Props {
  application: Application;
  program: Program;
  /** The application changed here (withdrawn, resubmitted). */
  onChange: (application: Application) => void;
  /** Someone else changed it first: load it again. */
  onStale: () => void;
}

/** Why more information was asked for: the reason of the latest request. */
export function infoRequestReason(application: Application): string | undefined {
  return [...application.history].reverse().find((entry) => entry.to === 'needs_info')?.reason;
}

/** One application: status, what to do now, what was sent, and its history. */
export function ApplicationDetail({ application, program, onChange, onStale }: Props) {
  const [failure, setFailure] = useState<unknown>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const actions = availableActions(application.kind, application.status, 'resident');

  async function withdraw() {
    const confirmed = await confirmDestructive('撤回申请', '撤回后这份申请就结束了，以后可以重新申请。确定撤回吗？', [
      '确定撤回',
      '不撤回',
    ]);
    if (!confirmed) return;
    setWithdrawing(true);
    setFailure(null);
    try {
      const updated = await withdrawApplication(application.id, application.version);
      markSeen([updated]);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      onChange(updated);
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError && (error.code === 'STALE_VERSION' || error.code === 'INVALID_TRANSITION')) onStale();
    } finally {
      setWithdrawing(false);
    }
  }

  const reason = application.status === 'needs_info' ? infoRequestReason(application) : undefined;

  return (
    <View>
      <Text className="page__title">{application.programTitle}</Text>
      <View className="card">
        <View className="detail__status">
          <Text className="detail__status-label">办理状态</Text>
          <StatusBadge status={application.status} />
        </View>
        <Facts
          facts={[
            { label: '申请编号', value: application.number },
            { label: '提交时间', value: formatDateTime(application.submittedAt) },
            ...(application.assignment
              ? [{ label: application.kind === 'stall' ? '分配摊位' : '培训座位', value: application.assignment.label }]
              : []),
            ...(application.waitlistPosition !== null ? [{ label: '候补位置', value: `第 ${application.waitlistPosition} 位` }] : []),
            ...(application.assistedBy ? [{ label: '帮办', value: assistedByText(application.assistedBy) }] : []),
            { label: '本人承诺', value: declarationText(application.declaration) },
          ]}
        />
      </View>

      <FailureNotice title="操作没有成功" error={failure} />

      {application.status === 'needs_info' ? (
        <Notice tone="warning" title="需要您补充材料">
          <Text>{reason ? `工作人员说明：${reason}` : '请按工作人员的要求补充后重新提交。'}</Text>
        </Notice>
      ) : null}

      {actions.includes('resubmit') ? <ResubmitForm application={application} program={program} onResubmitted={onChange} /> : null}

      <View className="card">
        <Text className="section__title">申请内容</Text>
        <Facts facts={describeValues(fieldsFor(program), valuesOf(application.form))} />
        <Text className="section__title detail__materials">已交材料</Text>
        {application.materials.length === 0 ? <Text className="page__hint">没有上传材料</Text> : null}
        {application.materials.map((m) => (
          <Text key={m.id} className="bullet">
            · {program.materials.find((r) => r.code === m.purpose)?.label ?? m.purpose}：{m.filename}
          </Text>
        ))}
      </View>

      <View className="section">
        <Text className="section__title">办理记录</Text>
        <Timeline history={application.history} />
      </View>

      {actions.includes('withdraw') ? (
        <ActionButton kind="danger" busy={withdrawing} onClick={() => void withdraw()}>
          撤回申请
        </ActionButton>
      ) : null}
    </View>
  );
}
