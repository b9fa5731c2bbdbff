import type { MeResponse } from '@minsheng/shared';
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { confirmConsent } from '../../services/me';
import { ActionButton } from '../ActionButton';
import { messageOf, Notice } from '../Notice';

interface Props {
  me: MeResponse;
  onConfirmed: (me: MeResponse) => void;
}

/**
 * Asks a resident whom a station officer registered (帮办) to confirm that the
 * officer may apply for them; shown only while that consent is pending.
 */
export function ConsentPrompt({ me, onConfirmed }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (me.assisted?.consent !== 'pending') return null;
  const { staffName, communityName } = me.assisted;

  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      onConfirmed(await confirmConsent());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Notice tone="warning" title="请确认帮办授权">
      <Text>
        {communityName}的{staffName}为您登记了实名信息。同意后，工作人员可以代您申请就业服务，您在这里也能看到办理进度。
      </Text>
      {failure ? <Text className="field__error">{messageOf(failure)}</Text> : null}
      <ActionButton kind="primary" busy={busy} onClick={() => void confirm()}>
        同意由工作人员代为办理
      </ActionButton>
    </Notice>
  );
}
