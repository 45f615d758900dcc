import type { CalendarOverride } from './holidays.ts';
import { addDays, isoWeekday, type IsoDate } from './shanghai-date.ts';

/**
 * 工作日历: Monday–Friday are working days, except the holidays listed;
 * Saturdays and Sundays are not, except the make-up working days (调休) listed.
 */
export class WorkCalendar {
  private readonly overrides: ReadonlyMap<IsoDate, CalendarOverride['kind']>;

  constructor(overrides: readonly CalendarOverride[]) {
    this.overrides = new Map(overrides.map((o) => [o.date, o.kind]));
  }

  /** Is the date a working day? */
  isWorkingDay(date: IsoDate): boolean {
    const o = this.overrides.get(date);
    if (o) return o === 'workday';
    return isoWeekday(date) <= 5;
  }

  /**
   * The date `n` working days after `date` (not counting `date` itself); `n = 0`
   * gives `date` if it is a working day, else the next working day.
   * "Sign within 3 working days of issue" → `addWorkingDays(issuedOn, 3)` is the last day allowed.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = date;
    if (n === 0) {
      while (!this.isWorkingDay(d)) d = addDays(d, 1);
      return d;
    }
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in the half-open range (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }
}
