import { sql } from 'drizzle-orm';
import pg from 'pg';
import { shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import type { Cadence } from '../domain/tasks/cadence.ts';
import { intArray } from '../server/db/client.ts';
import { getTaskSettings } from '../server/modules/settings/settings.service.ts';
import { currentPeriodSql } from '../server/modules/tasks/current-period.ts';
import { captureRoute } from './lib/capture-route.ts';
import { CSRF_HEADER, SESSION_COOKIE, getJson, signIn } from './lib/http.ts';
import { mapLimit } from './lib/map-limit.ts';
import { timeSequential, timingOf } from './lib/stats.ts';
import type {
  BenchSuite,
  PreparedSuite,
  RequestVariant,
  ScenarioResult,
  SuiteContext,
  Timing,
  WriteRecycler,
} from './lib/types.ts';
import { tasksBaseline, type ReportTarget } from './tasks.baseline.ts';
import { derivedColumnsCheck, redListCheck, submissionAuditCheck } from './tasks.checks.ts';
import { generateCity, type CityData } from './tasks.generate.ts';
import { lightsRefreshCost } from './tasks.lights.ts';

const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });

/** Tasks each town's subtree leads that are not drafts, by town id (what a town liaison sees, cooperations aside). */
async function tasksPerTown(ctx: SuiteContext, city: CityData): Promise<Map<number, number>> {
  const r = await ctx.database.db.execute<{ town: number; n: number }>(sql`
    SELECT split_part(lu.path, '/', 3)::int AS town, count(*)::int AS n
      FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id
     WHERE lu.depth >= 1 AND t.status <> 'draft'
       AND split_part(lu.path, '/', 3)::int = ANY(${intArray(city.towns.map((t) => t.id))})
     GROUP BY 1`);
  return new Map(r.rows.map((x) => [x.town, x.n]));
}

/**
 * Open tasks that have no report yet for the current period, led by a
 * department or town (or a unit below one) that has a bench liaison, with
 * that department or town as `top`.
 */
async function reportableTasks(ctx: SuiteContext, city: CityData, now: Date) {
  const s = await getTaskSettings(ctx.database.db);
  const key = currentPeriodSql(shanghaiDate(now), s.reportGraceDays).key;
  const r = await ctx.database.db.execute<{
    id: number;
    unitId: number;
    cadence: Cadence;
    progress: number;
    top: number;
  }>(sql`
    SELECT t.id, t.lead_unit_id AS "unitId", t.cadence, t.progress, split_part(lu.path, '/', 3)::int AS top
      FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id JOIN campaigns c ON c.id = t.campaign_id
     WHERE t.status IN ('signed', 'in_progress') AND NOT c.closed AND lu.depth >= 1
       AND split_part(lu.path, '/', 3)::int = ANY(${intArray([...city.liaisonOf.keys()])})
       AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.period_key = ${key})
     ORDER BY t.id`);
  return { rows: r.rows, graceDays: s.reportGraceDays };
}

/**
 * Recycles the reports Luoshi writes for `taskIds` (every report written after
 * this is called): at 2,000 reports a second, 5 s of warm-up and 30 s of load
 * want more open tasks than the 50,000 hold. Deletes as the superuser; the
 * audit entries stay (append-only). `removed` collects the deleted ids for the
 * audit check.
 */
async function reportRecycler(ctx: SuiteContext, taskIds: readonly number[]) {
  const before = await ctx.database.db.execute<{ max: number }>(
    sql`SELECT coalesce(max(id), 0)::int AS max FROM reports`,
  );
  const after = before.rows[0]!.max;
  const removed = new Set<number>();
  const remove = async (olderThanS: number) => {
    const client = new pg.Client({ connectionString: ctx.superuserUrl });
    await client.connect();
    try {
      const r = await client.query<{ id: number }>(
        `DELETE FROM reports WHERE id > $1 AND task_id = ANY($2::int[])
           AND submitted_at <= now() - make_interval(secs => $3) RETURNING id`,
        [after, taskIds, olderThanS],
      );
      for (const x of r.rows) removed.add(x.id);
    } finally {
      await client.end();
    }
  };
  const recycler: WriteRecycler = {
    undoAll: () => remove(0),
    start() {
      let stopped = false;
      const loop = (async () => {
        while (!stopped) {
          await new Promise((r) => setTimeout(r, 1000));
          if (!stopped) await remove(5);
        }
      })();
      return async () => {
        stopped = true;
        await loop;
      };
    },
  };
  return { recycler, removed: removed as ReadonlySet<number> };
}

