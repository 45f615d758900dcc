import { sql, type SQL } from 'drizzle-orm';
import { addDays, startOfShanghaiDay, type IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import type { ComputedMetric } from '../../../domain/evaluation/scheme.ts';
import { cadences, periodsBetween } from '../../../domain/tasks/cadence.ts';
import { intArray, type Tx } from '../../db/client.ts';

/** The window a period's figures are taken over, and which records count. */
export interface MetricWindow {
  /** First day of the period. */
  start: IsoDate;
  /** Last day counted: the period's end, or today while it runs. */
  asOf: IsoDate;
  /** Today: a report due today is not late yet. */
  today: IsoDate;
  /** The members of the peer group (赛道) being ranked. */
  memberIds: readonly number[];
  /** Only records of this campaign, or every record (null). */
  campaignId: number | null;
  /** Only this member (a unit's explanation), or all. */
  onlyMember?: number | undefined;
  /** Calendar days after a period's end that a task's progress report is due (task settings). */
  reportGraceDays: number;
}

/** A report that was due and never written (报送缺报). */
export interface AbsentReport {
  taskId: number | null;
  itemId: number | null;
  unitId: number;
  period: string;
  dueOn: IsoDate;
}

/**
 * One member's figure for one metric: for a rate, `num` of `den` records
 * counted; for a count, `num`; for satisfaction, the points summed over `den`
 * answers. `ids` are the records behind it, `missed` those of them that did
 * not count (late, open), `absent` reports due and never written.
 */
export interface MetricRow extends Record<string, unknown> {
  unitId: number;
  num: number;
  den: number;
  ids: number[];
  missed: number[];
  absent: [number | null, number | null, number, string, string][];
}

const OPEN = sql.raw(`('assigned','rectifying','returned','closing_claimed')`);
const WORKING = sql.raw(`('assigned','rectifying','returned')`);

/** The instant after the last day of the window (exclusive end). */
const endOf = (w: MetricWindow) => startOfShanghaiDay(addDays(w.asOf, 1));

/**
 * Each unit mapped to the member it counts for: itself when it is a member,
 * else its nearest ancestor that is (a village's records count for its town).
 * A CTE `member_of (unit_id, member_id)`.
 */
function membersCte(w: MetricWindow): SQL {
  const ids = w.onlyMember !== undefined ? [w.onlyMember] : w.memberIds;
  return sql`members AS (SELECT unnest(${intArray(ids.length ? ids : [0])}) AS id),
    member_of AS (
      SELECT DISTINCT ON (d.id) d.id AS unit_id, a.anc AS member_id
        FROM units d
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from d.path), '/')::int[]) WITH ORDINALITY AS a(anc, pos)
        JOIN members m ON m.id = a.anc
       ORDER BY d.id, a.pos DESC)`;
}

const inCampaign = (alias: string, w: MetricWindow): SQL =>
  w.campaignId === null ? sql`true` : sql`${sql.raw(alias)}.campaign_id = ${w.campaignId}`;

/** 任务按期完成率: tasks due in the window, on time when done (or claimed done) by the deadline. */
function taskOnTime(w: MetricWindow): SQL {
  const onTime = sql`(t.status = 'done' AND coalesce(t.claimed_at, t.completed_at) < (t.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  return sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", count(*) FILTER (WHERE ${onTime})::int AS num, count(*)::int AS den,
      array_agg(t.id) AS ids,
      coalesce(array_agg(t.id) FILTER (WHERE NOT ${onTime}), '{}') AS missed, '[]'::jsonb AS absent
    FROM tasks t JOIN member_of mo ON mo.unit_id = t.lead_unit_id
    WHERE t.status <> 'draft' AND ${inCampaign('t', w)}
      AND t.deadline BETWEEN ${w.start}::date AND ${w.asOf}::date
    GROUP BY 1`;
}

/**
 * 报送及时率: every report due in the window — a task's progress report for each
 * period of its cadence while it ran, a reporting item's submission for each of
 * its units — on time when approved by the unit head before it became late; a
 * report never written counts as late. Reports due today are not judged yet.
 */
function reportTimeliness(w: MetricWindow): SQL {
  const lastDue = w.asOf < w.today ? w.asOf : addDays(w.today, -1);
  const all = cadences.flatMap((c) =>
    periodsBetween(c, addDays(w.start, -45), w.asOf).map((p) => ({ cadence: c, ...p })),
  );
  const rows = (ps: typeof all) =>
    ps.length === 0
      ? sql`(NULL::text, NULL::text, NULL::date, NULL::date)`
      : sql.join(
          ps.map((p) => sql`(${p.cadence}::text, ${p.key}::text, ${p.start}::date, ${p.end}::date)`),
          sql`, `,
        );
  // A task's report is due `reportGraceDays` after its period: the periods due in the window are known here,
  // so the planner sees how many there are. An item has its own grace, so its periods are filtered in SQL.
  const taskPeriods = all.filter((p) => {
    const due = addDays(p.end, w.reportGraceDays);
    return due >= w.start && due <= lastDue;
  });
  const keys = `{${[...new Set(taskPeriods.map((p) => p.key))].join(',')}}`;
  return sql`WITH ${membersCte(w)},
    task_periods (cadence, key, pstart, pend) AS (VALUES ${rows(taskPeriods)}),
    item_periods (cadence, key, pstart, pend) AS (VALUES ${rows(all)}),
    -- The reports of those periods, read once and hashed (not looked up slot by slot).
    task_reports AS MATERIALIZED (
      SELECT r.task_id, r.period_key, r.id::int AS rid, (r.status = 'approved' AND NOT r.late) AS ok
        FROM reports r WHERE r.task_id IS NOT NULL AND r.period_key = ANY(${keys}::text[])),
    slots AS (
      SELECT mo.member_id, t.id AS task_id, NULL::int AS item_id, t.lead_unit_id AS unit_id, p.key,
             p.pend + ${w.reportGraceDays}::int AS due, r.rid, coalesce(r.ok, false) AS ok
        FROM tasks t JOIN member_of mo ON mo.unit_id = t.lead_unit_id
        JOIN task_periods p ON p.cadence = t.cadence
        LEFT JOIN task_reports r ON r.task_id = t.id AND r.period_key = p.key
       WHERE t.status <> 'draft' AND ${inCampaign('t', w)}
         AND p.pstart <= t.deadline AND p.pend >= t.start_on
         AND (t.completed_at IS NULL OR t.completed_at >= p.pstart::timestamp AT TIME ZONE 'Asia/Shanghai')
         AND (t.issued_at IS NULL OR t.issued_at < (p.pend + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      UNION ALL
      SELECT mo.member_id, NULL, i.id, iu.unit_id, p.key, p.pend + i.grace_days, r.id::int,
             coalesce(r.status = 'approved' AND NOT r.late, false)
        FROM report_items i JOIN report_item_units iu ON iu.item_id = i.id
        JOIN member_of mo ON mo.unit_id = iu.unit_id
        JOIN item_periods p ON p.cadence = i.cadence
        LEFT JOIN reports r ON r.item_id = i.id AND r.unit_id = iu.unit_id AND r.period_key = p.key
       WHERE ${inCampaign('i', w)} AND p.pstart <= i.end_on AND p.pend >= i.start_on
         AND p.pend + i.grace_days BETWEEN ${w.start}::date AND ${lastDue}::date)
    SELECT member_id AS "unitId", count(*) FILTER (WHERE ok)::int AS num, count(*)::int AS den,
      coalesce(array_agg(rid) FILTER (WHERE rid IS NOT NULL), '{}') AS ids,
      coalesce(array_agg(rid) FILTER (WHERE rid IS NOT NULL AND NOT ok), '{}') AS missed,
      coalesce(jsonb_agg(jsonb_build_array(task_id, item_id, unit_id, key, due)) FILTER (WHERE rid IS NULL), '[]')
        AS absent
    FROM slots GROUP BY 1`;
}

/** 整改销号率: problems found by `asOf` (not dismissed or merged), closed by then. */
function closingRate(w: MetricWindow): SQL {
  const closed = sql`(p.status = 'closed' AND p.closed_at < ${endOf(w)})`;
  return sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", count(*) FILTER (WHERE ${closed})::int AS num, count(*)::int AS den,
      array_agg(p.id) AS ids,
      coalesce(array_agg(p.id) FILTER (WHERE NOT ${closed}), '{}') AS missed, '[]'::jsonb AS absent
    FROM problems p JOIN member_of mo ON mo.unit_id = p.unit_id
    WHERE p.status NOT IN ('dismissed','merged') AND p.found_on <= ${w.asOf}::date AND ${inCampaign('p', w)}
    GROUP BY 1`;
}

/**
 * Overdue on `asOf`, as SQL over `p`: open then and past the deadline, a claim
 * made by the deadline stopping the clock. A problem closed after `asOf` was
 * still open on it. On today it is the problems module's own `overdueSql`.
 */
export function overdueOnSql(asOf: IsoDate): SQL {
  const after = startOfShanghaiDay(addDays(asOf, 1));
  return sql`(p.found_on <= ${asOf}::date AND p.deadline < ${asOf}::date AND (
      p.status IN ${WORKING}
      OR (p.status = 'closing_claimed' AND (p.claimed_on IS NULL OR p.claimed_on > p.deadline))
      OR (p.status = 'closed' AND p.closed_at >= ${after}
          AND (p.claimed_on IS NULL OR p.claimed_on > p.deadline OR p.claimed_on > ${asOf}::date))))`;
}

/** Open on `asOf` (双晒双亮), as SQL over `p`. */
export function openOnSql(asOf: IsoDate): SQL {
  const after = startOfShanghaiDay(addDays(asOf, 1));
  return sql`(p.found_on <= ${asOf}::date AND (p.status IN ${OPEN} OR (p.status = 'closed' AND p.closed_at >= ${after})))`;
}

/** 逾期数: problems overdue on `asOf`. */
function overdueCount(w: MetricWindow): SQL {
  return sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", count(*)::int AS num, count(*)::int AS den,
      array_agg(p.id) AS ids, '{}'::int[] AS missed, '[]'::jsonb AS absent
    FROM problems p JOIN member_of mo ON mo.unit_id = p.unit_id
    WHERE ${overdueOnSql(w.asOf)} AND ${inCampaign('p', w)}
    GROUP BY 1`;
}

/** One member's problem figures on `asOf`, from one scan: the closing rate, the overdue ones and the open count. */
export interface ProblemFigures extends Record<string, unknown> {
  unitId: number;
  found: number;
  closed: number;
  foundIds: number[];
  unclosedIds: number[];
  overdue: number;
  overdueIds: number[];
  open: number;
}

/**
 * 整改销号率, 逾期数 and the open problems (双晒双亮) in one pass over the
 * problems found by `asOf`: the same figures as `closingRate`, `overdueCount`
 * and `openProblemCounts`, each a FILTER of one GROUP BY.
 */
export async function problemFigures(db: Tx, w: MetricWindow): Promise<ProblemFigures[]> {
  const counted = sql`p.status NOT IN ('dismissed','merged')`;
  const closed = sql`(p.status = 'closed' AND p.closed_at < ${endOf(w)})`;
  const r = await db.execute<ProblemFigures>(sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId",
      count(*) FILTER (WHERE ${counted})::int AS found,
      count(*) FILTER (WHERE ${closed})::int AS closed,
      coalesce(array_agg(p.id) FILTER (WHERE ${counted}), '{}') AS "foundIds",
      coalesce(array_agg(p.id) FILTER (WHERE ${counted} AND NOT ${closed}), '{}') AS "unclosedIds",
      count(*) FILTER (WHERE ${overdueOnSql(w.asOf)})::int AS overdue,
      coalesce(array_agg(p.id) FILTER (WHERE ${overdueOnSql(w.asOf)}), '{}') AS "overdueIds",
      count(*) FILTER (WHERE ${openOnSql(w.asOf)})::int AS open
    FROM problems p JOIN member_of mo ON mo.unit_id = p.unit_id
    WHERE p.found_on <= ${w.asOf}::date AND ${inCampaign('p', w)}
    GROUP BY 1`);
  return r.rows;
}

/** The closing rate and overdue count as metric rows, from the one-pass figures. */
export function problemMetricRows(figures: readonly ProblemFigures[]): {
  closing: MetricRow[];
  overdue: MetricRow[];
  open: Map<number, number>;
} {
  return {
    closing: figures
      .filter((f) => f.found > 0)
      .map((f) => ({
        unitId: f.unitId,
        num: f.closed,
        den: f.found,
        ids: f.foundIds,
        missed: f.unclosedIds,
        absent: [],
      })),
    overdue: figures
      .filter((f) => f.overdue > 0)
      .map((f) => ({
        unitId: f.unitId,
        num: f.overdue,
        den: f.overdue,
        ids: f.overdueIds,
        missed: [],
        absent: [],
      })),
    open: new Map(figures.map((f) => [f.unitId, f.open])),
  };
}

/** 退回重改次数: returns for rework in the window (each return once); the records are the problems. */
function returnCount(w: MetricWindow): SQL {
  return sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", count(*)::int AS num, count(*)::int AS den,
      array_agg(DISTINCT e.problem_id) AS ids, '{}'::int[] AS missed, '[]'::jsonb AS absent
    FROM problem_events e JOIN problems p ON p.id = e.problem_id JOIN member_of mo ON mo.unit_id = p.unit_id
    WHERE e.action = 'return' AND e.at >= ${startOfShanghaiDay(w.start)} AND e.at < ${endOf(w)}
      AND ${inCampaign('p', w)}
    GROUP BY 1`;
}

/** 满意度: the survey answers in the window, stars 1–5 as 0–100 points (summed here; the mean is taken exactly). */
function satisfaction(w: MetricWindow): SQL {
  return sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", sum((a.rating - 1) * 25)::int AS num, count(*)::int AS den,
      array_agg(a.id::int) AS ids,
      coalesce(array_agg(a.id::int) FILTER (WHERE a.rating <= 2), '{}') AS missed, '[]'::jsonb AS absent
    FROM survey_answers a JOIN member_of mo ON mo.unit_id = a.unit_id
    WHERE a.answered_at >= ${startOfShanghaiDay(w.start)} AND a.answered_at < ${endOf(w)}
    GROUP BY 1`;
}

const queries: Partial<Record<ComputedMetric, (w: MetricWindow) => SQL>> = {
  task_on_time_rate: taskOnTime,
  report_timeliness_rate: reportTimeliness,
  problem_closing_rate: closingRate,
  overdue_count: overdueCount,
  return_count: returnCount,
  satisfaction,
};

/** The SQL of one metric (for EXPLAIN in the profiler). */
export function metricSql(metric: ComputedMetric, w: MetricWindow): SQL {
  return queries[metric]!(w);
}

/** Does the platform have records for this metric yet? */
export const computable = (m: ComputedMetric): boolean => m in queries;

/**
 * One metric for every member of the window, as one SQL aggregate (GROUP BY
 * member; the record ids collected with array_agg). Members without a row
 * have no record for it.
 */
export async function metricRows(db: Tx, metric: ComputedMetric, w: MetricWindow): Promise<MetricRow[]> {
  const q = queries[metric];
  if (!q) return [];
  const r = await db.execute<MetricRow>(q(w));
  return r.rows;
}

/** 双晒双亮: each member's open problems on `asOf`. */
export async function openProblemCounts(db: Tx, w: MetricWindow): Promise<Map<number, number>> {
  const r = await db.execute<{ unitId: number; n: number }>(sql`WITH ${membersCte(w)}
    SELECT mo.member_id AS "unitId", count(*)::int AS n
    FROM problems p JOIN member_of mo ON mo.unit_id = p.unit_id
    WHERE ${openOnSql(w.asOf)} AND ${inCampaign('p', w)}
    GROUP BY 1`);
  return new Map(r.rows.map((x) => [x.unitId, x.n]));
}

/** Bonus and penalty events of the members in the window (not withdrawn), for the given kinds. */
export async function eventRows(
  db: Tx,
  w: MetricWindow,
  kinds: readonly string[],
): Promise<{ id: number; unitId: number; kind: string }[]> {
  if (kinds.length === 0) return [];
  const r = await db.execute<{ id: number; unitId: number; kind: string }>(sql`WITH ${membersCte(w)}
    SELECT e.id, mo.member_id AS "unitId", e.kind
    FROM evaluation_events e JOIN member_of mo ON mo.unit_id = e.unit_id
    WHERE e.withdrawn_at IS NULL AND e.occurred_on BETWEEN ${w.start}::date AND ${w.asOf}::date
      AND e.kind = ANY(${`{${kinds.join(',')}}`}::text[])
      AND ${w.campaignId === null ? sql`true` : sql`(e.campaign_id IS NULL OR e.campaign_id = ${w.campaignId})`}
    ORDER BY e.id`);
  return r.rows;
}
