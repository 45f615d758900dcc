import { sql, type SQL } from 'drizzle-orm';
import type { TaskDraft } from '../../../domain/contracts/tasks.ts';
import type { TaskStatus } from '../../../domain/tasks/task-lifecycle.ts';
import type { Cadence } from '../../../domain/tasks/cadence.ts';
import type { Light } from '../../../domain/tasks/status-light.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';

/** One task row with what the services need alongside it. */
export interface TaskRow extends Record<string, unknown> {
  id: number;
  campaignId: number;
  campaignName: string;
  campaignClosed: boolean;
  parentId: number | null;
  code: string;
  title: string;
  description: string;
  category: string;
  targetText: string;
  targetValue: number | null;
  targetUnit: string | null;
  leadUnitId: number;
  leadUnitName: string;
  leadUnitPath: string;
  status: TaskStatus;
  startOn: string;
  deadline: string;
  cadence: Cadence;
  weight: number;
  progress: number;
  actualValue: number | null;
  light: Light | null;
  lightReasonZh: string | null;
  lightReasonEn: string | null;
  expectedPercent: number | null;
  lateReports: number;
  issuedAt: Date | null;
  signDueOn: string | null;
  signedAt: Date | null;
  signedLate: boolean;
  completionEvidence: string | null;
  claimedAt: Date | null;
  completedAt: Date | null;
  returnCount: number;
  returnReason: string | null;
  subtaskCount: number;
  openInstructions: number;
  pendingReports: number;
}

const taskColumns = sql`t.id, t.campaign_id AS "campaignId", c.name AS "campaignName", c.closed AS "campaignClosed",
  t.parent_id AS "parentId", t.code, t.title, t.description, t.category, t.target_text AS "targetText",
  t.target_value AS "targetValue", t.target_unit AS "targetUnit", t.lead_unit_id AS "leadUnitId",
  lu.name AS "leadUnitName", lu.path AS "leadUnitPath", t.status, t.start_on AS "startOn", t.deadline,
  t.cadence, t.weight, t.progress, t.actual_value AS "actualValue", t.light,
  t.light_reason_zh AS "lightReasonZh", t.light_reason_en AS "lightReasonEn",
  t.expected_percent AS "expectedPercent", t.late_reports AS "lateReports", t.issued_at AS "issuedAt",
  t.sign_due_on AS "signDueOn", t.signed_at AS "signedAt", t.signed_late AS "signedLate",
  t.completion_evidence AS "completionEvidence", t.claimed_at AS "claimedAt", t.completed_at AS "completedAt",
  t.return_count AS "returnCount", t.return_reason AS "returnReason",
  (SELECT count(*) FROM tasks s WHERE s.parent_id = t.id)::int AS "subtaskCount",
  (SELECT count(*) FROM instructions i WHERE i.task_id = t.id AND i.answer IS NULL)::int AS "openInstructions",
  (SELECT count(*) FROM reports r WHERE r.task_id = t.id AND r.status = 'submitted')::int AS "pendingReports"`;

const taskFrom = sql`FROM tasks t JOIN campaigns c ON c.id = t.campaign_id JOIN units lu ON lu.id = t.lead_unit_id`;

const dated = (rows: TaskRow[]) => withDates(rows, 'issuedAt', 'signedAt', 'claimedAt', 'completedAt');

/** Reads one task; with `lock`, locks its row for a change. */
export async function getTask(db: Tx, id: number, lock = false): Promise<TaskRow | undefined> {
  const r = await db.execute<TaskRow>(
    sql`SELECT ${taskColumns} ${taskFrom} WHERE t.id = ${id} ${lock ? sql`FOR UPDATE OF t` : sql``}`,
  );
  return dated(r.rows)[0];
}

/**
 * Reads a page of the tasks matching a condition over `t`, in a stable order
 * (also over `t`). The page's ids are chosen on the tasks table alone; only
 * those rows are then joined and given their counts, not every match.
 */
export async function findTasks(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
  order: SQL = sql`t.id`,
): Promise<TaskRow[]> {
  const r = await db.execute<TaskRow>(
    sql`SELECT ${taskColumns} ${taskFrom}
        WHERE t.id IN (SELECT t.id FROM tasks t WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset})
        ORDER BY ${order}`,
  );
  return dated(r.rows);
}

