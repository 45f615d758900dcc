import { sql } from 'drizzle-orm';
import type { ExplainRecord } from '../../../domain/contracts/evaluation.ts';
import type { RecordKind } from '../../../domain/evaluation/metrics.ts';
import { intArray, type Tx } from '../../db/client.ts';
import type { AbsentReport } from './metrics.repository.ts';

type Row = Omit<ExplainRecord, 'counted' | 'kind'> & Record<string, unknown>;

const short = (column: string) => sql.raw(`left(${column}, 80)`);

/** What a record is, by kind: title, unit, the date that decided it, status, a note. */
const detailSql = {
  task: (ids: number[]) => sql`SELECT t.id, t.code || ' ' || t.title AS title, u.name AS "unitName",
      t.deadline::text AS date, t.status, coalesce(to_char(coalesce(t.claimed_at, t.completed_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), '') AS note
    FROM tasks t JOIN units u ON u.id = t.lead_unit_id WHERE t.id = ANY(${intArray(ids)})`,
  report: (
    ids: number[],
  ) => sql`SELECT r.id, coalesce(t.code || ' ' || t.title, i.title) || ' · ' || r.period_key AS title,
      u.name AS "unitName", r.due_on::text AS date, r.status,
      CASE WHEN r.late THEN 'late' ELSE '' END AS note
    FROM reports r JOIN units u ON u.id = r.unit_id LEFT JOIN tasks t ON t.id = r.task_id
    LEFT JOIN report_items i ON i.id = r.item_id WHERE r.id = ANY(${intArray(ids)})`,
  problem: (ids: number[]) => sql`SELECT p.id, ${short('p.description')} AS title, u.name AS "unitName",
      p.deadline::text AS date, p.status, 'found ' || p.found_on::text AS note
    FROM problems p JOIN units u ON u.id = p.unit_id WHERE p.id = ANY(${intArray(ids)})`,
  survey: (
    ids: number[],
  ) => sql`SELECT a.id::int AS id, repeat('★', a.rating) || repeat('☆', 5 - a.rating) AS title,
      u.name AS "unitName", to_char(a.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date,
      a.rating::text AS status, ${short('a.comment')} AS note
    FROM survey_answers a JOIN units u ON u.id = a.unit_id WHERE a.id = ANY(${intArray(ids)}::bigint[])`,
  event: (ids: number[]) => sql`SELECT e.id, e.title, u.name AS "unitName", e.occurred_on::text AS date,
      e.kind AS status, e.origin || CASE WHEN e.withdrawn_at IS NULL THEN '' ELSE ' withdrawn' END AS note
    FROM evaluation_events e JOIN units u ON u.id = e.unit_id WHERE e.id = ANY(${intArray(ids)})`,
  value: (
    ids: number[],
  ) => sql`SELECT v.id, v.indicator_id || ' = ' || v.value AS title, u.name AS "unitName",
      to_char(v.entered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, v.origin AS status, v.note
    FROM evaluation_values v JOIN units u ON u.id = v.unit_id WHERE v.id = ANY(${intArray(ids)})`,
} satisfies Record<RecordKind, (ids: number[]) => unknown>;

/** The records of `kind` with these ids, in the order given (a record since removed is left out). */
export async function recordDetails(db: Tx, kind: RecordKind, ids: readonly number[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const r = await db.execute<Row>(detailSql[kind]([...ids]));
  const byId = new Map(r.rows.map((x) => [Number(x.id), x]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, id: Number(row.id) }] : [];
  });
}

/** Reports due and never written, with the task or item they were owed for. */
export async function absentDetails(db: Tx, absent: readonly AbsentReport[]): Promise<Row[]> {
  if (absent.length === 0) return [];
  const taskIds = [...new Set(absent.flatMap((a) => (a.taskId === null ? [] : [a.taskId])))];
  const itemIds = [...new Set(absent.flatMap((a) => (a.itemId === null ? [] : [a.itemId])))];
  const unitIds = [...new Set(absent.map((a) => a.unitId))];
  const [tasks, items, units] = await Promise.all([
    db.execute<{ id: number; title: string }>(
      sql`SELECT id, code || ' ' || title AS title FROM tasks WHERE id = ANY(${intArray(taskIds)})`,
    ),
    db.execute<{ id: number; title: string }>(
      sql`SELECT id, title FROM report_items WHERE id = ANY(${intArray(itemIds)})`,
    ),
    db.execute<{ id: number; name: string }>(
      sql`SELECT id, name FROM units WHERE id = ANY(${intArray(unitIds)})`,
    ),
  ]);
  const title = new Map<string, string>([
    ...tasks.rows.map((t) => [`t${t.id}`, t.title] as const),
    ...items.rows.map((i) => [`i${i.id}`, i.title] as const),
  ]);
  const unit = new Map(units.rows.map((u) => [u.id, u.name]));
  return absent.map((a) => ({
    id: null,
    title: `${title.get(a.taskId !== null ? `t${a.taskId}` : `i${a.itemId}`) ?? ''} · ${a.period}`,
    unitName: unit.get(a.unitId) ?? '',
    date: a.dueOn,
    status: 'missing',
    note: 'missing',
  }));
}
