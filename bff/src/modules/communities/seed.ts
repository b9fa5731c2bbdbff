import type { Community } from '@minsheng/shared';
import { CommunityModel } from './model';

/**
 * Yuhuatai District's streets and a first set of community and village
 * stations (DOMAIN.md "Places"). The article names the streets and the two
 * estates; the village names here are a demonstration set that admins
 * replace or extend through the API.
 */
export const SEED_COMMUNITIES: Community[] = [
  { code: 'jmjy', name: '景明佳园社区', street: '铁心桥街道', type: 'urban' },
  { code: 'cjxc', name: '春江新城社区', street: '铁心桥街道', type: 'urban' },
  { code: 'yxc', name: '尹西村', street: '铁心桥街道', type: 'village' },
  { code: 'bqsq', name: '板桥社区', street: '板桥街道', type: 'urban' },
  { code: 'xgc', name: '新林村', street: '板桥街道', type: 'village' },
  { code: 'shqsq', name: '赛虹桥社区', street: '赛虹桥街道', type: 'urban' },
  { code: 'yhxc', name: '雨花新村社区', street: '雨花新村街道', type: 'urban' },
  { code: 'xsqsq', name: '西善桥社区', street: '西善桥街道', type: 'urban' },
  { code: 'msc', name: '梅山村', street: '梅山街道', type: 'village' },
  { code: 'gxc', name: '古雄村', street: '古雄街道', type: 'village' },
  { code: 'kfq', name: '开发区社区', street: '雨花经济开发区', type: 'urban' },
];

/** Inserts the seed communities that are missing; never overwrites edits. */
export async function seedCommunities(): Promise<void> {
  await CommunityModel.bulkWrite(
    SEED_COMMUNITIES.map((c) => ({
      updateOne: { filter: { code: c.code }, update: { $setOnInsert: c }, upsert: true },
    })),
    { ordered: false },
  );
}
