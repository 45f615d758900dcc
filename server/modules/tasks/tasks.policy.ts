import { sql, type SQL } from 'drizzle-orm';
import { nextTaskStatus, type TaskAction, type TaskStatus } from '../../../domain/tasks/task-lifecycle.ts';
import type { Role } from '../../../domain/roles.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';

/** Roles that read every task under their unit scope; only the office also sees drafts. */
const overseers: readonly Role[] = ['office', 'inspector', 'discipline'];
const unitRoles: readonly Role[] = ['liaison', 'head'];

const hasRole = (actor: Actor, role: Role) => actor.roles.some((g) => g.role === role);

function pathIn(column: SQL, scope: readonly string[]): SQL {
  return sql.join(
    scope.map((p) => sql`${column} LIKE ${p + '%'}`),
    sql` OR `,
  );
}

/** Does the scope hold the root (a one-segment path like `/1/`)? Every unit lies under the one root. */
export const coversAll = (scope: readonly string[]) => scope.some((p) => /^\/\d+\/$/.test(p));

/** The ids of the units in the scope, as an array PostgreSQL computes once per query. */
const unitIdsIn = (scope: readonly string[]) =>
  sql`ARRAY(SELECT su.id FROM units su WHERE ${pathIn(sql`su.path`, scope)})`;

/**
 * The tasks led by a unit in the scope, as a condition over `t` alone: no join,
 * so a count can run on the tasks table (or its indexes) only, and `= ANY` of a
 * computed array is an index condition, so a small scope is read through the
 * lead-unit index rather than by scanning every task.
 */
function ledIn(scope: readonly string[]): SQL {
  return unitColumnInScope(sql`t.lead_unit_id`, scope);
}

/**
 * Rows whose unit (`column`) lies in the scope, as an index condition: `true`
 * for a scope holding the root, else `= ANY` of the scope's unit ids
 * (computed once per query); `false` for an empty scope. Problems use it too.
 */
export function unitColumnInScope(column: SQL, scope: readonly string[]): SQL {
  if (scope.length === 0) return sql`false`;
  if (coversAll(scope)) return sql`true`;
  return sql`${column} = ANY (${unitIdsIn(scope)})`;
}

/**
 * The tasks an actor may see, as a condition over `t` alone (queries may join
 * `lu`, the lead unit, for their own needs): the office and inspectors through
 * their unit scope; a unit's liaison and head the issued tasks it leads or
 * cooperates on; a leader the tasks in his portfolio and their subtasks.
 */
export function visibleTasks(actor: Actor): SQL {
  const parts: SQL[] = [];
  const office = scopeOf(actor, ['office']);
  if (office.length) parts.push(sql`(${ledIn(office)})`);
  const readers = scopeOf(
    actor,
    overseers.filter((r) => r !== 'office'),
  );
  if (readers.length) parts.push(sql`(t.status <> 'draft' AND ${ledIn(readers)})`);
  const units = scopeOf(actor, unitRoles);
  if (units.length) {
    // Both sides are index conditions (a BitmapOr); `led OR EXISTS (cooperates)` made
    // PostgreSQL join every task to its unit and test each one.
    parts.push(
      coversAll(units)
        ? sql`(t.status <> 'draft')`
        : sql`(t.status <> 'draft' AND (${ledIn(units)} OR t.id = ANY (ARRAY(
            SELECT tc.task_id FROM task_cooperators tc WHERE tc.unit_id = ANY (${unitIdsIn(units)})))))`,
    );
  }
  if (hasRole(actor, 'leader')) {
    parts.push(sql`(t.status <> 'draft' AND EXISTS (
      SELECT 1 FROM task_leaders tl WHERE tl.person_id = ${actor.id}
        AND (tl.task_id = t.id OR tl.task_id = t.parent_id)))`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** What the policy needs to know of one task. */
export interface TaskFacts {
  status: TaskStatus;
  leadUnitPath: string;
  leaderIds: readonly number[];
  parentLeaderIds: readonly number[];
  campaignClosed: boolean;
  hasPendingChange: boolean;
}

/** Does the actor act for the task's lead unit (liaison or head with the unit in scope)? */
export function actsForLeadUnit(actor: Actor, task: Pick<TaskFacts, 'leadUnitPath'>, roles = unitRoles) {
  return inScope(scopeOf(actor, roles), task.leadUnitPath);
}

export function isOfficeFor(actor: Actor, task: Pick<TaskFacts, 'leadUnitPath'>) {
  return inScope(scopeOf(actor, ['office']), task.leadUnitPath);
}

export function isLeaderOf(actor: Actor, task: Pick<TaskFacts, 'leaderIds' | 'parentLeaderIds'>) {
  return (
    hasRole(actor, 'leader') && (task.leaderIds.includes(actor.id) || task.parentLeaderIds.includes(actor.id))
  );
}

/** The roles the actor holds with respect to this task, for the life-cycle table. */
export function rolesOnTask(actor: Actor, task: TaskFacts): Role[] {
  const held: Role[] = [];
  if (isOfficeFor(actor, task)) held.push('office');
  if (actsForLeadUnit(actor, task, ['liaison'])) held.push('liaison');
  if (actsForLeadUnit(actor, task, ['head'])) held.push('head');
  if (isLeaderOf(actor, task)) held.push('leader');
  return held;
}

const may = (actor: Actor, task: TaskFacts, action: TaskAction) =>
  !task.campaignClosed && nextTaskStatus(task.status, action, rolesOnTask(actor, task)).ok;

/** The buttons the UI may show: the same rules the service enforces. */
export function taskAbilities(actor: Actor, task: TaskFacts, owesReport = true) {
  const office = isOfficeFor(actor, task) && !task.campaignClosed;
  const unit = actsForLeadUnit(actor, task) && !task.campaignClosed;
  const working = task.status === 'signed' || task.status === 'in_progress';
  return {
    edit: office && task.status === 'draft',
    issue: may(actor, task, 'issue'),
    split: office && task.status !== 'done',
    sign: may(actor, task, 'sign'),
    // This period's report is in (or waiting for the head): nothing more to write until the next period.
    report: unit && working && owesReport,
    requestChange: unit && working && !task.hasPendingChange,
    decideChange: office && task.hasPendingChange,
    claimCompletion: may(actor, task, 'claim_completion'),
    verifyCompletion: may(actor, task, 'verify_completion'),
    sendBack: may(actor, task, 'send_back'),
    instruct: isLeaderOf(actor, task) && task.status !== 'draft' && task.status !== 'done',
  };
}
