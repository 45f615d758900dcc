import { shanghaiDate, startOfShanghaiDay, type IsoDate } from '../domain/calendar/shanghai-date.ts';
import type { TaskSettings } from '../domain/contracts/tasks.ts';
import {
  dueDateOf,
  lateFrom,
  lateReportCount,
  periodsBetween,
  type Cadence,
  type ReportingPeriod,
} from '../domain/tasks/cadence.ts';
import { rollUpProgress } from '../domain/tasks/rollup.ts';
import { lightOf, type Light } from '../domain/tasks/status-light.ts';
import type { TaskStatus } from '../domain/tasks/task-lifecycle.ts';
import { rngFrom } from './lib/rng.ts';

// A task's report history, and the columns Luoshi derives from it, computed in
// bulk with the same domain functions `refreshTask` calls (roll-up, light,
// late count). The history is a pure function of the task's plan and seed, so
// it is generated once to derive the columns and again to stream it into COPY.

export interface PlannedMilestone {
  dueOn: IsoDate;
  title: string;
  percent: number;
  /** Set by `derive`: the day the first approved report reached the milestone's percent. */
  doneOn: IsoDate | null;
}

/** What a task's history and derived columns depend on. */
export interface TaskPlan {
  id: number;
  status: TaskStatus;
  cadence: Cadence;
  startOn: IsoDate;
  deadline: IsoDate;
  issuedAt: Date | null;
  claimedAt: Date | null;
  completedAt: Date | null;
  weight: number;
  milestones: PlannedMilestone[];
  /** Does the lead unit write reports (false for signed-only tasks and district parents)? */
  reports: boolean;
  /** Reported progress ÷ planned progress. */
  pace: number;
  /** Periods left out (missed), counted back from the last completed one (1 = the last). */
  missedAgo: Set<number>;
  seed: number;
  children: TaskPlan[];
  // Derived (set by `derive`):
  progress: number;
  light: Light | null;
  lightReasonZh: string | null;
  lightReasonEn: string | null;
  expectedPercent: number | null;
  lateReports: number;
}

