import type { Community, CommunityDirectory } from '@minsheng/shared';
import { CommunityModel, type CommunityDoc } from './model';

const asCommunity = (c: CommunityDoc): Community => ({ code: c.code, name: c.name, street: c.street, type: c.type });

/** Active communities grouped by street, for the profile form's pickers. */
export async function listCommunityDirectory(): Promise<CommunityDirectory> {
  const rows = await CommunityModel.find({ active: true }).sort({ street: 1, name: 1 }).lean();
  const streets = new Map<string, Community[]>();
  for (const r of rows) {
    const list = streets.get(r.street) ?? [];
    list.push(asCommunity(r));
    streets.set(r.street, list);
  }
  return { streets: [...streets].map(([name, communities]) => ({ name, communities })) };
}

/** The active community with this code, or null. */
export async function findCommunity(code: string): Promise<Community | null> {
  const c = await CommunityModel.findOne({ code, active: true }).lean();
  return c ? asCommunity(c) : null;
}

/** A community with this code, active or not (a printed link to a closed one still lands), or null. */
export async function findAnyCommunity(code: string): Promise<Community | null> {
  const c = await CommunityModel.findOne({ code }).lean();
  return c ? asCommunity(c) : null;
}

/** Names of these communities by code, active or not; unknown codes are left out. */
export async function communityNames(codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await CommunityModel.find({ code: { $in: [...new Set(codes)] } }, { code: 1, name: 1 }).lean();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Name and street of every community by code, active or not, for reports. */
export async function allCommunities(): Promise<Map<string, { name: string; street: string }>> {
  const docs = await CommunityModel.find({}, { _id: 0, code: 1, name: 1, street: 1 }).lean();
  return new Map(docs.map((c) => [c.code, { name: c.name, street: c.street }]));
}

/** True when every one of these codes names a community, active or not. */
export async function communitiesExist(codes: readonly string[]): Promise<boolean> {
  const found = await CommunityModel.countDocuments({ code: { $in: codes } });
  return found === new Set(codes).size;
}