/**
 * Counts the matching tasks, and how many of them carry each light. `where` is a
 * condition over `t` alone (as `visibleTasks` is): with no join, a campaign's
 * counts come from an index-only scan (campaign, light) rather than from every
 * row joined to its unit, and grouping by light reads each entry once.
 */
export async function countTasks(
  db: Tx,
  where: SQL,
): Promise<{ total: number; green: number; yellow: number; red: number }> {
  const r = await db.execute<{ light: string | null; n: number }>(
    sql`SELECT t.light, count(*)::int AS n FROM tasks t WHERE ${where} GROUP BY t.light`,
  );
  const of = (light: string) => r.rows.find((x) => x.light === light)?.n ?? 0;
  return {
    total: r.rows.reduce((sum, x) => sum + x.n, 0),
    green: of('green'),
    yellow: of('yellow'),
    red: of('red'),
  };
}

export type NamedRef = {
  id: number;
  name: string;
};

/** Leaders (包保领导) of several tasks, by task id. */
export async function leadersOf(db: Tx, taskIds: readonly number[]): Promise<Map<number, NamedRef[]>> {
  const out = new Map<number, NamedRef[]>();
  if (taskIds.length === 0) return out;
  const r = await db.execute<{ taskId: number; id: number; name: string }>(
    sql`SELECT tl.task_id AS "taskId", p.id, p.name FROM task_leaders tl JOIN people p ON p.id = tl.person_id
        WHERE tl.task_id = ANY(${intArray(taskIds)}) ORDER BY p.name, p.id`,
  );
  for (const row of r.rows) {
    const list = out.get(row.taskId) ?? [];
    list.push({ id: row.id, name: row.name });
    out.set(row.taskId, list);
  }
  return out;
}

/** Cooperating units (配合单位) of one task. */
export async function cooperatorsOf(db: Tx, taskId: number): Promise<NamedRef[]> {
  const r = await db.execute<NamedRef>(
    sql`SELECT u.id, u.name FROM task_cooperators tc JOIN units u ON u.id = tc.unit_id
        WHERE tc.task_id = ${taskId} ORDER BY u.sort, u.id`,
  );
  return r.rows;
}

export interface MilestoneRow extends Record<string, unknown> {
  id: number;
  date: string;
  title: string;
  percent: number;
  doneOn: string | null;
}

export async function milestonesOf(db: Tx, taskId: number): Promise<MilestoneRow[]> {
  const r = await db.execute<MilestoneRow>(
    sql`SELECT id, due_on AS date, title, percent, done_on AS "doneOn" FROM task_milestones
        WHERE task_id = ${taskId} ORDER BY due_on, id`,
  );
  return r.rows;
}

/** The ids of the leaders of a task and of its parent, and whether a change request waits. */
export async function taskFacts(
  db: Tx,
  task: { id: number; parentId: number | null },
): Promise<{ leaderIds: number[]; parentLeaderIds: number[]; hasPendingChange: boolean }> {
  const r = await db.execute<{ leaderIds: number[]; parentLeaderIds: number[]; pending: boolean }>(
    sql`SELECT
      ARRAY(SELECT person_id FROM task_leaders WHERE task_id = ${task.id}) AS "leaderIds",
      ARRAY(SELECT person_id FROM task_leaders WHERE task_id = ${task.parentId ?? 0}) AS "parentLeaderIds",
      EXISTS (SELECT 1 FROM change_requests WHERE task_id = ${task.id} AND status = 'pending') AS pending`,
  );
  const row = r.rows[0]!;
  return { leaderIds: row.leaderIds, parentLeaderIds: row.parentLeaderIds, hasPendingChange: row.pending };
}

