import { sql, type SQL } from 'drizzle-orm';
import { capabilities, type Role } from '../../../domain/roles.ts';
import {
  nextNoticeStatus,
  type NoticeAction,
  type NoticeStatus,
} from '../../../domain/supervision/notice-lifecycle.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';

/** Every role that reads notices, each through its unit scope. */
export const noticeReaders = capabilities['supervision.notices'];

/**
 * The notices an actor may see, as a condition over `n`: those of a unit in
 * the scope of a reading role (the office and inspectors their scope, a unit
 * its own and below), and those naming the actor as responsible leader.
 * Anything else does not exist for them (404).
 */
export function visibleNotices(actor: Actor): SQL {
  return sql`(${unitColumnInScope(sql`n.unit_id`, scopeOf(actor, noticeReaders))} OR n.leader_id = ${actor.id})`;
}

/** What the policy needs to know of one notice. */
export interface NoticeFacts {
  status: NoticeStatus;
  unitPath: string;
  leaderId: number | null;
}

export function canSeeNotice(actor: Actor, n: NoticeFacts): boolean {
  return n.leaderId === actor.id || inScope(scopeOf(actor, noticeReaders), n.unitPath);
}

/** The roles the actor holds on this notice, for the life-cycle table: office, or the unit's liaison or head. */
export function rolesOnNotice(actor: Actor, n: Pick<NoticeFacts, 'unitPath'>): Role[] {
  return (['office', 'liaison', 'head'] as const).filter((r) => inScope(scopeOf(actor, [r]), n.unitPath));
}

export function mayMoveNotice(actor: Actor, n: NoticeFacts, action: NoticeAction): boolean {
  return nextNoticeStatus(n.status, action, rolesOnNotice(actor, n)).ok;
}

/** The buttons the UI may show: the same rules the service enforces. */
export function noticeAbilities(actor: Actor, n: NoticeFacts) {
  return {
    answer: mayMoveNotice(actor, n, 'answer'),
    accept: mayMoveNotice(actor, n, 'accept'),
    returnAnswer: mayMoveNotice(actor, n, 'return_answer'),
    withdraw: mayMoveNotice(actor, n, 'dismiss'),
  };
}
