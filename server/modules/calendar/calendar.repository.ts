import { sql } from 'drizzle-orm';
import type { CalendarOverride } from '../../../domain/calendar/holidays.ts';
import type { Tx } from '../../db/client.ts';

type DayRow = { date: string; kind: CalendarOverride['kind']; name: string };

const daySelect = sql`to_char(date, 'YYYY-MM-DD') AS date, kind, name`;

/** The calendar's exceptions between two dates (inclusive), in date order. */
export async function listCalendarDays(db: Tx, from: string, to: string): Promise<CalendarOverride[]> {
  const r = await db.execute<DayRow>(
    sql`SELECT ${daySelect} FROM calendar_days WHERE date BETWEEN ${from}::date AND ${to}::date ORDER BY date`,
  );
  return r.rows;
}

/** Reads one day and locks it for a change. */
export async function getCalendarDayForUpdate(tx: Tx, date: string): Promise<CalendarOverride | undefined> {
  const r = await tx.execute<DayRow>(
    sql`SELECT ${daySelect} FROM calendar_days WHERE date = ${date}::date FOR UPDATE`,
  );
  return r.rows[0];
}

export async function upsertCalendarDay(tx: Tx, day: CalendarOverride, by: number, now: Date): Promise<void> {
  await tx.execute(sql`INSERT INTO calendar_days (date, kind, name, updated_at, updated_by)
    VALUES (${day.date}::date, ${day.kind}, ${day.name}, ${now}, ${by})
    ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
      updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`);
}

export async function deleteCalendarDay(tx: Tx, date: string): Promise<void> {
  await tx.execute(sql`DELETE FROM calendar_days WHERE date = ${date}::date`);
}
