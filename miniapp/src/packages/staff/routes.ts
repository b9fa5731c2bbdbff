/** Where the staff screens live: all in the `packages/staff` sub-package. */
export const staffRoutes = {
  login: '/packages/staff/pages/login/index',
  queue: '/packages/staff/pages/queue/index',
  detail: (id: string) => `/packages/staff/pages/detail/index?id=${encodeURIComponent(id)}`,
  stats: '/packages/staff/pages/stats/index',
  links: '/packages/staff/pages/links/index',
  certificates: '/packages/staff/pages/certificates/index',
  audit: '/packages/staff/pages/audit/index',
  certificate: (id: string) => `/packages/staff/pages/certificate/index?id=${encodeURIComponent(id)}`,
  accounts: '/packages/staff/pages/accounts/index',
  communities: '/packages/staff/pages/communities/index',
  catalog: '/packages/staff/pages/catalog/index',
  funnel: (community?: string) => `/packages/staff/pages/funnel/index${community ? `?community=${encodeURIComponent(community)}` : ''}`,
} as const;

/** Fired after a step changed an application, so that the queue reads itself again when shown. */
export const APPLICATION_CHANGED = 'staff:applicationChanged';
/** Fired after a step changed a 就业创业证, so that the 证件核验 list reads itself again when shown. */
export const CERTIFICATE_CHANGED = 'staff:certificateChanged';
