import type { StaffRole } from '@minsheng/shared';
import { forbidden } from '../errors';

/**
 * The communities a staff member works for: a station officer their own, an
 * admin or reviewer every one. Built once per request with the principal
 * (staff/service.ts), so no route or service decides it again.
 */
export interface CommunityScope {
  /** True when the staff member works for this community. */
  includes(community: string): boolean;
  /** Refuses (403) a community outside the scope: what a route's `community` names. */
  require(community: string): void;
  /** A MongoDB condition keeping `field` inside the scope; undefined when every community is. */
  where(field: string): Record<string, unknown> | undefined;
}

const EVERY_COMMUNITY: CommunityScope = {
  includes: () => true,
  require: () => undefined,
  where: () => undefined,
};

/** The scope of a staff member of this role assigned to these communities. */
export function communityScope(role: StaffRole, communities: readonly string[]): CommunityScope {
  if (role !== 'officer') return EVERY_COMMUNITY;
  const own = new Set(communities);
  return {
    includes: (community) => own.has(community),
    require: (community) => {
      if (!own.has(community)) throw forbidden('只能查看本社区（村）的数据');
    },
    where: (field) => ({ [field]: { $in: [...own] } }),
  };
}
