import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { ClaimReceipt, ProblemCreateBody, ProblemDraft } from '../../../domain/contracts/problems.ts';
import { fail } from '../../../domain/errors.ts';
import {
  deadlineChangeable,
  isOpenProblem,
  nextProblemStatus,
  type ProblemAction,
  type ProblemStatus,
} from '../../../domain/problems/problem-lifecycle.ts';
import { behindFrom, plannedStagePercents } from '../../../domain/problems/problem-schedule.ts';
import type { AppDeps } from '../../deps.ts';
import type { Transaction, Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { actsForUnit, problemReaders, rolesOnProblem } from './problems.policy.ts';
import * as repo from './problems.repository.ts';

export type Call = CallContext & { actor: Actor };

/** Gives uploaded files (ids) an owner inside the owner's transaction; 404 for a file not the caller's. */
export type ClaimFiles = (tx: Transaction, ownerType: string, ownerId: number) => Promise<void>;

/** Can the actor see this problem at all? (Otherwise it does not exist for them: 404.) */
export function canSee(actor: Actor, row: Pick<repo.ProblemRow, 'unitPath'>): boolean {
  return inScope(scopeOf(actor, problemReaders), row.unitPath);
}

/** Can the actor see the problem with this id? (For the attachment policy.) */
export async function canSeeProblem(db: Tx, actor: Actor, id: number): Promise<boolean> {
  const row = await repo.getProblem(db, id);
  return row !== undefined && canSee(actor, row);
}

/** Loads a problem the actor may see, locked for a change; else 404 on `field`. */
export async function lockVisibleProblem(
  tx: Tx,
  actor: Actor,
  id: number,
  field = 'params.id',
  detail?: Record<string, unknown>,
): Promise<repo.ProblemRow> {
  const row = await repo.getProblem(tx, id, true);
  if (!row || !canSee(actor, row)) throw fail('not_found', field, detail);
  return row;
}

/** Guards one life-cycle move: 409 `wrong_state` (with the status), 403 for a role that may not make it. */
export function guardMove(
  actor: Actor,
  row: repo.ProblemRow,
  action: ProblemAction,
  field?: string,
  detail: Record<string, unknown> = {},
): ProblemStatus {
  const r = nextProblemStatus(row.status, action, rolesOnProblem(actor, row.unitPath));
  if (!r.ok) {
    throw fail(r.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', field, {
      ...detail,
      status: row.status,
    });
  }
  return r.to;
}

/** Records a change: a line of the problem's history and its audit entry, in the change's transaction. */
async function record(
  tx: Transaction,
  c: Call,
  row: Pick<repo.ProblemRow, 'id' | 'status'>,
  action: string,
  to: ProblemStatus | null,
  note: string | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  await repo.insertEvent(tx, {
    problemId: row.id,
    at: c.now,
    actorId: c.actor.id,
    action,
    from: row.status,
    to,
    note,
  });
  await recordChange(tx, c, 'problem', `problem.${action}`, row.id, before, after);
}

/** Checks a new responsible unit and person: the unit active, the person an active member of it. */
async function checkUnitAndPerson(
  tx: Tx,
  unitId: number,
  personId: number | null,
  prefix: string,
): Promise<{ id: number; path: string }> {
  const unit = (await unitsByIds(tx, [unitId])).get(unitId);
  if (!unit) throw fail('not_found', `${prefix}.unitId`);
  if (!unit.active) throw fail('unit_inactive', `${prefix}.unitId`);
  if (personId !== null) {
    const person = (await repo.peopleByIds(tx, [personId])).get(personId);
    if (!person) throw fail('not_found', `${prefix}.personId`);
    if (!person.active || person.unitId !== unitId) throw fail('person_not_in_unit', `${prefix}.personId`);
  }
  return unit;
}

/**
 * Who records a problem for the unit: the office or an inspector with the
 * unit in scope; else the unit's own liaison or head, for a source a unit may
 * use (自查自纠) — a self-reported problem. Anyone else learns nothing of the unit (404).
 */
