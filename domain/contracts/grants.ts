import { z } from 'zod';
import { roles } from '../roles.ts';
import { id, paging } from './common.ts';

export const grantCreateBody = z.strictObject({ personId: id, role: z.enum(roles), unitId: id });

export const grantListQuery = z.strictObject({
  personId: z.coerce.number().int().positive().optional(),
  role: z.enum(roles).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  ...paging,
});

export const grantResponse = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  username: z.string(),
  role: z.enum(roles),
  unitId: z.number().int(),
  unitName: z.string(),
  createdAt: z.string(),
  abilities: z.object({ revoke: z.boolean() }),
});
export type GrantResponse = z.infer<typeof grantResponse>;
