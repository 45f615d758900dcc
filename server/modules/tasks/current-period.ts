import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import { cadences, dueDateOf, periodOf } from '../../../domain/tasks/cadence.ts';

/**
 * SQL expressions for the current reporting period of each task (`t.cadence`)
 * at `today`: its key and its due date, computed here once per cadence.
 */
export function currentPeriodSql(today: IsoDate, graceDays: number): { key: SQL; due: SQL } {
  const periods = cadences.map((c) => {
    const p = periodOf(c, today);
    return { cadence: c, key: p.key, due: dueDateOf(p, graceDays) };
  });
  const key = sql`(CASE t.cadence ${sql.join(
    periods.map((p) => sql`WHEN ${p.cadence} THEN ${p.key}`),
    sql` `,
  )} END)`;
  const due = sql`(CASE t.cadence ${sql.join(
    periods.map((p) => sql`WHEN ${p.cadence} THEN ${p.due}::date`),
    sql` `,
  )} END)`;
  return { key, due };
}

/** A condition: the task owes a report for the current period (working on it, nothing in or waiting). */
export function owesReportSql(today: IsoDate, graceDays: number): SQL {
  const { key } = currentPeriodSql(today, graceDays);
  return sql`(t.status IN ('signed', 'in_progress') AND NOT EXISTS (
    SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.period_key = ${key} AND r.status <> 'returned'))`;
}
