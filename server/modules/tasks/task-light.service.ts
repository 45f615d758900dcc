import { sql } from 'drizzle-orm';
import { shanghaiDate, type IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import { WorkCalendar } from '../../../domain/calendar/working-days.ts';
import type { TaskSettings } from '../../../domain/contracts/tasks.ts';
import { lateReportCount } from '../../../domain/tasks/cadence.ts';
import { rollUpProgress } from '../../../domain/tasks/rollup.ts';
import { lightOf } from '../../../domain/tasks/status-light.ts';
import type { Db, Tx } from '../../db/client.ts';
import { listCalendarDays } from '../calendar/calendar.repository.ts';
import * as repo from './tasks.repository.ts';

/** The working-day calendar around a date, from the calendar table. */
export async function workCalendarAround(db: Tx, date: IsoDate): Promise<WorkCalendar> {
  const year = Number(date.slice(0, 4));
  return new WorkCalendar(await listCalendarDays(db, `${year - 1}-01-01`, `${year + 1}-12-31`));
}

/** The reporting range a task owes: from its start (or issue) to its deadline (or completion). */
function reportingRange(t: repo.TaskRow): { start: IsoDate; end: IsoDate } | null {
  if (t.status === 'draft' || !t.issuedAt) return null;
  const issued = shanghaiDate(t.issuedAt);
  const start = issued > t.startOn ? issued : t.startOn;
  const finished = t.completedAt ?? t.claimedAt;
  const end = finished && shanghaiDate(finished) < t.deadline ? shanghaiDate(finished) : t.deadline;
  return end >= start ? { start, end } : null;
}

/**
 * Recomputes what is derived on a task — the roll-up of its subtasks, its light
 * with the reason, its late-report count — and then its parent's, in the
 * caller's transaction. Lights are computed by domain/tasks/status-light, never typed in.
 */
export async function refreshTask(tx: Tx, id: number, now: Date, s: TaskSettings): Promise<void> {
  const t = await repo.getTask(tx, id);
  if (!t) return;
  const today = shanghaiDate(now);
  const subs = await repo.subtaskProgress(tx, id);
  const rolled = rollUpProgress(subs.map((x) => ({ weight: x.weight, percent: x.progress })));
  const progress = rolled ?? t.progress;
  const milestones = await repo.milestonesOf(tx, id);
  const changes: Partial<Record<repo.TaskColumn, unknown>> = { progress, light_on: today };
  if (t.status === 'draft') {
    Object.assign(changes, {
      light: null,
      light_reason_zh: null,
      light_reason_en: null,
      expected_percent: null,
    });
  } else {
    const l = lightOf(
      {
        start: t.startOn,
        deadline: t.deadline,
        actualPercent: progress,
        milestones: milestones.map((m) => ({
          date: m.date,
          percent: m.percent,
          done: m.doneOn !== null || progress >= m.percent,
        })),
        finished: t.status === 'done',
      },
      today,
      { yellowMaxGap: s.yellowMaxGap, milestoneGraceDays: s.milestoneGraceDays },
    );
    Object.assign(changes, {
      light: l.light,
      light_reason_zh: l.reason.zh,
      light_reason_en: l.reason.en,
      expected_percent: l.expectedPercent,
    });
  }
  const range = reportingRange(t);
  if (range) {
    const counts = lateReportCount(
      t.cadence,
      range,
      await repo.receivedReports(tx, id),
      now,
      s.reportGraceDays,
    );
    changes.late_reports = counts.late + counts.missing;
  }
  await repo.updateTask(tx, id, changes, now);
  if (t.parentId !== null) await refreshTask(tx, t.parentId, now, s);
}

/**
 * Brings every open task's light up to `now`'s date: lights move with time even
 * when nobody reports. Runs in batches, each in its own transaction; returns how
 * many tasks it refreshed.
 */
export async function refreshStaleLights(db: Db, now: Date, s: TaskSettings, batch = 500): Promise<number> {
  const today = shanghaiDate(now);
  let done = 0;
  for (;;) {
    const r = await db.execute<{ id: number }>(
      sql`SELECT id FROM tasks WHERE (light_on IS NULL OR (light_on < ${today}::date AND status <> 'done'))
          ORDER BY parent_id NULLS FIRST, id LIMIT ${batch}`,
    );
    if (r.rows.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const { id } of r.rows) await refreshTask(tx, id, now, s);
    });
    done += r.rows.length;
  }
}