/** Spreads milestones without a planned percent evenly: the i-th of n plans i/n of the work. */
export function plannedPercents(milestones: TaskDraft['milestones']): number[] {
  const sorted = [...milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return sorted.map((m, i) => m.percent ?? Math.round(((i + 1) / sorted.length) * 100));
}

/** Inserts a task with its leaders, cooperating units and milestones; returns its id. */
export async function insertTask(
  tx: Tx,
  input: {
    campaignId: number;
    parentId: number | null;
    draft: TaskDraft;
    weight?: number;
    status?: TaskStatus;
    decisionId?: number | null;
    createdBy: number;
    now: Date;
  },
): Promise<number> {
  const d = input.draft;
  const r = await tx.execute<{ id: number }>(
    sql`INSERT INTO tasks (campaign_id, parent_id, code, title, description, category, target_text, target_value,
          target_unit, lead_unit_id, status, start_on, deadline, cadence, weight, decision_id, created_by,
          created_at, updated_at)
        VALUES (${input.campaignId}, ${input.parentId}, ${d.code}, ${d.title}, ${d.description}, ${d.category},
          ${d.targetText}, ${d.targetValue}, ${d.targetUnit}, ${d.leadUnitId}, ${input.status ?? 'draft'},
          ${d.start}::date, ${d.deadline}::date, ${d.cadence}, ${input.weight ?? 1}, ${input.decisionId ?? null},
          ${input.createdBy}, ${input.now}, ${input.now})
        RETURNING id`,
  );
  const id = r.rows[0]!.id;
  await replaceTaskLinks(tx, id, d);
  return id;
}

/** Replaces a task's leaders, cooperating units and milestones with those of the draft. */
export async function replaceTaskLinks(
  tx: Tx,
  taskId: number,
  d: Partial<Pick<TaskDraft, 'leaderIds' | 'cooperatingUnitIds' | 'milestones'>>,
): Promise<void> {
  if (d.leaderIds) {
    await tx.execute(sql`DELETE FROM task_leaders WHERE task_id = ${taskId}`);
    await tx.execute(sql`INSERT INTO task_leaders (task_id, person_id)
      SELECT ${taskId}, unnest(${intArray(d.leaderIds)})`);
  }
  if (d.cooperatingUnitIds) {
    await tx.execute(sql`DELETE FROM task_cooperators WHERE task_id = ${taskId}`);
    if (d.cooperatingUnitIds.length) {
      await tx.execute(sql`INSERT INTO task_cooperators (task_id, unit_id)
        SELECT ${taskId}, unnest(${intArray(d.cooperatingUnitIds)})`);
    }
  }
  if (d.milestones) {
    await tx.execute(sql`DELETE FROM task_milestones WHERE task_id = ${taskId}`);
    const sorted = [...d.milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const percents = plannedPercents(sorted);
    for (const [i, m] of sorted.entries()) {
      await tx.execute(sql`INSERT INTO task_milestones (task_id, due_on, title, percent)
        VALUES (${taskId}, ${m.date}::date, ${m.title}, ${percents[i]})`);
    }
  }
}

/** Sets columns of a task (snake_case names from a fixed list), and `updated_at`. */
export async function updateTask(
  tx: Tx,
  id: number,
  changes: Partial<Record<TaskColumn, unknown>>,
  now: Date,
): Promise<void> {
  const sets = Object.entries(changes).map(([k, v]) => {
    if (!taskColumnNames.has(k as TaskColumn)) throw new Error(`not a task column: ${k}`);
    const cast = k === 'start_on' || k === 'deadline' || k === 'sign_due_on' ? sql`::date` : sql``;
    return sql`${sql.identifier(k)} = ${v}${cast}`;
  });
  if (!sets.length) return;
  await tx.execute(sql`UPDATE tasks SET ${sql.join(sets, sql`, `)}, updated_at = ${now} WHERE id = ${id}`);
}

const taskColumnList = [
  'title',
  'description',
  'category',
  'target_text',
  'target_value',
  'target_unit',
  'lead_unit_id',
  'status',
  'start_on',
  'deadline',
  'cadence',
  'progress',
  'actual_value',
  'light',
  'light_reason_zh',
  'light_reason_en',
  'expected_percent',
  'light_on',
  'late_reports',
  'issued_at',
  'sign_due_on',
  'signed_at',
  'signed_by',
  'signed_late',
  'completion_evidence',
  'claimed_at',
  'completed_at',
  'return_count',
  'return_reason',
] as const;
export type TaskColumn = (typeof taskColumnList)[number];
const taskColumnNames = new Set<TaskColumn>(taskColumnList);

export async function deleteTask(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`DELETE FROM tasks WHERE id = ${id}`);
}

/** Codes already used in a campaign (for imports and subtasks). */
export async function codesOf(db: Tx, campaignId: number): Promise<Set<string>> {
  const r = await db.execute<{ code: string }>(sql`SELECT code FROM tasks WHERE campaign_id = ${campaignId}`);
  return new Set(r.rows.map((x) => x.code));
}

/** Subtasks of a task with what the roll-up needs. */
export async function subtaskProgress(
  db: Tx,
  parentId: number,
): Promise<{ id: number; weight: number; progress: number; status: TaskStatus }[]> {
  const r = await db.execute<{ id: number; weight: number; progress: number; status: TaskStatus }>(
    sql`SELECT id, weight, progress, status FROM tasks WHERE parent_id = ${parentId} ORDER BY id`,
  );
  return r.rows;
}

/** Approved reports of a task: period key → when the office received it. */
export async function receivedReports(db: Tx, taskId: number): Promise<Map<string, Date>> {
  const r = await db.execute<{ periodKey: string; decidedAt: string }>(
    sql`SELECT period_key AS "periodKey", decided_at AS "decidedAt" FROM reports
        WHERE task_id = ${taskId} AND status = 'approved'`,
  );
  return new Map(r.rows.map((x) => [x.periodKey, new Date(x.decidedAt)]));
}

/** Active units with their paths, by id (to check a lead or cooperating unit). */
export async function unitsByIds(
  db: Tx,
  ids: readonly number[],
): Promise<Map<number, { id: number; name: string; path: string; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; name: string; path: string; active: boolean }>(
    sql`SELECT id, name, path, active FROM units WHERE id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((u) => [u.id, u]));
}

/** People by id with whether they hold the leader role. */
export async function leadersByIds(
  db: Tx,
  ids: readonly number[],
): Promise<Map<number, { id: number; name: string; active: boolean; isLeader: boolean }>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; name: string; active: boolean; isLeader: boolean }>(
    sql`SELECT p.id, p.name, p.active,
          EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id AND g.role = 'leader') AS "isLeader"
        FROM people p WHERE p.id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((p) => [p.id, p]));
}

