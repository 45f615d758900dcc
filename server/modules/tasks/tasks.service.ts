import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { TaskDraft, TaskListQuery, TaskSettings, TaskSummary } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import { nextTaskStatus, type TaskAction } from '../../../domain/tasks/task-lifecycle.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, type Transaction, type Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import type { Attach } from '../reports/reports.service.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { currentPeriodSql, owesReportSql } from './current-period.ts';
import { refreshTask, workCalendarAround } from './task-light.service.ts';
import { rolesOnTask, visibleTasks, type TaskFacts } from './tasks.policy.ts';
import * as repo from './tasks.repository.ts';

export type Call = CallContext & { actor: Actor };

/** Can the actor see this task at all? (Otherwise it does not exist for them: 404.) */
export async function canSeeTask(db: Tx, actor: Actor, id: number): Promise<boolean> {
  const r = await db.execute(
    sql`SELECT 1 FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id WHERE t.id = ${id} AND ${visibleTasks(actor)}`,
  );
  return r.rows.length > 0;
}

/** Loads a task the actor may see, locked for a change, with the facts the policy needs; else 404. */
export async function lockVisibleTask(
  tx: Tx,
  actor: Actor,
  id: number,
  field = 'params.id',
): Promise<{ task: repo.TaskRow; facts: TaskFacts }> {
  const task = await repo.getTask(tx, id, true);
  if (!task || !(await canSeeTask(tx, actor, id))) throw fail('not_found', field);
  const more = await repo.taskFacts(tx, task);
  return {
    task,
    facts: {
      status: task.status,
      leadUnitPath: task.leadUnitPath,
      campaignClosed: task.campaignClosed,
      ...more,
    },
  };
}

/** Guards one life-cycle move for the actor: 409 for a wrong state or closed campaign, 403 for a wrong role. */
export function guardMove(actor: Actor, task: repo.TaskRow, facts: TaskFacts, action: TaskAction) {
  if (task.campaignClosed) throw fail('campaign_closed');
  const r = nextTaskStatus(task.status, action, rolesOnTask(actor, facts));
  if (!r.ok)
    throw fail(r.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', undefined, { status: task.status });
  return r.to;
}

/** Checks the units and leaders a draft names: they exist, are active, leaders hold the leader role. */
async function checkDraftRefs(
  tx: Tx,
  d: Pick<TaskDraft, 'leadUnitId' | 'cooperatingUnitIds' | 'leaderIds'>,
  prefix = 'body',
): Promise<void> {
  const units = await repo.unitsByIds(tx, [d.leadUnitId, ...d.cooperatingUnitIds]);
  const lead = units.get(d.leadUnitId);
  if (!lead) throw fail('not_found', `${prefix}.leadUnitId`);
  if (!lead.active) throw fail('unit_inactive', `${prefix}.leadUnitId`);
  for (const [i, uid] of d.cooperatingUnitIds.entries()) {
    const u = units.get(uid);
    if (!u) throw fail('not_found', `${prefix}.cooperatingUnitIds.${i}`);
    if (!u.active) throw fail('unit_inactive', `${prefix}.cooperatingUnitIds.${i}`);
  }
  const leaders = await repo.leadersByIds(tx, d.leaderIds);
  for (const [i, pid] of d.leaderIds.entries()) {
    const p = leaders.get(pid);
    if (!p) throw fail('not_found', `${prefix}.leaderIds.${i}`);
    if (!p.active || !p.isLeader) throw fail('not_a_leader', `${prefix}.leaderIds.${i}`);
  }
}

/** The office must have the lead unit in its scope to plan a task for it. */
function officeScopeCheck(actor: Actor, path: string, field: string) {
  if (
    !rolesOnTask(actor, {
      status: 'draft',
      leadUnitPath: path,
      leaderIds: [],
      parentLeaderIds: [],
      campaignClosed: false,
      hasPendingChange: false,
    }).includes('office')
  ) {
    throw fail('not_found', field);
  }
}

/** Adds tasks (drafts) to a campaign in the caller's transaction; each one audited. */
export async function insertDrafts(
  tx: Transaction,
  c: Call,
  campaignId: number,
  drafts: readonly TaskDraft[],
  s: TaskSettings,
  opts: { decisionId?: number | null; prefix?: (i: number) => string } = {},
): Promise<number[]> {
  const taken = await repo.codesOf(tx, campaignId);
  const ids: number[] = [];
  for (const [i, d] of drafts.entries()) {
    const prefix = opts.prefix?.(i) ?? 'body';
    if (taken.has(d.code)) throw fail('task_code_taken', `${prefix}.code`);
    taken.add(d.code);
    await checkDraftRefs(tx, d, prefix);
    const lead = (await repo.unitsByIds(tx, [d.leadUnitId])).get(d.leadUnitId)!;
    officeScopeCheck(c.actor, lead.path, `${prefix}.leadUnitId`);
    const id = await repo.insertTask(tx, {
      campaignId,
      parentId: null,
      draft: d,
      decisionId: opts.decisionId ?? null,
      createdBy: c.actor.id,
      now: c.now,
    });
    await refreshTask(tx, id, c.now, s);
    await recordChange(tx, c, 'task', 'task.create', id, null, { campaignId, ...d });
    ids.push(id);
  }
  return ids;
}

/** 新建任务 (a draft) in a campaign. */
export async function createTask(deps: AppDeps, c: Call, campaignId: number, d: TaskDraft): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    await openCampaignForTasks(tx, campaignId);
    const s = await getTaskSettings(tx);
    const [id] = await insertDrafts(tx, c, campaignId, [d], s);
    return id!;
  });
}

