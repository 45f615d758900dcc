import { z } from 'zod';
import { paging } from './common.ts';

export const auditListQuery = z.strictObject({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...paging,
});

export const auditEntryResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  chainId: z.number().int(),
  chainSeq: z.number().int(),
  hash: z.string(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  chains: z.number().int(),
  broken: z
    .object({
      chainId: z.number().int(),
      chainSeq: z.number().int(),
      id: z.number().int().nullable(),
      reason: z.string(),
    })
    .optional(),
});
