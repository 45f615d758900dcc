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
  /** Its place in the SM3 seal chain; null until the sealer has linked it (about a second). */
  seal: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Entries in the log. */
  entries: z.number().int(),
  /** Seals checked, one per sealed entry. */
  sealed: z.number().int(),
  /** Entries not sealed yet; `stale` ones have waited longer than the sealer should take. */
  pending: z.object({
    count: z.number().int(),
    stale: z.number().int(),
    oldestQueuedAt: z.string().nullable(),
  }),
  /** The first problem found. */
  broken: z
    .object({
      seq: z.number().int().nullable(),
      id: z.number().int().nullable(),
      reason: z.enum([
        'hash_mismatch',
        'prev_mismatch',
        'missing_seal',
        'missing_entry',
        'unsealed_entry',
        'sealing_overdue',
      ]),
    })
    .optional(),
});
