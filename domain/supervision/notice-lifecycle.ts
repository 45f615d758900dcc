import { stepIn, type StepResult, type TransitionTable } from '../lifecycle.ts';
import type { Role } from '../roles.ts';

/**
 * Who moves a notice: a person holding a role, or the escalation job itself
 * (`system`), which acts on no one's behalf.
 */
export type NoticeActor = Role | 'system';

/** 督办单状态 */
export const noticeStatuses = [
  'open', // 待答复: raised, waiting for the unit's written answer
  'answered', // 已答复: answered, waiting for the office to accept or return the answer
  'accepted', // 已办结: the office accepted the answer
  'escalated', // 已升级: a higher-level notice on the same object replaced it
  'resolved', // 已解除: the object stopped slipping (task done, report in, problem closed)
  'dismissed', // 已撤销: the object was dismissed (task cancelled, problem merged) or the office withdrew the notice
] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** Every verb that changes a notice's status; each is one endpoint or one job step. */
export const noticeActions = [
  'answer', // 答复: the unit's written answer, by its liaison or head
  'accept', // 认可答复 (office): ends the notice
  'return_answer', // 退回答复 (office): the unit must answer again; the answer-by date stays unless the service sets a new one
  'escalate', // 升级: a higher level was raised on the same object (the job, or the office by hand)
  'resolve', // 解除: the object is no longer slipping (the job)
  'dismiss', // 撤销: the object was dismissed (the job), or the office withdraws the notice
] as const;
export type NoticeAction = (typeof noticeActions)[number];

const live: readonly NoticeStatus[] = ['open', 'answered'];

/** The notice life cycle as data: from × action → to, with who may act. */
export const noticeTransitions: TransitionTable<NoticeStatus, NoticeAction, NoticeActor> = {
  answer: { from: ['open'], to: 'answered', actors: ['liaison', 'head'] },
  accept: { from: ['answered'], to: 'accepted', actors: ['office'] },
  return_answer: { from: ['answered'], to: 'open', actors: ['office'] },
  escalate: { from: live, to: 'escalated', actors: ['system', 'office'] },
  resolve: { from: live, to: 'resolved', actors: ['system'] },
  dismiss: { from: live, to: 'dismissed', actors: ['system', 'office'] },
};

export type NoticeTransitionResult = StepResult<NoticeStatus>;

/**
 * Guards one move of a notice: may an actor holding `actors` take `action` on a
 * notice in `from`? The state is checked first, so an ended notice answers
 * "wrong state" to everyone.
 */
export function nextNoticeStatus(
  from: NoticeStatus,
  action: NoticeAction,
  actors: readonly NoticeActor[],
): NoticeTransitionResult {
  return stepIn(noticeTransitions, from, action, actors);
}

/**
 * Is the notice still live (waiting for an answer or for the office)? Accepted,
 * escalated, resolved and dismissed notices have ended.
 */
export function isNoticeLive(status: NoticeStatus): boolean {
  return live.includes(status);
}

/** Why a notice ended, by its final status: the answer to "what ends a notice". */
export const noticeEndings: Readonly<
  Record<Exclude<NoticeStatus, 'open' | 'answered'>, { zh: string; en: string }>
> = {
  accepted: { zh: '答复已被认可', en: 'The answer was accepted' },
  escalated: { zh: '已升级为更高等级的督办', en: 'A higher-level notice replaced it' },
  resolved: { zh: '督办事项已解决', en: 'The matter stopped slipping' },
  dismissed: { zh: '督办事项已撤销或督办单已撤回', en: 'The matter was dismissed or the notice withdrawn' },
};
