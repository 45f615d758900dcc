import { addDays } from '../../../domain/calendar/shanghai-date.ts';
import { WorkCalendar } from '../../../domain/calendar/working-days.ts';
import type { CalendarOverride } from '../../../domain/calendar/holidays.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import * as repo from './calendar.repository.ts';

/** 工作日历 of one year: its exceptions and the number of working days they leave. */
export async function calendarOfYear(
  deps: AppDeps,
  year: number,
): Promise<{ year: number; workingDays: number; days: CalendarOverride[] }> {
  const days = await repo.listCalendarDays(deps.database.db, `${year}-01-01`, `${year}-12-31`);
  const cal = new WorkCalendar(days);
  return { year, workingDays: cal.workingDaysBetween(addDays(`${year}-01-01`, -1), `${year}-12-31`), days };
}

/** Sets a day as a holiday or a make-up working day (调休), replacing what it was. */
export async function setCalendarDay(deps: AppDeps, c: CallContext, day: CalendarOverride): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.getCalendarDayForUpdate(tx, day.date);
    await repo.upsertCalendarDay(tx, day, c.actor.id, c.now);
    await recordChange(tx, c, 'calendar_day', 'calendar.set', day.date, before ?? null, day);
  });
}

/** Makes a day ordinary again (Monday–Friday work, weekends off). */
export async function clearCalendarDay(deps: AppDeps, c: CallContext, date: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.getCalendarDayForUpdate(tx, date);
    if (!before) throw fail('not_found', 'date');
    await repo.deleteCalendarDay(tx, date);
    await recordChange(tx, c, 'calendar_day', 'calendar.clear', date, before, null);
  });
}
