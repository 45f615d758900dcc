import { describe, expect, it } from 'vitest';
import { cards, events, onTime, overdue, scheme } from './evaluation.testkit.ts';
import { validateScheme, type Indicator, type Scheme } from './scheme.ts';

const codes = (s: Scheme) => validateScheme(s).map((i) => [i.code, i.field, i.indicatorId ?? null]);
const withIndicators = (...indicators: Indicator[]): Scheme => ({ ...scheme, indicators });

describe('scheme validation', () => {
  it('accepts a sound scheme', () => {
    expect(validateScheme(scheme)).toEqual([]);
  });

  it('adds weights exactly: 33.33 + 33.33 + 33.34, and decimal strings as the database returns them', () => {
    expect(
      codes(
        withIndicators(
          { ...onTime, weight: 33.33 },
          { ...overdue, weight: '33.33' },
          { ...cards, weight: '33.340' },
        ),
      ),
    ).toEqual([]);
    expect(
      codes(
        withIndicators({ ...onTime, weight: 10.1 }, { ...overdue, weight: 20.2 }, { ...cards, weight: 69.7 }),
      ),
    ).toEqual([]);
  });

  it('refuses weights that miss 100, and says by how much', () => {
    const s = withIndicators(
      { ...onTime, weight: 33.33 },
      { ...overdue, weight: 33.33 },
      { ...cards, weight: 33.33 },
    );
    const [issue] = validateScheme(s);
    expect(issue).toMatchObject({ code: 'weights_sum', field: 'indicators' });
    expect(issue!.message.zh).toBe('各项指标权重合计为 99.99，须恰好为 100');
    expect(issue!.message.en).toBe('The weights add up to 99.99; they must add up to exactly 100');
    expect(codes(withIndicators({ ...onTime, weight: 100.0001 }))).toEqual([
      ['weights_sum', 'indicators', null],
    ]);
    expect(codes(withIndicators(events))).toEqual([['weights_sum', 'indicators', null]]);
  });

  it.each<[string, Scheme, [string, string, string | null][]]>([
    ['no indicators', withIndicators(), [['no_indicators', 'indicators', null]]],
    [
      'a zero weight',
      withIndicators({ ...onTime, weight: 0 }, { ...overdue, weight: 70 }, cards),
      [['weight_not_positive', 'indicators[0].weight', 'on_time']],
    ],
    [
      'a negative weight',
      withIndicators({ ...onTime, weight: -10 }, { ...overdue, weight: 80 }, cards),
      [['weight_not_positive', 'indicators[0].weight', 'on_time']],
    ],
    [
      'a weight that is not a number (and so no sum)',
      withIndicators({ ...onTime, weight: '四十' }, overdue, cards),
      [['not_a_number', 'indicators[0].weight', 'on_time']],
    ],
    [
      'the same id twice',
      withIndicators(onTime, { ...overdue, id: 'on_time' }, cards),
      [['duplicate_id', 'indicators[1].id', 'on_time']],
    ],
    [
      'no name',
      withIndicators({ ...onTime, name: ' ' }, overdue, cards),
      [['required', 'indicators[0].name', 'on_time']],
    ],
    [
      'a computed indicator without a metric',
      withIndicators({ ...onTime, metric: undefined }, overdue, cards),
      [['metric_required', 'indicators[0].metric', 'on_time']],
    ],
    [
      'more overdue problems counted as better',
      withIndicators(
        onTime,
        { ...overdue, direction: 'higher_better', normalisation: { kind: 'min_max' } },
        cards,
      ),
      [['direction_mismatch', 'indicators[1].direction', 'overdue']],
    ],
    [
      'grade points rising from A to D',
      withIndicators(onTime, overdue, { ...cards, gradePoints: { A: 90, B: 95, C: 70, D: 55 } }),
      [['grade_points_order', 'indicators[2].gradePoints', 'cards']],
    ],
    [
      'a graded indicator where lower is better',
      withIndicators(onTime, overdue, { ...cards, direction: 'lower_better' }),
      [['direction_mismatch', 'indicators[2].direction', 'cards']],
    ],
    [
      'a floor above the target when higher is better',
      withIndicators({ ...onTime, normalisation: { kind: 'target', target: 90, floor: 95 } }, overdue, cards),
      [['target_floor_order', 'indicators[0].normalisation.floor', 'on_time']],
    ],
    [
      'a floor below the target when lower is better',
      withIndicators(onTime, { ...overdue, normalisation: { kind: 'target', target: 5, floor: 0 } }, cards),
      [['target_floor_order', 'indicators[1].normalisation.floor', 'overdue']],
    ],
    [
      'a floor equal to the target',
      withIndicators({ ...onTime, normalisation: { kind: 'target', target: 90, floor: 90 } }, overdue, cards),
      [['target_floor_order', 'indicators[0].normalisation.floor', 'on_time']],
    ],
    [
      'events with no kinds, a zero-point kind and a negative cap',
      withIndicators(
        onTime,
        overdue,
        cards,
        { ...events, eventPoints: {}, penaltyCap: -1 },
        {
          ...events,
          id: 'b2',
          eventPoints: { nothing: 0 },
        },
      ),
      [
        ['no_events', 'indicators[3].eventPoints', 'bonus'],
        ['cap_negative', 'indicators[3].penaltyCap', 'bonus'],
        ['not_a_number', 'indicators[4].eventPoints.nothing', 'b2'],
      ],
    ],
    [
      'quotas over 100%',
      { ...scheme, grading: { kind: 'quota', quotas: { A: 50, B: 40, C: 20 } } },
      [['quota_invalid', 'grading.quotas', null]],
    ],
    [
      'a negative quota',
      { ...scheme, grading: { kind: 'quota', quotas: { A: -5, B: 40, C: 20 } } },
      [['quota_invalid', 'grading.quotas.A', null]],
    ],
    [
      'thresholds out of order',
      { ...scheme, grading: { kind: 'thresholds', min: { A: 90, B: 90, C: 60 } } },
      [['thresholds_order', 'grading.min', null]],
    ],
  ])('refuses %s, naming the field', (_name, s, expected) => {
    expect(codes(s)).toEqual(expected);
    for (const i of validateScheme(s)) {
      expect(i.message.zh).not.toBe('');
      expect(i.message.en).not.toBe('');
    }
  });

  it('names the indicator in the message', () => {
    const [issue] = validateScheme(
      withIndicators({ ...onTime, weight: 0 }, { ...overdue, weight: 70 }, cards),
    );
    expect(issue!.message.zh).toBe('指标“任务按期完成率”的权重须大于 0');
  });
});