/** Marks the milestones whose planned share the progress has reached as done today. */
export async function markMilestonesDone(
  tx: Tx,
  taskId: number,
  progress: number,
  today: string,
): Promise<void> {
  await tx.execute(sql`UPDATE task_milestones SET done_on = ${today}::date
    WHERE task_id = ${taskId} AND done_on IS NULL AND percent <= ${progress}`);
}

/** Tasks as drafts (the import format), with leaders, cooperating units and milestones, in the given order. */
export async function draftsOf(db: Tx, ids: readonly number[]): Promise<TaskDraft[]> {
  if (ids.length === 0) return [];
  const r = await db.execute<{
    id: number;
    code: string;
    title: string;
    description: string;
    category: string;
    targetText: string;
    targetValue: number | null;
    targetUnit: string | null;
    leadUnitId: number;
    start: string;
    deadline: string;
    cadence: TaskDraft['cadence'];
    leaderIds: number[];
    cooperatingUnitIds: number[];
    milestones: { date: string; title: string; percent: number }[] | null;
  }>(sql`SELECT t.id, t.code, t.title, t.description, t.category, t.target_text AS "targetText",
      t.target_value AS "targetValue", t.target_unit AS "targetUnit", t.lead_unit_id AS "leadUnitId",
      t.start_on AS start, t.deadline, t.cadence,
      ARRAY(SELECT person_id FROM task_leaders WHERE task_id = t.id ORDER BY person_id) AS "leaderIds",
      ARRAY(SELECT unit_id FROM task_cooperators WHERE task_id = t.id ORDER BY unit_id) AS "cooperatingUnitIds",
      (SELECT json_agg(json_build_object('date', to_char(m.due_on, 'YYYY-MM-DD'), 'title', m.title, 'percent', m.percent)
         ORDER BY m.due_on, m.id) FROM task_milestones m WHERE m.task_id = t.id) AS milestones
    FROM tasks t WHERE t.id = ANY(${intArray(ids)})`);
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    if (!x) return [];
    return [
      {
        code: x.code,
        title: x.title,
        description: x.description,
        category: x.category,
        targetText: x.targetText,
        targetValue: x.targetValue,
        targetUnit: x.targetUnit,
        leaderIds: x.leaderIds,
        leadUnitId: x.leadUnitId,
        cooperatingUnitIds: x.cooperatingUnitIds,
        start: x.start,
        deadline: x.deadline,
        milestones: x.milestones ?? [],
        cadence: x.cadence,
      },
    ];
  });
}
