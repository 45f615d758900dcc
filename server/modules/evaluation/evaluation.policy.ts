import { capabilities } from '../../../domain/roles.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';

/** Roles that read boards; the office also computes, publishes and corrects. */
export const boardReaders = capabilities['evaluation.browse'];
export const evaluationManagers = capabilities['evaluation.manage'];

/**
 * May the actor open a unit's explanation and its records? Whoever reads
 * boards, for a unit in the scope of a reading role: the office, inspectors,
 * leaders and discipline over their units, a unit's liaison and head over
 * their own unit (and below). Anyone else gets 404.
 */
export function mayExplain(actor: Actor, unitPath: string): boolean {
  return inScope(scopeOf(actor, boardReaders), unitPath);
}

/** A pg unique violation (on `constraint`, when given), however the driver wrapped it. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pg = err.code === '23505' ? err : err.cause?.code === '23505' ? err.cause : undefined;
  return pg !== undefined && (constraint === undefined || pg.constraint === constraint);
}
