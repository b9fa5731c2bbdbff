import type { Message, MessageListResponse } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { CardLink } from '../../../../components/CardLink';
import { Loadable } from '../../../../components/Loadable';
import { Page } from '../../../../components/Page';
import { formatDate } from '../../../../format';
import { useRemote } from '../../../../hooks/useRemote';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { routes } from '../../../../routes';
import { listMessages, markMessagesRead } from '../../../../services/messages';
import './index.scss';

interface Props {
  message: Message;
  onOpen: (message: Message) => void;
}

/** A notice about the 就业创业证 (certificate_*) has no application behind it: it opens the certificate's page. */
export function isCertificateMessage(message: Message): boolean {
  return message.kind.startsWith('certificate_');
}

function MessageCard({ message, onOpen }: Props) {
  const unread = message.readAt === null;
  const certificate = isCertificateMessage(message);
  return (
    <CardLink className={`card message${unread ? ' message--unread' : ''}`} onClick={() => onOpen(message)}>
      <View className="message__head">
        {unread ? <Text className="message__dot" aria-label="未读" /> : null}
        <Text className="message__title">{message.title}</Text>
        <Text className="message__status">{message.statusLabel}</Text>
      </View>
      <Text className="message__body">{message.body}</Text>
      <Text className="page__hint">
        {formatDate(message.createdAt)}
        {message.applicationNumber ? ` · ${certificate ? '证号' : '编号'} ${message.applicationNumber}` : ''}
      </Text>
      <Text className="message__more">{certificate ? '查看就业创业证 ›' : '查看申请 ›'}</Text>
    </CardLink>
  );
}

export default function MessagesPage() {
  const data = useRemote(() => listMessages(), [], { refreshOnShow: true });
  const [more, setMore] = useState<{ items: Message[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  usePullToRefresh(() => {
    setMore(null);
    data.reload();
  });

  const open = (message: Message) => {
    if (message.readAt === null) {
      // Marked read on the server and at once on screen; a failure only leaves it unread.
      const now = new Date().toISOString();
      const mark = (page: MessageListResponse): MessageListResponse => ({
        ...page,
        unread: Math.max(0, page.unread - 1),
        items: page.items.map((m) => (m.id === message.id ? { ...m, readAt: now } : m)),
      });
      if (data.data) data.set(mark(data.data));
      if (more) setMore({ ...more, items: more.items.map((m) => (m.id === message.id ? { ...m, readAt: now } : m)) });
      void markMessagesRead([message.id]).catch(() => undefined);
    }
    const url = isCertificateMessage(message) || !message.applicationId ? routes.certificate : routes.application(message.applicationId);
    void Taro.navigateTo({ url });
  };

  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    try {
      const page = await listMessages(cursor);
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } finally {
      setLoadingMore(false);
    }
  };

  const markAll = async () => {
    await markMessagesRead('all');
    setMore(null);
    data.reload();
  };

  return (
    <Page>
      <Text className="page__title">消息通知</Text>
      <Loadable remote={data}>
        {(first) => {
          const items = [...first.items, ...(more?.items ?? [])];
          const cursor = more ? more.nextCursor : first.nextCursor;
          if (items.length === 0) return <Text className="page__hint messages__empty">还没有消息。申请有进展时会在这里通知您。</Text>;
          return (
            <View>
              <Text className="page__hint">{first.unread > 0 ? `${first.unread} 条未读` : '全部已读'}</Text>
              {items.map((message) => (
                <MessageCard key={message.id} message={message} onOpen={open} />
              ))}
              {cursor ? (
                <ActionButton busy={loadingMore} onClick={() => void loadMore(cursor)}>
                  加载更多
                </ActionButton>
              ) : null}
              {first.unread > 0 ? <ActionButton onClick={() => void markAll()}>全部标为已读</ActionButton> : null}
            </View>
          );
        }}
      </Loadable>
    </Page>
  );
}
