/** The 帮办 screens: an officer registers residents without a smartphone and applies for them. */
export const assistedRoutes = {
  list: '/packages/staff/pages/assisted/index',
  register: '/packages/staff/pages/assisted-register/index',
  resident: (id: string) => `/packages/staff/pages/assisted-resident/index?id=${encodeURIComponent(id)}`,
  apply: (id: string, programId: string) =>
    `/packages/staff/pages/assisted-apply/index?id=${encodeURIComponent(id)}&programId=${encodeURIComponent(programId)}`,
} as const;
