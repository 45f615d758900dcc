import { describe, expect, it } from 'vitest';
import {
  computeBoard,
  EvaluationInputError,
  explainUnit,
  type EvaluationInput,
  type RawValue,
} from './compute.ts';
import { competitionRanks, gradeShare, gradesByQuota, quotaSeats, rankChange } from './ranking.ts';
import { Ratio } from './ratio.ts';
import { SchemeError, type Grade, type Scheme, type WeightedIndicator } from './scheme.ts';
import { scheme } from './evaluation.testkit.ts';

const v = (
  unitId: number,
  indicatorId: string,
  value: RawValue['value'],
  recordIds?: number[],
): RawValue => ({
  unitId,
  indicatorId,
  value,
  ...(recordIds ? { recordIds } : {}),
});

/** Five towns. on_time min–max 40 · overdue target 0 / floor 10, 30 · cards by rank of grade points, 30 · bonus ±5. */
const towns: EvaluationInput = {
  units: [5, 3, 1, 4, 2],
  values: [
    v(1, 'on_time', 100),
    v(2, 'on_time', 90),
    v(3, 'on_time', 80),
    v(4, 'on_time', 80),
    v(5, 'on_time', 60),
    v(1, 'overdue', 0),
    v(2, 'overdue', 2, [702, 701]),
    v(3, 'overdue', 5, [705, 704, 703, 703, 706, 707]),
    v(4, 'overdue', 10),
    v(5, 'overdue', 12),
    v(1, 'cards', 'A'),
    v(2, 'cards', 'B'),
    v(3, 'cards', 'A'),
    v(4, 'cards', 'C'),
    v(5, 'cards', 'D'),
  ],
  events: [
    { unitId: 1, indicatorId: 'bonus', kind: 'award_national', recordId: 91 },
    { unitId: 1, indicatorId: 'bonus', kind: 'award_national', recordId: 90 },
    { unitId: 1, indicatorId: 'bonus', kind: 'yellow_card', recordId: 92 },
    { unitId: 4, indicatorId: 'bonus', kind: 'award_national', recordId: 93 },
    { unitId: 5, indicatorId: 'bonus', kind: 'yellow_card', recordId: 94 },
    { unitId: 5, indicatorId: 'bonus', kind: 'yellow_card', recordId: 95 },
    { unitId: 5, indicatorId: 'bonus', kind: 'yellow_card', recordId: 96 },
  ],
  previousRanks: [
    { unitId: 1, rank: 3 },
    { unitId: 2, rank: 2 },
    { unitId: 5, rank: 1 },
  ],
};

/** One indicator scored as it is (target 100 / floor 0), so a unit's total is its value. */
const asIs = (grading: Scheme['grading'], missing?: WeightedIndicator['missing']): Scheme => ({
  id: 2,
  version: 1,
  name: 'as is',
  indicators: [
    {
      id: 'score',
      name: '得分',
      source: 'entered',
      weight: 100,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
      ...(missing ? { missing } : {}),
    },
  ],
  grading,
});
const quota30 = { kind: 'quota', quotas: { A: 30, B: 40, C: 20 } } as const;
const boardOf = (values: number[], grading: Scheme['grading'] = quota30) =>
  computeBoard(asIs(grading), {
    units: values.map((_, i) => i + 1),
    values: values.map((x, i) => v(i + 1, 'score', x)),
  });

