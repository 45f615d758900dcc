import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { StatisticsQuery, StatisticsResponse } from '../../../domain/contracts/problems.ts';
import { fail } from '../../../domain/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import * as stats from './problem-statistics.repository.ts';
import { canReadUnit, visibleProblems } from './problems.policy.ts';
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
async function readableUnit(db: Tx, actor: Actor, id: number, field: string) {
  const unit = (await unitsByIds(db, [id])).get(id);
  if (!unit || !canReadUnit(actor, unit.path)) throw fail('not_found', field);
  return unit;
}

/**
 * 统计: found, closed, closing rate, open, overdue, on schedule, behind,
 * returned and rebound problems over what the actor may see, filtered by
 * campaign, source, category, unit (and below) and the period found, grouped
 * by unit, category, source, campaign or month. Computed by SQL aggregates;
 * overdue and on schedule are judged on today's Shanghai date. Grouped by
 * category, a problem counts under each of its categories and each of their
 * ancestors (once per group), so the rows of a parent and its children overlap.
 */
export async function problemStatistics(
  db: Tx,
  actor: Actor,
  now: Date,
  q: StatisticsQuery,
): Promise<StatisticsResponse> {
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
  const total = counts(await stats.totals(db, where, today));
  const rows = await groupRows(db, q.groupBy, where, today, under);
  return {
    groupBy: q.groupBy,
    asOf: today,
    total,
    rows: rows.map((r) => ({ key: { id: r.keyId, name: r.keyName }, ...counts(r) })),
  };
}

function groupRows(
  db: Tx,
  groupBy: StatisticsQuery['groupBy'],
  where: SQL,
  today: string,
  under: { id: number; path: string } | null,
) {
  const byFound = sql`g.found DESC, g.key`;
  switch (groupBy) {
    case 'unit':
      if (under) {
        // Each unit directly below `under` with its whole subtree, and `under` itself.
        return stats.grouped(db, {
          from: sql`problems p JOIN units u ON u.id = p.unit_id`,
          key: sql`coalesce(nullif(split_part(substr(u.path, ${under.path.length + 1}), '/', 1), '')::int, ${under.id})`,
          where,
          today,
          names: sql`g.key AS "keyId", (SELECT name FROM units WHERE id = g.key) AS "keyName"`,
          order: sql`g.key = ${under.id} DESC, (SELECT sort FROM units WHERE id = g.key), g.key`,
        });
      }
      return stats.grouped(db, {
        from: sql`problems p`,
        key: sql`p.unit_id`,
        where,
        today,
        names: sql`g.key AS "keyId", (SELECT name FROM units WHERE id = g.key) AS "keyName"`,
        order: byFound,
      });
    case 'category':
      return stats.grouped(db, {
        from: sql`problems p JOIN problem_category_links l ON l.problem_id = p.id`,
        key: sql`l.category_id`,
        where,
        today,
        names: sql`g.key AS "keyId", (SELECT name_zh FROM problem_categories WHERE id = g.key) AS "keyName"`,
        order: sql`(SELECT path FROM problem_categories WHERE id = g.key)`,
      });
    case 'source':
      return stats.grouped(db, {
        from: sql`problems p`,
        key: sql`p.source_id`,
        where,
        today,
        names: sql`g.key AS "keyId", (SELECT name_zh FROM problem_sources WHERE id = g.key) AS "keyName"`,
        order: sql`(SELECT sort FROM problem_sources WHERE id = g.key), g.key`,
      });
    case 'campaign':
      return stats.grouped(db, {
        from: sql`problems p`,
        key: sql`p.campaign_id`,
        where,
        today,
        names: sql`g.key AS "keyId", coalesce((SELECT name FROM campaigns WHERE id = g.key), '日常工作') AS "keyName"`,
        order: sql`g.key NULLS LAST`,
      });
    case 'month':
      return stats.grouped(db, {
        from: sql`problems p`,
        key: sql`to_char(p.found_on, 'YYYY-MM')`,
        where,
        today,
        names: sql`NULL::int AS "keyId", g.key AS "keyName"`,
        order: sql`g.key`,
      });
  }
}
