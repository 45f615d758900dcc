import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { addDays, shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { dueDateOf, periodOf, type Cadence, type ReportingPeriod } from '../domain/tasks/cadence.ts';
import { insertReport } from '../server/modules/reports/reports.repository.ts';
import {
  captureSqlRolledBack,
  paramIndex,
  runCaptured,
  single,
  type CapturedQuery,
} from './lib/capture-sql.ts';
import type { SuiteContext } from './lib/types.ts';

/** A task the write scenario reports on. */
export interface ReportTarget {
  id: number;
  unitId: number;
  cadence: Cadence;
  /** The liaison who writes its reports. */
  authorId: number;
}

type InsertSlot =
  | 'taskId'
  | 'unitId'
  | 'key'
  | 'start'
  | 'end'
  | 'due'
  | 'percent'
  | 'progress'
  | 'gap'
  | 'reason'
  | 'measures'
  | 'authorId'
  | 'now';

/** The INSERT `insertReport` sends (captured in a rolled-back transaction), with where each value goes. */
async function insertStatement(
  ctx: SuiteContext,
  sample: ReportTarget,
): Promise<{ q: CapturedQuery; at: Record<InsertSlot, number> }> {
  const s = {
    taskId: sample.id,
    unitId: sample.unitId,
    key: 'bench-period',
    start: '2099-01-05',
    end: '2099-01-11',
    due: '2099-01-14',
    percent: 42.25,
    progress: 'bench-progress',
    gap: 'bench-gap',
    reason: 'bench-reason',
    measures: 'bench-measures',
    authorId: sample.authorId,
    now: new Date(0),
  };
  if (new Set([s.taskId, s.unitId, s.authorId]).size < 3)
    throw new Error('sample report target has equal ids');
  const q = single(
    await captureSqlRolledBack(ctx.database.pool, (tx) =>
      insertReport(tx, {
        taskId: s.taskId,
        itemId: null,
        unitId: s.unitId,
        period: { key: s.key, start: s.start, end: s.end },
        dueOn: s.due,
        percent: s.percent,
        actualValue: null,
        progress: s.progress,
        gap: s.gap,
        reason: s.reason,
        measures: s.measures,
        authorId: s.authorId,
        now: s.now,
      }),
    ),
  );
  const at = Object.fromEntries(
    (Object.keys(s) as InsertSlot[]).map((k) => [k, paramIndex(q, s[k])]),
  ) as Record<InsertSlot, number>;
  return { q, at };
}

/** The `k`-th period after the one containing `today` (k ≥ 1): the baseline's own, so it never meets Luoshi's rows. */
function futurePeriod(cadence: Cadence, today: string, k: number): ReportingPeriod {
  let p = periodOf(cadence, today);
  for (let i = 0; i < k; i++) p = periodOf(cadence, addDays(p.end, 1));
  return p;
}

/** Replays captured statements one after another and returns their rows. */
async function replay(pool: pg.Pool, qs: readonly CapturedQuery[], prepared: boolean): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const q of qs) out.push((await runCaptured(pool, q, q.params, prepared)).rows);
  return out;
}

/**
 * The tasks suite's bare routes: `POST /tasks/:id/reports` runs `insertReport`'s
 * INSERT for the task (autocommit; each task's k-th baseline report goes to the
 * k-th future period, so it never collides with Luoshi's current-period rows);
 * `GET /tasks/mine` and `GET /campaigns/:id/tasks` replay the statements the
 * two Luoshi routes sent for the same caller and query, captured from the route
 * itself (sign-in check left out), one after another. No sign-in, validation,
 * policy, audit or presenter.
 */
export async function tasksBaseline(
  ctx: SuiteContext,
  targets: readonly ReportTarget[],
  reads: { mine: CapturedQuery[]; list: CapturedQuery[] },
  graceDays: number,
): Promise<(app: FastifyInstance, pool: pg.Pool) => void> {
  // Capture with a task whose id, unit and author differ, so each value's place is unambiguous.
  const sample = targets.find((t) => new Set([t.id, t.unitId, t.authorId]).size === 3);
  if (!sample) throw new Error('no task to capture the report INSERT with');
  const insert = await insertStatement(ctx, sample);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const written = new Map<number, number>();
  const prepared = ctx.baselineMode === 'prepared';
  return (app, pool) => {
    app.post<{
      Params: { id: string };
      Body: { percent: number; progress: string; gap?: string; reason?: string; measures?: string };
    }>('/tasks/:id/reports', async (req, reply) => {
      const t = byId.get(Number(req.params.id));
      if (!t) return reply.status(404).send({ error: 'unknown task' });
      const k = (written.get(t.id) ?? 0) + 1;
      written.set(t.id, k);
      const now = new Date();
      const p = futurePeriod(t.cadence, shanghaiDate(now), k);
      const v = [...insert.q.params];
      const set = (slot: InsertSlot, value: unknown) => (v[insert.at[slot]] = value);
      set('taskId', t.id);
      set('unitId', t.unitId);
      set('key', p.key);
      set('start', p.start);
      set('end', p.end);
      set('due', dueDateOf(p, graceDays));
      set('percent', req.body.percent);
      set('progress', req.body.progress);
      set('gap', req.body.gap ?? '');
      set('reason', req.body.reason ?? '');
      set('measures', req.body.measures ?? '');
      set('authorId', t.authorId);
      set('now', now);
      const r = await runCaptured(pool, insert.q, v, prepared);
      return reply.status(201).send({ id: (r.rows[0] as { id: number }).id });
    });
    app.get('/tasks/mine', async () => ({ results: await replay(pool, reads.mine, prepared) }));
    app.get('/campaigns/:id/tasks', async () => ({ results: await replay(pool, reads.list, prepared) }));
  };
}