/** Edits a draft task; an issued task changes deadline or target only through a change request. */
export async function updateDraft(
  deps: AppDeps,
  c: Call,
  id: number,
  input: Partial<TaskDraft>,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task } = await lockVisibleTask(tx, c.actor, id);
    officeScopeCheck(c.actor, task.leadUnitPath, 'params.id');
    if (task.campaignClosed) throw fail('campaign_closed');
    if (task.status !== 'draft') throw fail('wrong_state', undefined, { status: task.status });
    const leaders = (await repo.leadersOf(tx, [id])).get(id) ?? [];
    const coops = await repo.cooperatorsOf(tx, id);
    const ms = await repo.milestonesOf(tx, id);
    const before = {
      title: task.title,
      description: task.description,
      category: task.category,
      targetText: task.targetText,
      targetValue: task.targetValue,
      targetUnit: task.targetUnit,
      leaderIds: leaders.map((l) => l.id),
      leadUnitId: task.leadUnitId,
      cooperatingUnitIds: coops.map((u) => u.id),
      start: task.startOn,
      deadline: task.deadline,
      milestones: ms.map((m) => ({ date: m.date, title: m.title, percent: m.percent })),
      cadence: task.cadence,
    };
    const after = { ...before, ...input };
    if (after.deadline < after.start) throw fail('validation_failed', 'body.deadline');
    if (after.milestones.some((m) => m.date < after.start || m.date > after.deadline)) {
      throw fail('validation_failed', 'body.milestones');
    }
    if (after.cooperatingUnitIds.includes(after.leadUnitId))
      throw fail('validation_failed', 'body.cooperatingUnitIds');
    await checkDraftRefs(tx, after);
    const lead = (await repo.unitsByIds(tx, [after.leadUnitId])).get(after.leadUnitId)!;
    officeScopeCheck(c.actor, lead.path, 'body.leadUnitId');
    await repo.updateTask(
      tx,
      id,
      {
        title: after.title,
        description: after.description,
        category: after.category,
        target_text: after.targetText,
        target_value: after.targetValue,
        target_unit: after.targetUnit,
        lead_unit_id: after.leadUnitId,
        start_on: after.start,
        deadline: after.deadline,
        cadence: after.cadence,
      },
      c.now,
    );
    await repo.replaceTaskLinks(tx, id, {
      ...(input.leaderIds ? { leaderIds: input.leaderIds } : {}),
      ...(input.cooperatingUnitIds ? { cooperatingUnitIds: input.cooperatingUnitIds } : {}),
      ...(input.milestones ? { milestones: input.milestones } : {}),
    });
    await refreshTask(tx, id, c.now, await getTaskSettings(tx));
    await recordChange(tx, c, 'task', 'task.update', id, before, after);
  });
}

