import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import type {
  EscalationObjectKind,
  EscalationRule,
  EscalationRules,
} from '../../../domain/supervision/escalation-rules.ts';
import type { ExistingNotice } from '../../../domain/supervision/escalation.ts';
import type { ProblemStatus } from '../../../domain/problems/problem-lifecycle.ts';
import type { Cadence } from '../../../domain/tasks/cadence.ts';
import type { TaskStatus } from '../../../domain/tasks/task-lifecycle.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';

/** The rules as stored, by kind. */
export async function loadRules(db: Tx): Promise<EscalationRules> {
  const r = await db.execute<{ kind: EscalationObjectKind; steps: EscalationRule['steps'] }>(
    sql`SELECT kind, steps FROM escalation_rules ORDER BY kind`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.kind, { steps: x.steps }]));
}

export interface RuleRow extends Record<string, unknown> {
  kind: EscalationObjectKind;
  steps: EscalationRule['steps'];
  updatedAt: Date;
}

export async function listRules(db: Tx): Promise<RuleRow[]> {
  const r = await db.execute<RuleRow>(
    sql`SELECT kind, steps, updated_at AS "updatedAt" FROM escalation_rules ORDER BY kind`,
  );
  return withDates(r.rows, 'updatedAt');
}

export async function lockRule(tx: Tx, kind: EscalationObjectKind): Promise<RuleRow | undefined> {
  const r = await tx.execute<RuleRow>(
    sql`SELECT kind, steps, updated_at AS "updatedAt" FROM escalation_rules WHERE kind = ${kind} FOR UPDATE`,
  );
  return withDates(r.rows, 'updatedAt')[0];
}

export async function upsertRule(
  tx: Tx,
  kind: EscalationObjectKind,
  steps: EscalationRule['steps'],
  by: number,
  now: Date,
): Promise<void> {
  await tx.execute(sql`INSERT INTO escalation_rules (kind, steps, updated_at, updated_by)
    VALUES (${kind}, ${JSON.stringify(steps)}::jsonb, ${now}, ${by})
    ON CONFLICT (kind) DO UPDATE SET steps = EXCLUDED.steps, updated_at = EXCLUDED.updated_at,
      updated_by = EXCLUDED.updated_by`);
}

export async function deleteRule(tx: Tx, kind: EscalationObjectKind): Promise<void> {
  await tx.execute(sql`DELETE FROM escalation_rules WHERE kind = ${kind}`);
}

/**
 * The responsible leader over a unit (given as an SQL path expression): the
 * active person holding the leader role on the nearest unit at or above it.
 */
export const unitLeaderSql = (unitPath: SQL) => sql`(SELECT g.person_id FROM grants g
    JOIN units gu ON gu.id = g.unit_id JOIN people gp ON gp.id = g.person_id
   WHERE g.role = 'leader' AND gp.active AND ${unitPath} LIKE gu.path || '%'
   ORDER BY gu.depth DESC, g.person_id LIMIT 1)`;

/** What the job needs to know of a task. */
export interface TaskFacts extends Record<string, unknown> {
  id: number;
  code: string;
  title: string;
  status: TaskStatus;
  startOn: IsoDate;
  deadline: IsoDate;
  cadence: Cadence;
  issuedAt: Date | null;
  claimedAt: Date | null;
  completedAt: Date | null;
  unitId: number;
  campaignId: number;
  campaignClosed: boolean;
  /** 包保领导: the task's (or its parent's) first responsible leader, else the leader over its unit. */
  leaderId: number | null;
}

const taskFactColumns = sql`t.id, t.code, t.title, t.status, t.start_on AS "startOn", t.deadline, t.cadence,
  t.issued_at AS "issuedAt", t.claimed_at AS "claimedAt", t.completed_at AS "completedAt",
  t.lead_unit_id AS "unitId", t.campaign_id AS "campaignId", c.closed AS "campaignClosed",
  coalesce((SELECT min(tl.person_id) FROM task_leaders tl WHERE tl.task_id = t.id),
           (SELECT min(tl.person_id) FROM task_leaders tl WHERE tl.task_id = t.parent_id),
           ${unitLeaderSql(sql`lu.path`)}) AS "leaderId"`;

