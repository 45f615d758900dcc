import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/** Reads one setting's stored JSON value, or undefined when it was never set. */
export async function readSetting(db: Tx, key: string, forUpdate = false): Promise<unknown> {
  const r = await db.execute<{ value: unknown }>(
    forUpdate
      ? sql`SELECT value FROM settings WHERE key = ${key} FOR UPDATE`
      : sql`SELECT value FROM settings WHERE key = ${key}`,
  );
  return r.rows[0]?.value;
}

export async function writeSetting(
  tx: Tx,
  key: string,
  value: unknown,
  by: number,
  now: Date,
): Promise<void> {
  await tx.execute(sql`INSERT INTO settings (key, value, updated_at, updated_by)
    VALUES (${key}, ${JSON.stringify(value)}::jsonb, ${now}, ${by})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at,
      updated_by = EXCLUDED.updated_by`);
}