function recorderOf(actor: Actor, unitPath: string, unitMayRecord: boolean, prefix: string) {
  const held = rolesOnProblem(actor, unitPath);
  if (held.includes('office') || held.includes('inspector')) return { selfReported: false };
  if (actsForUnit(actor, unitPath)) {
    if (!unitMayRecord) throw fail('source_not_for_units', `${prefix}.sourceId`);
    return { selfReported: true };
  }
  throw fail('not_found', `${prefix}.unitId`);
}

/**
 * Inserts one problem (assigned to its unit) inside the caller's
 * transaction, after checking everything it names; returns its id. `prefix`
 * names the fields in errors (`body`, or `file.row12` for a sheet).
 */
export async function insertProblemLocked(
  tx: Transaction,
  c: Call,
  d: ProblemDraft,
  campaignId: number | null,
  prefix = 'body',
): Promise<number> {
  const source = (await repo.sourcesByIds(tx, [d.sourceId])).get(d.sourceId);
  if (!source) throw fail('not_found', `${prefix}.sourceId`);
  if (!source.active) throw fail('source_inactive', `${prefix}.sourceId`);
  const cats = await repo.categoriesByIds(tx, d.categoryIds);
  for (const [i, cid] of d.categoryIds.entries()) {
    const cat = cats.get(cid);
    if (!cat) throw fail('not_found', `${prefix}.categoryIds.${i}`);
    if (!cat.active) throw fail('category_inactive', `${prefix}.categoryIds.${i}`);
  }
  const unit = await checkUnitAndPerson(tx, d.unitId, d.personId, prefix);
  const { selfReported } = recorderOf(c.actor, unit.path, source.unitMayRecord, prefix);
  const percents = plannedStagePercents(d.stages);
  const stages = d.stages.map((s, i) => ({ date: s.date, title: s.title, percent: percents[i]! }));
  const id = await repo.insertProblem(tx, {
    campaignId,
    description: d.description,
    sourceId: d.sourceId,
    foundOn: d.foundOn,
    foundBy: d.foundBy,
    unitId: d.unitId,
    personId: d.personId,
    severity: d.severity,
    deadline: d.deadline,
    longTerm: d.longTerm,
    behindFrom: d.longTerm ? behindFrom(stages, 0) : null,
    selfReported,
    recordedBy: c.actor.id,
    now: c.now,
  });
  await repo.insertCategoryLinks(tx, id, d.categoryIds);
  await repo.insertStages(tx, id, stages);
  await repo.insertEvent(tx, {
    problemId: id,
    at: c.now,
    actorId: c.actor.id,
    action: 'create',
    from: null,
    to: 'assigned',
  });
  await recordChange(tx, c, 'problem', 'problem.create', id, null, {
    ...d,
    stages,
    campaignId,
    selfReported,
  });
  return id;
}

/** 录入问题: the office or an inspector records a finding; a unit its own self-inspection problem. */
export async function createProblem(
  deps: AppDeps,
  c: Call,
  body: ProblemCreateBody,
  attach?: ClaimFiles,
): Promise<number> {
  const { campaignId, attachmentIds: _files, ...draft } = body;
  return deps.database.db.transaction(async (tx) => {
    if (campaignId !== null) await openCampaignForTasks(tx, campaignId, 'body.campaignId');
    const id = await insertProblemLocked(tx, c, draft, campaignId);
    await attach?.(tx, 'problem', id);
    return id;
  });
}

/** Runs one change of a problem in a transaction: lock, check, change, record. */
function change<T>(deps: AppDeps, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return deps.database.db.transaction(fn);
}

/** 交办 / 改派: the office hands the problem to a (new) responsible unit, optionally with a new deadline. */
export async function assignProblem(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { unitId: number; personId: number | null; deadline?: string | undefined; note: string },
): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    await assignLocked(tx, c, row, input, 'body');
  });
}

