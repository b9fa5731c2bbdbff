import type { Community, CommunityDirectory } from '@minsheng/shared';
import { CommunityModel } from './model';

/** Active communities grouped by street, for the profile form's pickers. */
export async function listCommunityDirectory(): Promise<CommunityDirectory> {
  const rows = await CommunityModel.find({ active: true }).sort({ street: 1, name: 1 }).lean();
  const streets = new Map<string, Community[]>();
  for (const r of rows) {
    const list = streets.get(r.street) ?? [];
    list.push({ code: r.code, name: r.name, street: r.street, type: r.type });
    streets.set(r.street, list);
  }
  return { streets: [...streets].map(([name, communities]) => ({ name, communities })) };
}

/** The active community with this code, or null. */
export async function findCommunity(code: string): Promise<Community | null> {
  const c = await CommunityModel.findOne({ code, active: true }).lean();
  return c ? { code: c.code, name: c.name, street: c.street, type: c.type } : null;
}
