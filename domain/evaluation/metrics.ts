import type { ComputedMetric } from './scheme.ts';

/** What kind of record stands behind a raw value, so a unit can open it. */
export type RecordKind = 'task' | 'report' | 'problem' | 'survey' | 'event' | 'value';

/**
 * How each computed metric is taken from the records over a period's window
 * (its first day to its last, or to today while it runs; `asOf` is the end):
 *
 *  - `task_on_time_rate` 任务按期完成率: tasks of the campaign led by the unit whose
 *    deadline falls in the window; on time when done by the deadline. Records: those tasks.
 *  - `report_timeliness_rate` 报送及时率: every report due in the window (task progress
 *    reports and reporting-item submissions), a report not written at all counting as
 *    late; on time when approved by its due date. Records: the reports written.
 *  - `problem_closing_rate` 整改销号率: problems found by `asOf` (not dismissed or merged),
 *    closed by `asOf`. Records: those problems.
 *  - `overdue_count` 逾期数: problems overdue on `asOf` (open past the deadline; a claim
 *    made by the deadline stops the clock). Records: those problems.
 *  - `return_count` 退回重改次数: times a problem was sent back for rework in the window.
 *    Records: the problems returned.
 *  - `satisfaction` 满意度: the mean of the public's survey answers in the window, 1–5
 *    stars as 0–100. Records: the answers.
 *  - `response_hours`, `closing_hours`: public channels (接诉即办) have no records yet.
 *
 * A record counts for the peer-group member it belongs to: the unit itself or the
 * nearest member above it (a village's problem counts for its town).
 */
export const metricRecordKind: Record<ComputedMetric, RecordKind> = {
  task_on_time_rate: 'task',
  report_timeliness_rate: 'report',
  problem_closing_rate: 'problem',
  overdue_count: 'problem',
  return_count: 'problem',
  satisfaction: 'survey',
  response_hours: 'problem',
  closing_hours: 'problem',
};

/** Metrics the platform can compute today (public channels are not built yet). */
export const availableMetrics: readonly ComputedMetric[] = [
  'task_on_time_rate',
  'report_timeliness_rate',
  'problem_closing_rate',
  'overdue_count',
  'return_count',
  'satisfaction',
];

/** A rate is a share in percent (numerator of denominator); a count is a number of records. */
export const metricIsRate: Record<ComputedMetric, boolean> = {
  task_on_time_rate: true,
  report_timeliness_rate: true,
  problem_closing_rate: true,
  overdue_count: false,
  return_count: false,
  satisfaction: false,
  response_hours: false,
  closing_hours: false,
};

/** 群众口碑: the survey's star rating (1–5) as points 0–100. */
export const surveyPoints = (rating: number): number => (rating - 1) * 25;

/** Survey limits: one answer per device (and per phone, when given) per unit and month; per address per hour. */
export const surveyLimits = {
  /** Answers accepted from one network address in an hour, across all units. */
  perAddressPerHour: 20,
  /** Attempts (accepted or not) from one address in a minute, per server process. */
  attemptsPerMinute: 30,
} as const;
