import { sql } from 'drizzle-orm';
import type { PersonRef, UnitRef } from '../../../domain/tasks/task-sheet-names.ts';
import { intArray, type Tx } from '../../db/client.ts';
import { pathInScope } from '../units/units.repository.ts';

/** Active units in the scope (paths), with their paths: the responsible units a sheet may name. */
export async function unitsIn(db: Tx, scope: readonly string[]): Promise<(UnitRef & { path: string })[]> {
  const r = await db.execute<UnitRef & { path: string } & Record<string, unknown>>(
    sql`SELECT id, name, code, path FROM units u WHERE u.active AND ${pathInScope(sql`u.path`, scope)} ORDER BY path`,
  );
  return r.rows;
}

/** Active people with their unit, to name a responsible person. */
export async function activePeople(db: Tx): Promise<(PersonRef & { unitId: number })[]> {
  const r = await db.execute<PersonRef & { unitId: number } & Record<string, unknown>>(sql`
    SELECT p.id, p.name, p.username, u.name AS "unitName", p.unit_id AS "unitId"
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.active ORDER BY p.id`);
  return r.rows;
}

/** The problems as drafts (the sheet's fields), in the order given. */
export async function draftRows(db: Tx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const r = await db.execute<{
    id: number;
    description: string;
    sourceId: number;
    categoryIds: number[];
    foundOn: string;
    foundBy: string;
    unitId: number;
    personId: number | null;
    severity: 'general' | 'major' | 'severe';
    deadline: string;
    longTerm: boolean;
    stages: { date: string; title: string; percent: number }[] | null;
  }>(sql`SELECT p.id, p.description, p.source_id AS "sourceId",
      ARRAY(SELECT l.category_id FROM problem_category_links l JOIN problem_categories c ON c.id = l.category_id
            WHERE l.problem_id = p.id AND l.direct ORDER BY c.path) AS "categoryIds",
      p.found_on AS "foundOn", p.found_by AS "foundBy", p.unit_id AS "unitId", p.person_id AS "personId",
      p.severity, p.deadline, p.long_term AS "longTerm",
      (SELECT json_agg(json_build_object('date', to_char(s.due_on, 'YYYY-MM-DD'), 'title', s.title, 'percent', s.percent)
         ORDER BY s.due_on, s.id) FROM problem_stages s WHERE s.problem_id = p.id) AS stages
    FROM problems p WHERE p.id = ANY(${intArray(ids)})`);
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    return x ? [{ ...x, stages: x.stages ?? [] }] : [];
  });
}
