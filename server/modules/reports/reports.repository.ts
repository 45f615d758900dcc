import { sql, type SQL } from 'drizzle-orm';
import type { Cadence } from '../../../domain/tasks/cadence.ts';
import { executeNamed, withDates, type Tx } from '../../db/client.ts';
import { changeWithAudit, type CallContext } from '../audit/audit.repository.ts';

export interface ReportRow extends Record<string, unknown> {
  id: number;
  taskId: number | null;
  itemId: number | null;
  unitId: number;
  unitName: string;
  unitPath: string;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: 'submitted' | 'approved' | 'returned';
  percent: number | null;
  actualValue: number | null;
  progress: string;
  gap: string;
  reason: string;
  measures: string;
  authorId: number;
  authorName: string;
  submittedAt: Date;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  returnReason: string | null;
  late: boolean;
}

const columns = sql`r.id, r.task_id AS "taskId", r.item_id AS "itemId", r.unit_id AS "unitId", u.name AS "unitName",
  u.path AS "unitPath", r.period_key AS "periodKey", r.period_start AS "periodStart", r.period_end AS "periodEnd",
  r.due_on AS "dueOn", r.status, r.percent, r.actual_value AS "actualValue", r.progress, r.gap, r.reason,
  r.measures, r.author_id AS "authorId", a.name AS "authorName", r.submitted_at AS "submittedAt",
  r.decided_by AS "decidedById", d.name AS "decidedByName", r.decided_at AS "decidedAt",
  r.return_reason AS "returnReason", r.late`;

const from = sql`FROM reports r JOIN units u ON u.id = r.unit_id JOIN people a ON a.id = r.author_id
  LEFT JOIN people d ON d.id = r.decided_by`;

async function select(db: Tx, where: SQL, tail: SQL = sql``): Promise<ReportRow[]> {
  const r = await db.execute<ReportRow>(sql`SELECT ${columns} ${from} WHERE ${where} ${tail}`);
  return withDates(r.rows, 'submittedAt', 'decidedAt');
}

export async function getReport(db: Tx, id: number, lock = false): Promise<ReportRow | undefined> {
  return (await select(db, sql`r.id = ${id}`, lock ? sql`FOR UPDATE OF r` : sql``))[0];
}

/** The reports of a task, newest period first. */
export function reportsOfTask(db: Tx, taskId: number, limit = 100): Promise<ReportRow[]> {
  return select(db, sql`r.task_id = ${taskId}`, sql`ORDER BY r.period_start DESC, r.id DESC LIMIT ${limit}`);
}

/** The submissions of a reporting item, newest period first. */
export function reportsOfItem(
  db: Tx,
  itemId: number,
  where: SQL = sql`true`,
  limit = 500,
): Promise<ReportRow[]> {
  return select(
    db,
    sql`r.item_id = ${itemId} AND ${where}`,
    sql`ORDER BY r.period_start DESC, u.sort, r.id DESC LIMIT ${limit}`,
  );
}

/** The report of one subject for one period, locked: a task's, or an item's for one unit. */
export async function reportForPeriod(
  tx: Tx,
  subject: { taskId: number } | { itemId: number; unitId: number },
  periodKey: string,
): Promise<ReportRow | undefined> {
  const where =
    'taskId' in subject
      ? sql`r.task_id = ${subject.taskId}`
      : sql`r.item_id = ${subject.itemId} AND r.unit_id = ${subject.unitId}`;
  return (await select(tx, sql`${where} AND r.period_key = ${periodKey}`, sql`FOR UPDATE OF r`))[0];
}

export interface ReportInput {
  percent: number | null;
  actualValue: number | null;
  progress: string;
  gap: string;
  reason: string;
  measures: string;
}

export async function insertReport(
  tx: Tx,
  r: ReportInput & {
    taskId: number | null;
    itemId: number | null;
    unitId: number;
    period: { key: string; start: string; end: string };
    dueOn: string;
    authorId: number;
    now: Date;
  },
): Promise<number> {
  const res = await tx.execute<{ id: number }>(sql`
    INSERT INTO reports (task_id, item_id, unit_id, period_key, period_start, period_end, due_on, status, percent,
      actual_value, progress, gap, reason, measures, author_id, submitted_at)
    VALUES (${r.taskId}, ${r.itemId}, ${r.unitId}, ${r.period.key}, ${r.period.start}::date, ${r.period.end}::date,
      ${r.dueOn}::date, 'submitted', ${r.percent}, ${r.actualValue}, ${r.progress}, ${r.gap}, ${r.reason},
      ${r.measures}, ${r.authorId}, ${r.now})
    RETURNING id`);
  return res.rows[0]!.id;
}