/** Deletes a draft that was never issued (an issued task is never deleted). */
export async function deleteDraft(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task } = await lockVisibleTask(tx, c.actor, id);
    officeScopeCheck(c.actor, task.leadUnitPath, 'params.id');
    if (task.status !== 'draft' || task.subtaskCount > 0)
      throw fail('wrong_state', undefined, { status: task.status });
    await repo.deleteTask(tx, id);
    await recordChange(tx, c, 'task', 'task.delete', id, { code: task.code, title: task.title }, null);
  });
}

/** 下达: issues a draft to its lead unit, which must sign within N working days. */
export async function issueLocked(
  tx: Transaction,
  c: Call,
  task: repo.TaskRow,
  facts: TaskFacts,
  s: TaskSettings,
) {
  guardMove(c.actor, task, facts, 'issue');
  const today = shanghaiDate(c.now);
  const cal = await workCalendarAround(tx, today);
  const signDueOn = cal.addWorkingDays(today, s.signWithinWorkingDays);
  await repo.updateTask(tx, task.id, { status: 'issued', issued_at: c.now, sign_due_on: signDueOn }, c.now);
  await refreshTask(tx, task.id, c.now, s);
  await recordChange(
    tx,
    c,
    'task',
    'task.issue',
    task.id,
    { status: task.status },
    { status: 'issued', signDueOn },
  );
}

export async function issueTask(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    await issueLocked(tx, c, task, facts, await getTaskSettings(tx));
  });
}

/** Issues every draft of a campaign that the office may issue, in one transaction. */
export async function issueAllDrafts(deps: AppDeps, c: Call, campaignId: number): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    await openCampaignForTasks(tx, campaignId);
    const s = await getTaskSettings(tx);
    const drafts = await repo.findTasks(
      tx,
      sql`t.campaign_id = ${campaignId} AND t.status = 'draft' AND ${visibleTasks(c.actor)}`,
      { limit: 100_000, offset: 0 },
    );
    for (const d of drafts) {
      const { task, facts } = await lockVisibleTask(tx, c.actor, d.id);
      await issueLocked(tx, c, task, facts, s);
    }
    return drafts.length;
  });
}

/** 分解: one subtask per lower unit, issued at once, inheriting the parent's plan. */
export async function splitTask(
  deps: AppDeps,
  c: Call,
  id: number,
  input: {
    unitIds?: number[] | undefined;
    unitTypeCode?: string | undefined;
    peerGroupCode?: string | undefined;
    weight: number;
  },
): Promise<number[]> {
  return deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    if (!rolesOnTask(c.actor, facts).includes('office')) throw fail('forbidden');
    if (task.campaignClosed) throw fail('campaign_closed');
    if (task.status === 'done') throw fail('wrong_state', undefined, { status: task.status });
    const s = await getTaskSettings(tx);
    let targets: { id: number; name: string; path: string; active: boolean }[];
    if (input.unitIds) {
      const found = await repo.unitsByIds(tx, input.unitIds);
      targets = input.unitIds.map((uid, i) => {
        const u = found.get(uid);
        if (!u) throw fail('not_found', `body.unitIds.${i}`);
        if (!u.active) throw fail('unit_inactive', `body.unitIds.${i}`);
        if (u.id === task.leadUnitId || (!u.path.startsWith(task.leadUnitPath) && !isDistrictTask(task)))
          throw fail('unit_not_below', `body.unitIds.${i}`);
        return u;
      });
    } else {
      const byType = input.unitTypeCode !== undefined;
      const r = await tx.execute<{ id: number; name: string; path: string; active: boolean }>(sql`
        SELECT u.id, u.name, u.path, u.active FROM units u
        JOIN unit_types ty ON ty.id = u.type_id LEFT JOIN peer_groups pg ON pg.id = u.peer_group_id
        WHERE ${byType ? sql`ty.code = ${input.unitTypeCode}` : sql`pg.code = ${input.peerGroupCode}`}
          AND u.active AND u.id <> ${task.leadUnitId}
          AND (${isDistrictTask(task)} OR u.path LIKE ${task.leadUnitPath + '%'})
        ORDER BY u.sort, u.id`);
      targets = r.rows;
      if (targets.length === 0) throw fail('not_found', byType ? 'body.unitTypeCode' : 'body.peerGroupCode');
    }
    const leaders = ((await repo.leadersOf(tx, [id])).get(id) ?? []).map((l) => l.id);
    const ms = await repo.milestonesOf(tx, id);
    const taken = await repo.codesOf(tx, task.campaignId);
    const ids: number[] = [];
    const today = shanghaiDate(c.now);
    const cal = await workCalendarAround(tx, today);
    const issued = task.status !== 'draft';
    for (const u of targets) {
      let n = 1;
      while (taken.has(`${task.code}-${String(n).padStart(2, '0')}`)) n++;
      const code = `${task.code}-${String(n).padStart(2, '0')}`;
      taken.add(code);
      const sid = await repo.insertTask(tx, {
        campaignId: task.campaignId,
        parentId: id,
        weight: input.weight,
        status: issued ? 'issued' : 'draft',
        draft: {
          code,
          title: task.title,
          description: task.description,
          category: task.category,
          targetText: task.targetText,
          targetValue: null,
          targetUnit: null,
          leaderIds: leaders,
          leadUnitId: u.id,
          cooperatingUnitIds: [],
          start: task.startOn,
          deadline: task.deadline,
          milestones: ms.map((m) => ({ date: m.date, title: m.title, percent: m.percent })),
          cadence: task.cadence,
        },
        createdBy: c.actor.id,
        now: c.now,
      });
      if (issued) {
        await repo.updateTask(
          tx,
          sid,
          { issued_at: c.now, sign_due_on: cal.addWorkingDays(today, s.signWithinWorkingDays) },
          c.now,
        );
      }
      await refreshTask(tx, sid, c.now, s);
      await recordChange(tx, c, 'task', 'task.split', sid, null, { parentId: id, code, leadUnitId: u.id });
      ids.push(sid);
    }
    await refreshTask(tx, id, c.now, s);
    return ids;
  });
}

