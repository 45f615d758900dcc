import {
  addDays,
  isoWeekday,
  shanghaiDate,
  startOfShanghaiDay,
  type IsoDate,
} from '../calendar/shanghai-date.ts';

/** 报送周期 */
export const cadences = ['weekly', 'half_monthly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof cadences)[number];

export interface ReportingPeriod {
  /** Stable key, e.g. `2026-W10`, `2026-03-H1`, `2026-03`, `2026-Q1`. */
  key: string;
  start: IsoDate;
  end: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** ISO week-numbering year and week of a date. */
function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week =
    Math.floor(
      (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7,
    ) + 1;
  return { year, week };
}

/** The reporting period of `cadence` that contains `date` (a Shanghai date). */
export function periodOf(cadence: Cadence, date: IsoDate): ReportingPeriod {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  switch (cadence) {
    case 'weekly': {
      const start = addDays(date, 1 - isoWeekday(date));
      const { year, week } = isoWeek(date);
      return { key: `${year}-W${pad(week)}`, start, end: addDays(start, 6) };
    }
    case 'half_monthly':
      return d <= 15
        ? { key: `${y}-${pad(m)}-H1`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-15` }
        : {
            key: `${y}-${pad(m)}-H2`,
            start: `${y}-${pad(m)}-16`,
            end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`,
          };
    case 'monthly':
      return {
        key: `${y}-${pad(m)}`,
        start: `${y}-${pad(m)}-01`,
        end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`,
      };
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      const lastMonth = q * 3;
      return {
        key: `${y}-Q${q}`,
        start: `${y}-${pad(lastMonth - 2)}-01`,
        end: `${y}-${pad(lastMonth)}-${pad(lastDayOfMonth(y, lastMonth))}`,
      };
    }
  }
}

/** Every period of `cadence` that overlaps [from, to], in order. */
export function periodsBetween(cadence: Cadence, from: IsoDate, to: IsoDate): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  for (let p = periodOf(cadence, from); p.start <= to; p = periodOf(cadence, addDays(p.end, 1))) out.push(p);
  return out;
}

/**
 * The last day a period's report may come in: the period's last day plus
 * `graceDays` calendar days (a setting; 0 = due on the last day of the period).
 */
export function dueDateOf(period: ReportingPeriod, graceDays = 0): IsoDate {
  return addDays(period.end, graceDays);
}

/** The instant a period's report becomes late: the start of the day after its due date, Asia/Shanghai. */
export function lateFrom(period: ReportingPeriod, graceDays = 0): Date {
  return startOfShanghaiDay(addDays(dueDateOf(period, graceDays), 1));
}

export type ReportTimeliness = 'on_time' | 'late' | 'missing' | 'not_due';

/**
 * Was a period's report on time? `submittedAt` is when it reached the office
 * (approved by the unit head); `now` decides whether a missing one is late yet.
 */
export function timelinessOf(
  period: ReportingPeriod,
  submittedAt: Date | null,
  now: Date,
  graceDays = 0,
): ReportTimeliness {
  const deadline = lateFrom(period, graceDays);
  if (submittedAt) return submittedAt < deadline ? 'on_time' : 'late';
  return now >= deadline ? 'missing' : 'not_due';
}

/** Counts the late and missing reports of one task over the periods due by `now`. */
export function lateReportCount(
  cadence: Cadence,
  range: { start: IsoDate; end: IsoDate },
  received: ReadonlyMap<string, Date>,
  now: Date,
  graceDays = 0,
): { due: number; onTime: number; late: number; missing: number } {
  const today = shanghaiDate(now);
  const counts = { due: 0, onTime: 0, late: 0, missing: 0 };
  for (const p of periodsBetween(cadence, range.start, range.end < today ? range.end : today)) {
    const t = timelinessOf(p, received.get(p.key) ?? null, now, graceDays);
    if (t === 'not_due') continue;
    counts.due++;
    if (t === 'on_time') counts.onTime++;
    else if (t === 'late') counts.late++;
    else counts.missing++;
  }
  return counts;
}
