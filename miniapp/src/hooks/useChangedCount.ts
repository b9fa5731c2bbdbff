import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { listApplications } from '../services/applications';
import { unreadMessageCount } from '../services/messages';
import { countChanged, readSeen } from '../services/seen';
import { useRemote } from './useRemote';

// The "我的" tab, third in app.config.ts.
export const ME_TAB_INDEX = 2;

/**
 * How many of the resident's applications changed since they last looked,
 * refreshed whenever the screen shows; also put on the "我的" tab as a badge
 * (or the unread messages, when more: each change a resident hears about
 * is both a changed application and a message, so they are not added).
 * Undefined until known (or when the BFF cannot be reached).
 */
export function useChangedCount(): number | undefined {
  const count = useRemote(
    async () => {
      const [changed, unread] = await Promise.all([
        listApplications().then((items) => countChanged(items, readSeen())),
        unreadMessageCount().catch(() => 0),
      ]);
      return { changed, badge: Math.max(changed, unread) };
    },
    [],
    { refreshOnShow: true },
  );
  const changed = count.data?.changed;
  const badged = count.data?.badge;

  useEffect(() => {
    if (badged === undefined) return;
    // Fails outside a tab page and in tests; the count on the page is what matters.
    const badge =
      badged > 0
        ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: badged > 99 ? '99+' : String(badged) })
        : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
    badge.catch(() => undefined);
  }, [badged]);

  return changed;
}