/** A task led by the root (the district itself) may be split to any unit. */
function isDistrictTask(task: repo.TaskRow): boolean {
  return task.leadUnitPath.split('/').filter(Boolean).length === 1;
}

/** 签收: the lead unit signs for an issued task; signing after the due day is recorded as late. */
export async function signTask(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    guardMove(c.actor, task, facts, 'sign');
    const late = task.signDueOn !== null && shanghaiDate(c.now) > task.signDueOn;
    await repo.updateTask(
      tx,
      id,
      { status: 'signed', signed_at: c.now, signed_by: c.actor.id, signed_late: late },
      c.now,
    );
    await refreshTask(tx, id, c.now, await getTaskSettings(tx));
    await recordChange(
      tx,
      c,
      'task',
      'task.sign',
      id,
      { status: task.status },
      { status: 'signed', signedLate: late },
    );
  });
}

/** 申请办结 with evidence. */
export async function claimCompletion(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { evidence: string },
  attach?: Attach,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    guardMove(c.actor, task, facts, 'claim_completion');
    await repo.updateTask(
      tx,
      id,
      { status: 'completion_claimed', completion_evidence: input.evidence, claimed_at: c.now },
      c.now,
    );
    await attach?.(tx, 'task_completion', id);
    await refreshTask(tx, id, c.now, await getTaskSettings(tx));
    await recordChange(
      tx,
      c,
      'task',
      'task.claim_completion',
      id,
      { status: task.status },
      {
        status: 'completion_claimed',
        evidence: input.evidence,
      },
    );
  });
}

/** 审核办结: the office verifies a claim; the task is done at 100%. */
export async function verifyCompletion(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    guardMove(c.actor, task, facts, 'verify_completion');
    await repo.updateTask(tx, id, { status: 'done', completed_at: c.now, progress: 100 }, c.now);
    await refreshTask(tx, id, c.now, await getTaskSettings(tx));
    await recordChange(
      tx,
      c,
      'task',
      'task.verify_completion',
      id,
      { status: task.status },
      { status: 'done' },
    );
  });
}

/** 退回: the office sends a completion claim back with a reason; the return count goes up. */
export async function sendBack(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, id);
    const to = guardMove(c.actor, task, facts, 'send_back');
    await repo.updateTask(
      tx,
      id,
      { status: to, return_count: task.returnCount + 1, return_reason: reason, claimed_at: null },
      c.now,
    );
    await refreshTask(tx, id, c.now, await getTaskSettings(tx));
    await recordChange(
      tx,
      c,
      'task',
      'task.send_back',
      id,
      { status: task.status },
      {
        status: to,
        reason,
        returnCount: task.returnCount + 1,
      },
    );
  });
}

