import { describe, expect, it } from 'vitest';
import { itWalksTheLifecycle } from '../lifecycle.testkit.ts';
import { terminalStatuses } from '../lifecycle.ts';
import { roles } from '../roles.ts';
import { nextRedoStatus, redoActions, redoStatuses, redoTransitions } from './redo-order.ts';

describe('redo order life cycle (返工整改)', () => {
  itWalksTheLifecycle({
    statuses: redoStatuses,
    actions: redoActions,
    actors: roles,
    table: redoTransitions,
    guard: (from, action, actors) => nextRedoStatus(from, action, actors),
    legal: [
      ['issued', 'submit', 'submitted', ['liaison', 'head', 'leader']],
      ['submitted', 'accept', 'accepted', ['office', 'inspector']],
      ['submitted', 'send_back', 'issued', ['office', 'inspector']],
      ['issued', 'cancel', 'cancelled', ['office']],
      ['submitted', 'cancel', 'cancelled', ['office']],
    ],
  });

  it('ends accepted or cancelled', () => {
    expect(terminalStatuses(redoStatuses, redoTransitions)).toEqual(['accepted', 'cancelled']);
  });

  it('an order on a leader is submitted by that leader only; an order on a unit by the unit', () => {
    const onLeader = { kind: 'leader', personId: 21, unitId: 4 } as const;
    expect(nextRedoStatus('issued', 'submit', ['leader'], onLeader, 21)).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(nextRedoStatus('issued', 'submit', ['leader'], onLeader, 22)).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
    expect(nextRedoStatus('issued', 'submit', ['liaison'], onLeader, 30).ok).toBe(false);
    const onUnit = { kind: 'unit', unitId: 4 } as const;
    expect(nextRedoStatus('issued', 'submit', ['head'], onUnit, 30).ok).toBe(true);
    expect(nextRedoStatus('issued', 'submit', ['leader'], onUnit, 21).ok).toBe(false);
    expect(nextRedoStatus('accepted', 'submit', ['leader'], onLeader, 21)).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
  });
});
