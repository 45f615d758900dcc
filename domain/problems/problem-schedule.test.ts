import { describe, expect, it } from 'vitest';
import type { ProblemStatus } from './problem-lifecycle.ts';
import {
  behindFrom,
  expectedStagePercent,
  isOverdue,
  plannedStagePercents,
  scheduleOf,
  type ScheduleInput,
  type StageTarget,
} from './problem-schedule.ts';

const stages: StageTarget[] = [
  { date: '2026-04-30', title: '完成排查', percent: 30 },
  { date: '2026-07-31', title: '完成主体整改', percent: 70 },
  { date: '2026-12-31', title: '全面销号', percent: 100 },
];

describe('overdue (超期)', () => {
  it.each<[string, ProblemStatus, string, string | null, boolean]>([
    ['open, deadline tomorrow', 'rectifying', '2026-06-02', null, false],
    ['open, deadline today is still in time', 'assigned', '2026-06-01', null, false],
    ['open, deadline yesterday', 'assigned', '2026-05-31', null, true],
    ['returned past the deadline', 'returned', '2026-05-01', null, true],
    ['claimed in time, waiting for the office', 'closing_claimed', '2026-05-31', '2026-05-30', false],
    ['claimed on the deadline day', 'closing_claimed', '2026-05-31', '2026-05-31', false],
    ['claimed after the deadline', 'closing_claimed', '2026-05-31', '2026-06-01', true],
    ['closed late is not overdue any more', 'closed', '2026-01-01', null, false],
    ['dismissed is never overdue', 'dismissed', '2026-01-01', null, false],
    ['merged is never overdue', 'merged', '2026-01-01', null, false],
  ])('%s', (_label, status, deadline, claimedOn, expected) => {
    expect(isOverdue({ status, deadline, claimedOn }, '2026-06-01')).toBe(expected);
  });
});

describe('stage targets (按序时进度)', () => {
  it('spreads stages without a percent evenly, in date order, keeping given ones', () => {
    expect(plannedStagePercents([{ date: '2026-12-31' }, { date: '2026-06-30' }])).toEqual([100, 50]);
    expect(plannedStagePercents([{ date: '2026-03-31', percent: 20 }, { date: '2026-06-30' }])).toEqual([
      20, 100,
    ]);
    expect(plannedStagePercents([])).toEqual([]);
  });

  it.each([
    ['2026-04-30', 0],
    ['2026-05-01', 30],
    ['2026-07-31', 30],
    ['2026-08-01', 70],
    ['2027-01-01', 100],
  ])('on %s the plan expects %d%%', (today, expected) => {
    expect(expectedStagePercent(stages, today)).toBe(expected);
  });

  it.each([
    [0, '2026-05-01'],
    [29, '2026-05-01'],
    [30, '2026-08-01'],
    [70, '2027-01-01'],
    [100, null],
  ])('with %d%% done, behind from %s', (progress, from) => {
    expect(behindFrom(stages, progress)).toBe(from);
    expect(behindFrom([], progress)).toBeNull();
  });
});

describe('schedule of a problem', () => {
  const base: ScheduleInput = { status: 'rectifying', deadline: '2026-12-31' };
  const long: ScheduleInput = { ...base, longTerm: true, stages };
  it.each<[string, ScheduleInput, string, string]>([
    ['short-term, in time', base, '2026-06-01', 'on_schedule'],
    ['short-term, past the deadline', base, '2027-01-01', 'overdue'],
    ['long-term before the first stage', { ...long, progress: 0 }, '2026-04-30', 'on_schedule'],
    ['long-term short of the first stage', { ...long, progress: 20 }, '2026-05-01', 'behind'],
    ['long-term at the first stage', { ...long, progress: 30 }, '2026-06-15', 'on_schedule'],
    ['long-term ahead of the plan', { ...long, progress: 80 }, '2026-08-15', 'on_schedule'],
    ['long-term short of the second stage', { ...long, progress: 50 }, '2026-08-15', 'behind'],
    [
      'long-term past its deadline is overdue, not behind',
      { ...long, progress: 50 },
      '2027-01-02',
      'overdue',
    ],
    [
      'long-term waiting for the office',
      { ...long, status: 'closing_claimed', progress: 50 },
      '2026-08-15',
      'on_schedule',
    ],
    [
      'long-term, by the stored behind-from day',
      { ...base, longTerm: true, behindFrom: '2026-05-01' },
      '2026-05-01',
      'behind',
    ],
    [
      'long-term, stored day not reached',
      { ...base, longTerm: true, behindFrom: '2026-05-01' },
      '2026-04-30',
      'on_schedule',
    ],
    ['closed', { ...long, status: 'closed' }, '2027-06-01', 'rectified'],
    ['dismissed', { ...base, status: 'dismissed' }, '2027-06-01', 'void'],
    ['merged', { ...base, status: 'merged' }, '2026-06-01', 'void'],
  ])('%s', (_label, p, today, expected) => {
    expect(scheduleOf(p, today)).toBe(expected);
  });
});
