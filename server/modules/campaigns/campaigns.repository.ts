import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

export interface CampaignRow extends Record<string, unknown> {
  id: number;
  name: string;
  leadingGroup: string;
  description: string;
  start: string;
  end: string;
  closed: boolean;
  taskCount: number;
  doneCount: number;
  overdueCount: number;
  green: number;
  yellow: number;
  red: number;
}

/**
 * Campaigns with counts over the tasks the caller may see (`visible` is a
 * condition over `t` and `lu`), computed in one aggregate.
 */
export async function findCampaigns(
  db: Tx,
  where: SQL,
  visible: SQL,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ rows: CampaignRow[]; total: number }> {
  const r = await db.execute<CampaignRow>(sql`
    SELECT c.id, c.name, c.leading_group AS "leadingGroup", c.description, c.start_on AS start, c.end_on AS "end",
      c.closed, coalesce(k.total, 0)::int AS "taskCount", coalesce(k.done, 0)::int AS "doneCount",
      coalesce(k.overdue, 0)::int AS "overdueCount", coalesce(k.green, 0)::int AS green,
      coalesce(k.yellow, 0)::int AS yellow, coalesce(k.red, 0)::int AS red
    FROM campaigns c
    LEFT JOIN LATERAL (
      SELECT count(*) AS total, count(*) FILTER (WHERE t.status = 'done') AS done,
        count(*) FILTER (WHERE t.status NOT IN ('draft', 'done') AND t.deadline < ${today}::date) AS overdue,
        count(*) FILTER (WHERE t.light = 'green') AS green, count(*) FILTER (WHERE t.light = 'yellow') AS yellow,
        count(*) FILTER (WHERE t.light = 'red') AS red
      FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id
      WHERE t.campaign_id = c.id AND t.parent_id IS NULL AND ${visible}
    ) k ON true
    WHERE ${where}
    ORDER BY c.closed, c.start_on DESC, c.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`);
  const n = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM campaigns c WHERE ${where}`);
  return { rows: r.rows, total: n.rows[0]!.n };
}

export async function getCampaign(db: Tx, id: number, lock = false) {
  const r = await db.execute<{
    id: number;
    name: string;
    leadingGroup: string;
    description: string;
    start: string;
    end: string;
    closed: boolean;
  }>(sql`SELECT id, name, leading_group AS "leadingGroup", description, start_on AS start, end_on AS "end", closed
         FROM campaigns WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
  return r.rows[0];
}

export async function insertCampaign(
  tx: Tx,
  c: { name: string; leadingGroup: string; description: string; start: string; end: string },
  by: number,
  now: Date,
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO campaigns (name, leading_group, description, start_on, end_on, created_by, created_at, updated_at)
    VALUES (${c.name}, ${c.leadingGroup}, ${c.description}, ${c.start}::date, ${c.end}::date, ${by}, ${now}, ${now})
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function updateCampaign(
  tx: Tx,
  id: number,
  c: { name: string; leadingGroup: string; description: string; start: string; end: string; closed: boolean },
  now: Date,
): Promise<void> {
  await tx.execute(sql`UPDATE campaigns SET name = ${c.name}, leading_group = ${c.leadingGroup},
    description = ${c.description}, start_on = ${c.start}::date, end_on = ${c.end}::date, closed = ${c.closed},
    updated_at = ${now} WHERE id = ${id}`);
}

export async function nameTaken(db: Tx, name: string, exceptId = 0): Promise<boolean> {
  const r = await db.execute(
    sql`SELECT 1 FROM campaigns WHERE lower(name) = lower(${name}) AND id <> ${exceptId}`,
  );
  return r.rows.length > 0;
}
