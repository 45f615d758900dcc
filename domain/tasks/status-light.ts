import { daysBetween, type IsoDate } from '../calendar/shanghai-date.ts';

/** 红黄绿灯 */
export type Light = 'green' | 'yellow' | 'red';

/** Thresholds are settings; these are the defaults. */
export interface LightThresholds {
  /** Behind the plan by more than 0 and at most this many percentage points → yellow; more → red. */
  yellowMaxGap: number;
  /** A milestone late by at most this many days → yellow; more → red. */
  milestoneGraceDays: number;
}

export const defaultLightThresholds: LightThresholds = { yellowMaxGap: 10, milestoneGraceDays: 5 };

export interface Milestone {
  /** 时间节点 */
  date: IsoDate;
  /** The share of the work that should be done by this date (0–100). */
  percent: number;
  done: boolean;
}

export interface LightInput {
  start: IsoDate;
  deadline: IsoDate;
  /** 0–100, from the last approved progress report. */
  actualPercent: number;
  milestones?: readonly Milestone[];
  finished?: boolean;
}

export interface LightResult {
  light: Light;
  /** The planned share at `today`, 0–100, rounded. */
  expectedPercent: number;
  /** Readable without colour, in both languages. */
  reason: { zh: string; en: string };
}

/**
 * 按序时进度: the share of the period from start to deadline that has passed by
 * `today`, counting `today` as elapsed (a task due today is expected complete today).
 */
export function timeElapsedPercent(start: IsoDate, deadline: IsoDate, today: IsoDate): number {
  const total = daysBetween(start, deadline) + 1;
  const passed = daysBetween(start, today) + 1;
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, (passed / total) * 100));
}

/** The milestone plan's expected share at `today`: the percent of the last milestone already due. */
export function milestoneExpectedPercent(milestones: readonly Milestone[], today: IsoDate): number {
  return milestones.filter((m) => m.date <= today).reduce((max, m) => Math.max(max, m.percent), 0);
}

const pct = (n: number) => Math.round(n);

/**
 * Computes a task's light at `today` (a Shanghai date): never typed in.
 * Red when the deadline has passed unfinished, a milestone is badly late, or
 * progress is behind by more than the yellow gap; yellow when a little behind
 * or a milestone is a little late; green otherwise. Uses the milestone plan
 * when there is one, the elapsed-time plan otherwise.
 */
export function lightOf(
  task: LightInput,
  today: IsoDate,
  t: LightThresholds = defaultLightThresholds,
): LightResult {
  if (task.finished)
    return { light: 'green', expectedPercent: 100, reason: { zh: '已办结', en: 'Completed' } };
  const actual = pct(task.actualPercent);
  if (today > task.deadline) {
    const late = daysBetween(task.deadline, today);
    return {
      light: 'red',
      expectedPercent: 100,
      reason: {
        zh: `已超过截止时间 ${late} 天，实际完成 ${actual}%`,
        en: `${late} days past the deadline, ${actual}% done`,
      },
    };
  }
  const ms = task.milestones ?? [];
  const lateMilestone = ms
    .filter((m) => !m.done && m.date < today)
    .map((m) => ({ m, days: daysBetween(m.date, today) }))
    .sort((a, b) => b.days - a.days)[0];
  const expected = pct(
    ms.length > 0
      ? milestoneExpectedPercent(ms, today)
      : timeElapsedPercent(task.start, task.deadline, today),
  );
  const gap = expected - actual;
  const gapLight: Light = gap <= 0 ? 'green' : gap <= t.yellowMaxGap ? 'yellow' : 'red';
  const msLight: Light = !lateMilestone
    ? 'green'
    : lateMilestone.days <= t.milestoneGraceDays
      ? 'yellow'
      : 'red';
  const rank = { green: 0, yellow: 1, red: 2 } as const;
  const light = rank[msLight] > rank[gapLight] ? msLight : gapLight;
  const progress =
    gap > 0
      ? {
          zh: `应完成 ${expected}%，实际 ${actual}%，落后 ${gap} 个百分点`,
          en: `${expected}% planned, ${actual}% done, ${gap} points behind`,
        }
      : {
          zh: `应完成 ${expected}%，实际 ${actual}%，进度正常`,
          en: `${expected}% planned, ${actual}% done, on schedule`,
        };
  if (lateMilestone && rank[msLight] >= rank[gapLight]) {
    return {
      light,
      expectedPercent: expected,
      reason: {
        zh: `时间节点 ${lateMilestone.m.date} 已逾期 ${lateMilestone.days} 天；${progress.zh}`,
        en: `milestone ${lateMilestone.m.date} is ${lateMilestone.days} days late; ${progress.en}`,
      },
    };
  }
  return { light, expectedPercent: expected, reason: progress };
}