/** What the one-statement report write needs to know about its task. */
export interface ReportTaskRow extends Record<string, unknown> {
  status: string;
  cadence: Cadence;
  targetValue: number | null;
  leadUnitId: number;
  leadUnitPath: string;
  campaignClosed: boolean;
  /** The stored task settings (the `settings` row 'tasks'), if any. */
  settings: unknown;
}

/** Reads, without a lock, what deciding a progress report needs: the task's state, unit, cadence and settings. */
export async function reportTask(db: Tx, taskId: number): Promise<ReportTaskRow | undefined> {
  const r = await executeNamed<ReportTaskRow>(
    db,
    'report_task',
    sql`SELECT t.status, t.cadence, t.target_value AS "targetValue", t.lead_unit_id AS "leadUnitId",
          lu.path AS "leadUnitPath", c.closed AS "campaignClosed",
          (SELECT s.value FROM settings s WHERE s.key = 'tasks') AS settings
        FROM tasks t JOIN campaigns c ON c.id = t.campaign_id JOIN units lu ON lu.id = t.lead_unit_id
        WHERE t.id = ${taskId}`,
  );
  return r.rows[0];
}

/**
 * Writes a task's first report of a period and its audit entry in one statement
 * (one implicit transaction: no BEGIN, no COMMIT round trip). The task row is
 * share-locked and must still be led by `unitId` and be signed or in progress,
 * so a concurrent verification or move waits for it or wins; a report already
 * in for the period writes nothing. Returns the new id, or undefined when
 * nothing was written (the caller then takes the transactional way, which
 * knows every reason).
 */
export async function insertTaskReportAudited(
  db: Tx,
  c: CallContext,
  r: ReportInput & {
    taskId: number;
    unitId: number;
    period: { key: string; start: string; end: string };
    dueOn: string;
  },
): Promise<number | undefined> {
  const after = { taskId: r.taskId, periodKey: r.period.key, ...pick(r) };
  const rows = await changeWithAudit<{ object_id: number }>(
    db,
    'report_insert_audited',
    c,
    'report',
    'report.submit',
    sql`INSERT INTO reports (task_id, item_id, unit_id, period_key, period_start, period_end, due_on, status,
          percent, actual_value, progress, gap, reason, measures, author_id, submitted_at)
        SELECT t.id, NULL::int, t.lead_unit_id, ${r.period.key}::text, ${r.period.start}::date, ${r.period.end}::date,
          ${r.dueOn}::date, 'submitted', ${r.percent}::float8, ${r.actualValue}::float8, ${r.progress}::text,
          ${r.gap}::text, ${r.reason}::text, ${r.measures}::text, ${c.actor.id}::int, ${c.now}::timestamptz
        FROM tasks t
        WHERE t.id = ${r.taskId}::int AND t.lead_unit_id = ${r.unitId}::int AND t.status IN ('signed', 'in_progress')
        FOR SHARE OF t
      ON CONFLICT DO NOTHING
      RETURNING id AS object_id, NULL::jsonb AS before, ${JSON.stringify(after)}::jsonb AS after`,
  );
  return rows[0]?.object_id;
}

const pick = (r: ReportInput): ReportInput => ({
  percent: r.percent,
  actualValue: r.actualValue,
  progress: r.progress,
  gap: r.gap,
  reason: r.reason,
  measures: r.measures,
});

/** A returned report written again: same period, new content, waiting for the head again. */
export async function resubmitReport(
  tx: Tx,
  id: number,
  r: ReportInput & { authorId: number; now: Date },
): Promise<void> {
  await tx.execute(sql`UPDATE reports SET status = 'submitted', percent = ${r.percent},
    actual_value = ${r.actualValue}, progress = ${r.progress}, gap = ${r.gap}, reason = ${r.reason},
    measures = ${r.measures}, author_id = ${r.authorId}, submitted_at = ${r.now}, decided_by = NULL,
    decided_at = NULL WHERE id = ${id}`);
}

export async function decideReport(
  tx: Tx,
  id: number,
  d: { status: 'approved' | 'returned'; by: number; at: Date; returnReason: string | null; late: boolean },
): Promise<void> {
  await tx.execute(sql`UPDATE reports SET status = ${d.status}, decided_by = ${d.by}, decided_at = ${d.at},
    return_reason = ${d.returnReason}, late = ${d.late} WHERE id = ${id}`);
}
