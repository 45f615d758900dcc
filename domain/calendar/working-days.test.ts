import { describe, expect, it } from 'vitest';
import { holidays2026, shippedCalendar } from './holidays.ts';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  shanghaiDate,
  startOfShanghaiDay,
} from './shanghai-date.ts';
import { WorkCalendar } from './working-days.ts';

const cal = new WorkCalendar(shippedCalendar);

describe('Asia/Shanghai dates', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(shanghaiDate(new Date(instant))).toBe(date);
  });
  it('starts a day at 00:00 +08:00', () => {
    expect(startOfShanghaiDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
  it('does date arithmetic across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('the 2026 calendar (国务院办公厅 2025-11-04)', () => {
  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, 'Sunday make-up day'],
    ['2026-02-14', true, 'Saturday make-up day before 春节'],
    ['2026-02-16', false, '春节 Monday'],
    ['2026-02-23', false, '春节 last day'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'Saturday make-up day after 春节'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, 'Saturday make-up day'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, 'Sunday make-up day before 国庆'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, 'Saturday make-up day'],
    ['2026-11-21', false, 'an ordinary Saturday'],
    ['2026-11-23', true, 'an ordinary Monday'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('has 9 days of 春节 and 7 of 国庆 off in a row', () => {
    const offRun = (from: string) => {
      let n = 0;
      for (let d = from; !cal.isWorkingDay(d); d = addDays(d, 1)) n++;
      return n;
    };
    expect(offRun('2026-02-15')).toBe(9);
    expect(offRun('2026-10-01')).toBe(7);
    expect(holidays2026.filter((o) => o.kind === 'workday')).toHaveLength(6);
  });

  it('counts 2026 as 248 working days', () => {
    // 261 weekdays − 19 holidays falling on weekdays (2+6+1+3+1+1+5) + 6 make-up days.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('working-day arithmetic', () => {
  it.each([
    ['2026-03-02', 0, '2026-03-02'], // Monday itself
    ['2026-03-07', 0, '2026-03-09'], // Saturday → Monday
    ['2026-03-02', 3, '2026-03-05'],
    ['2026-03-06', 1, '2026-03-09'], // Friday + 1 → Monday
    ['2026-02-12', 1, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'], // the make-up Saturday counts
    ['2026-02-13', 2, '2026-02-24'], // across the 春节 break
    ['2026-09-30', 1, '2026-10-08'], // across 国庆
    ['2026-09-18', 1, '2026-09-20'], // Friday + 1 → make-up Sunday
    ['2026-12-31', 1, '2027-01-04'], // across 元旦 2027 (provisional) and a weekend
  ])('%s + %i working days = %s', (from, n, to) => {
    expect(cal.addWorkingDays(from, n)).toBe(to);
    if (n > 0) expect(cal.workingDaysBetween(from, to)).toBe(n);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('gives zero working days for an empty or reversed range', () => {
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(cal.workingDaysBetween('2026-03-05', '2026-03-02')).toBe(0);
  });
});
