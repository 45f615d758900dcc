import type { Role } from '../roles.ts';

/** 任务状态 */
export const taskStatuses = [
  'draft', // 草稿
  'issued', // 已下达
  'signed', // 已签收
  'in_progress', // 推进中
  'completion_claimed', // 申请办结
  'done', // 已办结
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Every verb that changes a task's status; each is one endpoint. */
export const taskActions = [
  'issue', // 下达 (office)
  'sign', // 签收 (the lead unit)
  'start', // 开始推进: the first approved progress report moves a signed task on
  'claim_completion', // 申请办结, with evidence (the lead unit)
  'verify_completion', // 审核办结 (office)
  'send_back', // 退回 a completion claim (office); the return count goes up
] as const;
export type TaskAction = (typeof taskActions)[number];

interface Transition {
  from: readonly TaskStatus[];
  to: TaskStatus;
  roles: readonly Role[];
}

/** The task life cycle as data: from × action → to, with the roles allowed to act. */
export const taskTransitions: Readonly<Record<TaskAction, Transition>> = {
  issue: { from: ['draft'], to: 'issued', roles: ['office'] },
  sign: { from: ['issued'], to: 'signed', roles: ['liaison', 'head'] },
  start: { from: ['signed'], to: 'in_progress', roles: ['liaison', 'head'] },
  claim_completion: { from: ['signed', 'in_progress'], to: 'completion_claimed', roles: ['liaison', 'head'] },
  verify_completion: { from: ['completion_claimed'], to: 'done', roles: ['office'] },
  send_back: { from: ['completion_claimed'], to: 'in_progress', roles: ['office'] },
};

export type TransitionResult =
  { ok: true; to: TaskStatus } | { ok: false; reason: 'wrong_state' | 'wrong_role' };

/**
 * Guards one move of the life cycle: may someone holding `roles` take `action`
 * on a task in `from`? The state is checked first, so a finished task answers
 * "wrong state" to everyone.
 */
export function nextTaskStatus(
  from: TaskStatus,
  action: TaskAction,
  roles: readonly Role[],
): TransitionResult {
  const t = taskTransitions[action];
  if (!t.from.includes(from)) return { ok: false, reason: 'wrong_state' };
  if (!roles.some((r) => t.roles.includes(r))) return { ok: false, reason: 'wrong_role' };
  return { ok: true, to: t.to };
}

/** States in which a unit still owes work, and so can report progress. */
export const openTaskStatuses: readonly TaskStatus[] = [
  'issued',
  'signed',
  'in_progress',
  'completion_claimed',
];
