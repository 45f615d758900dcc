import { z } from 'zod';
import { roles } from '../roles.ts';

export const signInBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const sessionResponse = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    name: z.string(),
    unit: z.object({ id: z.number().int(), name: z.string() }),
  }),
  roles: z.array(z.object({ role: z.enum(roles), unitId: z.number().int(), unitName: z.string() })),
  capabilities: z.array(z.string()),
  mustChangePassword: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;
