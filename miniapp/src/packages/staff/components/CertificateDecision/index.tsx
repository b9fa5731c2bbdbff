import {
  CERTIFICATE_ACTION_LABELS,
  certificateDecisionRequestSchema,
  checkCertificateStep,
  type CertificateAction,
  type CertificateActor,
  STEP_REASON_MAX,
  type StaffCertificate,
  type StaffCertificateDetail,
} from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Field } from '../../../../components/Field';
import { messageOf } from '../../../../components/Notice';
import { TextInput } from '../../../../components/TextInput';
import { ApiError } from '../../../../services/request';
import { decideCertificate } from '../../../../services/staffCertificates';
import '../DecisionForm/index.scss';

/** Steps that refuse or take the certificate away: shown in red. */
export const DANGEROUS_CERTIFICATE_ACTIONS: readonly CertificateAction[] = ['reject', 'suspend', 'cancel'];

const NOTES: Partial<Record<CertificateAction, string>> = {
  check: '核查通过后转区人社局审批，居民暂不会收到通知。',
  approve: '批准后系统自动编发证号，居民会收到通知，可凭证申请贷款、补贴等服务。',
  reject: '不予通过后居民会收到通知和原因，可补齐材料后重新申请。',
  suspend: '暂停期间居民不能申请需要该证的服务。',
  cancel: '注销后证件不再有效，不能恢复；居民需重新申请。',
};

const REASON_PLACEHOLDERS: Partial<Record<CertificateAction, string>> = {
  reject: '写明不予通过的原因，居民能看到',
  suspend: '写明暂停的原因，居民能看到',
  cancel: '写明注销的原因，居民能看到',
};

interface Props {
  certificate: StaffCertificate;
  action: CertificateAction;
  actor: CertificateActor;
  onDone: (updated: StaffCertificateDetail) => void;
  /** Refused for a reason other than the form: stale version, not allowed, not found. */
  onFailed: (error: unknown) => void;
  onCancel: () => void;
}

/** The form of one step on a 就业创业证: the reason when the step needs one, sent with the version seen. */
export function CertificateDecision({ certificate, action, actor, onDone, onFailed, onCancel }: Props) {
  const step = checkCertificateStep(certificate.status, action, actor);
  const reasonRequired = step.ok && step.transition.reasonRequired === true;
  const label = CERTIFICATE_ACTION_LABELS[action];
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const text = reason.trim();
    if (reasonRequired && text === '') {
      setError('请填写原因');
      return;
    }
    const checked = certificateDecisionRequestSchema.safeParse({
      action,
      version: certificate.version,
      ...(text === '' ? {} : { reason: text }),
    });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    try {
      const updated = await decideCertificate(certificate.id, checked.data);
      setBusy(false);
      onDone(updated);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED' && failure.fields.reason) setError(failure.fields.reason);
      else onFailed(failure);
    }
  }

  return (
    <View className="decision">
      <Text className="section__title">{label}</Text>
      {NOTES[action] ? <Text className="decision__note">{NOTES[action]}</Text> : null}
      <Field label={reasonRequired ? '原因' : '备注'} optional={!reasonRequired} error={error}>
        <TextInput
          label={reasonRequired ? '原因' : '备注'}
          value={reason}
          placeholder={REASON_PLACEHOLDERS[action] ?? '选填，记入办理经过'}
          maxLength={STEP_REASON_MAX}
          invalid={Boolean(error)}
          multiline
          onChange={(value) => {
            setReason(value);
            setError(undefined);
          }}
        />
      </Field>
      <ActionButton kind={DANGEROUS_CERTIFICATE_ACTIONS.includes(action) ? 'danger' : 'primary'} busy={busy} onClick={() => void submit()}>
        {`确认${label}`}
      </ActionButton>
      <ActionButton onClick={onCancel}>取消</ActionButton>
    </View>
  );
}

/** What to tell the staff member when a step failed, and whether the certificate must be read again. */
export function certificateFailure(error: unknown): { title: string; message: string; reload: boolean } {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case 'STALE_VERSION':
      return { title: '证件申请已被他人处理', message: '刚刚有其他工作人员处理过，页面已刷新为最新状态，请核对后再操作。', reload: true };
    case 'INVALID_TRANSITION':
    case 'CONFLICT':
      return { title: '不能进行此操作', message: '证件当前的状态不能进行此操作，页面已刷新为最新状态。', reload: true };
    case 'FORBIDDEN':
      return { title: '没有权限', message: '您的角色不能进行此操作。', reload: false };
    case 'NOT_FOUND':
      return { title: '找不到证件申请', message: '这份证件申请不存在，或不在您负责的社区。', reload: false };
    default:
      return { title: '操作没有完成', message: messageOf(error), reload: false };
  }
}
