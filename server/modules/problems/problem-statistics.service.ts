import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { StatisticsQuery, StatisticsResponse } from '../../../domain/contracts/problems.ts';
import { fail } from '../../../domain/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { scopeOf, type Actor } from '../../http/actor.ts';
import { JsonText } from '../../http/route.ts';
import { coversAll } from '../tasks/tasks.policy.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import type { ComputedCounts, StatisticsCache } from './problem-statistics.cache.ts';
import * as stats from './problem-statistics.repository.ts';
import { canReadUnit, problemReaders, visibleProblems } from './problems.policy.ts';
import * as repo from './problems.repository.ts';

/** The figures of a row, field by field (the grouping key and names left out). */
const counts = (r: stats.CountsRow): stats.CountsRow => ({
  found: r.found,
  closed: r.closed,
  closingRate: r.closingRate,
  open: r.open,
  overdue: r.overdue,
  onSchedule: r.onSchedule,
  behind: r.behind,
  returned: r.returned,
  returns: r.returns,
  rebound: r.rebound,
  rebounds: r.rebounds,
  dismissed: r.dismissed,
  merged: r.merged,
});

/** A unit the actor may read the problems of, or 404 on `field`. */
async function readableUnit(db: Db, actor: Actor, id: number, field: string) {
  const unit = (await unitsByIds(db, [id])).get(id);
  if (!unit || !canReadUnit(actor, unit.path)) throw fail('not_found', field);
  return unit;
}

/** How one grouping counts (`from` null: the problems table alone), names its keys and orders its rows. */
interface Grouping {
  from: SQL | null;
  key: SQL;
  labels: stats.LabelTable | null;
  /** Sorts rows (keys with their labels and counts). */
  compare: (a: Row, b: Row) => number;
}
type Row = stats.GroupCounts & { label: stats.GroupLabel | undefined };

const byKey = (a: Row, b: Row) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0);
const byOrder = (a: Row, b: Row) => {
  const x = a.label?.order ?? null;
  const y = b.label?.order ?? null;
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
};

function grouping(groupBy: StatisticsQuery['groupBy'], under: { id: number; path: string } | null): Grouping {
  switch (groupBy) {
    case 'unit':
      if (under) {
        // Each unit directly below `under` with its whole subtree, and `under` itself.
        return {
          from: sql`problems p JOIN units u ON u.id = p.unit_id`,
          key: sql`coalesce(nullif(split_part(substr(u.path, ${under.path.length + 1}), '/', 1), '')::int, ${under.id})`,
          labels: 'units',
          compare: (a, b) =>
            Number(b.key === under.id) - Number(a.key === under.id) || byOrder(a, b) || byKey(a, b),
        };
      }
      return {
        from: null,
        key: sql`p.unit_id`,
        labels: 'units',
        compare: (a, b) => b.found - a.found || byKey(a, b),
      };
    case 'category':
      return {
        from: sql`problems p JOIN problem_category_links l ON l.problem_id = p.id`,
        key: sql`l.category_id`,
        labels: 'problem_categories',
        compare: (a, b) => byOrder(a, b) || byKey(a, b),
      };
    case 'source':
      return {
        from: null,
        key: sql`p.source_id`,
        labels: 'problem_sources',
        compare: (a, b) => byOrder(a, b) || byKey(a, b),
      };
    case 'campaign':
      return {
        from: null,
        key: sql`p.campaign_id`,
        labels: 'campaigns',
        compare: (a, b) => (a.key === null ? 1 : b.key === null ? -1 : byKey(a, b)),
      };
    case 'month':
      return { from: null, key: sql`to_char(p.found_on, 'YYYY-MM')`, labels: null, compare: byKey };
  }
}

