import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBoard, type EvaluationInput, type RawValue } from './compute.ts';
import { quotaSeats } from './ranking.ts';
import { Ratio } from './ratio.ts';
import type { Grade, Normalisation, Scheme, WeightedIndicator } from './scheme.ts';

const weightSets: Record<number, (number | string)[]> = { 1: [100], 2: [60, 40], 3: [33.33, '33.33', 33.34] };

const normalisation = (higher: boolean): fc.Arbitrary<Normalisation> =>
  fc.oneof(
    fc.constant<Normalisation>({ kind: 'min_max' }),
    fc.constant<Normalisation>({ kind: 'rank' }),
    fc.constant<Normalisation>(
      higher ? { kind: 'target', target: 15, floor: 3 } : { kind: 'target', target: 3, floor: 15 },
    ),
  );

const indicator = (i: number, weight: number | string): fc.Arbitrary<WeightedIndicator> =>
  fc.boolean().chain((higher) =>
    fc.record({
      id: fc.constant(`i${i}`),
      name: fc.constant(`指标${i}`),
      source: fc.constant('entered' as const),
      weight: fc.constant(weight),
      direction: fc.constant(higher ? ('higher_better' as const) : ('lower_better' as const)),
      normalisation: normalisation(higher),
      missing: fc.constantFrom('zero' as const, 'peer_average' as const),
    }),
  );

const schemeArb: fc.Arbitrary<Scheme> = fc
  .record({
    count: fc.integer({ min: 1, max: 3 }),
    withEvents: fc.boolean(),
    quotas: fc.record({
      A: fc.integer({ min: 0, max: 40 }),
      B: fc.integer({ min: 0, max: 40 }),
      C: fc.integer({ min: 0, max: 20 }),
    }),
  })
  .chain(({ count, withEvents, quotas }) =>
    fc.tuple(...weightSets[count]!.map((w, i) => indicator(i, w))).map((weighted) => ({
      id: 9,
      version: 1,
      name: 'random',
      indicators: [
        ...weighted,
        ...(withEvents
          ? [
              {
                id: 'ev',
                name: '加减分',
                source: 'events' as const,
                eventPoints: { award: 2, card: -1.5 },
                bonusCap: 3,
                penaltyCap: 2,
              },
            ]
          : []),
      ],
      grading: { kind: 'quota' as const, quotas },
    })),
  );

/** A scheme and a peer group of 0–12 units with small values (ties are common), some missing. */
const caseArb = schemeArb.chain((scheme) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 12 }).chain((units) => {
    const weighted = scheme.indicators.filter((i) => i.source !== 'events');
    const values = fc.tuple(
      ...units.flatMap((u) =>
        weighted.map((ind) =>
          fc
            .option(fc.integer({ min: 0, max: 20 }), { freq: 5 })
            .map((x): RawValue => ({ unitId: u, indicatorId: ind.id, value: x, recordIds: [u * 10] })),
        ),
      ),
    );
    const events = scheme.indicators.some((i) => i.source === 'events')
      ? fc.array(
          fc.record({
            unitId: units.length ? fc.constantFrom(...units) : fc.constant(0),
            indicatorId: fc.constant('ev'),
            kind: fc.constantFrom('award', 'card'),
            recordId: fc.integer({ min: 1, max: 1e6 }),
          }),
          { maxLength: units.length ? 10 : 0 },
        )
      : fc.constant([]);
    return fc.record({
      scheme: fc.constant(scheme),
      input: fc.record({ units: fc.constant(units), values, events }) as fc.Arbitrary<EvaluationInput>,
    });
  }),
);

const shuffle = <T>(xs: readonly T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('ranking properties', () => {
  it('does not depend on the order of the units, values or events', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1e6 }), ({ scheme, input }, seed) => {
        const shuffled: EvaluationInput = {
          units: shuffle(input.units, seed),
          values: shuffle(input.values, seed + 1),
          events: shuffle(input.events ?? [], seed + 2),
        };
        expect(computeBoard(scheme, shuffled)).toEqual(computeBoard(scheme, input));
      }),
      { numRuns: 200 },
    );
  });

  it('raising a unit’s value on a higher-is-better indicator never lowers its total or its rank', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.integer({ min: 1, max: 10 }), ({ scheme, input }, pick, delta) => {
        const candidates = input.values.filter((v) => {
          const ind = scheme.indicators.find((i) => i.id === v.indicatorId) as WeightedIndicator;
          return ind.direction === 'higher_better' && typeof v.value === 'number';
        });
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length]!;
        const raised: EvaluationInput = {
          ...input,
          values: input.values.map((v) => (v === target ? { ...v, value: (v.value as number) + delta } : v)),
        };
        const before = computeBoard(scheme, input).results.find((r) => r.unitId === target.unitId)!;
        const after = computeBoard(scheme, raised).results.find((r) => r.unitId === target.unitId)!;
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(after.rank).toBeLessThanOrEqual(before.rank);
      }),
      { numRuns: 300 },
    );
  });

  it('grades respect the quota (ties drop to the lower grade)', () => {
    fc.assert(
      fc.property(caseArb, ({ scheme, input }) => {
        const board = computeBoard(scheme, input);
        if (scheme.grading.kind !== 'quota') return;
        const q = scheme.grading.quotas;
        const seats = quotaSeats(board.results.length, {
          A: Ratio.of(q.A),
          B: Ratio.of(q.B),
          C: Ratio.of(q.C),
        });
        const atLeast = (g: Grade) => board.results.filter((r) => r.grade <= g).length;
        expect(atLeast('A')).toBeLessThanOrEqual(seats[0]);
        expect(atLeast('B')).toBeLessThanOrEqual(seats[1]);
        expect(atLeast('C')).toBeLessThanOrEqual(seats[2]);
        // equal totals, equal grades; a better rank never gets a worse grade
        for (let i = 1; i < board.results.length; i++) {
          const [a, b] = [board.results[i - 1]!, board.results[i]!];
          if (a.rank === b.rank) expect(a.grade).toBe(b.grade);
          expect(a.grade <= b.grade).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ties share a rank and the next rank skips', () => {
    fc.assert(
      fc.property(caseArb, ({ scheme, input }) => {
        const rs = computeBoard(scheme, input).results;
        rs.forEach((r, i) => {
          expect(r.rank).toBe(1 + rs.filter((o) => o.total > r.total).length);
          if (i > 0 && rs[i - 1]!.rank !== r.rank) expect(r.rank).toBe(i + 1);
          if (i > 0 && rs[i - 1]!.rank === r.rank) expect(r.totalText).toBe(rs[i - 1]!.totalText);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('min–max with every unit equal does not divide by zero: full marks for all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: -50, max: 50 }), (n, c) => {
        const scheme: Scheme = {
          id: 1,
          version: 1,
          name: 'flat',
          indicators: [
            {
              id: 'x',
              name: 'x',
              source: 'entered',
              weight: 100,
              direction: 'higher_better',
              normalisation: { kind: 'min_max' },
            },
          ],
          grading: { kind: 'thresholds', min: { A: 90, B: 80, C: 60 } },
        };
        const units = Array.from({ length: n }, (_, i) => i + 1);
        const board = computeBoard(scheme, {
          units,
          values: units.map((u) => ({ unitId: u, indicatorId: 'x', value: c })),
        });
        for (const r of board.results) {
          expect(r.total).toBe(100);
          expect(r.rank).toBe(1);
          expect(r.lines[0]!.normalised).toBe(100);
        }
      }),
    );
  });
});
