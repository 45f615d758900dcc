import type { IsoDate } from './shanghai-date.ts';

/** A day that differs from the Monday–Friday rule: a holiday on a weekday, or a make-up working day (调休) at a weekend. */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  /** 节日名称, e.g. 春节. */
  name: string;
}

const range = (from: IsoDate, to: IsoDate, name: string): CalendarOverride[] => {
  const out: CalendarOverride[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
};
const work = (date: IsoDate, name: string): CalendarOverride => ({
  date,
  kind: 'workday',
  name: `${name}调休上班`,
});

/**
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua).
 * Weekend days inside a holiday range are listed too; they are non-working either way.
 */
export const holidays2026: readonly CalendarOverride[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  work('2026-01-04', '元旦'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  work('2026-02-14', '春节'),
  work('2026-02-28', '春节'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  work('2026-05-09', '劳动节'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  work('2026-09-20', '国庆节'),
  work('2026-10-10', '国庆节'),
];

/**
 * 2027, provisional: only the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) on
 * their 2027 dates (春节: 除夕 and 正月初一至初三 = 2027-02-05…08; 清明 04-05; 端午 06-09; 中秋 09-15).
 * The State Council's notice with the make-up working days was not yet available when this was
 * written; the system admin edits the calendar when it is published.
 */
export const holidays2027Provisional: readonly CalendarOverride[] = [
  ...range('2027-01-01', '2027-01-01', '元旦'),
  ...range('2027-02-05', '2027-02-08', '春节'),
  ...range('2027-04-05', '2027-04-05', '清明节'),
  ...range('2027-05-01', '2027-05-02', '劳动节'),
  ...range('2027-06-09', '2027-06-09', '端午节'),
  ...range('2027-09-15', '2027-09-15', '中秋节'),
  ...range('2027-10-01', '2027-10-03', '国庆节'),
];

/** The calendar Luoshi ships: this year's and next year's. */
export const shippedCalendar: readonly CalendarOverride[] = [...holidays2026, ...holidays2027Provisional];
