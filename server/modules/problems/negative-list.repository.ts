import { sql } from 'drizzle-orm';
import type { ProblemStatus } from '../../../domain/problems/problem-lifecycle.ts';
import { executeNamed, type Tx } from '../../db/client.ts';
import { openSql, overdueSql } from './problems.repository.ts';

/** One line of a negative list, with its categories and measures (as the database aggregates them). */
export interface NegativeListRow extends Record<string, unknown> {
  id: number;
  description: string;
  unitId: number;
  unitName: string;
  sourceId: number;
  sourceName: string;
  foundOn: string;
  deadline: string;
  status: ProblemStatus;
  claimedOn: string | null;
  longTerm: boolean;
  progress: number;
  behindFrom: string | null;
  personId: number | null;
  personName: string | null;
  categories: { id: number; name: string }[];
  measures: { id: number; text: string; owner: string; dueOn: string; done: boolean }[];
}

/** A unit's id, name and path (for the scope check), or undefined. */
export async function unitRef(
  db: Tx,
  id: number,
): Promise<{ id: number; name: string; path: string } | undefined> {
  const r = await executeNamed<{ id: number; name: string; path: string }>(
    db,
    'problems_unit_ref',
    sql`SELECT id, name, path FROM units WHERE id = ${id}::int`,
  );
  return r.rows[0];
}

/**
 * 负面清单: the open problems of a unit (or of it and every unit below it),
 * optionally of one campaign, overdue first, then by deadline, at most
 * `limit`, each with its given categories and its measures in order. One
 * named statement: the unit's open problems are found through
 * `problems_unit_status_idx`, and only those rows are read, joined and their
 * categories and measures aggregated (once for the page, not once per row). The
 * caller has checked that the actor reads the unit; whoever reads a unit
 * reads every unit below it, so no other visibility condition is needed.
 */
export async function negativeListRows(
  db: Tx,
  q: { unitId: number; includeSubunits: boolean; campaignId: number | null; today: string; limit: number },
): Promise<NegativeListRow[]> {
  const units = q.includeSubunits
    ? sql`p.unit_id = ANY (ARRAY(SELECT su.id FROM units su
        WHERE su.path LIKE (SELECT pu.path FROM units pu WHERE pu.id = ${q.unitId}::int) || '%'))`
    : sql`p.unit_id = ${q.unitId}::int`;
  const r = await executeNamed<NegativeListRow>(
    db,
    q.includeSubunits ? 'negative_list_subtree' : 'negative_list_unit',
    sql`WITH page AS (
          SELECT p.id, p.description, p.unit_id, p.source_id, p.found_on, p.deadline, p.status, p.claimed_on,
            p.long_term, p.progress, p.behind_from, p.person_id, ${overdueSql(q.today)} AS overdue
          FROM problems p
          WHERE ${units} AND ${openSql} AND (${q.campaignId}::int IS NULL OR p.campaign_id = ${q.campaignId}::int)
          ORDER BY overdue DESC, p.deadline, p.id
          LIMIT ${q.limit}::int),
        cats AS (
          SELECT l.problem_id, json_agg(json_build_object('id', c.id, 'name', c.name_zh) ORDER BY c.path) AS list
          FROM page JOIN problem_category_links l ON l.problem_id = page.id AND l.direct
            JOIN problem_categories c ON c.id = l.category_id
          GROUP BY 1),
        measures AS (
          SELECT m.problem_id, json_agg(json_build_object('id', m.id, 'text', m.text, 'owner', m.owner,
              'dueOn', m.due_on, 'done', m.done) ORDER BY m.seq) AS list
          FROM page JOIN problem_measures m ON m.problem_id = page.id
          GROUP BY 1)
        SELECT page.id, page.description, page.unit_id AS "unitId", u.name AS "unitName",
          page.source_id AS "sourceId", s.name_zh AS "sourceName", page.found_on AS "foundOn", page.deadline,
          page.status, page.claimed_on AS "claimedOn", page.long_term AS "longTerm", page.progress,
          page.behind_from AS "behindFrom", page.person_id AS "personId", pp.name AS "personName",
          coalesce(cats.list, '[]') AS categories, coalesce(measures.list, '[]') AS measures
        FROM page JOIN units u ON u.id = page.unit_id JOIN problem_sources s ON s.id = page.source_id
          LEFT JOIN people pp ON pp.id = page.person_id
          LEFT JOIN cats ON cats.problem_id = page.id
          LEFT JOIN measures ON measures.problem_id = page.id
        ORDER BY page.overdue DESC, page.deadline, page.id`,
  );
  return r.rows;
}
