import type { Role } from '../roles.ts';

/** 问题状态 */
export const problemStatuses = [
  'assigned', // 已交办: recorded and handed to the responsible unit
  'rectifying', // 整改中: the unit has filed its measures
  'closing_claimed', // 申请销号: the unit says it is done, with evidence
  'returned', // 退回重改: the claim was sent back with a reason
  'closed', // 已销号: verified by the office or an inspector
  'dismissed', // 不属实: found not to be a real problem (terminal)
  'merged', // 重复问题, merged into another problem (terminal)
] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

/** Every verb that changes a problem's status; each is one endpoint. */
export const problemActions = [
  'assign', // 交办 / 改派: hand the problem (again) to a responsible unit (office)
  'file_measures', // 制定整改措施 (the responsible unit)
  'claim_closing', // 申请销号, with evidence (the responsible unit)
  'close', // 审核销号 (office or inspector; never the unit itself)
  'return', // 退回重改, with a reason; the return count goes up (office or inspector)
  'reopen', // 回头看 finds the problem back (反弹), with a reason; the rebound count goes up
  'dismiss', // 不属实, with a reason (office or inspector)
  'merge', // 合并重复问题 into another problem (office)
] as const;
export type ProblemAction = (typeof problemActions)[number];

interface Transition {
  from: readonly ProblemStatus[];
  to: ProblemStatus;
  roles: readonly Role[];
}

const unit: readonly Role[] = ['liaison', 'head'];
const verifiers: readonly Role[] = ['office', 'inspector'];
/** A problem still being worked on: before closing, and not void. */
const working: readonly ProblemStatus[] = ['assigned', 'rectifying', 'returned'];

/** The problem life cycle as data: from × action → to, with the roles allowed to act. */
export const problemTransitions: Readonly<Record<ProblemAction, Transition>> = {
  assign: { from: working, to: 'assigned', roles: ['office'] },
  file_measures: { from: working, to: 'rectifying', roles: unit },
  claim_closing: { from: ['rectifying', 'returned'], to: 'closing_claimed', roles: unit },
  close: { from: ['closing_claimed'], to: 'closed', roles: verifiers },
  return: { from: ['closing_claimed'], to: 'returned', roles: verifiers },
  reopen: { from: ['closed'], to: 'rectifying', roles: verifiers },
  dismiss: { from: [...working, 'closing_claimed'], to: 'dismissed', roles: verifiers },
  merge: { from: [...working, 'closing_claimed'], to: 'merged', roles: ['office'] },
};

/**
 * Moves made over the unit (hand it the problem, judge its work): never made
 * by someone acting for the responsible unit.
 */
export const oversightActions: readonly ProblemAction[] = [
  'assign',
  'close',
  'return',
  'reopen',
  'dismiss',
  'merge',
];

export type ProblemTransitionResult =
  { ok: true; to: ProblemStatus } | { ok: false; reason: 'wrong_state' | 'wrong_role' };

/**
 * Guards one move of the life cycle: may someone holding `roles` (on this
 * problem) take `action` on a problem in `from`? The state is checked first,
 * so a closed problem answers "wrong state" to everyone but a look-back.
 * `actsForUnit` says the caller also acts for the responsible unit (a liaison
 * or head over it): such a caller never assigns, closes, returns, reopens,
 * dismisses or merges the problem, whatever other role they hold — a unit does not
 * verify its own rectification.
 */
export function nextProblemStatus(
  from: ProblemStatus,
  action: ProblemAction,
  roles: readonly Role[],
  actsForUnit = roles.some((r) => unit.includes(r)),
): ProblemTransitionResult {
  const t = problemTransitions[action];
  if (!t.from.includes(from)) return { ok: false, reason: 'wrong_state' };
  if (actsForUnit && oversightActions.includes(action)) return { ok: false, reason: 'wrong_role' };
  if (!roles.some((r) => t.roles.includes(r))) return { ok: false, reason: 'wrong_role' };
  return { ok: true, to: t.to };
}

/** States the unit still owes work in (or awaits a verdict in): the negative list 负面清单. */
export const openProblemStatuses: readonly ProblemStatus[] = [
  'assigned',
  'rectifying',
  'returned',
  'closing_claimed',
];

/** 已整改: the only state that counts as rectified (整改销号). */
export const rectifiedStatuses: readonly ProblemStatus[] = ['closed'];

/** Terminal states that are not findings at all: never counted as found, open or rectified. */
export const voidStatuses: readonly ProblemStatus[] = ['dismissed', 'merged'];

/** Does a problem in this state count as rectified (销号)? */
export const countsAsRectified = (s: ProblemStatus) => rectifiedStatuses.includes(s);

/** Does a problem in this state count among the problems found (发现问题数)? */
export const countsAsFound = (s: ProblemStatus) => !voidStatuses.includes(s);

/** Is the problem still open (on the unit's negative list)? */
export const isOpenProblem = (s: ProblemStatus) => openProblemStatuses.includes(s);

/** Can nothing ever happen to a problem in this state again? */
export const isTerminalProblem = (s: ProblemStatus) => voidStatuses.includes(s);

/** May the deadline (整改时限) or the responsible person be changed in this state? */
export const deadlineChangeable = (s: ProblemStatus) => isOpenProblem(s);