const taskFactsFrom = sql`FROM tasks t JOIN campaigns c ON c.id = t.campaign_id JOIN units lu ON lu.id = t.lead_unit_id`;

const datedTasks = (rows: TaskFacts[]) => withDates(rows, 'issuedAt', 'claimedAt', 'completedAt');

/**
 * Tasks that can slip (issued and not finished, in an open campaign: they may
 * be overdue or owe reports) and tasks with a live notice, on themselves or
 * on one of their reports.
 */
export async function escalationTasks(db: Tx): Promise<TaskFacts[]> {
  const r = await db.execute<TaskFacts>(sql`SELECT ${taskFactColumns} ${taskFactsFrom}
    WHERE (t.status IN ('issued','signed','in_progress','completion_claimed') AND NOT c.closed)
       OR t.id = ANY (ARRAY(
            SELECT split_part(n.object_id, '/', 1)::int FROM supervision_notices n
             WHERE n.object_kind IN ('task_overdue','report_late') AND n.status IN ('open','answered')))
    ORDER BY t.id`);
  return datedTasks(r.rows);
}

/** One task's facts (for a notice raised by hand), with its unit's path. */
export async function taskFactsOf(
  db: Tx,
  id: number,
): Promise<(TaskFacts & { unitPath: string }) | undefined> {
  const r = await db.execute<TaskFacts & { unitPath: string }>(
    sql`SELECT ${taskFactColumns}, lu.path AS "unitPath" ${taskFactsFrom} WHERE t.id = ${id}`,
  );
  return datedTasks(r.rows)[0] as (TaskFacts & { unitPath: string }) | undefined;
}

/** The periods each task has an approved (received) report for. */
export async function approvedPeriods(db: Tx, taskIds: readonly number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (taskIds.length === 0) return out;
  const r = await db.execute<{ taskId: number; periodKey: string }>(
    sql`SELECT task_id AS "taskId", period_key AS "periodKey" FROM reports
        WHERE task_id = ANY(${intArray(taskIds)}) AND status = 'approved'`,
  );
  for (const x of r.rows) {
    const set = out.get(x.taskId);
    if (set) set.add(x.periodKey);
    else out.set(x.taskId, new Set([x.periodKey]));
  }
  return out;
}

/** What the job needs to know of a problem. */
export interface ProblemFacts extends Record<string, unknown> {
  id: number;
  description: string;
  status: ProblemStatus;
  deadline: IsoDate;
  claimedOn: IsoDate | null;
  unitId: number;
  campaignId: number | null;
  leaderId: number | null;
}

const problemFactColumns = sql`p.id, p.description, p.status, p.deadline, p.claimed_on AS "claimedOn",
  p.unit_id AS "unitId", p.campaign_id AS "campaignId", ${unitLeaderSql(sql`pu.path`)} AS "leaderId"`;

/** Open problems past their deadline, and problems with a live notice. */
export async function escalationProblems(db: Tx, today: IsoDate): Promise<ProblemFacts[]> {
  const r = await db.execute<ProblemFacts>(sql`SELECT ${problemFactColumns}
    FROM problems p JOIN units pu ON pu.id = p.unit_id
    WHERE (p.status IN ('assigned','rectifying','returned','closing_claimed') AND p.deadline < ${today}::date)
       OR p.id = ANY (ARRAY(
            SELECT n.object_id::int FROM supervision_notices n
             WHERE n.object_kind = 'problem_overdue' AND n.status IN ('open','answered')))
    ORDER BY p.id`);
  return r.rows;
}

/** One problem's facts (for a notice raised by hand), with its unit's path. */
export async function problemFactsOf(
  db: Tx,
  id: number,
): Promise<(ProblemFacts & { unitPath: string }) | undefined> {
  const r = await db.execute<ProblemFacts & { unitPath: string }>(sql`SELECT ${problemFactColumns},
      pu.path AS "unitPath" FROM problems p JOIN units pu ON pu.id = p.unit_id WHERE p.id = ${id}`);
  return r.rows[0];
}

