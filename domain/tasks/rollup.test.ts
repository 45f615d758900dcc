import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollUpProgress } from './rollup.ts';

describe('roll-up of subtask progress', () => {
  it.each([
    [[], null],
    [[{ weight: 1, percent: 40 }], 40],
    [
      [
        { weight: 1, percent: 0 },
        { weight: 1, percent: 100 },
      ],
      50,
    ],
    [
      [
        { weight: 3, percent: 100 },
        { weight: 1, percent: 0 },
      ],
      75,
    ],
    [
      [
        { weight: 2, percent: 33 },
        { weight: 1, percent: 34 },
      ],
      33.33,
    ],
  ])('%j → %s', (subtasks, expected) => {
    expect(rollUpProgress(subtasks)).toBe(expected);
  });

  it('refuses a zero weight or a percent outside 0–100', () => {
    expect(() => rollUpProgress([{ weight: 0, percent: 10 }])).toThrow(RangeError);
    expect(() => rollUpProgress([{ weight: 1, percent: 101 }])).toThrow(RangeError);
  });

  it('stays between the lowest and highest subtask and ignores their order', () => {
    const sub = fc.record({
      weight: fc.integer({ min: 1, max: 100 }),
      percent: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(sub, { minLength: 1, maxLength: 40 }), (subs) => {
        const r = rollUpProgress(subs)!;
        const ps = subs.map((s) => s.percent);
        expect(r).toBeGreaterThanOrEqual(Math.min(...ps) - 0.01);
        expect(r).toBeLessThanOrEqual(Math.max(...ps) + 0.01);
        expect(rollUpProgress([...subs].reverse())).toBeCloseTo(r, 6);
      }),
    );
  });
});