async function assignLocked(
  tx: Transaction,
  c: Call,
  row: repo.ProblemRow,
  input: { unitId: number; personId: number | null; deadline?: string | undefined; note: string },
  prefix: string,
  field?: string,
): Promise<void> {
  const to = guardMove(c.actor, row, 'assign', field, { id: row.id });
  const unit = await checkUnitAndPerson(tx, input.unitId, input.personId, prefix);
  const held = rolesOnProblem(c.actor, unit.path);
  if (!held.includes('office')) throw fail('not_found', `${prefix}.unitId`);
  const deadline = input.deadline ?? row.deadline;
  if (deadline < row.foundOn) throw fail('validation_failed', `${prefix}.deadline`, { id: row.id });
  await checkStagesFit(tx, row, deadline, `${prefix}.deadline`);
  await repo.updateProblem(
    tx,
    row.id,
    { unit_id: input.unitId, person_id: input.personId, deadline, status: to },
    c.now,
  );
  await record(
    tx,
    c,
    row,
    'assign',
    to,
    input.note || null,
    { status: row.status, unitId: row.unitId, personId: row.personId, deadline: row.deadline },
    { status: to, unitId: input.unitId, personId: input.personId, deadline, note: input.note },
  );
}

/** A long-term problem's stages must stay within its deadline. */
async function checkStagesFit(tx: Tx, row: repo.ProblemRow, deadline: string, field: string) {
  if (!row.longTerm || deadline >= row.deadline) return;
  const stages = await repo.stagesOf(tx, row.id);
  if (stages.some((s) => s.date > deadline)) throw fail('validation_failed', field, { id: row.id });
}

/** 制定整改措施: the unit files (or revises) its list of measures; the problem is being rectified. */
export async function fileMeasures(
  deps: AppDeps,
  c: Call,
  id: number,
  measures: { text: string; owner: string; dueOn: string; done: boolean }[],
): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'file_measures');
    for (const [i, m] of measures.entries()) {
      if (m.dueOn > row.deadline) {
        throw fail('validation_failed', `body.measures.${i}.dueOn`, { deadline: row.deadline });
      }
    }
    const before = (await repo.measuresOf(tx, [id])).get(id) ?? [];
    await repo.replaceMeasures(tx, id, measures);
    await repo.updateProblem(tx, id, { status: to }, c.now);
    await record(
      tx,
      c,
      row,
      'file_measures',
      to,
      null,
      {
        status: row.status,
        measures: before.map(({ text, owner, dueOn, done }) => ({ text, owner, dueOn, done })),
      },
      { status: to, measures },
    );
  });
}

/** 报告阶段进度: the unit reports how far a long-term problem's rectification has come. */
export async function reportProgress(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { percent: number; note: string },
): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    if (!actsForUnit(c.actor, row.unitPath)) throw fail('forbidden');
    if (!row.longTerm) throw fail('not_long_term');
    if (row.status !== 'rectifying' && row.status !== 'returned')
      throw fail('wrong_state', undefined, { status: row.status });
    const stages = await repo.stagesOf(tx, id);
    const from = behindFrom(stages, input.percent);
    await repo.updateProblem(tx, id, { progress: input.percent, behind_from: from }, c.now);
    await record(
      tx,
      c,
      row,
      'report_progress',
      null,
      input.note || null,
      { progress: row.progress, behindFrom: row.behindFrom },
      { progress: input.percent, behindFrom: from, note: input.note },
    );
  });
}

/**
 * 申请销号 with evidence: what was done, and files showing it (at least one of
 * the two). The common case, a text claim without files by someone acting for
 * the unit, is one statement with its history line and audit entry
 * (`claimClosingAudited`), after a cheap unlocked read and the same rules; files
 * to link, a problem in the wrong state, a race with another change, or
 * anything refused take the transactional way, which names every reason.
 */
