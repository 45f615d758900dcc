import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from './compute.ts';
import { scheme } from './evaluation.testkit.ts';
import { canonicalEvaluationInput, type PeriodKey } from './input-hash.ts';
import type { Scheme, WeightedIndicator } from './scheme.ts';

const period: PeriodKey = { campaignId: 3, period: '2026-Q1', peerGroup: 'towns' };
const input: EvaluationInput = {
  units: [2, 1],
  values: [
    { unitId: 2, indicatorId: 'overdue', value: 2, recordIds: [702, 701] },
    { unitId: 1, indicatorId: 'on_time', value: 0.95 },
    { unitId: 1, indicatorId: 'cards', value: 'A' },
  ],
  events: [
    { unitId: 1, indicatorId: 'bonus', kind: 'yellow_card', recordId: 9 },
    { unitId: 1, indicatorId: 'bonus', kind: 'award_national', recordId: 8 },
  ],
  previousRanks: [
    { unitId: 2, rank: 1 },
    { unitId: 1, rank: 2 },
  ],
};
const text = canonicalEvaluationInput(period, scheme, input);
const sm3 = (s: string) => createHash('sm3').update(s).digest('hex');

/** The same scheme written another way: keys in another order, decimals spelt differently. */
function respelt(s: Scheme): Scheme {
  const [onTime, overdue, cards, events] = s.indicators as [
    WeightedIndicator,
    WeightedIndicator,
    WeightedIndicator,
    Scheme['indicators'][number],
  ];
  return {
    grading: { quotas: { C: '20.0', B: 40, A: '3e1' }, kind: 'quota' },
    indicators: [
      {
        normalisation: { kind: 'min_max' },
        direction: 'higher_better',
        weight: '40.00',
        metric: 'task_on_time_rate',
        source: 'computed',
        name: onTime.name,
        id: onTime.id,
      },
      { ...overdue, normalisation: { floor: '10', target: '0', kind: 'target' } },
      cards,
      events,
    ],
    name: s.name,
    version: s.version,
    id: s.id,
  };
}

describe('the canonical input of a period', () => {
  it('is one exact text (a golden copy, so a refactor cannot change published hashes unnoticed)', () => {
    expect(text).toBe(
      '{"events":[{"indicatorId":"bonus","kind":"award_national","recordId":8,"unitId":1},{"indicatorId":"bonus","kind":"yellow_card","recordId":9,"unitId":1}],' +
        '"format":"luoshi-evaluation-input/1",' +
        '"period":{"campaignId":3,"peerGroup":"towns","period":"2026-Q1"},' +
        '"previousRanks":[{"rank":2,"unitId":1},{"rank":1,"unitId":2}],' +
        '"scheme":{"grading":{"kind":"quota","quotas":{"A":"30","B":"40","C":"20"},"ties":"share_lower"},"id":1,' +
        '"indicators":[' +
        '{"direction":"higher_better","id":"on_time","metric":"task_on_time_rate","missing":"zero","name":"任务按期完成率","normalisation":{"kind":"min_max"},"source":"computed","weight":"40"},' +
        '{"direction":"lower_better","id":"overdue","metric":"overdue_count","missing":"zero","name":"问题逾期数","normalisation":{"floor":"10","kind":"target","target":"0"},"source":"computed","weight":"30"},' +
        '{"direction":"higher_better","gradePoints":{"A":"100","B":"85","C":"70","D":"55"},"id":"cards","missing":"zero","name":"八张报表","normalisation":{"kind":"rank"},"source":"entered","weight":"30"},' +
        '{"bonusCap":"5","eventPoints":{"award_national":"3","yellow_card":"-2"},"id":"bonus","name":"加减分","penaltyCap":"5","source":"events"}],' +
        '"name":"2026年一季度乡镇赛马","version":1},' +
        '"units":[1,2],' +
        '"values":[{"indicatorId":"cards","recordIds":[],"unitId":1,"value":"A"},{"indicatorId":"on_time","recordIds":[],"unitId":1,"value":"0.95"},{"indicatorId":"overdue","recordIds":[701,702],"unitId":2,"value":"2"}]}',
    );
    expect(sm3(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, row order or how a decimal is spelt', () => {
    const reordered: EvaluationInput = {
      previousRanks: [...input.previousRanks!].reverse(),
      events: [...input.events!].reverse(),
      values: [...input.values]
        .reverse()
        .map((v) =>
          v.indicatorId === 'on_time'
            ? { value: '0.950', indicatorId: v.indicatorId, unitId: v.unitId }
            : { ...v, recordIds: [...(v.recordIds ?? [])].reverse() },
        ),
      units: [1, 2],
    };
    expect(
      canonicalEvaluationInput(
        { peerGroup: 'towns', period: '2026-Q1', campaignId: 3 },
        respelt(scheme),
        reordered,
      ),
    ).toBe(text);
  });

  it.each<[string, () => string]>([
    [
      'a raw value',
      () =>
        canonicalEvaluationInput(period, scheme, {
          ...input,
          values: [{ ...input.values[0]!, value: 3 }, ...input.values.slice(1)],
        }),
    ],
    [
      'a record behind a value',
      () =>
        canonicalEvaluationInput(period, scheme, {
          ...input,
          values: [{ ...input.values[0]!, recordIds: [701, 702, 703] }, ...input.values.slice(1)],
        }),
    ],
    [
      'an event',
      () => canonicalEvaluationInput(period, scheme, { ...input, events: input.events!.slice(1) }),
    ],
    ['the peer group', () => canonicalEvaluationInput(period, scheme, { ...input, units: [1, 2, 3] })],
    ['the previous ranks', () => canonicalEvaluationInput(period, scheme, { ...input, previousRanks: [] })],
    ['the scheme version', () => canonicalEvaluationInput(period, { ...scheme, version: 2 }, input)],
    [
      'a weight',
      () =>
        canonicalEvaluationInput(
          period,
          {
            ...scheme,
            indicators: [
              { ...(scheme.indicators[0] as WeightedIndicator), weight: 41 },
              ...scheme.indicators.slice(1),
            ],
          },
          input,
        ),
    ],
    ['the period', () => canonicalEvaluationInput({ ...period, period: '2026-Q2' }, scheme, input)],
  ])('changes with %s', (_name, other) => {
    expect(sm3(other())).not.toBe(sm3(text));
  });
});