describe('a board of five towns', () => {
  const board = computeBoard(scheme, towns);

  it('totals, ranks and grades (quota 30/40/20 of 5 → 1 A, 2 B, 1 C, 1 D)', () => {
    expect(board.results.map((r) => [r.unitId, r.totalText, r.rank, r.grade])).toEqual([
      [1, '103.00', 1, 'A'], // 40 + 30 + 30 + (5 capped bonus − 2)
      [2, '69.00', 2, 'B'], // 30 + 24 + 15
      [3, '65.00', 3, 'B'], // 20 + 15 + 30
      [4, '30.50', 4, 'C'], // 20 + 0 + 7.5 + 3
      [5, '-5.00', 5, 'D'], // 0 + 0 (clamped below the floor) + 0 − 5 (capped penalty)
    ]);
    expect(board.gradeCounts).toEqual({ A: 1, B: 2, C: 1, D: 1 });
    expect(board.aShare).toEqual({ count: 1, of: 5, percent: 20, text: '20.00%' });
    expect([board.schemeId, board.schemeVersion]).toEqual([1, 1]);
  });

  it('compares with the previous published board', () => {
    const change = Object.fromEntries(board.results.map((r) => [r.unitId, r.change?.text.zh ?? null]));
    expect(change).toEqual({ 1: '环比上升2位', 2: '环比持平', 3: null, 4: null, 5: '环比下降4位' });
  });

  it('explains every indicator of a unit, down to the records', () => {
    const three = explainUnit(board, 3)!;
    expect(
      three.lines.map((l) => [
        l.indicatorId,
        l.raw,
        l.points,
        l.text.normalised,
        l.weight,
        l.text.contribution,
      ]),
    ).toEqual([
      ['on_time', 80, 80, '50.00', 40, '20.00'],
      ['overdue', 5, 5, '50.00', 30, '15.00'],
      ['cards', 'A', 100, '100.00', 30, '30.00'],
      ['bonus', 0, 0, null, null, '0.00'],
    ]);
    expect(three.lines[1]!.recordIds).toEqual([703, 704, 705, 706, 707]);
    const one = explainUnit(board, 1)!;
    expect(one.lines[3]).toMatchObject({ raw: 4, capped: 'bonus', contribution: 3, recordIds: [90, 91, 92] });
    expect(explainUnit(board, 5)!.lines[3]).toMatchObject({ raw: -6, capped: 'penalty', contribution: -5 });
    expect(explainUnit(board, 5)!.lines[1]).toMatchObject({ raw: 12, normalised: 0 }); // beyond the floor
    expect(explainUnit(board, 99)).toBeNull();
  });

  it('the contributions add up to the total', () => {
    for (const r of board.results)
      expect(r.lines.reduce((s, l) => s + l.contribution, 0)).toBeCloseTo(r.total, 9);
  });
});

describe('normalisation within the peer group', () => {
  const one = (ind: Partial<WeightedIndicator>, values: (number | null)[]) => {
    const s: Scheme = {
      ...asIs(quota30),
      indicators: [{ ...(asIs(quota30).indicators[0] as WeightedIndicator), ...ind }],
    };
    const b = computeBoard(s, {
      units: values.map((_, i) => i + 1),
      values: values.map((x, i) => v(i + 1, 'score', x)),
    });
    return values.map((_, i) => explainUnit(b, i + 1)!.lines[0]!.text.normalised);
  };
  it.each<[string, Partial<WeightedIndicator>, (number | null)[], (string | null)[]]>([
    [
      'min–max, higher better',
      { normalisation: { kind: 'min_max' } },
      [50, 75, 100],
      ['0.00', '50.00', '100.00'],
    ],
    [
      'min–max, lower better',
      { normalisation: { kind: 'min_max' }, direction: 'lower_better' },
      [0, 5, 10],
      ['100.00', '50.00', '0.00'],
    ],
    [
      'min–max, all equal: no division by zero',
      { normalisation: { kind: 'min_max' } },
      [7, 7, 7],
      ['100.00', '100.00', '100.00'],
    ],
    ['min–max, one unit', { normalisation: { kind: 'min_max' } }, [42], ['100.00']],
    [
      'rank, ties sharing a place',
      { normalisation: { kind: 'rank' } },
      [10, 20, 20, 30],
      ['0.00', '66.67', '66.67', '100.00'],
    ],
    [
      'rank, lower better',
      { normalisation: { kind: 'rank' }, direction: 'lower_better' },
      [3, 1, 2],
      ['0.00', '100.00', '50.00'],
    ],
    ['rank, one unit', { normalisation: { kind: 'rank' } }, [5], ['100.00']],
    [
      'target 95, floor 60',
      { normalisation: { kind: 'target', target: 95, floor: 60 } },
      [100, 95, 77.5, 60, 40],
      ['100.00', '100.00', '50.00', '0.00', '0.00'],
    ],
    [
      'target 0, floor 10, lower better',
      { normalisation: { kind: 'target', target: 0, floor: 10 }, direction: 'lower_better' },
      [0, 2, 10, 15],
      ['100.00', '80.00', '0.00', '0.00'],
    ],
    [
      'missing scores 0 by default; min–max over the units that have a value',
      { normalisation: { kind: 'min_max' } },
      [50, null, 100],
      ['0.00', '0.00', '100.00'],
    ],
    [
      'missing scores the peer average when asked',
      { normalisation: { kind: 'min_max' }, missing: 'peer_average' },
      [50, null, 100, 75],
      ['0.00', '50.00', '100.00', '50.00'],
    ],
    [
      'nobody has a value',
      { normalisation: { kind: 'min_max' }, missing: 'peer_average' },
      [null, null],
      ['0.00', '0.00'],
    ],
  ])('%s', (_name, ind, values, expected) => {
    expect(one(ind, values)).toEqual(expected);
  });

  it('flags a missing value and how it was scored', () => {
    const b = boardOf([80]);
    const s = computeBoard(asIs(quota30, 'peer_average'), { units: [1, 2], values: [v(1, 'score', 80)] });
    expect(explainUnit(s, 2)!.lines[0]).toMatchObject({
      raw: null,
      points: null,
      missing: true,
      missingRule: 'peer_average',
      normalised: 80,
    });
    expect(explainUnit(b, 1)!.lines[0]).toMatchObject({ missing: false, missingRule: null });
  });
});

