import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Notice } from '../../../../components/Notice';
import { canSubscribe, offerSubscriptions } from '../../../../services/messages';

type State = 'asking' | 'busy' | 'accepted' | 'declined';

/**
 * After submission: lets the resident allow a WeChat message about their
 * application. WeChat shows its dialog only from a tap, so this is a button.
 * The in-app message list gets every notice anyway.
 */
export function SubscribePrompt() {
  const [state, setState] = useState<State>('asking');
  if (!canSubscribe) return null;
  if (state === 'accepted')
    return (
      <Notice tone="success" title="已开启微信通知">
        审核有结果时，会在微信里通知您一次。
      </Notice>
    );
  if (state === 'declined') return <Notice title="未开启微信通知">您可以在「我的 - 消息通知」里查看办理进展。</Notice>;

  const ask = async () => {
    setState('busy');
    try {
      setState((await offerSubscriptions()).length > 0 ? 'accepted' : 'declined');
    } catch {
      setState('declined');
    }
  };
  return (
    <View className="section">
      <Text className="page__hint">审核有结果时，可以通过微信通知您。</Text>
      <ActionButton busy={state === 'busy'} onClick={() => void ask()}>
        接收微信通知
      </ActionButton>
    </View>
  );
}
