import { Types } from 'mongoose';
import type { CommunityAdmin, CreateCommunityRequest, UpdateCommunityRequest } from '@minsheng/shared';
import { claimOr } from '../../db/claim';
import { conflict, notFound } from '../../errors';
import { CommunityModel, type CommunityDoc } from './model';

type Stored = CommunityDoc & { _id: Types.ObjectId };

function present(c: Stored): CommunityAdmin {
  return { id: String(c._id), code: c.code, name: c.name, street: c.street, type: c.type, active: c.active };
}

/** Every community, inactive ones too, by street and name. */
export async function listCommunities(): Promise<CommunityAdmin[]> {
  const rows = await CommunityModel.find().sort({ street: 1, name: 1 }).lean<Stored[]>();
  return rows.map(present);
}

/** Adds a community; its code is unique and never changes. */
export async function createCommunity(input: CreateCommunityRequest): Promise<CommunityAdmin> {
  const created = await claimOr(
    () => CommunityModel.create({ ...input, active: input.active ?? true }),
    () => {
      throw conflict('CONFLICT', `社区编码 ${input.code} 已被使用`);
    },
  );
  return present(created.toObject() as Stored);
}

/** Renames, moves to another street, retypes, or (de)activates a community. */
export async function updateCommunity(id: string, input: UpdateCommunityRequest): Promise<CommunityAdmin> {
  const updated = await CommunityModel.findOneAndUpdate(
    { _id: new Types.ObjectId(id) },
    { $set: input },
    { returnDocument: 'after' },
  ).lean<Stored>();
  if (!updated) throw notFound('社区不存在');
  return present(updated);
}
