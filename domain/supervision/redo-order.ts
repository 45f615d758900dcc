import { stepIn, type StepResult, type TransitionTable } from '../lifecycle.ts';
import type { Role } from '../roles.ts';

/**
 * 返工整改 / 责令重新检视: a unit, or a leader of it, is ordered to re-inspect
 * itself. Issuing the order opens a new self-inspection (自查自纠) for the
 * subject; the subject submits its self-inspection report, which the office
 * or the inspectors accept or send back (the return count is kept).
 * "责令隐瞒不查、查而不纠的9个区管党组织、23名主要领导重新检视、返工整改".
 */
export type RedoSubject =
  { kind: 'unit'; unitId: number } | { kind: 'leader'; personId: number; unitId: number };

export const redoStatuses = [
  'issued', // 已下达: the self-inspection is under way
  'submitted', // 已提交: the self-inspection report is in
  'accepted', // 已通过
  'cancelled', // 已撤销
] as const;
export type RedoStatus = (typeof redoStatuses)[number];

export const redoActions = [
  'submit', // 提交自查报告: the unit (liaison or head) or the leader ordered
  'accept', // 验收通过 (office, inspector)
  'send_back', // 退回重改 (office, inspector): back to issued, the return count goes up
  'cancel', // 撤销 (office)
] as const;
export type RedoAction = (typeof redoActions)[number];

export const redoTransitions: TransitionTable<RedoStatus, RedoAction, Role> = {
  submit: { from: ['issued'], to: 'submitted', actors: ['liaison', 'head', 'leader'] },
  accept: { from: ['submitted'], to: 'accepted', actors: ['office', 'inspector'] },
  send_back: { from: ['submitted'], to: 'issued', actors: ['office', 'inspector'] },
  cancel: { from: ['issued', 'submitted'], to: 'cancelled', actors: ['office'] },
};

/**
 * Guards one move of a redo order. A leader may submit only an order naming
 * him: pass `actorPersonId` and an order on a leader refuses anyone else who
 * acts only as a leader (`wrong_role`); an order on a unit is submitted by the unit.
 */
export function nextRedoStatus(
  from: RedoStatus,
  action: RedoAction,
  roles: readonly Role[],
  subject?: RedoSubject,
  actorPersonId?: number,
): StepResult<RedoStatus> {
  if (action === 'submit' && subject) {
    const own = subject.kind === 'leader' && actorPersonId === subject.personId;
    const allowed = roles.filter((r) => (r === 'leader' ? own : subject.kind === 'unit'));
    return stepIn(redoTransitions, from, action, allowed);
  }
  return stepIn(redoTransitions, from, action, roles);
}