/**
 * 统计: found, closed, closing rate, open, overdue, on schedule, behind,
 * returned and rebound problems over what the actor may see, filtered by
 * campaign, source, category, unit (and below) and the period found, grouped
 * by unit, category, source, campaign or month. Computed by SQL aggregates
 * (the total and the groups in one statement); overdue and on schedule are
 * judged on today's Shanghai date. Grouped by category, a problem counts under
 * each of its categories and each of their ancestors (once per group), so the
 * rows of a parent and its children overlap. Names are read on every request.
 *
 * With `cache`, the figures of someone who sees every problem, for a query
 * that names no unit, are computed once per query and day in one snapshot and
 * reused for as long as no problem of the campaign (or, without a campaign,
 * no problem at all) changed unseen by that snapshot (`StatisticsCache`,
 * `freshness`): exact, and correct across server instances. The answer
 * rendered from them is kept too and sent as it is while the version of the
 * label table it names (read by the same probe) is unchanged.
 */
export async function problemStatistics(
  db: Db,
  actor: Actor,
  now: Date,
  q: StatisticsQuery,
  cache?: StatisticsCache,
): Promise<StatisticsResponse | JsonText> {
  const today = shanghaiDate(now);
  if (q.unitId) await readableUnit(db, actor, q.unitId, 'query.unitId');
  const under = q.underUnitId ? await readableUnit(db, actor, q.underUnitId, 'query.underUnitId') : null;
  const conds = [
    visibleProblems(actor),
    ...repo.problemFilters(
      {
        campaignId: q.campaignId,
        sourceId: q.sourceId,
        categoryId: q.categoryId,
        unitId: q.unitId,
        includeSubunits: true,
        foundFrom: q.foundFrom,
        foundTo: q.foundTo,
      },
      today,
    ),
    ...(under ? repo.problemFilters({ unitId: under.id, includeSubunits: true }, today) : []),
  ];
  const where = sql.join(conds, sql` AND `);
  const g = grouping(q.groupBy, under);
  const count = (tx: Tx) => stats.countsByGroup(tx, { from: g.from, key: g.key, where, today });
  const render = async (computed: Omit<ComputedCounts, 'snapshot'>) => {
    const { labels, version } = g.labels
      ? await stats.labelsOf(db, g.labels)
      : { labels: new Map<number, stats.GroupLabel>(), version: '' };
    const rows: Row[] = computed.groups.map((r) => ({
      ...r,
      label: typeof r.key === 'number' ? labels.get(r.key) : undefined,
    }));
    rows.sort(g.compare);
    const response: StatisticsResponse = {
      groupBy: q.groupBy,
      asOf: today,
      total: counts(computed.total),
      rows: rows.map((r) => ({ key: keyOf(q.groupBy, r), ...counts(r) })),
    };
    return { response, version };
  };
  // The unit tree can move under a cached answer; a query that reads it is computed every time.
  if (!cache || q.unitId || under || !coversAll(scopeOf(actor, problemReaders))) {
    return (await render(await count(db))).response;
  }
  let seen: string | undefined;
  const computed = await cache.read(
    JSON.stringify([q.groupBy, q.campaignId, q.sourceId, q.categoryId, q.foundFrom, q.foundTo, today]),
    async (value) => {
      const f = await stats.freshness(db, q.campaignId ?? null, value.snapshot, g.labels);
      seen = f.version;
      return f.changed;
    },
    () => computeInSnapshot(db, count),
  );
  if (seen !== undefined && computed.rendered?.labels === seen) return new JsonText(computed.rendered.json);
  const { response, version } = await render(computed);
  computed.rendered = { labels: version, json: Buffer.from(JSON.stringify(response)) };
  return new JsonText(computed.rendered.json);
}

function keyOf(groupBy: StatisticsQuery['groupBy'], r: Row): { id: number | null; name: string } {
  if (groupBy === 'month') return { id: null, name: String(r.key) };
  if (r.key === null) return { id: null, name: '日常工作' };
  return { id: Number(r.key), name: r.label?.name ?? '' };
}

/** Counts in one REPEATABLE READ snapshot, and that snapshot, for the cache. */
function computeInSnapshot(
  db: Db,
  count: (tx: Tx) => Promise<{ total: stats.CountsRow; groups: stats.GroupCounts[] }>,
): Promise<ComputedCounts> {
  return db.transaction(
    async (tx) => {
      const snapshot = await stats.currentSnapshot(tx);
      return { snapshot, ...(await count(tx)) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
