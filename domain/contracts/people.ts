import { z } from 'zod';
import { roles } from '../roles.ts';
import { boolQuery, displayName, id, paging } from './common.ts';

export const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');

const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, 'not a phone number');
const email = z.email().max(200);

export const personCreateBody = z.strictObject({
  username,
  name: displayName(50),
  unitId: id,
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
});

export const personUpdateBody = z
  .strictObject({
    name: displayName(50).optional(),
    unitId: id.optional(),
    phone: phone.nullable().optional(),
    email: email.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const personListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  subtree: boolQuery.optional(),
  q: z.string().trim().max(100).optional(),
  includeInactive: boolQuery.optional(),
  /** Only people holding this role, e.g. `leader` for picking 包保领导. */
  role: z.enum(roles).optional(),
  ...paging,
});

export const personResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(
    z.object({
      grantId: z.number().int(),
      role: z.enum(roles),
      unitId: z.number().int(),
      unitName: z.string(),
    }),
  ),
  abilities: z.object({
    edit: z.boolean(),
    deactivate: z.boolean(),
    reactivate: z.boolean(),
    resetPassword: z.boolean(),
  }),
});
export type PersonResponse = z.infer<typeof personResponse>;

export const oneTimePasswordResponse = z.object({
  person: personResponse,
  oneTimePassword: z.string(),
});
