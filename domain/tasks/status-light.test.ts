import { describe, expect, it } from 'vitest';
import { lightOf, timeElapsedPercent, type LightInput } from './status-light.ts';

// A 100-day task: 2026-03-01 … 2026-06-08 (day 1 … day 100).
const base: LightInput = { start: '2026-03-01', deadline: '2026-06-08', actualPercent: 0 };

describe('按序时进度 (time-elapsed plan)', () => {
  it.each([
    ['2026-02-20', 0],
    ['2026-03-01', 1],
    ['2026-04-19', 50],
    ['2026-06-08', 100],
    ['2026-07-01', 100],
  ])('on %s the plan is %i%%', (today, expected) => {
    expect(timeElapsedPercent(base.start, base.deadline, today)).toBeCloseTo(expected, 5);
  });
});

describe('light boundaries (yellow gap 10 points)', () => {
  // On 2026-04-28 (day 59) the plan is 59%.
  const today = '2026-04-28';
  it.each([
    [70, 'green'],
    [59, 'green'],
    [58, 'yellow'],
    [49, 'yellow'],
    [48, 'red'],
    [0, 'red'],
  ])('actual %i%% → %s', (actual, light) => {
    expect(lightOf({ ...base, actualPercent: actual }, today).light).toBe(light);
  });

  it('says why, readable without colour', () => {
    const r = lightOf(
      { ...base, start: '2026-01-01', deadline: '2026-10-27', actualPercent: 35 },
      '2026-06-30',
    );
    expect(r.expectedPercent).toBe(60);
    expect(r.reason.zh).toBe('应完成 60%，实际 35%，落后 25 个百分点');
    expect(r.light).toBe('red');
  });

  it('is red once the deadline has passed unfinished, green when finished', () => {
    const late = lightOf({ ...base, actualPercent: 99 }, '2026-06-11');
    expect(late.light).toBe('red');
    expect(late.reason.zh).toContain('已超过截止时间 3 天');
    expect(lightOf({ ...base, actualPercent: 99 }, '2026-06-08').light).toBe('yellow');
    expect(lightOf({ ...base, actualPercent: 100, finished: true }, '2026-07-01').light).toBe('green');
  });

  it('honours other thresholds', () => {
    expect(
      lightOf({ ...base, actualPercent: 49 }, today, { yellowMaxGap: 5, milestoneGraceDays: 5 }).light,
    ).toBe('red');
    expect(
      lightOf({ ...base, actualPercent: 40 }, today, { yellowMaxGap: 20, milestoneGraceDays: 5 }).light,
    ).toBe('yellow');
  });
});

describe('milestone plan (倒排工期)', () => {
  const milestones = [
    { date: '2026-03-31', percent: 20, done: true },
    { date: '2026-04-30', percent: 50, done: false },
    { date: '2026-05-31', percent: 80, done: false },
  ];
  it('expects the percent of the last milestone due', () => {
    expect(lightOf({ ...base, milestones, actualPercent: 20 }, '2026-04-15')).toMatchObject({
      light: 'green',
      expectedPercent: 20,
    });
    expect(lightOf({ ...base, milestones, actualPercent: 50 }, '2026-04-30')).toMatchObject({
      light: 'green',
      expectedPercent: 50,
    });
  });
  it.each([
    ['2026-05-01', 'yellow', '逾期 1 天'],
    ['2026-05-05', 'yellow', '逾期 5 天'],
    ['2026-05-06', 'red', '逾期 6 天'],
  ])('an open milestone due 04-30, on %s → %s', (today, light, text) => {
    const r = lightOf({ ...base, milestones, actualPercent: 50 }, today);
    expect(r.light).toBe(light);
    expect(r.reason.zh).toContain(text);
  });
});
