import { Button } from '@tarojs/components'
import type { ShareButtonProps } from './ShareButton.types'

/**
 * WeChat's share button: the page's onShareAppMessage reads the link id from
 * the button's `data-link-id` and answers the link's mini-program path.
 */
export function ShareButton({ linkId, label }: ShareButtonProps) {
  return (
    <Button className='button button--secondary' hoverClass='button--pressed' openType='share' data-link-id={linkId} aria-label={label}>
      转发给微信好友或群
    </Button>
  )
}
