import { z } from 'zod';

/** A database id as it appears in JSON bodies. */
export const id = z.number().int().positive().max(2_147_483_647);

/** A display name: trimmed, 1–100 characters, no control characters. */
export const displayName = (max = 100) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });
