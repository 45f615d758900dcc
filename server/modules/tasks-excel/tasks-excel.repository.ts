import { sql } from 'drizzle-orm';
import type { PersonRef, UnitRef } from '../../../domain/tasks/task-sheet-names.ts';
import type { Tx } from '../../db/client.ts';

/** Every active unit: the names a sheet may use. */
export async function activeUnits(db: Tx): Promise<UnitRef[]> {
  const r = await db.execute<UnitRef & Record<string, unknown>>(
    sql`SELECT id, name, code FROM units WHERE active ORDER BY path`,
  );
  return r.rows;
}

/** Active people with their unit's name; only holders of the `leader` role when asked. */
export async function activePeople(db: Tx, leadersOnly: boolean): Promise<PersonRef[]> {
  const r = await db.execute<PersonRef & Record<string, unknown>>(sql`
    SELECT p.id, p.name, p.username, u.name AS "unitName"
    FROM people p JOIN units u ON u.id = p.unit_id
    WHERE p.active
      ${leadersOnly ? sql`AND EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id AND g.role = 'leader')` : sql``}
    ORDER BY p.id`);
  return r.rows;
}

/** The task codes already used in a campaign. */
export async function campaignTaskCodes(db: Tx, campaignId: number): Promise<string[]> {
  const r = await db.execute<{ code: string }>(sql`SELECT code FROM tasks WHERE campaign_id = ${campaignId}`);
  return r.rows.map((x) => x.code);
}
