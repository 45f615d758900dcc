import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { behindSql, openSql, overdueSql } from './problems.repository.ts';

/** The counts of one group, as the database computes them. */
export interface CountsRow extends Record<string, unknown> {
  found: number;
  closed: number;
  closingRate: number | null;
  open: number;
  overdue: number;
  onSchedule: number;
  behind: number;
  returned: number;
  returns: number;
  rebound: number;
  rebounds: number;
  dismissed: number;
  merged: number;
}

const FOUND = sql.raw(`p.status NOT IN ('dismissed','merged')`);

/**
 * The aggregates over `p` (one output row per group): found, closed, open,
 * overdue, behind, returned and rebound problems, and the returns and
 * reopenings in all. Everything counts in SQL; nothing loops over rows.
 */
function aggregates(today: string): SQL {
  return sql`count(*) FILTER (WHERE ${FOUND})::int AS found,
    count(*) FILTER (WHERE p.status = 'closed')::int AS closed,
    count(*) FILTER (WHERE ${openSql})::int AS open,
    count(*) FILTER (WHERE ${overdueSql(today)})::int AS overdue,
    count(*) FILTER (WHERE ${behindSql(today)})::int AS behind,
    count(*) FILTER (WHERE ${FOUND} AND p.return_count > 0)::int AS returned,
    coalesce(sum(p.return_count) FILTER (WHERE ${FOUND}), 0)::int AS returns,
    count(*) FILTER (WHERE ${FOUND} AND p.rebound_count > 0)::int AS rebound,
    coalesce(sum(p.rebound_count) FILTER (WHERE ${FOUND}), 0)::int AS rebounds,
    count(*) FILTER (WHERE p.status = 'dismissed')::int AS dismissed,
    count(*) FILTER (WHERE p.status = 'merged')::int AS merged`;
}

/** The derived figures: on schedule (open, neither overdue nor behind) and the closing rate in percent, two decimals. */
const derived = sql`g.*, (g.open - g.overdue - g.behind)::int AS "onSchedule",
  round(g.closed * 100.0 / NULLIF(g.found, 0), 2)::float8 AS "closingRate"`;

/** The counts of every problem matching `where` (over `p`). */
export async function totals(db: Tx, where: SQL, today: string): Promise<CountsRow> {
  const r = await db.execute<CountsRow>(
    sql`SELECT ${derived} FROM (SELECT ${aggregates(today)} FROM problems p WHERE ${where}) g`,
  );
  return r.rows[0]!;
}

export type GroupRow = CountsRow & { keyId: number | null; keyName: string };

/**
 * Counts per group. `key` is the grouping expression over `p` (and `from`'s
 * other tables); `names` turns each key into its name (a join on `g.key`),
 * `order` sorts the rows.
 */
export async function grouped(
  db: Tx,
  opts: { from: SQL; key: SQL; where: SQL; today: string; names: SQL; order: SQL },
): Promise<GroupRow[]> {
  const r = await db.execute<GroupRow>(sql`
    SELECT ${derived}, ${opts.names} FROM (
      SELECT ${opts.key} AS key, ${aggregates(opts.today)} FROM ${opts.from} WHERE ${opts.where} GROUP BY 1) g
    ORDER BY ${opts.order}`);
  return r.rows;
}
