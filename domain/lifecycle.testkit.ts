// Test helper (imported by *.test.ts only): walks a life-cycle table against the moves written out by hand.
import { expect, it } from 'vitest';
import type { StepResult, TransitionTable } from './lifecycle.ts';

export interface LifecycleSpec<S extends string, A extends string, Actor extends string> {
  statuses: readonly S[];
  actions: readonly A[];
  actors: readonly Actor[];
  table: TransitionTable<S, A, Actor>;
  /** The only legal moves: from, action, to, who may. */
  legal: readonly (readonly [S, A, S, readonly Actor[]])[];
  guard: (from: S, action: A, actors: readonly Actor[]) => StepResult<S> | { ok: false; reason: string };
}

/** Declares the three checks every life cycle gets: each legal move by each actor, every other move refused, table = hand. */
export function itWalksTheLifecycle<S extends string, A extends string, Actor extends string>(
  spec: LifecycleSpec<S, A, Actor>,
): void {
  it.each(spec.legal.map((l) => [...l]))('%s —%s→ %s by %j', (from, action, to, allowed) => {
    for (const actor of spec.actors) {
      const r = spec.guard(from as S, action as A, [actor]);
      if ((allowed as readonly Actor[]).includes(actor)) expect(r).toEqual({ ok: true, to });
      else expect(r).toEqual({ ok: false, reason: 'wrong_role' });
    }
  });

  it('refuses every other (state, action) pair as wrong_state, whoever acts', () => {
    let checked = 0;
    for (const from of spec.statuses)
      for (const action of spec.actions) {
        if (spec.legal.some(([f, a]) => f === from && a === action)) continue;
        expect(spec.guard(from, action, spec.actors)).toEqual({ ok: false, reason: 'wrong_state' });
        checked++;
      }
    expect(checked).toBe(spec.statuses.length * spec.actions.length - spec.legal.length);
  });

  it('matches the table in the code exactly', () => {
    const fromTable = Object.entries(spec.table).flatMap(([action, t]) => {
      const tr = t as { from: readonly string[]; to: string; actors: readonly string[] };
      return tr.from.map((from) => `${from} ${action} ${tr.to} ${[...tr.actors].sort().join(',')}`);
    });
    const byHand = spec.legal.map(
      ([from, action, to, a]) => `${from} ${action} ${to} ${[...a].sort().join(',')}`,
    );
    expect(fromTable.sort()).toEqual(byHand.sort());
  });
}
