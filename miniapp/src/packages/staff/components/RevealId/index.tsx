import { revealIdRequestSchema } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Field } from '../../../../components/Field';
import { messageOf } from '../../../../components/Notice';
import { TextInput } from '../../../../components/TextInput';
import { revealIdNumber, revealMobile } from '../../../../services/staff';
import './index.scss';

interface RevealProps {
  /** 身份证号, 手机号. */
  label: string;
  masked: string;
  /** An example reason, in the field before anything is typed. */
  example: string;
  /** Asks the BFF for the full value, with the reason it writes to the audit log first. */
  reveal: (reason: string) => Promise<string>;
}

type State = { step: 'masked' } | { step: 'asking' } | { step: 'revealed'; value: string };

/**
 * A personal number shown masked. The full number is shown only after the
 * staff member gives a reason, which the BFF writes to its audit log first.
 */
function Reveal({ label, masked, example, reveal }: RevealProps) {
  const [state, setState] = useState<State>({ step: 'masked' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    const checked = revealIdRequestSchema.safeParse({ reason });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请说明查看原因');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setState({ step: 'revealed', value: await reveal(checked.data.reason) });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (state.step === 'revealed') {
    return (
      <View className="fact-block">
        <Text className="fact-block__label">{label}</Text>
        <Text className="fact-block__value">{state.value}</Text>
        <Text className="page__hint">本次查看的人员、时间和原因已记录。</Text>
      </View>
    );
  }

  return (
    <View className="fact-block">
      <Text className="fact-block__label">{label}</Text>
      <Text className="fact-block__value">{masked}</Text>
      {state.step === 'masked' ? (
        <ActionButton onClick={() => setState({ step: 'asking' })}>{`查看完整${label}`}</ActionButton>
      ) : (
        <View>
          <Field label="查看原因" hint={`查看完整${label}会记录人员、时间和原因`} error={error ?? undefined}>
            <TextInput
              label="查看原因"
              multiline
              value={reason}
              placeholder={example}
              maxLength={200}
              invalid={Boolean(error)}
              onChange={(text) => {
                setReason(text);
                setError(null);
              }}
            />
          </Field>
          <ActionButton kind="primary" busy={busy} onClick={() => void confirm()}>
            确认查看
          </ActionButton>
          <ActionButton onClick={() => setState({ step: 'masked' })}>取消</ActionButton>
        </View>
      )}
    </View>
  );
}

/** The applicant's ID number, masked until revealed with a reason. */
export function RevealId({ applicationId, masked }: { applicationId: string; masked: string }) {
  return (
    <Reveal label="身份证号" masked={masked} example="如：与身份证原件核对" reveal={(reason) => revealIdNumber(applicationId, reason)} />
  );
}

/** The applicant's mobile, masked until revealed with a reason: staff phone applicants. */
export function RevealMobile({ applicationId, masked }: { applicationId: string; masked: string }) {
  return <Reveal label="手机号" masked={masked} example="如：电话通知补充材料" reveal={(reason) => revealMobile(applicationId, reason)} />;
}
