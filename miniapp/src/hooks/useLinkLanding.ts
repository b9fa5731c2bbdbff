import type { LinkLanding } from '@minsheng/shared';
import { useEffect, useMemo, useRef } from 'react';
import { getLinkLanding, linkParamOf, openLink, type LinkParam } from '../services/links';
import { useRemote, type Remote } from './useRemote';

export interface LinkLandingState {
  param: LinkParam;
  /** The link's content; null data when the page was opened without a link. */
  landing: Remote<LinkLanding | null>;
}

/**
 * The sign-up link a page was opened with (share card, code scan or H5
 * address): loads what it offers and counts the open once per page
 * instance, however often the page renders.
 */
export function useLinkLanding(params: Partial<Record<string, string>>): LinkLandingState {
  const { l, scene } = params;
  const param = useMemo(() => linkParamOf({ l, scene }), [l, scene]);
  const linkId = param.kind === 'link' ? param.id : null;
  const landing = useRemote(() => (linkId ? getLinkLanding(linkId) : Promise.resolve(null)), [linkId]);

  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (!linkId || counted.current === linkId) return;
    counted.current = linkId;
    // Counting is the BFF's business; a failure must not disturb the resident.
    openLink(linkId).catch(() => undefined);
  }, [linkId]);

  return { param, landing };
}