describe('ranks and grades', () => {
  it('competition ranking: 1, 2, 2, 4', () => {
    expect(competitionRanks([90, 80, 80, 70], (a, b) => a - b)).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80], (a, b) => a - b)).toEqual([4, 2, 1, 2]);
    expect(boardOf([90, 80, 80, 70]).results.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });

  it('quota seats are rounded down so a quota is never exceeded', () => {
    const q = { A: Ratio.of(30), B: Ratio.of(40), C: Ratio.of(20) };
    expect(quotaSeats(12, q)).toEqual([3, 8, 10]); // 3.6, 8.4, 10.8
    expect(quotaSeats(10, q)).toEqual([3, 7, 9]);
    expect(quotaSeats(1, q)).toEqual([0, 0, 0]);
    expect(quotaSeats(3, { A: Ratio.of(33.34), B: Ratio.of(33.33), C: Ratio.of(33.33) })).toEqual([1, 2, 3]);
  });

  describe('a tie across the A boundary (10 units, A 30% = 3 seats, ranks 1 2 3 3 5 …)', () => {
    const ranks = [1, 2, 3, 3, 5, 6, 7, 8, 9, 10];
    const q = { A: Ratio.of(30), B: Ratio.of(40), C: Ratio.of(20) };
    it('share_lower (default): the whole tie drops to B, so A stays within its 3 seats', () => {
      expect(gradesByQuota(ranks, q)).toEqual(['A', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'C', 'D']);
      const b = boardOf([90, 80, 70, 70, 60, 50, 40, 30, 20, 10]);
      expect(b.results.map((r) => r.grade).join('')).toBe('AABBBBBCCD');
    });
    it('share_higher: the whole tie goes up to A, and A exceeds its quota by the tied unit', () => {
      expect(gradesByQuota(ranks, q, 'share_higher')).toEqual([
        'A',
        'A',
        'A',
        'A',
        'B',
        'B',
        'B',
        'C',
        'C',
        'D',
      ]);
    });
    it('a tie of everyone: under share_lower nobody can have A without exceeding the quota', () => {
      expect(boardOf([60, 60, 60, 60, 60]).results.map((r) => [r.rank, r.grade])).toEqual(
        Array(5).fill([1, 'D']),
      );
      expect(
        boardOf([60, 60, 60, 60, 60], { ...quota30, ties: 'share_higher' }).results.map((r) => r.grade),
      ).toEqual(Array(5).fill('A'));
    });
  });

  it('grades by thresholds, inclusive', () => {
    const thresholds = { kind: 'thresholds', min: { A: 90, B: 80, C: 60 } } as const;
    expect(
      boardOf([95, 90, 89.99, 80, 60, 59.99], thresholds)
        .results.map((r) => r.grade)
        .join(''),
    ).toBe('AABBCD');
  });

  it('one unit: full marks, rank 1; D under a quota (no whole seat), its own grade under thresholds', () => {
    expect(boardOf([55]).results.map((r) => [r.rank, r.grade])).toEqual([[1, 'D']]);
    expect(boardOf([95], { kind: 'thresholds', min: { A: 90, B: 80, C: 60 } }).results[0]!.grade).toBe('A');
  });

  it('an empty peer group gives an empty board, with no share rather than 0%', () => {
    const b = computeBoard(scheme, { units: [], values: [] });
    expect(b).toEqual({
      schemeId: 1,
      schemeVersion: 1,
      results: [],
      gradeCounts: { A: 0, B: 0, C: 0, D: 0 },
      aShare: { count: 0, of: 0, percent: null, text: null },
    });
  });
});

