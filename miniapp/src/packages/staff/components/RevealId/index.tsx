import { revealIdRequestSchema } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Field } from '../../../../components/Field';
import { messageOf } from '../../../../components/Notice';
import { TextInput } from '../../../../components/TextInput';
import { revealIdNumber } from '../../../../services/staff';
import './index.scss';

interface Props {
  applicationId: string;
  masked: string;
}

type State = { step: 'masked' } | { step: 'asking' } | { step: 'revealed'; idNumber: string };

/**
 * The applicant's ID number, masked. The full number is shown only after the
 * staff member gives a reason, which the BFF writes to its audit log first.
 */
export function RevealId({ applicationId, masked }: Props) {
  const [state, setState] = useState<State>({ step: 'masked' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    const checked = revealIdRequestSchema.safeParse({ reason });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请说明查看原因');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setState({ step: 'revealed', idNumber: await revealIdNumber(applicationId, checked.data.reason) });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (state.step === 'revealed') {
    return (
      <View className="fact-block">
        <Text className="fact-block__label">身份证号</Text>
        <Text className="fact-block__value">{state.idNumber}</Text>
        <Text className="page__hint">本次查看的人员、时间和原因已记录。</Text>
      </View>
    );
  }

  return (
    <View className="fact-block">
      <Text className="fact-block__label">身份证号</Text>
      <Text className="fact-block__value">{masked}</Text>
      {state.step === 'masked' ? (
        <ActionButton onClick={() => setState({ step: 'asking' })}>查看完整身份证号</ActionButton>
      ) : (
        <View>
          <Field label="查看原因" hint="查看完整身份证号会记录人员、时间和原因" error={error ?? undefined}>
            <TextInput
              label="查看原因"
              multiline
              value={reason}
              placeholder="如：与身份证原件核对"
              maxLength={200}
              invalid={Boolean(error)}
              onChange={(text) => {
                setReason(text);
                setError(null);
              }}
            />
          </Field>
          <ActionButton kind="primary" busy={busy} onClick={() => void reveal()}>
            确认查看
          </ActionButton>
          <ActionButton onClick={() => setState({ step: 'masked' })}>取消</ActionButton>
        </View>
      )}
    </View>
  );
}
