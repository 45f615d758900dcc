import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { ReportReceipt, ReportResponse, TaskSettings } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import { dueDateOf, lateFrom, periodOf, type ReportingPeriod } from '../../../domain/tasks/cadence.ts';
import type { AppDeps } from '../../deps.ts';
import type { Transaction, Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { getTaskSettings, taskSettingsOf } from '../settings/settings.service.ts';
import { refreshTask } from '../tasks/task-light.service.ts';
import { actsForLeadUnit } from '../tasks/tasks.policy.ts';
import { guardMove, lockVisibleTask, type Call } from '../tasks/tasks.service.ts';
import * as tasksRepo from '../tasks/tasks.repository.ts';
import * as repo from './reports.repository.ts';

/** Links uploaded files to a record inside the record's transaction. */
export type Attach = (tx: Transaction, ownerType: string, ownerId: number) => Promise<void>;

const writers = ['liaison', 'head'] as const;

/** What a report is about: a task, or a reporting item. */
export interface Subject {
  taskId: number | null;
  itemId: number | null;
}

/** What the caller may do with a report: the head of its unit decides; a returned one is written again. */
export function reportAbilities(actor: Actor, r: repo.ReportRow) {
  const head = inScope(scopeOf(actor, ['head']), r.unitPath);
  const writer = inScope(scopeOf(actor, writers), r.unitPath);
  return {
    approve: head && r.status === 'submitted',
    return: head && r.status === 'submitted',
    resubmit: writer && r.status === 'returned',
  };
}

export function presentReport(
  actor: Actor,
  r: repo.ReportRow,
  attachments: ReportResponse['attachments'] = [],
): ReportResponse {
  return {
    id: r.id,
    taskId: r.taskId,
    itemId: r.itemId,
    unit: { id: r.unitId, name: r.unitName },
    periodKey: r.periodKey,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueOn: r.dueOn,
    status: r.status,
    percent: r.percent,
    actualValue: r.actualValue,
    progress: r.progress,
    gap: r.gap,
    reason: r.reason,
    measures: r.measures,
    attachments,
    author: { id: r.authorId, name: r.authorName },
    submittedAt: r.submittedAt.toISOString(),
    decidedBy: r.decidedById !== null ? { id: r.decidedById, name: r.decidedByName ?? '' } : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    returnReason: r.returnReason,
    late: r.late,
    abilities: reportAbilities(actor, r),
  };
}

export interface ProgressInput {
  percent: number | null;
  actualValue: number | null;
  progress: string;
  gap: string;
  reason: string;
  measures: string;
}

/** The percent a report stands for: given, or the actual value against a numeric target. */
function percentOf(input: ProgressInput, targetValue: number | null): number {
  if (input.percent !== null) return input.percent;
  if (input.actualValue !== null && targetValue !== null && targetValue > 0) {
    return Math.max(0, Math.min(100, Math.round((input.actualValue / targetValue) * 10000) / 100));
  }
  throw fail('validation_failed', 'body.percent');
}

/** Writes the current period's report, or rewrites a returned one; returns its id. */
async function writeReport(
  tx: Transaction,
  c: Call,
  subject: { taskId: number } | { itemId: number; unitId: number },
  unitId: number,
  period: ReportingPeriod,
  dueOn: string,
  input: ProgressInput,
  attach: Attach | undefined,
): Promise<{ id: number; resubmitted: boolean }> {
  const existing = await repo.reportForPeriod(tx, subject, period.key);
  let id: number;
  if (existing) {
    if (existing.status !== 'returned') throw fail('report_already_in', undefined, { periodKey: period.key });
    await repo.resubmitReport(tx, existing.id, { ...input, authorId: c.actor.id, now: c.now });
    id = existing.id;
  } else {
    id = await repo.insertReport(tx, {
      ...input,
      taskId: 'taskId' in subject ? subject.taskId : null,
      itemId: 'itemId' in subject ? subject.itemId : null,
      unitId,
      period,
      dueOn,
      authorId: c.actor.id,
      now: c.now,
    });
  }
  await attach?.(tx, 'report', id);
  await recordChange(tx, c, 'report', existing ? 'report.resubmit' : 'report.submit', id, existing ?? null, {
    ...subject,
    periodKey: period.key,
    ...input,
  });
  return { id, resubmitted: existing !== undefined };
}

/**
 * 进度报送: the lead unit's liaison (or head) writes this period's report; the
 * head must approve it. The common case, a first report without files, is one
 * statement with its audit entry (`insertTaskReportAudited`); a rewrite of a
 * returned report, files to link, or anything refused takes the transactional
 * way, which also names every reason for a refusal.
 */
export async function submitProgress(
  deps: AppDeps,
  c: Call,
  taskId: number,
  input: ProgressInput,
  attach?: Attach,
): Promise<ReportReceipt> {
  const db = deps.database.db;
  if (!attach) {
    const task = await repo.reportTask(db, taskId);
    if (
      task &&
      actsForLeadUnit(c.actor, task) &&
      !task.campaignClosed &&
      (task.status === 'signed' || task.status === 'in_progress')
    ) {
      const percent = percentOf(input, task.targetValue);
      const period = periodOf(task.cadence, shanghaiDate(c.now));
      const dueOn = dueDateOf(period, taskSettingsOf(task.settings).reportGraceDays);
      const id = await repo.insertTaskReportAudited(db, c, {
        ...input,
        percent,
        taskId,
        unitId: task.leadUnitId,
        period,
        dueOn,
      });
      if (id !== undefined) return receipt(id, taskId, period, dueOn, { ...input, percent }, false);
    }
  }
  return db.transaction(async (tx) => {
    const { task } = await lockVisibleTask(tx, c.actor, taskId);
    if (!actsForLeadUnit(c.actor, task)) throw fail('forbidden');
    if (task.campaignClosed) throw fail('campaign_closed');
    if (task.status !== 'signed' && task.status !== 'in_progress') {
      throw fail('wrong_state', undefined, { status: task.status });
    }
    const percent = percentOf(input, task.targetValue);
    const s = await getTaskSettings(tx);
    const period = periodOf(task.cadence, shanghaiDate(c.now));
    const dueOn = dueDateOf(period, s.reportGraceDays);
    const written = await writeReport(
      tx,
      c,
      { taskId },
      task.leadUnitId,
      period,
      dueOn,
      { ...input, percent },
      attach,
    );
    return receipt(written.id, taskId, period, dueOn, { ...input, percent }, written.resubmitted);
  });
}

function receipt(
  id: number,
  taskId: number,
  period: ReportingPeriod,
  dueOn: string,
  input: ProgressInput,
  resubmitted: boolean,
): ReportReceipt {
  return {
    id,
    taskId,
    periodKey: period.key,
    periodStart: period.start,
    periodEnd: period.end,
    dueOn,
    status: 'submitted',
    percent: input.percent,
    actualValue: input.actualValue,
    resubmitted,
  };
}

/** Loads a report for the unit head's decision: visible, submitted, and the caller heads its unit. */
async function reportForDecision(tx: Transaction, c: Call, id: number) {
  const r = await repo.getReport(tx, id, true);
  if (!r) throw fail('not_found', 'params.id');
  if (r.taskId !== null) await lockVisibleTask(tx, c.actor, r.taskId);
  else if (!inScope(scopeOf(c.actor, ['office', 'liaison', 'head']), r.unitPath))
    throw fail('not_found', 'params.id');
  if (!inScope(scopeOf(c.actor, ['head']), r.unitPath)) throw fail('forbidden');
  if (r.status !== 'submitted') throw fail('wrong_state', undefined, { status: r.status });
  return r;
}

async function graceOf(tx: Tx, r: repo.ReportRow, s: TaskSettings): Promise<number> {
  if (r.itemId === null) return s.reportGraceDays;
  const g = await tx.execute<{ graceDays: number }>(
    sql`SELECT grace_days AS "graceDays" FROM report_items WHERE id = ${r.itemId}`,
  );
  return g.rows[0]?.graceDays ?? 0;
}

/**
 * The unit head approves a report: only now does the office receive it. A task's
 * progress, milestones and light follow; a signed task is now in progress.
 */
export async function approveReport(deps: AppDeps, c: Call, id: number): Promise<Subject> {
  return deps.database.db.transaction(async (tx) => {
    const r = await reportForDecision(tx, c, id);
    const s = await getTaskSettings(tx);
    const grace = await graceOf(tx, r, s);
    const late = c.now >= lateFrom({ key: r.periodKey, start: r.periodStart, end: r.periodEnd }, grace);
    await repo.decideReport(tx, id, {
      status: 'approved',
      by: c.actor.id,
      at: c.now,
      // A report sent back once keeps the reason, so the office can see it was returned.
      returnReason: r.returnReason,
      late,
    });
    if (r.taskId !== null) {
      const { task, facts } = await lockVisibleTask(tx, c.actor, r.taskId);
      const changes: Partial<Record<tasksRepo.TaskColumn, unknown>> = {
        progress: r.percent ?? task.progress,
        actual_value: r.actualValue ?? task.actualValue,
      };
      if (task.status === 'signed') changes.status = guardMove(c.actor, task, facts, 'start');
      await tasksRepo.updateTask(tx, task.id, changes, c.now);
      await tasksRepo.markMilestonesDone(tx, task.id, r.percent ?? task.progress, shanghaiDate(c.now));
      await refreshTask(tx, task.id, c.now, s);
    }
    await recordChange(
      tx,
      c,
      'report',
      'report.approve',
      id,
      { status: r.status },
      { status: 'approved', late },
    );
    return { taskId: r.taskId, itemId: r.itemId };
  });
}

/** The unit head sends a report back to the liaison with a reason; the office never sees it. */
export async function returnReport(deps: AppDeps, c: Call, id: number, reason: string): Promise<Subject> {
  return deps.database.db.transaction(async (tx) => {
    const r = await reportForDecision(tx, c, id);
    await repo.decideReport(tx, id, {
      status: 'returned',
      by: c.actor.id,
      at: c.now,
      returnReason: reason,
      late: false,
    });
    await recordChange(
      tx,
      c,
      'report',
      'report.return',
      id,
      { status: r.status },
      { status: 'returned', reason },
    );
    return { taskId: r.taskId, itemId: r.itemId };
  });
}

export { writeReport };
