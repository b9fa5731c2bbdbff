import type { Staff } from '@minsheng/shared';
import type { StaffDoc } from './model';

export function presentStaff(s: StaffDoc): Staff {
  return {
    id: String(s._id),
    username: s.username,
    name: s.name,
    role: s.role,
    communities: s.communities,
    disabled: s.disabled,
    createdAt: s.createdAt.toISOString(),
  };
}
