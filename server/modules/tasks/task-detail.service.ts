import type { TaskDetail } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { presentReport } from '../reports/reports.service.ts';
import { reportsOfTask } from '../reports/reports.repository.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import * as extras from './task-extras.repository.ts';
import { actsForLeadUnit, taskAbilities } from './tasks.policy.ts';
import * as repo from './tasks.repository.ts';
import { canSeeTask, presentSummaries } from './tasks.service.ts';
import { sql } from 'drizzle-orm';

/** Files attached to records, looked up by owner; supplied by the attachments module. */
export type AttachmentsOf = (
  db: Tx,
  ownerType: string,
  ownerIds: readonly number[],
) => Promise<Map<number, TaskDetail['completionAttachments']>>;

const noAttachments: AttachmentsOf = () => Promise.resolve(new Map());

/** One task with everything a person opening it sees, and what they may do with it. */
export async function taskDetail(
  db: Tx,
  actor: Actor,
  id: number,
  now: Date,
  attachmentsOf: AttachmentsOf = noAttachments,
): Promise<TaskDetail> {
  const task = await repo.getTask(db, id);
  if (!task || !(await canSeeTask(db, actor, id))) throw fail('not_found', 'params.id');
  const s = await getTaskSettings(db);
  const [summary] = await presentSummaries(db, [task], now, s);
  const facts = await repo.taskFacts(db, task);
  const subRows = await repo.findTasks(db, sql`t.parent_id = ${id}`, { limit: 2000, offset: 0 });
  const unitSide = actsForLeadUnit(actor, task);
  // The office sees only what the unit head approved; the unit sees its drafts and returns too.
  const reports = (await reportsOfTask(db, id)).filter((r) => unitSide || r.status === 'approved');
  const files = await attachmentsOf(
    db,
    'report',
    reports.map((r) => r.id),
  );
  const completionFiles = await attachmentsOf(db, 'task_completion', [id]);
  const crs = await extras.changeRequestsOf(db, id);
  const ins = await extras.instructionsOf(db, id);
  return {
    ...summary!,
    description: task.description,
    targetText: task.targetText,
    targetValue: task.targetValue,
    targetUnit: task.targetUnit,
    actualValue: task.actualValue,
    cooperatingUnits: await repo.cooperatorsOf(db, id),
    milestones: await repo.milestonesOf(db, id),
    weight: task.weight,
    issuedAt: task.issuedAt?.toISOString() ?? null,
    signDueOn: task.signDueOn,
    signedAt: task.signedAt?.toISOString() ?? null,
    signedLate: task.signedLate,
    completionEvidence: task.completionEvidence,
    completionAttachments: completionFiles.get(id) ?? [],
    returnCount: task.returnCount,
    returnReason: task.returnReason,
    subtasks: await presentSummaries(db, subRows, now, s),
    reports: reports.map((r) => presentReport(actor, r, files.get(r.id) ?? [])),
    changeRequests: crs.map((cr) => ({
      id: cr.id,
      taskId: cr.taskId,
      kind: cr.kind,
      reason: cr.reason,
      current: {
        deadline: cr.currentDeadline,
        targetText: cr.currentTargetText,
        targetValue: cr.currentTargetValue,
      },
      proposed: {
        deadline: cr.proposedDeadline,
        targetText: cr.proposedTargetText,
        targetValue: cr.proposedTargetValue,
      },
      status: cr.status,
      requestedBy: { id: cr.requestedById, name: cr.requestedByName },
      requestedAt: cr.requestedAt.toISOString(),
      decidedBy: cr.decidedById !== null ? { id: cr.decidedById, name: cr.decidedByName ?? '' } : null,
      decidedAt: cr.decidedAt?.toISOString() ?? null,
      decisionNote: cr.decisionNote,
    })),
    instructions: ins.map((i) => ({
      id: i.id,
      taskId: i.taskId,
      leader: { id: i.leaderId, name: i.leaderName },
      text: i.text,
      at: i.at.toISOString(),
      answer: i.answer,
      answeredBy: i.answeredById !== null ? { id: i.answeredById, name: i.answeredByName ?? '' } : null,
      answeredAt: i.answeredAt?.toISOString() ?? null,
      abilities: { answer: i.answer === null && actsForLeadUnit(actor, task) },
    })),
    abilities: taskAbilities(
      actor,
      {
        status: task.status,
        leadUnitPath: task.leadUnitPath,
        campaignClosed: task.campaignClosed,
        ...facts,
      },
      summary!.nextReportDue !== null,
    ),
  };
}