export interface PlannedReport {
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueOn: IsoDate;
  percent: number;
  progress: string;
  gap: string;
  reason: string;
  measures: string;
  submittedAt: Date;
  decidedAt: Date;
  late: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REASONS = [
  '前期手续办理时间较长',
  '资金到位较慢',
  '涉及群众意见协调',
  '受天气影响施工进度',
  '相关部门审批流程较长',
  '人员力量不足',
];
const MEASURES = [
  '倒排工期，挂图作战，加强调度',
  '主要领导牵头协调，每周专题调度',
  '增派人员力量，压茬推进',
  '加快资金拨付，强化要素保障',
];

interface PeriodInfo extends ReportingPeriod {
  dueOn: IsoDate;
  lateFromMs: number;
  /** When the period's last day begins (Asia/Shanghai has no daylight saving: + n days is + n × 24 h). */
  endDayMs: number;
}

// Tasks of one family share their periods: compute each list once.
const periodCache = new Map<string, PeriodInfo[]>();

function periodsOf(cadence: Cadence, from: IsoDate, to: IsoDate, graceDays: number): PeriodInfo[] {
  const key = `${cadence}|${from}|${to}|${graceDays}`;
  let out = periodCache.get(key);
  if (!out) {
    out = periodsBetween(cadence, from, to).map((p) => ({
      ...p,
      dueOn: dueDateOf(p, graceDays),
      lateFromMs: lateFrom(p, graceDays).getTime(),
      endDayMs: startOfShanghaiDay(p.end).getTime(),
    }));
    periodCache.set(key, out);
  }
  return out;
}

/** The planned share (0–100) at the end of a day, as domain/tasks/status-light's `timeElapsedPercent` (start-of-day instants). */
function elapsed(startMs: number, endMs: number, dayMs: number): number {
  const total = (endMs - startMs) / DAY + 1;
  const passed = (dayMs - startMs) / DAY + 1;
  return total <= 0 ? 100 : Math.max(0, Math.min(100, (passed / total) * 100));
}

/** The reporting range `refreshTask` counts late reports over (task-light.service's `reportingRange`). */
export function reportingRange(t: TaskPlan): { start: IsoDate; end: IsoDate } | null {
  if (t.status === 'draft' || !t.issuedAt) return null;
  const issued = shanghaiDate(t.issuedAt);
  const start = issued > t.startOn ? issued : t.startOn;
  const finished = t.completedAt ?? t.claimedAt;
  const end = finished && shanghaiDate(finished) < t.deadline ? shanghaiDate(finished) : t.deadline;
  return end >= start ? { start, end } : null;
}

/** One approved report of the history, before its texts are written. */
interface Entry {
  period: PeriodInfo;
  /** Its place among the range's periods (1 = the first). */
  n: number;
  percent: number;
  planned: number;
  submittedMs: number;
  decidedMs: number;
}

/** The completed periods of a task's reporting range up to `now` (where it owes a report). */
function duePeriods(t: TaskPlan, now: Date, s: TaskSettings): PeriodInfo[] {
  const range = reportingRange(t);
  if (!range) return [];
  const today = shanghaiDate(now);
  return periodsOf(t.cadence, range.start, range.end < today ? range.end : today, s.reportGraceDays);
}

/**
 * The approved reports of a task up to `now`: one per completed period of its
 * reporting range except the missed ones, with a percent that follows the
 * planned share × pace (ramping to 100 at completion), handed in around the
 * due day (now and then after it: late), approved by the head hours later.
 * A report whose turn has not come by `now` is not there yet.
 */
function history(t: TaskPlan, now: Date, s: TaskSettings): Entry[] {
  const range = reportingRange(t);
  if (!t.reports || !range) return [];
  const today = shanghaiDate(now);
  const periods = duePeriods(t, now, s).filter((p) => p.end < today);
  if (periods.length === 0) return [];
  const rng = rngFrom(t.seed);
  const finish = t.completedAt ?? t.claimedAt;
  const startMs = startOfShanghaiDay(t.startOn).getTime();
  const deadlineMs = startOfShanghaiDay(t.deadline).getTime();
  const rangeStartMs = startOfShanghaiDay(range.start).getTime();
  const finishMs = finish ? startOfShanghaiDay(shanghaiDate(finish)).getTime() : 0;
  // A completed task's reports were all in before it claimed completion.
  const cutoff = t.claimedAt ?? finish;
  const latest = (cutoff ? Math.min(cutoff.getTime(), now.getTime()) : now.getTime()) - HOUR;
  const out: Entry[] = [];
  let last = 0;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const dayOffset = rng.weighted(DAY_OFFSETS);
    let submittedMs = p.endDayMs + dayOffset * DAY + rng.int(9, 17) * HOUR + rng.int(0, 59) * 60_000;
    let decidedMs = submittedMs + rng.int(1, 20) * HOUR;
    const jitter = rng.between(-2, 2);
    if (t.missedAgo.has(periods.length - i)) continue;
    if (decidedMs > latest) {
      // Completed tasks reported their last period before claiming; otherwise it is simply not in yet.
      if (!finish) continue;
      decidedMs = latest;
      submittedMs = latest - 2 * HOUR;
    }
    const planned = finish
      ? elapsed(rangeStartMs, finishMs, p.endDayMs)
      : elapsed(startMs, deadlineMs, p.endDayMs);
    const raw = finish ? planned : planned * t.pace + jitter;
    const percent = Math.max(last, Math.min(100, Math.max(0, Math.round(raw))));
    last = percent;
    out.push({ period: p, n: i + 1, percent, planned, submittedMs, decidedMs });
  }
  return out;
}

const DAY_OFFSETS = [
  [0, 25],
  [1, 30],
  [2, 20],
  [3, 12],
  [5, 7],
  [8, 6],
] as const;

/** How many approved reports the task's history holds. */
export function reportCount(t: TaskPlan, now: Date, s: TaskSettings): number {
  return history(t, now, s).length;
}

