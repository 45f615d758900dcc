// Test fixtures (imported by *.test.ts only): a sound scheme for five towns.
import type { EventsIndicator, Scheme, WeightedIndicator } from './scheme.ts';

/** 任务按期完成率, min–max, 40. */
export const onTime: WeightedIndicator = {
  id: 'on_time',
  name: '任务按期完成率',
  source: 'computed',
  metric: 'task_on_time_rate',
  weight: 40,
  direction: 'higher_better',
  normalisation: { kind: 'min_max' },
};
export const overdue: WeightedIndicator = {
  id: 'overdue',
  name: '问题逾期数',
  source: 'computed',
  metric: 'overdue_count',
  weight: 30,
  direction: 'lower_better',
  normalisation: { kind: 'target', target: 0, floor: 10 },
};
export const cards: WeightedIndicator = {
  id: 'cards',
  name: '八张报表',
  source: 'entered',
  gradePoints: { A: 100, B: 85, C: 70, D: 55 },
  weight: 30,
  direction: 'higher_better',
  normalisation: { kind: 'rank' },
};
export const events: EventsIndicator = {
  id: 'bonus',
  name: '加减分',
  source: 'events',
  eventPoints: { award_national: 3, yellow_card: -2 },
  bonusCap: 5,
  penaltyCap: 5,
};
export const scheme: Scheme = {
  id: 1,
  version: 1,
  name: '2026年一季度乡镇赛马',
  indicators: [onTime, overdue, cards, events],
  grading: { kind: 'quota', quotas: { A: 30, B: 40, C: 20 } },
};