// ─── Reading ──────────────────────────────────────────────────────────────────

/** Maps task rows to the list shape, with their leaders and the current report's due date. */
export async function presentSummaries(
  db: Tx,
  rows: repo.TaskRow[],
  now: Date,
  s: TaskSettings,
): Promise<TaskSummary[]> {
  const leaders = await repo.leadersOf(
    db,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate(now);
  const owing = rows.length
    ? await db.execute<{ id: number; due: string }>(sql`
        SELECT t.id, ${currentPeriodSql(today, s.reportGraceDays).due} AS due FROM tasks t
        WHERE t.id = ANY(${intArray(rows.map((r) => r.id))})
          AND ${owesReportSql(today, s.reportGraceDays)}`)
    : { rows: [] };
  const dueOf = new Map(owing.rows.map((r) => [r.id, r.due]));
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaignId,
    campaignName: r.campaignName,
    parentId: r.parentId,
    code: r.code,
    title: r.title,
    category: r.category,
    status: r.status,
    leadUnit: { id: r.leadUnitId, name: r.leadUnitName },
    leaders: leaders.get(r.id) ?? [],
    start: r.startOn,
    deadline: r.deadline,
    cadence: r.cadence,
    progress: r.progress,
    light: r.light,
    lightReason: r.lightReasonZh !== null ? { zh: r.lightReasonZh, en: r.lightReasonEn ?? '' } : null,
    expectedPercent: r.expectedPercent,
    overdue: r.status !== 'draft' && r.status !== 'done' && r.deadline < today,
    lateReports: r.lateReports,
    subtaskCount: r.subtaskCount,
    openInstructions: r.openInstructions,
    pendingReports: r.pendingReports,
    nextReportDue: dueOf.get(r.id) ?? null,
  }));
}

/** The conditions of a task list query, as SQL over `t` and `lu`. */
export function taskFilters(q: Partial<TaskListQuery>, today: string): SQL[] {
  const conds: SQL[] = [];
  if (q.light) conds.push(sql`t.light = ${q.light}`);
  if (q.status) conds.push(sql`t.status = ${q.status}`);
  if (q.unitId) {
    conds.push(sql`(t.lead_unit_id = ${q.unitId} OR EXISTS (
      SELECT 1 FROM task_cooperators tc WHERE tc.task_id = t.id AND tc.unit_id = ${q.unitId}))`);
  }
  if (q.leaderId) {
    conds.push(
      sql`EXISTS (SELECT 1 FROM task_leaders tl WHERE tl.task_id = t.id AND tl.person_id = ${q.leaderId})`,
    );
  }
  if (q.category) conds.push(sql`t.category = ${q.category}`);
  if (q.overdue === true) conds.push(sql`t.status NOT IN ('draft', 'done') AND t.deadline < ${today}::date`);
  if (q.overdue === false)
    conds.push(sql`NOT (t.status NOT IN ('draft', 'done') AND t.deadline < ${today}::date)`);
  if (q.topLevel) conds.push(sql`t.parent_id IS NULL`);
  if (q.q) {
    const like = '%' + q.q.replace(/[\\%_]/g, '\\$&') + '%';
    conds.push(sql`(t.title ILIKE ${like} OR t.code ILIKE ${like})`);
  }
  return conds;
}

/** A page of tasks under a condition, with the counts per light of the whole filtered list (light filter aside). */
export async function listTasks(
  deps: AppDeps,
  actor: Actor,
  now: Date,
  base: SQL,
  q: Partial<TaskListQuery> & { limit: number; offset: number },
  order?: SQL,
) {
  const db = deps.database.db;
  const s = await getTaskSettings(db);
  const today = shanghaiDate(now);
  const conds = [base, visibleTasks(actor), ...taskFilters(q, today)];
  const where = sql.join(conds, sql` AND `);
  const withoutLight = sql.join(
    [base, visibleTasks(actor), ...taskFilters({ ...q, light: undefined }, today)],
    sql` AND `,
  );
  const [rows, counts] = await Promise.all([
    repo.findTasks(db, where, q, order),
    repo.countTasks(db, withoutLight),
  ]);
  const total = q.light ? counts[q.light] : counts.total;
  return {
    items: await presentSummaries(db, rows, now, s),
    total,
    lights: { green: counts.green, yellow: counts.yellow, red: counts.red },
  };
}