/** Takes one from each department and town in turn, so consecutive submissions come from different liaisons and units. */
function interleave<T extends { top: number }>(rows: readonly T[]): T[] {
  const byTop = new Map<number, T[]>();
  for (const r of rows) byTop.set(r.top, [...(byTop.get(r.top) ?? []), r]);
  const queues = [...byTop.values()];
  const out: T[] = [];
  for (let i = 0; out.length < rows.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

async function readTimings(
  ctx: SuiteContext,
  reads: { label: string; path: string; token: string }[],
): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const r of reads) {
    const ms = await timeSequential(30, 3, () => getJson(ctx.luoshiUrl, r.path, r.token));
    out.push(timingOf(`${r.label}, one at a time on an idle server`, ms));
  }
  return out;
}

/**
 * What a report submission costs, split: `POST …/reports` one at a time for
 * tasks kept out of the load runs, and `GET /api/v1/tasks/:id`, the task's
 * detail, for the same tasks.
 */
async function submitTimings(
  ctx: SuiteContext,
  variants: readonly RequestVariant[],
  n = 30,
): Promise<Timing[]> {
  const picked = variants.slice(0, n);
  const timed = async (path: string, init: RequestInit, status: number) => {
    const t0 = performance.now();
    const res = await fetch(`${ctx.luoshiUrl}${path}`, init);
    await res.text();
    if (res.status !== status) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status}`);
    return performance.now() - t0;
  };
  const post: number[] = [];
  const detail: number[] = [];
  for (const v of picked) {
    post.push(
      await timed(
        v.path!,
        {
          method: 'POST',
          headers: { ...CSRF_HEADER, 'content-type': 'application/json', ...v.headers },
          body: v.body!,
        },
        201,
      ),
    );
    detail.push(await timed(v.path!.replace(/\/reports$/, ''), { headers: { ...v.headers } }, 200));
  }
  return [
    timingOf('(a) POST /api/v1/tasks/:id/reports, one at a time on an idle server', post),
    timingOf('(a) of which the answer: GET /api/v1/tasks/:id for the same task', detail),
  ];
}

/**
 * 城市级任务压测: generates 2,000 units, 50,000 tasks and 1,000,000 reports, then
 * loads (a) `POST /api/v1/tasks/:id/reports` by the 40 town liaisons, each
 * request a task with no report yet this period, against `insertReport`'s
 * INSERT; (b) `GET /api/v1/tasks/mine` for the liaison of the median town; (c)
 * the office's `GET /api/v1/campaigns/:id/tasks?light=red&limit=20` on the
 * campaign that holds most tasks; (b) and (c) against their captured SQL.
 */
async function prepare(ctx: SuiteContext): Promise<PreparedSuite> {
  const now = new Date();
  ctx.log('generating the city-scale data set…');
  const city = await generateCity(ctx.superuserUrl, {
    password: ctx.password,
    iterations: ctx.config.pbkdf2Iterations,
    now,
    seed: ctx.config.demoSeed,
    log: ctx.log,
  });
  ctx.log(`generated in ${city.totalSeconds.toFixed(1)} s; signing in…`);
  const perTown = await tasksPerTown(ctx, city);
  const ranked = [...city.towns].sort((a, b) => (perTown.get(a.id) ?? 0) - (perTown.get(b.id) ?? 0));
  const median = ranked[Math.floor(ranked.length / 2)]!;
  // Every department and town liaison, by unit id.
  const tokens = new Map(
    await mapLimit(
      [...city.liaisonOf],
      4,
      async ([unitId, username]) => [unitId, await signIn(ctx.luoshiUrl, username, ctx.password)] as const,
    ),
  );
  const office = await signIn(ctx.luoshiUrl, 'office', ctx.password);
  const medianToken = tokens.get(median.id)!;
  const campaignId = city.campaignIds[0]!;

  const { rows, graceDays } = await reportableTasks(ctx, city, now);
  const ids = await ctx.database.db.execute<{ unit: number; liaison: number }>(sql`
    SELECT g.unit_id AS unit, g.person_id AS liaison FROM grants g JOIN people p ON p.id = g.person_id
     WHERE g.role = 'liaison' AND p.username LIKE 'bench-liaison-%'`);
  const liaisonId = new Map(ids.rows.map((x) => [x.unit, x.liaison]));
  const order = interleave(rows);
  const body = (progress: number) =>
    JSON.stringify({
      percent: Math.min(100, Math.round(progress) + 2),
      progress: '本周按计划推进，完成既定工作量',
      gap: '无',
      reason: '',
      measures: '持续推进',
    });
  const submit = (prefix: string, withCookie: boolean): RequestVariant[] =>
    order.map((t) => ({
      path: `${prefix}/${t.id}/reports`,
      body: body(t.progress),
      ...(withCookie ? { headers: cookie(tokens.get(t.top)!) } : {}),
    }));
  // The last 30 tasks are kept out of the load runs for the one-at-a-time timings: the load runs wrap
  // around their rotation (the recycler frees its tasks again) and would reach them.
  const allSubmits = submit('/api/v1/tasks', true);
  const luoshiSubmits = allSubmits.slice(0, -30);
  const timedSubmits = allSubmits.slice(-30);
  const targets: ReportTarget[] = order.map((t) => ({
    id: t.id,
    unitId: t.unitId,
    cadence: t.cadence,
    authorId: liaisonId.get(t.top)!,
  }));
  const json = { ...CSRF_HEADER, 'content-type': 'application/json' };
  const recycled = await reportRecycler(
    ctx,
    order.slice(0, -30).map((t) => t.id),
  );

  const minePath = '/api/v1/tasks/mine';
  const listPath = `/api/v1/campaigns/${campaignId}/tasks?light=red&limit=20`;
  const reads = {
    mine: await captureRoute(ctx, { method: 'GET', url: minePath, headers: cookie(medianToken) }),
    list: await captureRoute(ctx, { method: 'GET', url: listPath, headers: cookie(office) }),
  };
  const campaignTasks = await ctx.database.db.execute<{ n: number; red: number }>(
    sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE light = 'red'))::int AS red FROM tasks WHERE campaign_id = ${campaignId}`,
  );
  const c = campaignTasks.rows[0]!;
  const townCounts = ranked.map((t) => perTown.get(t.id) ?? 0);
  const steps = city.steps.map((s) => `${s.label} ${s.seconds.toFixed(1)} s`).join('; ');
  const notes = [
    `data set: ${Object.entries(city.counts)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(', ')}; ` + `generated in **${city.totalSeconds.toFixed(1)} s** (${steps})`,
    `(a) ${order.length.toLocaleString('en-US')} tasks can take this period's report, spread over the liaisons of ${new Set(order.map((t) => t.top)).size} departments and towns; ` +
      `(b) ${median.name} (${perTown.get(median.id)} tasks in its subtree; towns range ${townCounts[0]}–${townCounts[townCounts.length - 1]}); ` +
      `(c) campaign ${campaignId} holds ${c.n.toLocaleString('en-US')} tasks, ${c.red.toLocaleString('en-US')} red`,
    `baseline SQL per request: (a) 1 INSERT; (b) ${reads.mine.length} statements; (c) ${reads.list.length} statements`,
  ];
  const today = shanghaiDate(now);
  return {
    scenarios: [
      {
        id: 'tasks.report',
        title: '(a) POST /api/v1/tasks/:id/reports (liaisons, a new task each time)',
        luoshi: {
          method: 'POST',
          path: '/api/v1/tasks/0/reports',
          headers: json,
          rotate: luoshiSubmits,
          rotateOnce: true,
          probeVariants: 3,
        },
        baseline: {
          method: 'POST',
          path: '/tasks/0/reports',
          headers: { 'content-type': 'application/json' },
          rotate: submit('/tasks', false),
          probeVariants: 3,
        },
        target: { ratio: 0.5 },
        recycleLuoshiWrites: recycled.recycler,
      },
      {
        id: 'tasks.mine',
        title: `(b) GET /api/v1/tasks/mine (liaison of ${median.name})`,
        luoshi: { method: 'GET', path: minePath, headers: cookie(medianToken) },
        baseline: { method: 'GET', path: '/tasks/mine', headers: {} },
        target: { p99Ms: 50 },
      },
      {
        id: 'tasks.red-list',
        title: `(c) GET /api/v1/campaigns/:id/tasks?light=red&limit=20 (office)`,
        luoshi: { method: 'GET', path: listPath, headers: cookie(office) },
        baseline: { method: 'GET', path: `/campaigns/${campaignId}/tasks`, headers: {} },
        target: { p99Ms: 50 },
      },
    ],
    registerBaseline: await tasksBaseline(ctx, targets, reads, graceDays),
    timings: async () => {
      const lights = await lightsRefreshCost(ctx);
      notes.push(lights.note);
      return [
        ...(await submitTimings(ctx, timedSubmits)),
        ...(await readTimings(ctx, [
          { label: '(b) GET /api/v1/tasks/mine', path: minePath, token: medianToken },
          { label: '(c) GET red list', path: listPath, token: office },
        ])),
        lights.timing,
      ];
    },
    checks: async (results: readonly ScenarioResult[]) => {
      const a = results.find((r) => r.id === 'tasks.report');
      const accepted = a ? a.luoshi.totalRequests - a.luoshi.non2xx : 0;
      return [
        await submissionAuditCheck(ctx.database.db, today, accepted, recycled.removed),
        await redListCheck(ctx.database.db, ctx.luoshiUrl, office, campaignId),
        await derivedColumnsCheck(ctx.database.db),
      ];
    },
    notes,
  };
}

export const tasksSuite: BenchSuite = {
  name: 'tasks',
  description:
    'city scale (2,000 units, 50,000 tasks, 1,000,000 reports): progress report writes, my tasks, the red list',
  prepare,
};
