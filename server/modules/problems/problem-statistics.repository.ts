import { sql, type SQL } from 'drizzle-orm';
import { executeNamed, type Tx } from '../../db/client.ts';
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

/** A group's key (null for the total, or for problems of no campaign) with its counts. */
export type GroupCounts = CountsRow & { key: number | string | null };

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

/**
 * The total of every problem matching `where` (over `p`) and the counts per
 * group, in one statement. `key` is the grouping expression over `p` (and
 * `from`'s other tables). When `from` is the problems table alone, one scan
 * gives both (GROUPING SETS); a join (categories: a problem counts under each
 * of its links) needs its own pass, as the total counts each problem once.
 */
export async function countsByGroup(
  db: Tx,
  opts: { from: SQL | null; key: SQL; where: SQL; today: string },
): Promise<{ total: CountsRow; groups: GroupCounts[] }> {
  const agg = aggregates(opts.today);
  const r = opts.from
    ? await db.execute<GroupCounts & { isTotal: boolean }>(sql`
        SELECT ${derived} FROM (
          SELECT true AS "isTotal", NULL AS key, ${agg} FROM problems p WHERE ${opts.where}
          UNION ALL
          SELECT false, ${opts.key}, ${agg} FROM ${opts.from} WHERE ${opts.where} GROUP BY 2) g`)
    : await db.execute<GroupCounts & { isTotal: boolean }>(sql`
        SELECT ${derived} FROM (
          SELECT GROUPING(${opts.key}) = 1 AS "isTotal", ${opts.key} AS key, ${agg}
          FROM problems p WHERE ${opts.where} GROUP BY GROUPING SETS ((${opts.key}), ())) g`);
  const total = r.rows.find((x) => x.isTotal);
  if (!total) throw new Error('statistics without a total');
  return { total, groups: r.rows.filter((x) => !x.isTotal) };
}

/**
 * The snapshot the calling transaction reads (REPEATABLE READ: the same for
 * every statement after it), as text for `changedSince`.
 */
export async function currentSnapshot(tx: Tx): Promise<string> {
  const r = await tx.execute<{ snapshot: string }>(sql`SELECT pg_current_snapshot()::text AS snapshot`);
  return r.rows[0]!.snapshot;
}

export type LabelTable = 'units' | 'problem_categories' | 'problem_sources' | 'campaigns';

/** Each label table's rows as labels: id, name and the value rows are ordered by. */
const LABELS: Record<LabelTable, SQL> = {
  units: sql.raw(`SELECT id, name, sort AS "order" FROM units`),
  problem_categories: sql.raw(`SELECT id, name_zh AS name, path AS "order" FROM problem_categories`),
  problem_sources: sql.raw(`SELECT id, name_zh AS name, sort AS "order" FROM problem_sources`),
  campaigns: sql.raw(`SELECT id, name, NULL::int AS "order" FROM campaigns`),
};

/**
 * The transaction that last changed a label table (`table_changes`, written by
 * a statement trigger on every insert, update or delete), as text; '' when
 * none has since the migration. Equal values mean the same labels.
 */
const labelVersion = (table: LabelTable) =>
  sql`coalesce((SELECT c.changed_xid::text FROM table_changes c WHERE c.table_name = ${table}::text), '')`;

/** How a group is named and where it goes in the list. */
export interface GroupLabel extends Record<string, unknown> {
  name: string;
  /** Sort value (the unit's or source's `sort`, the category's path); null where the key alone orders. */
  order: number | string | null;
}

/**
 * Every label of a table (a unit's name and sort, a category's name and
 * path…), read fresh, with the table's version (`labelVersion`) in the same
 * snapshot.
 */
export async function labelsOf(
  db: Tx,
  table: LabelTable,
): Promise<{ labels: Map<number, GroupLabel>; version: string }> {
  const r = await executeNamed<GroupLabel & { id: number; version: string }>(
    db,
    `problem_stats_labels_${table}`,
    sql`SELECT l.*, ${labelVersion(table)} AS version FROM (${LABELS[table]}) l`,
  );
  return {
    labels: new Map(r.rows.map((x) => [x.id, { name: x.name, order: x.order }])),
    version: r.rows[0]?.version ?? '',
  };
}

/**
 * Whether figures computed in `snapshot` still hold, and the version of the
 * labels they are shown with (`labelVersion`), in one statement. `changed`: has a problem (of
 * `campaignId`, or of any campaign or none when null) changed in a
 * transaction the snapshot did not see — one committed after it was taken,
 * or still running then? Every write of a problem or of its category links
 * records its transaction in `changed_xid` (a trigger), so this is exact
 * whatever the order transactions commit in, on any server instance. It reads
 * only the rows changed since the snapshot's oldest running transaction
 * (`problems_campaign_changed_idx`), usually none.
 */
export async function freshness(
  db: Tx,
  campaignId: number | null,
  snapshot: string,
  labels: LabelTable | null,
): Promise<{ changed: boolean; version: string }> {
  const unseen = sql`p.changed_xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
    AND NOT pg_visible_in_snapshot(p.changed_xid, ${snapshot}::pg_snapshot)`;
  const changed =
    campaignId === null
      ? sql`EXISTS (SELECT 1 FROM problems p WHERE p.campaign_id IS NULL AND ${unseen})
          OR EXISTS (SELECT 1 FROM campaigns c
             WHERE EXISTS (SELECT 1 FROM problems p WHERE p.campaign_id = c.id AND ${unseen}))`
      : sql`EXISTS (SELECT 1 FROM problems p WHERE p.campaign_id = ${campaignId}::int AND ${unseen})`;
  const r = await executeNamed<{ changed: boolean; version: string }>(
    db,
    `problem_stats_fresh_${campaignId === null ? 'any' : 'campaign'}_${labels ? 'labels' : 'none'}`,
    sql`SELECT ${changed} AS changed, ${labels ? labelVersion(labels) : sql`''::text`} AS version`,
  );
  return r.rows[0]!;
}
