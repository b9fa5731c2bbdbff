import { Button } from '@tarojs/components';
import { shareButtonId, type ShareButtonProps } from './ShareButton.types';

/** WeChat's share button: the page's onShareAppMessage finds the link by the button's id and answers the link's path. */
export function ShareButton({ linkId, label }: ShareButtonProps) {
  return (
    <Button
      id={shareButtonId(linkId)}
      className="button button--secondary"
      hoverClass="button--pressed"
      openType="share"
      aria-label={label}
    >
      转发给微信好友或群
    </Button>
  );
}
