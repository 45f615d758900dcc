import { sql, type SQL } from 'drizzle-orm';
import {
  deadlineChangeable,
  nextProblemStatus,
  type ProblemAction,
  type ProblemStatus,
} from '../../../domain/problems/problem-lifecycle.ts';
import { capabilities, type Role } from '../../../domain/roles.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';

/** Every role that reads problems, each through its unit scope (a unit's people: their unit and below). */
export const problemReaders = capabilities['problems.browse'];

/**
 * The problems an actor may see, as a condition over `p` alone: those whose
 * responsible unit lies in the scope of one of the reading roles. Anything
 * else does not exist for them (404).
 */
export function visibleProblems(actor: Actor): SQL {
  return unitColumnInScope(sql`p.unit_id`, scopeOf(actor, problemReaders));
}

/** May the actor read the problems of the unit at `path` (its negative list, its statistics)? */
export function canReadUnit(actor: Actor, path: string): boolean {
  return inScope(scopeOf(actor, problemReaders), path);
}

/** What the policy needs to know of one problem. */
export interface ProblemFacts {
  status: ProblemStatus;
  unitPath: string;
  longTerm: boolean;
}

/** Does the actor act for the problem's responsible unit (liaison or head with it in scope)? */
export function actsForUnit(actor: Actor, unitPath: string): boolean {
  return inScope(scopeOf(actor, ['liaison', 'head']), unitPath);
}

/** The roles the actor holds with respect to this problem, for the life-cycle table. */
export function rolesOnProblem(actor: Actor, unitPath: string): Role[] {
  return (['office', 'inspector', 'liaison', 'head'] as const).filter((r) =>
    inScope(scopeOf(actor, [r]), unitPath),
  );
}

/** Whether the actor may take `action` now: the same rule the service enforces. */
export function mayMove(actor: Actor, p: ProblemFacts, action: ProblemAction): boolean {
  return nextProblemStatus(p.status, action, rolesOnProblem(actor, p.unitPath)).ok;
}

/** May the actor change the deadline or reassign (the office, on an open problem, not of its own unit)? */
export function mayManage(actor: Actor, p: ProblemFacts): boolean {
  const held = rolesOnProblem(actor, p.unitPath);
  return held.includes('office') && !actsForUnit(actor, p.unitPath) && deadlineChangeable(p.status);
}

/** The buttons the UI may show: the same rules the service enforces. */
export function problemAbilities(actor: Actor, p: ProblemFacts) {
  const working = p.status === 'rectifying' || p.status === 'returned';
  return {
    assign: mayMove(actor, p, 'assign'),
    setDeadline: mayManage(actor, p),
    fileMeasures: mayMove(actor, p, 'file_measures'),
    reportProgress: p.longTerm && working && actsForUnit(actor, p.unitPath),
    claimClosing: mayMove(actor, p, 'claim_closing'),
    close: mayMove(actor, p, 'close'),
    return: mayMove(actor, p, 'return'),
    reopen: mayMove(actor, p, 'reopen'),
    dismiss: mayMove(actor, p, 'dismiss'),
    merge: mayMove(actor, p, 'merge'),
  };
}
