import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../roles.ts';
import {
  countsAsFound,
  countsAsRectified,
  isOpenProblem,
  nextProblemStatus,
  problemActions,
  problemStatuses,
  problemTransitions,
  type ProblemAction,
  type ProblemStatus,
} from './problem-lifecycle.ts';

const unit: Role[] = ['liaison', 'head'];
const verifiers: Role[] = ['office', 'inspector'];

/** The life cycle written out by hand: the only legal moves. */
const legal: [ProblemStatus, ProblemAction, ProblemStatus, Role[]][] = [
  ['assigned', 'assign', 'assigned', ['office']],
  ['rectifying', 'assign', 'assigned', ['office']],
  ['returned', 'assign', 'assigned', ['office']],
  ['assigned', 'file_measures', 'rectifying', unit],
  ['rectifying', 'file_measures', 'rectifying', unit],
  ['returned', 'file_measures', 'rectifying', unit],
  ['rectifying', 'claim_closing', 'closing_claimed', unit],
  ['returned', 'claim_closing', 'closing_claimed', unit],
  ['closing_claimed', 'close', 'closed', verifiers],
  ['closing_claimed', 'return', 'returned', verifiers],
  ['closed', 'reopen', 'rectifying', verifiers],
  ['assigned', 'dismiss', 'dismissed', verifiers],
  ['rectifying', 'dismiss', 'dismissed', verifiers],
  ['returned', 'dismiss', 'dismissed', verifiers],
  ['closing_claimed', 'dismiss', 'dismissed', verifiers],
  ['assigned', 'merge', 'merged', ['office']],
  ['rectifying', 'merge', 'merged', ['office']],
  ['returned', 'merge', 'merged', ['office']],
  ['closing_claimed', 'merge', 'merged', ['office']],
];

describe('problem life cycle', () => {
  it.each(legal)('%s —%s→ %s by %j', (from, action, to, allowed) => {
    for (const role of roles) {
      const r = nextProblemStatus(from, action, [role]);
      if (allowed.includes(role)) expect(r, role).toEqual({ ok: true, to });
      else expect(r, role).toEqual({ ok: false, reason: 'wrong_role' });
    }
  });

  it('refuses every other (state, action) pair as wrong_state, whatever the role', () => {
    let checked = 0;
    for (const from of problemStatuses) {
      for (const action of problemActions) {
        if (legal.some(([f, a]) => f === from && a === action)) continue;
        for (const role of roles)
          expect(nextProblemStatus(from, action, [role]), `${from} ${action} ${role}`).toEqual({
            ok: false,
            reason: 'wrong_state',
          });
        checked++;
      }
    }
    expect(checked).toBe(problemStatuses.length * problemActions.length - legal.length);
  });

  it('matches the table in the code exactly', () => {
    const fromTable = Object.entries(problemTransitions).flatMap(([action, t]) =>
      t.from.map((from) => `${from} ${action} ${t.to} ${[...t.roles].sort().join(',')}`),
    );
    const byHand = legal.map(([from, action, to, r]) => `${from} ${action} ${to} ${[...r].sort().join(',')}`);
    expect(fromTable.sort()).toEqual(byHand.sort());
  });

  it('never lets a unit close, return, reopen, dismiss or merge its own problem', () => {
    expect(nextProblemStatus('closing_claimed', 'close', unit)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(nextProblemStatus('closing_claimed', 'return', unit).ok).toBe(false);
    expect(nextProblemStatus('closed', 'reopen', unit).ok).toBe(false);
    // Not even a person who is also the office or an inspector, while acting for the unit.
    for (const [from, action] of [
      ['closing_claimed', 'close'],
      ['closing_claimed', 'return'],
      ['closed', 'reopen'],
      ['assigned', 'dismiss'],
      ['assigned', 'merge'],
      ['assigned', 'assign'],
    ] as const) {
      expect(nextProblemStatus(from, action, ['office', 'inspector', 'liaison']), action).toEqual({
        ok: false,
        reason: 'wrong_role',
      });
      expect(nextProblemStatus(from, action, ['office'], true), action).toEqual({
        ok: false,
        reason: 'wrong_role',
      });
    }
    // Outside the unit, the same person verifies.
    expect(nextProblemStatus('closing_claimed', 'close', ['office'], false)).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('a returned problem is rectified again and claimed again; a reopened one counts again as open', () => {
    const walk: [ProblemAction, Role][] = [
      ['file_measures', 'liaison'],
      ['claim_closing', 'liaison'],
      ['return', 'office'],
      ['claim_closing', 'head'],
      ['close', 'inspector'],
      ['reopen', 'inspector'],
      ['file_measures', 'liaison'],
      ['claim_closing', 'liaison'],
      ['close', 'office'],
    ];
    let s: ProblemStatus = 'assigned';
    const seen: ProblemStatus[] = [];
    for (const [action, role] of walk) {
      const r = nextProblemStatus(s, action, [role]);
      if (!r.ok) throw new Error(`${s} ${action} ${role}: ${r.reason}`);
      s = r.to;
      seen.push(s);
    }
    expect(seen).toEqual([
      'rectifying',
      'closing_claimed',
      'returned',
      'closing_claimed',
      'closed',
      'rectifying',
      'rectifying',
      'closing_claimed',
      'closed',
    ]);
  });

  it('dismissed and merged are terminal: nothing moves them', () => {
    for (const from of ['dismissed', 'merged'] as const)
      for (const action of problemActions) expect(nextProblemStatus(from, action, [...roles]).ok).toBe(false);
  });

  it.each([
    ['assigned', true, false, true],
    ['rectifying', true, false, true],
    ['returned', true, false, true],
    ['closing_claimed', true, false, true],
    ['closed', true, true, false],
    ['dismissed', false, false, false],
    ['merged', false, false, false],
  ] as const)('%s: found %s, rectified %s, open %s', (status, found, rectified, open) => {
    expect(countsAsFound(status)).toBe(found);
    expect(countsAsRectified(status)).toBe(rectified);
    expect(isOpenProblem(status)).toBe(open);
  });
});
