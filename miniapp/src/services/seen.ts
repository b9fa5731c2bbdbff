import type { Application } from '@minsheng/shared';
import Taro from '@tarojs/taro';

const SEEN_STORAGE_KEY = 'minsheng.seenVersions';

/** Application id → the version the resident last saw. */
export type SeenVersions = Record<string, number>;

type Versioned = Pick<Application, 'id' | 'version'>;

/** The versions last seen on this phone. */
export function readSeen(): SeenVersions {
  const stored: unknown = Taro.getStorageSync(SEEN_STORAGE_KEY);
  if (typeof stored !== 'object' || stored === null) return {};
  const seen: SeenVersions = {};
  for (const [id, version] of Object.entries(stored)) {
    if (typeof version === 'number') seen[id] = version;
  }
  return seen;
}

/** True when the application changed since the resident last saw it (or was never seen, e.g. filed by an officer). */
export function hasChanged(application: Versioned, seen: SeenVersions): boolean {
  const version = seen[application.id];
  return version === undefined || version < application.version;
}

/** How many applications changed since last seen: the badge on "我的申请". */
export function countChanged(applications: readonly Versioned[], seen: SeenVersions): number {
  return applications.filter((a) => hasChanged(a, seen)).length;
}

/** Remembers that the resident has seen these applications as they are now. */
export function markSeen(applications: readonly Versioned[]): void {
  const seen = readSeen();
  for (const a of applications) seen[a.id] = Math.max(seen[a.id] ?? 0, a.version);
  Taro.setStorageSync(SEEN_STORAGE_KEY, seen);
}
