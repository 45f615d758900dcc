import type { IsoDate } from '../calendar/shanghai-date.ts';
import { isOpenProblem, voidStatuses, type ProblemStatus } from './problem-lifecycle.ts';

/**
 * Where a problem stands against its deadline (整改时限) and, for a long-term
 * problem, its stage targets (阶段目标, 按序时进度推进整改). Computed, never typed.
 */
export type ProblemSchedule =
  | 'rectified' // 已销号
  | 'on_schedule' // 按序时推进
  | 'behind' // 滞后于阶段目标 (long-term problems only)
  | 'overdue' // 超期未整改
  | 'void'; // 不属实 or merged: not a finding

/** One stage target of a long-term problem: by `date`, `percent` of the rectification done. */
export interface StageTarget {
  date: IsoDate;
  title: string;
  percent: number;
}

export interface ScheduleInput {
  status: ProblemStatus;
  deadline: IsoDate;
  /** The day closing was claimed, while the claim waits (a claim made in time is not overdue). */
  claimedOn?: IsoDate | null;
  longTerm?: boolean;
  /** 0–100, as the unit last reported it (long-term problems). */
  progress?: number;
  stages?: readonly StageTarget[];
  /** `behindFrom(stages, progress)` as stored with the problem; computed from the stages when left out. */
  behindFrom?: IsoDate | null;
}

/**
 * 超期: open, and its deadline is over (the deadline day itself still counts
 * as in time). A claim for closing made by the deadline stops the clock while
 * the office decides; one made after it is overdue all the same.
 */
export function isOverdue(p: Pick<ScheduleInput, 'status' | 'deadline' | 'claimedOn'>, today: IsoDate) {
  if (!isOpenProblem(p.status) || p.deadline >= today) return false;
  if (p.status === 'closing_claimed' && p.claimedOn && p.claimedOn <= p.deadline) return false;
  return true;
}

/** Stage percents as planned: a stage given without one plans an even share (i-th of n → i/n). */
export function plannedStagePercents(stages: readonly { date: IsoDate; percent?: number }[]): number[] {
  const order = stages.map((s, i) => ({ s, i })).sort((a, b) => (a.s.date < b.s.date ? -1 : 1));
  const out = new Array<number>(stages.length);
  order.forEach(({ s, i }, k) => (out[i] = s.percent ?? Math.round(((k + 1) / stages.length) * 100)));
  return out;
}

/** The share planned by `today`: the percent of the last stage whose date has passed (0 before the first). */
export function expectedStagePercent(stages: readonly StageTarget[], today: IsoDate): number {
  return stages.filter((s) => s.date < today).reduce((max, s) => Math.max(max, s.percent), 0);
}

/**
 * The first day the problem is behind its stage targets if its progress does
 * not move: the day after the earliest stage planning more than `progress`;
 * null when no stage does. Stored with the problem, it lets SQL tell "behind"
 * with one comparison (`behind_from <= today`) instead of reading the stages.
 */
export function behindFrom(stages: readonly StageTarget[], progress: number): IsoDate | null {
  const late = stages.filter((s) => s.percent > progress).map((s) => s.date);
  if (late.length === 0) return null;
  const first = late.reduce((a, b) => (a < b ? a : b));
  const d = new Date(Date.parse(`${first}T00:00:00Z`) + 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * Where the problem stands on `today`: void (dismissed, merged), rectified
 * (closed), overdue (open past its deadline), behind (long-term and short of
 * the stage targets already due), or on schedule.
 */
export function scheduleOf(p: ScheduleInput, today: IsoDate): ProblemSchedule {
  if (voidStatuses.includes(p.status)) return 'void';
  if (p.status === 'closed') return 'rectified';
  if (isOverdue(p, today)) return 'overdue';
  if (p.longTerm && p.status !== 'closing_claimed') {
    const from = p.behindFrom !== undefined ? p.behindFrom : behindFrom(p.stages ?? [], p.progress ?? 0);
    if (from !== null && from <= today) return 'behind';
  }
  return 'on_schedule';
}