/** Every notice (any status) of the given objects, as the planner reads them. */
export async function noticesOfObjects(
  db: Tx,
  objects: readonly { kind: EscalationObjectKind; id: string }[],
): Promise<ExistingNotice[]> {
  if (objects.length === 0) return [];
  const kinds = objects.map((o) => o.kind);
  const ids = objects.map((o) => o.id);
  const r = await db.execute<
    ExistingNotice & Record<string, unknown>
  >(sql`SELECT n.id, n.object_kind AS "objectKind",
      n.object_id AS "objectId", to_char(n.due_on, 'YYYY-MM-DD') AS "dueOn", n.level, n.status,
      to_char(n.answer_by, 'YYYY-MM-DD') AS "answerBy"
    FROM supervision_notices n
    JOIN unnest(${sql.param(kinds)}::text[], ${sql.param(ids)}::text[]) AS o(kind, id) ON n.object_kind = o.kind AND n.object_id = o.id
    ORDER BY n.id`);
  return r.rows;
}

/** A notice to insert (raised by the job or by hand). */
export interface NewNotice {
  objectKind: EscalationObjectKind;
  objectId: string;
  dueOn: IsoDate;
  campaignId: number | null;
  title: string;
  unitId: number;
  leaderId: number | null;
  level: string;
  cause: 'schedule' | 'unanswered' | 'manual';
  unansweredNoticeId: number | null;
  skippedLevels: readonly string[];
  workingDaysLate: number;
  note: string;
  raisedBy: number | null;
  raisedOn: IsoDate;
  answerBy: IsoDate;
  now: Date;
}

/**
 * Inserts a notice unless the object already has one of that level for that
 * due date (the unique key decides, so two job runs at once cannot both
 * insert it); returns its id, or undefined when it already existed.
 */
export async function insertNotice(tx: Tx, n: NewNotice): Promise<number | undefined> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO supervision_notices (object_kind, object_id, due_on,
      campaign_id, title, unit_id, leader_id, level, cause, unanswered_notice_id, skipped_levels,
      working_days_late, note, raised_by, raised_on, raised_at, answer_by, status, updated_at)
    VALUES (${n.objectKind}, ${n.objectId}, ${n.dueOn}::date, ${n.campaignId}, ${n.title}, ${n.unitId},
      ${n.leaderId}, ${n.level}, ${n.cause}, ${n.unansweredNoticeId}, ${sql.param([...n.skippedLevels])}::text[],
      ${n.workingDaysLate}, ${n.note}, ${n.raisedBy}, ${n.raisedOn}::date, ${n.now}, ${n.answerBy}::date,
      'open', ${n.now})
    ON CONFLICT (object_kind, object_id, due_on, level) DO NOTHING
    RETURNING id`);
  return r.rows[0]?.id;
}

/**
 * Ends a live notice (escalated, resolved, dismissed); returns its status
 * before, or undefined when it had already ended (another run got there first).
 */
export async function endLiveNotice(
  tx: Tx,
  id: number,
  to: string,
  reason: string,
  now: Date,
): Promise<string | undefined> {
  const r = await tx.execute<{ before: string }>(sql`UPDATE supervision_notices n
      SET status = ${to}, end_reason = ${reason}, ended_at = ${now}, updated_at = ${now}
      FROM (SELECT id, status FROM supervision_notices WHERE id = ${id} FOR UPDATE) old
     WHERE n.id = old.id AND old.status IN ('open','answered')
     RETURNING old.status AS before`);
  return r.rows[0]?.before;
}

/** The report periods (`taskId/periodKey`) that have a live notice. */
export async function liveReportNoticeIds(db: Tx): Promise<string[]> {
  const r = await db.execute<{ id: string }>(
    sql`SELECT DISTINCT object_id AS id FROM supervision_notices
        WHERE object_kind = 'report_late' AND status IN ('open','answered') ORDER BY 1`,
  );
  return r.rows.map((x) => x.id);
}
