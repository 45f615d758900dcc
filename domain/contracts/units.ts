import { z } from 'zod';
import { boolQuery, displayName, id, paging } from './common.ts';

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

export const unitCreateBody = z.strictObject({
  parentId: id,
  name: displayName(100),
  code,
  typeId: id,
  peerGroupId: id.nullable().optional(),
});

export const unitRenameBody = z.strictObject({ name: displayName(100) });
export const unitMoveBody = z.strictObject({ parentId: id });
export const unitClassifyBody = z.strictObject({ typeId: id, peerGroupId: id.nullable() });

export const unitListQuery = z.strictObject({
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  typeId: z.coerce.number().int().positive().optional(),
  peerGroupId: z.coerce.number().int().positive().optional(),
  includeInactive: boolQuery.optional(),
  ...paging,
});

export const unitResponse = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  code: z.string(),
  typeId: z.number().int(),
  typeName: z.string(),
  peerGroupId: z.number().int().nullable(),
  peerGroupName: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
  childCount: z.number().int(),
  peopleCount: z.number().int(),
  abilities: z.object({
    rename: z.boolean(),
    move: z.boolean(),
    deactivate: z.boolean(),
    reactivate: z.boolean(),
    remove: z.boolean(),
  }),
});
export type UnitResponse = z.infer<typeof unitResponse>;

export const catalogueCreateBody = z.strictObject({
  code,
  nameZh: displayName(50),
  nameEn: displayName(80),
});
export const catalogueRenameBody = z.strictObject({ nameZh: displayName(50), nameEn: displayName(80) });
export const catalogueItem = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unitCount: z.number().int(),
});
