import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { listApplications } from '../services/applications'
import { countChanged, readSeen } from '../services/seen'
import { useRemote } from './useRemote'

// The "我的" tab, third in app.config.ts.
const ME_TAB_INDEX = 2

/**
 * How many of the resident's applications changed since they last looked,
 * refreshed whenever the screen shows; also put on the "我的" tab as a badge.
 * Undefined until known (or when the BFF cannot be reached).
 */
export function useChangedCount(): number | undefined {
  const count = useRemote(async () => countChanged(await listApplications(), readSeen()), [], { refreshOnShow: true })
  const changed = count.data

  useEffect(() => {
    if (changed === undefined) return
    // Fails outside a tab page and in tests; the count on the page is what matters.
    const badge =
      changed > 0
        ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: changed > 99 ? '99+' : String(changed) })
        : Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
    badge.catch(() => undefined)
  }, [changed])

  return changed
}
