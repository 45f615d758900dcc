import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import type { Check } from './lib/types.ts';

/**
 * 审计前值一致性: renames of one person commit one after another (each holds
 * the row's lock from its UPDATE to its COMMIT, and takes its audit id in
 * between), so in id order every entry's `before.name` must be the previous
 * entry's `after.name`. A mismatch means the audit recorded a stale "before".
 */
export async function renameHistoryCheck(db: Db, personId: number): Promise<Check> {
  const r = await db.execute<{ entries: number; stale: number }>(sql`
    SELECT count(*)::int AS entries,
           (count(*) FILTER (WHERE prev IS NOT NULL AND before->>'name' IS DISTINCT FROM prev))::int AS stale
      FROM (SELECT before, lag(after->>'name') OVER (ORDER BY id) AS prev
              FROM audit_log
             WHERE action = 'person.update' AND object_type = 'person' AND object_id = ${String(personId)}) x`);
  const row = r.rows[0] ?? { entries: 0, stale: 0 };
  return {
    label: `audit "before" of person ${personId}'s renames matches the previous "after"`,
    ok: row.stale === 0,
    detail: `${row.stale} of ${row.entries} entries recorded a stale "before"`,
  };
}