export async function claimClosing(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { evidence: string; attachmentIds: number[] },
  attach?: ClaimFiles,
): Promise<ClaimReceipt> {
  const db = deps.database.db;
  const today = shanghaiDate(c.now);
  if (!attach && input.attachmentIds.length === 0 && input.evidence !== '') {
    const facts = await repo.claimFacts(db, id);
    if (
      facts &&
      canSee(c.actor, facts) &&
      nextProblemStatus(facts.status, 'claim_closing', rolesOnProblem(c.actor, facts.unitPath)).ok
    ) {
      const done = await repo.claimClosingAudited(db, c, {
        id,
        unitId: facts.unitId,
        evidence: input.evidence,
        today,
      });
      if (done) return { id, status: 'closing_claimed', claimedOn: today, ...done };
    }
  }
  return change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'claim_closing');
    if (input.evidence === '' && input.attachmentIds.length === 0)
      throw fail('evidence_required', 'body.evidence');
    const evidenceId = await repo.insertEvidence(tx, {
      problemId: id,
      text: input.evidence,
      by: c.actor.id,
      at: c.now,
    });
    await attach?.(tx, 'problem_evidence', evidenceId);
    const claimCount = row.claimCount + 1;
    await repo.updateProblem(tx, id, { status: to, claimed_on: today, claim_count: claimCount }, c.now);
    await record(
      tx,
      c,
      row,
      'claim_closing',
      to,
      input.evidence || null,
      { status: row.status },
      {
        status: to,
        evidenceId,
        evidence: input.evidence,
        attachmentIds: input.attachmentIds,
        claimedOn: today,
      },
    );
    return { id, status: to, evidenceId, claimedOn: today, claimCount };
  });
}

/** 审核销号: the office or an inspector verifies the claim; the problem is rectified. */
export async function closeProblem(deps: AppDeps, c: Call, id: number, note: string): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'close');
    await repo.decideEvidence(tx, id, {
      decision: 'closed',
      by: c.actor.id,
      at: c.now,
      reason: note || null,
    });
    await repo.updateProblem(tx, id, { status: to, closed_at: c.now }, c.now);
    await record(tx, c, row, 'close', to, note || null, { status: row.status }, { status: to, note });
  });
}

/** 退回重改: the claim goes back with a reason; the return count goes up. */
export async function returnProblem(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'return');
    await repo.decideEvidence(tx, id, { decision: 'returned', by: c.actor.id, at: c.now, reason });
    const returnCount = row.returnCount + 1;
    await repo.updateProblem(tx, id, { status: to, return_count: returnCount, claimed_on: null }, c.now);
    await record(
      tx,
      c,
      row,
      'return',
      to,
      reason,
      { status: row.status, returnCount: row.returnCount },
      { status: to, returnCount, reason },
    );
  });
}

/** 回头看: a look-back finds a closed problem back (反弹); it is rectified again and the rebound count goes up. */
export async function reopenProblem(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'reopen');
    const reboundCount = row.reboundCount + 1;
    await repo.updateProblem(
      tx,
      id,
      { status: to, rebound_count: reboundCount, closed_at: null, claimed_on: null },
      c.now,
    );
    await record(
      tx,
      c,
      row,
      'reopen',
      to,
      reason,
      { status: row.status, reboundCount: row.reboundCount },
      { status: to, reboundCount, reason },
    );
  });
}

/** 不属实: the problem was not real; it never counts as found or rectified. */
export async function dismissProblem(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await change(deps, async (tx) => {
    const row = await lockVisibleProblem(tx, c.actor, id);
    const to = guardMove(c.actor, row, 'dismiss');
    await repo.decideEvidence(tx, id, { decision: 'dismissed', by: c.actor.id, at: c.now, reason });
    await repo.updateProblem(tx, id, { status: to, claimed_on: null }, c.now);
    await record(tx, c, row, 'dismiss', to, reason, { status: row.status }, { status: to, reason });
  });
}