/** The task's approved reports with their texts, as they are loaded. */
export function reportsOf(t: TaskPlan, now: Date, s: TaskSettings): PlannedReport[] {
  return history(t, now, s).map((e) => {
    const behind = e.percent < Math.round(e.planned);
    return {
      periodKey: e.period.key,
      periodStart: e.period.start,
      periodEnd: e.period.end,
      dueOn: e.period.dueOn,
      percent: e.percent,
      progress: `第${e.n}期：累计完成 ${e.percent}%，${behind ? '进度有所滞后' : '按计划推进'}`,
      gap: behind ? `较序时进度落后 ${Math.round(e.planned) - e.percent} 个百分点` : '无',
      reason: behind ? REASONS[(t.seed + e.n) % REASONS.length]! : '',
      measures: behind ? MEASURES[(t.seed + e.n) % MEASURES.length]! : '持续推进',
      submittedAt: new Date(e.submittedMs),
      decidedAt: new Date(e.decidedMs),
      late: e.decidedMs >= e.period.lateFromMs,
    };
  });
}

/**
 * Late and missing reports over the reporting range at `now`: domain/tasks/cadence's
 * `lateReportCount` (periods due by today; received before the period's late
 * instant → on time, after → late; none and past it → missing), on the cached
 * periods. `derive` cross-checks it against the domain function on a sample.
 */
function lateAndMissing(t: TaskPlan, entries: readonly Entry[], now: Date, s: TaskSettings): number {
  const received = new Map(entries.map((e) => [e.period.key, e.decidedMs]));
  const nowMs = now.getTime();
  let n = 0;
  for (const p of duePeriods(t, now, s)) {
    const at = received.get(p.key);
    if (at !== undefined ? at >= p.lateFromMs : nowMs >= p.lateFromMs) n++;
  }
  return n;
}

/**
 * Fills in the derived columns of a task and (first) of its subtasks, exactly
 * as `refreshTask` computes them at `now`: progress (last approved percent,
 * 100 when done, or the roll-up of the subtasks), milestones done, light with
 * its reason and expected percent, and late + missing reports.
 */
export function derive(t: TaskPlan, now: Date, s: TaskSettings): void {
  for (const c of t.children) derive(c, now, s);
  const today = shanghaiDate(now);
  const entries = history(t, now, s);
  for (const m of t.milestones) {
    const first = entries.find((e) => e.percent >= m.percent);
    m.doneOn = first ? shanghaiDate(new Date(first.decidedMs)) : null;
  }
  const own = t.status === 'done' ? 100 : (entries[entries.length - 1]?.percent ?? 0);
  const rolled = rollUpProgress(t.children.map((c) => ({ weight: c.weight, percent: c.progress })));
  t.progress = rolled ?? own;
  if (t.status === 'draft') {
    Object.assign(t, { light: null, lightReasonZh: null, lightReasonEn: null, expectedPercent: null });
  } else {
    const l = lightOf(
      {
        start: t.startOn,
        deadline: t.deadline,
        actualPercent: t.progress,
        milestones: t.milestones.map((m) => ({
          date: m.dueOn,
          percent: m.percent,
          done: m.doneOn !== null || t.progress >= m.percent,
        })),
        finished: t.status === 'done',
      },
      today,
      { yellowMaxGap: s.yellowMaxGap, milestoneGraceDays: s.milestoneGraceDays },
    );
    t.light = l.light;
    t.lightReasonZh = l.reason.zh;
    t.lightReasonEn = l.reason.en;
    t.expectedPercent = l.expectedPercent;
  }
  t.lateReports = lateAndMissing(t, entries, now, s);
  const range = reportingRange(t);
  if (range && t.id % 50 === 0) {
    const received = new Map(entries.map((e) => [e.period.key, new Date(e.decidedMs)]));
    const c = lateReportCount(t.cadence, range, received, now, s.reportGraceDays);
    if (c.late + c.missing !== t.lateReports)
      throw new Error(
        `task ${t.id}: late count ${t.lateReports}, domain lateReportCount says ${c.late + c.missing}`,
      );
  }
}
