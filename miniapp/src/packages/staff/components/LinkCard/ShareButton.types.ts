export interface ShareButtonProps {
  linkId: string;
  /** What a screen reader says: which link is shared. */
  label: string;
}

const PREFIX = 'share-link-';

/**
 * The share button's element id. Taro's WeChat templates pass a button's `id`
 * through to the share event's `target` but no `data-*` attribute, so the id
 * is what tells onShareAppMessage which link to share.
 */
export function shareButtonId(linkId: string): string {
  return `${PREFIX}${linkId}`;
}

/** The link id of the button a share came from (onShareAppMessage's `target`), if any. */
export function linkIdOfShareTarget(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null || !('id' in target)) return undefined;
  const { id } = target;
  return typeof id === 'string' && id.startsWith(PREFIX) ? id.slice(PREFIX.length) : undefined;
}
