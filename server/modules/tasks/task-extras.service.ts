import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { refreshTask } from './task-light.service.ts';
import * as extras from './task-extras.repository.ts';
import { actsForLeadUnit, isLeaderOf, isOfficeFor } from './tasks.policy.ts';
import * as repo from './tasks.repository.ts';
import { lockVisibleTask, type Call } from './tasks.service.ts';

/** 调整申请: the lead unit asks to move the deadline or change the target; never an edit. */
export async function requestChange(
  deps: AppDeps,
  c: Call,
  taskId: number,
  input: {
    kind: 'deadline' | 'target';
    deadline?: string | undefined;
    targetText?: string | undefined;
    targetValue?: number | null | undefined;
    reason: string;
  },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, taskId);
    if (!actsForLeadUnit(c.actor, task)) throw fail('forbidden');
    if (task.campaignClosed) throw fail('campaign_closed');
    if (task.status !== 'signed' && task.status !== 'in_progress') {
      throw fail('wrong_state', undefined, { status: task.status });
    }
    if (facts.hasPendingChange) throw fail('change_request_pending');
    if (input.kind === 'deadline' && input.deadline! < task.startOn)
      throw fail('validation_failed', 'body.deadline');
    const proposed =
      input.kind === 'deadline'
        ? { deadline: input.deadline!, targetText: null, targetValue: null }
        : {
            deadline: null,
            targetText: input.targetText ?? task.targetText,
            targetValue: input.targetValue === undefined ? task.targetValue : input.targetValue,
          };
    const id = await extras.insertChangeRequest(tx, {
      taskId,
      kind: input.kind,
      reason: input.reason,
      current: { deadline: task.deadline, targetText: task.targetText, targetValue: task.targetValue },
      proposed,
      by: c.actor.id,
      at: c.now,
    });
    await recordChange(tx, c, 'change_request', 'change_request.create', id, null, { taskId, ...input });
    return id;
  });
}

/** The office approves (the change is applied) or rejects a change request; the history stays. */
export async function decideChange(
  deps: AppDeps,
  c: Call,
  id: number,
  decision: 'approved' | 'rejected',
  note: string,
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const cr = await extras.getChangeRequest(tx, id, true);
    if (!cr) throw fail('not_found', 'params.id');
    const { task } = await lockVisibleTask(tx, c.actor, cr.taskId, 'params.id');
    if (!isOfficeFor(c.actor, task)) throw fail('forbidden');
    if (cr.status !== 'pending') throw fail('wrong_state', undefined, { status: cr.status });
    if (decision === 'approved') {
      if (cr.kind === 'deadline') {
        await repo.updateTask(tx, task.id, { deadline: cr.proposedDeadline }, c.now);
      } else {
        await repo.updateTask(
          tx,
          task.id,
          { target_text: cr.proposedTargetText ?? task.targetText, target_value: cr.proposedTargetValue },
          c.now,
        );
      }
      await refreshTask(tx, task.id, c.now, await getTaskSettings(tx));
    }
    await extras.decideChangeRequest(tx, id, { status: decision, by: c.actor.id, at: c.now, note });
    await recordChange(
      tx,
      c,
      'change_request',
      `change_request.${decision === 'approved' ? 'approve' : 'reject'}`,
      id,
      {
        status: cr.status,
        deadline: task.deadline,
        targetText: task.targetText,
        targetValue: task.targetValue,
      },
      { status: decision, note },
    );
    return task.id;
  });
}

/** 批示: a responsible leader writes an instruction on a task; the unit must answer it. */
export async function instruct(deps: AppDeps, c: Call, taskId: number, text: string): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const { task, facts } = await lockVisibleTask(tx, c.actor, taskId);
    if (!isLeaderOf(c.actor, facts)) throw fail('not_responsible_leader');
    if (task.status === 'draft' || task.status === 'done')
      throw fail('wrong_state', undefined, { status: task.status });
    const id = await extras.insertInstruction(tx, { taskId, leaderId: c.actor.id, text, at: c.now });
    await recordChange(tx, c, 'instruction', 'instruction.create', id, null, { taskId, text });
    return id;
  });
}

/** The lead unit answers a leader's instruction, once. */
export async function answer(deps: AppDeps, c: Call, id: number, text: string): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const ins = await extras.getInstruction(tx, id, true);
    if (!ins) throw fail('not_found', 'params.id');
    const { task } = await lockVisibleTask(tx, c.actor, ins.taskId, 'params.id');
    if (!actsForLeadUnit(c.actor, task)) throw fail('not_found', 'params.id');
    if (ins.answer !== null) throw fail('instruction_answered');
    await extras.answerInstruction(tx, id, { answer: text, by: c.actor.id, at: c.now });
    await recordChange(tx, c, 'instruction', 'instruction.answer', id, null, { answer: text });
    return task.id;
  });
}
