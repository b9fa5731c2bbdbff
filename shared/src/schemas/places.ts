import { z } from 'zod';

export const COMMUNITY_TYPES = ['village', 'urban'] as const;
export const communityTypeSchema = z.enum(COMMUNITY_TYPES);
export type CommunityType = z.infer<typeof communityTypeSchema>;

/** A short, stable, URL-safe code naming a community (used in links and codes). */
export const communityCodeSchema = z
  .string({ error: '请选择社区' })
  .regex(/^[a-z0-9]{2,12}$/, { error: '社区编码应为 2-12 位小写字母或数字' });

export const communitySchema = z
  .object({
    code: communityCodeSchema,
    name: z.string(),
    street: z.string(),
    type: communityTypeSchema,
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof communitySchema>;

export const placesResponseSchema = z
  .object({
    streets: z.array(z.object({ name: z.string(), communities: z.array(communitySchema) })),
  })
  .meta({ id: 'Places' });
export type PlacesResponse = z.infer<typeof placesResponseSchema>;