/** 合并重复问题: a duplicate is merged into another open problem the office can see. */
export async function mergeProblem(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { intoId: number; note: string },
): Promise<void> {
  await change(deps, async (tx) => {
    // Lock both rows in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = id < input.intoId ? [id, input.intoId] : [input.intoId, id];
    if (id === input.intoId) throw fail('merge_target_invalid', 'body.intoId');
    const rows = new Map<number, repo.ProblemRow | undefined>();
    for (const pid of [first, second]) rows.set(pid, await repo.getProblem(tx, pid, true));
    const row = rows.get(id);
    if (!row || !canSee(c.actor, row)) throw fail('not_found', 'params.id');
    const to = guardMove(c.actor, row, 'merge');
    const target = rows.get(input.intoId);
    if (!target || !canSee(c.actor, target)) throw fail('not_found', 'body.intoId');
    if (!isOpenProblem(target.status)) {
      throw fail('merge_target_invalid', 'body.intoId', { status: target.status });
    }
    await repo.decideEvidence(tx, id, {
      decision: 'merged',
      by: c.actor.id,
      at: c.now,
      reason: input.note || null,
    });
    await repo.updateProblem(tx, id, { status: to, merged_into_id: input.intoId, claimed_on: null }, c.now);
    await record(
      tx,
      c,
      row,
      'merge',
      to,
      input.note || null,
      { status: row.status },
      { status: to, mergedIntoId: input.intoId, note: input.note },
    );
  });
}

/**
 * 批量交办: hands many problems to one unit, all or nothing, one audit entry
 * each. A problem the caller cannot see is 404 on `body.ids.<i>`; one in a
 * state that cannot be reassigned is 409 on the same field.
 */
export async function bulkAssign(
  deps: AppDeps,
  c: Call,
  input: { ids: number[]; unitId: number; personId: number | null },
): Promise<number[]> {
  return change(deps, async (tx) => {
    for (const { id, i } of inLockOrder(input.ids)) {
      const row = await lockVisibleProblem(tx, c.actor, id, `body.ids.${i}`, { id });
      await assignLocked(tx, c, row, { ...input, note: '' }, 'body', `body.ids.${i}`);
    }
    return input.ids;
  });
}

/**
 * 调整整改时限 on one locked problem (the office, never for its own unit), one
 * audit entry; `field` names the problem in an error.
 */
async function setDeadlineLocked(
  tx: Transaction,
  c: Call,
  id: number,
  input: { deadline: string; note: string },
  field: string,
): Promise<void> {
  const row = await lockVisibleProblem(tx, c.actor, id, field, { id });
  const held = rolesOnProblem(c.actor, row.unitPath);
  if (!held.includes('office') || actsForUnit(c.actor, row.unitPath)) throw fail('forbidden', field, { id });
  if (!deadlineChangeable(row.status)) throw fail('wrong_state', field, { id, status: row.status });
  if (input.deadline < row.foundOn) throw fail('validation_failed', 'body.deadline', { id });
  await checkStagesFit(tx, row, input.deadline, 'body.deadline');
  await repo.updateProblem(tx, id, { deadline: input.deadline }, c.now);
  await record(
    tx,
    c,
    row,
    'set_deadline',
    null,
    input.note || null,
    { deadline: row.deadline },
    { deadline: input.deadline, note: input.note },
  );
}

/** 调整整改时限: a new deadline on one open problem. */
export async function setDeadline(
  deps: AppDeps,
  c: Call,
  id: number,
  input: { deadline: string; note: string },
): Promise<void> {
  await change(deps, (tx) => setDeadlineLocked(tx, c, id, input, 'params.id'));
}

/** 批量设置整改时限: a new deadline on many open problems, all or nothing, one audit entry each. */
export async function bulkSetDeadline(
  deps: AppDeps,
  c: Call,
  input: { ids: number[]; deadline: string; note: string },
): Promise<number[]> {
  return change(deps, async (tx) => {
    for (const { id, i } of inLockOrder(input.ids))
      await setDeadlineLocked(tx, c, id, input, `body.ids.${i}`);
    return input.ids;
  });
}

/** The ids with their place in the request, in ascending id order (rows are locked in one order). */
function inLockOrder(ids: readonly number[]): { id: number; i: number }[] {
  return ids.map((id, i) => ({ id, i })).sort((a, b) => a.id - b.id);
}
