/**
 * Life cycles as data (ENGINEERING rule 3): each is a table `action → { from, to, actors }`
 * and one guard walks it. Actors are roles, or `system` for a scheduled job.
 */
export interface Transition<S extends string, Actor extends string> {
  from: readonly S[];
  to: S;
  actors: readonly Actor[];
}

export type TransitionTable<S extends string, A extends string, Actor extends string> = Readonly<
  Record<A, Transition<S, Actor>>
>;

export type StepResult<S extends string> =
  { ok: true; to: S } | { ok: false; reason: 'wrong_state' | 'wrong_role' };

/**
 * May someone acting as any of `actors` take `action` from `from`? The state is
 * checked first, so a finished record answers "wrong state" to everyone.
 */
export function stepIn<S extends string, A extends string, Actor extends string>(
  table: TransitionTable<S, A, Actor>,
  from: S,
  action: A,
  actors: readonly Actor[],
): StepResult<S> {
  const t = table[action];
  if (!t.from.includes(from)) return { ok: false, reason: 'wrong_state' };
  if (!actors.some((a) => t.actors.includes(a))) return { ok: false, reason: 'wrong_role' };
  return { ok: true, to: t.to };
}

/** Statuses no action leaves: the ends of the life cycle. */
export function terminalStatuses<S extends string, A extends string, Actor extends string>(
  statuses: readonly S[],
  table: TransitionTable<S, A, Actor>,
): S[] {
  const leaving = new Set(Object.values<Transition<S, Actor>>(table).flatMap((t) => t.from));
  return statuses.filter((s) => !leaving.has(s));
}
