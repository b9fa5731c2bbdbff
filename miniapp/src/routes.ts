import type { ProgramKind } from '@minsheng/shared';
import Taro from '@tarojs/taro';

/** Where each screen lives; the apply screens are in the `packages/apply` sub-package. */
export const routes = {
  home: '/pages/index/index',
  programs: '/pages/programs/index',
  me: '/pages/me/index',
  program: (id: string) => `/packages/apply/pages/program/index?id=${encodeURIComponent(id)}`,
  profile: '/packages/apply/pages/profile/index',
  apply: (programId: string) => `/packages/apply/pages/apply/index?programId=${encodeURIComponent(programId)}`,
  applications: '/packages/apply/pages/applications/index',
  application: (id: string) => `/packages/apply/pages/application/index?id=${encodeURIComponent(id)}`,
  messages: '/packages/apply/pages/messages/index',
  certificate: '/packages/apply/pages/certificate/index',
} as const;

// switchTab cannot carry a query, so the kind asked for on the home page waits here for the list.
let requestedKind: ProgramKind | 'all' | null = null;

/** Opens the programme list (a tab), filtered to one kind or showing all. */
export function openPrograms(kind: ProgramKind | 'all' = 'all'): void {
  requestedKind = kind;
  void Taro.switchTab({ url: routes.programs });
}

/** The kind the home page asked for, once. */
export function takeRequestedKind(): ProgramKind | 'all' | null {
  const kind = requestedKind;
  requestedKind = null;
  return kind;
}

/** Goes back if there is a page to go back to, else home (a page opened from a shared link). */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: routes.home });
}