describe('A档占比 and 环比', () => {
  it('reproduces "A档占比 58.33%" from 12 report cards with 7 A grades', () => {
    const cards: Grade[] = ['A', 'A', 'B', 'A', 'A', 'C', 'A', 'B', 'A', 'B', 'A', 'C'];
    expect(gradeShare(cards)).toEqual({ count: 7, of: 12, percent: 700 / 12, text: '58.33%' });
    const b = boardOf([96, 95, 85, 93, 91, 70, 90, 88, 99, 82, 92, 65], {
      kind: 'thresholds',
      min: { A: 90, B: 80, C: 60 },
    });
    expect(b.aShare.text).toBe('58.33%');
    expect(b.gradeCounts).toEqual({ A: 7, B: 3, C: 2, D: 0 });
  });

  it.each<[number, number | null, number | null, string | null]>([
    [3, 12, 9, '环比上升9位'],
    [5, 4, -1, '环比下降1位'],
    [4, 4, 0, '环比持平'],
    [1, null, null, null],
  ])('rank %i after %s → %s', (rank, previous, change, zh) => {
    const c = rankChange(rank, previous);
    expect(c?.change ?? null).toBe(change);
    expect(c?.text.zh ?? null).toBe(zh);
  });
  it('speaks English too', () => {
    expect(rankChange(3, 12)!.text.en).toBe('Up 9 places on the last period');
    expect(rankChange(5, 4)!.text.en).toBe('Down 1 place on the last period');
  });
});

describe('exactness', () => {
  it('three weights of 33.33, 33.33 and 33.34 give exactly 100 for full marks', () => {
    const ind = asIs(quota30).indicators[0] as WeightedIndicator;
    const s: Scheme = {
      ...asIs(quota30),
      indicators: [
        { ...ind, id: 'a', weight: 33.33 },
        { ...ind, id: 'b', weight: '33.33' },
        { ...ind, id: 'c', weight: 33.34 },
      ],
    };
    const b = computeBoard(s, {
      units: [1],
      values: ['a', 'b', 'c'].map((id) => v(1, id, 100)),
    });
    expect(b.results[0]!.total).toBe(100);
    expect(b.results[0]!.totalText).toBe('100.00');
  });

  it('units with equal totals reached differently tie exactly', () => {
    // 0.1 + 0.2 and 0.3 differ in floating point; here they tie.
    const ind = asIs(quota30).indicators[0] as WeightedIndicator;
    const s: Scheme = {
      ...asIs(quota30),
      indicators: [
        { ...ind, id: 'a', weight: 50 },
        { ...ind, id: 'b', weight: 50 },
      ],
    };
    const b = computeBoard(s, {
      units: [1, 2],
      values: [v(1, 'a', 0.2), v(1, 'b', 0.4), v(2, 'a', 0.6), v(2, 'b', 0)],
    });
    expect(b.results.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('rounds only for display, half away from zero', () => {
    const b = boardOf([2.675]);
    expect(b.results[0]!.totalText).toBe('2.68');
  });
});

describe('bad input', () => {
  const base = { units: [1, 2], values: [v(1, 'score', 80)] };
  it.each<[string, EvaluationInput]>([
    ['a unit outside the peer group', { ...base, values: [v(3, 'score', 80)] }],
    ['an unknown indicator', { ...base, values: [v(1, 'nope', 80)] }],
    ['two values for one unit and indicator', { ...base, values: [v(1, 'score', 80), v(1, 'score', 81)] }],
    ['a grade where a number belongs', { ...base, values: [v(1, 'score', 'A')] }],
    ['a unit listed twice', { ...base, units: [1, 1] }],
  ])('refuses %s', (_name, input) => {
    expect(() => computeBoard(asIs(quota30), input)).toThrow(EvaluationInputError);
  });

  it('refuses a grade outside A–D, an unknown event kind, events on a weighted indicator', () => {
    expect(() => computeBoard(scheme, { units: [1], values: [v(1, 'cards', 'E')] })).toThrow(/grade A–D/);
    expect(() =>
      computeBoard(scheme, {
        units: [1],
        values: [],
        events: [{ unitId: 1, indicatorId: 'bonus', kind: 'lunch', recordId: 1 }],
      }),
    ).toThrow(/no event kind “lunch”/);
    expect(() =>
      computeBoard(scheme, {
        units: [1],
        values: [],
        events: [{ unitId: 1, indicatorId: 'cards', kind: 'x', recordId: 1 }],
      }),
    ).toThrow(EvaluationInputError);
    expect(() => computeBoard(scheme, { units: [1], values: [v(1, 'bonus', 3)] })).toThrow(/takes events/);
  });

  it('refuses to compute an invalid scheme, with its issues', () => {
    const bad: Scheme = {
      ...asIs(quota30),
      indicators: [{ ...(asIs(quota30).indicators[0] as WeightedIndicator), weight: 90 }],
    };
    try {
      computeBoard(bad, base);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SchemeError);
      expect((e as SchemeError).issues.map((i) => i.code)).toEqual(['weights_sum']);
    }
  });
});
