import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../roles.ts';
import {
  nextTaskStatus,
  taskActions,
  taskStatuses,
  taskTransitions,
  type TaskAction,
  type TaskStatus,
} from './task-lifecycle.ts';

/** The life cycle written out by hand: the only legal moves. */
const legal: [TaskStatus, TaskAction, TaskStatus, Role[]][] = [
  ['draft', 'issue', 'issued', ['office']],
  ['issued', 'sign', 'signed', ['liaison', 'head']],
  ['signed', 'start', 'in_progress', ['liaison', 'head']],
  ['signed', 'claim_completion', 'completion_claimed', ['liaison', 'head']],
  ['in_progress', 'claim_completion', 'completion_claimed', ['liaison', 'head']],
  ['completion_claimed', 'verify_completion', 'done', ['office']],
  ['completion_claimed', 'send_back', 'in_progress', ['office']],
];

describe('task life cycle', () => {
  it.each(legal)('%s —%s→ %s by %j', (from, action, to, allowed) => {
    for (const role of roles) {
      const r = nextTaskStatus(from, action, [role]);
      if (allowed.includes(role)) expect(r).toEqual({ ok: true, to });
      else expect(r).toEqual({ ok: false, reason: 'wrong_role' });
    }
  });

  it('refuses every other (state, action) pair as wrong_state, whatever the role', () => {
    let checked = 0;
    for (const from of taskStatuses) {
      for (const action of taskActions) {
        if (legal.some(([f, a]) => f === from && a === action)) continue;
        for (const role of roles)
          expect(nextTaskStatus(from, action, [role])).toEqual({ ok: false, reason: 'wrong_state' });
        checked++;
      }
    }
    expect(checked).toBe(taskStatuses.length * taskActions.length - legal.length);
  });

  it('matches the table in the code exactly', () => {
    const fromTable = Object.entries(taskTransitions).flatMap(([action, t]) =>
      t.from.map((from) => `${from} ${action} ${t.to} ${[...t.roles].sort().join(',')}`),
    );
    const byHand = legal.map(([from, action, to, r]) => `${from} ${action} ${to} ${[...r].sort().join(',')}`);
    expect(fromTable.sort()).toEqual(byHand.sort());
  });

  it('never lets a unit verify its own completion', () => {
    expect(nextTaskStatus('completion_claimed', 'verify_completion', ['liaison', 'head'])).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
  });

  it('done is terminal', () => {
    for (const action of taskActions) expect(nextTaskStatus('done', action, [...roles]).ok).toBe(false);
  });
});
