import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { buildApp } from '../server/app.ts';
import { intArray } from '../server/db/client.ts';
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
} from './lib/types.ts';
import { problemsBaseline, type ClaimTarget } from './problems.baseline.ts';
import { claimAuditCheck, negativeListCheck, statisticsCheck } from './problems.checks.ts';
import { generateProblemCity, type ProblemCity } from './problems.generate.ts';
import { PROBLEM_CAMPAIGNS } from './problems.plan.ts';

const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
const EVIDENCE =
  '已按整改方案完成全部措施：召开专题会议、建立台账、完善制度，附整改前后对比照片及群众回访记录';

/** Takes one from each group in turn, so consecutive claims come from different liaisons and units. */
function interleave<T>(rows: readonly T[], group: (t: T) => number): T[] {
  const by = new Map<number, T[]>();
  for (const r of rows) by.set(group(r), [...(by.get(group(r)) ?? []), r]);
  const queues = [...by.values()];
  const out: T[] = [];
  for (let i = 0; out.length < rows.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

/** Problems a liaison may claim closing for now (rectifying or returned), with the unit whose liaison acts. */
function claimable(city: ProblemCity, ctx: SuiteContext, first: number) {
  const lead = new Map(city.units.map((u) => [u.id, u]));
  return ctx.database.db
    .execute<{ id: number; unitId: number }>(
      sql`SELECT id, unit_id AS "unitId" FROM problems
           WHERE id >= ${first} AND status IN ('rectifying', 'returned') ORDER BY id`,
    )
    .then((r) =>
      r.rows.map((p) => {
        const u = lead.get(p.unitId)!;
        return { id: p.id, leadId: u.leadId, liaison: u.liaison };
      }),
    );
}

/** The unit whose open problems are the median count among all units (its negative list), and its size. */
async function medianUnit(ctx: SuiteContext, city: ProblemCity) {
  const r = await ctx.database.db.execute<{ unitId: number; n: number }>(sql`
    SELECT unit_id AS "unitId", count(*)::int AS n FROM problems
     WHERE status IN ('assigned','rectifying','returned','closing_claimed')
       AND unit_id = ANY(${intArray(city.units.map((u) => u.id))})
     GROUP BY unit_id ORDER BY n, unit_id`);
  const rows = r.rows;
  const mid = rows[Math.floor(rows.length / 2)]!;
  return {
    ...mid,
    min: rows[0]!.n,
    max: rows[rows.length - 1]!.n,
    unit: city.units.find((u) => u.id === mid.unitId)!,
  };
}

/**
 * What statistics and the negative list cost without their caches: the same
 * requests, one at a time, through a second Luoshi on the same database built
 * with `LUOSHI_STATS_CACHE_QUERIES=0` and `LUOSHI_LIST_CACHE_SECONDS=0` (every
 * request computes), in process (inject).
 */
async function uncachedTimings(
  ctx: SuiteContext,
  office: string,
  gets: readonly { label: string; path: string }[],
  n = 5,
): Promise<Timing[]> {
  const app = await buildApp(
    {
      database: ctx.database,
      config: { ...ctx.config, statsCacheQueries: 0, listCacheSeconds: 0 },
      clock: () => new Date(),
    },
    { logger: false },
  );
  try {
    const out: Timing[] = [];
    for (const g of gets) {
      const ms = await timeSequential(n, 1, async () => {
        const r = await app.inject({ method: 'GET', url: g.path, headers: cookie(office) });
        if (r.statusCode !== 200) throw new Error(`GET ${g.path}: HTTP ${r.statusCode}`);
      });
      out.push(timingOf(`${g.label} without the cache (every request computes), one at a time`, ms));
    }
    return out;
  } finally {
    await app.close();
  }
}

/**
 * 问题清单压测: generates 1,000,000 problems over 2,000 units with their
 * history, then loads (a) `POST /api/v1/problems/:id/claim-closing` by the
 * liaisons of every department and town, a different problem each request,
 * against the change's bare INSERT and UPDATE; (b) the office's statistics of
 * the large campaign grouped by unit and by category; (c) a unit's negative
 * list; (b) and (c) against their captured SQL.
 */
async function prepare(ctx: SuiteContext): Promise<PreparedSuite> {
  const now = new Date();
  const today = shanghaiDate(now);
  ctx.log('generating the problem data set…');
  const city = await generateProblemCity(ctx.superuserUrl, {
    password: ctx.password,
    iterations: ctx.config.pbkdf2Iterations,
    now,
    seed: ctx.config.demoSeed,
    log: ctx.log,
  });
  ctx.log(`generated in ${city.totalSeconds.toFixed(1)} s; signing in…`);
  const leads = [...city.liaisonOf.keys()];
  const tokens = new Map(
    await mapLimit(
      leads,
      4,
      async (id) => [id, await signIn(ctx.luoshiUrl, city.liaisonOf.get(id)!, ctx.password)] as const,
    ),
  );
  const office = await signIn(ctx.luoshiUrl, 'office', ctx.password);
  const campaignId = city.campaignIds[0]!;

  // (a) Every fourth claimable problem is the baseline's; Luoshi takes the rest, one liaison after another.
  const open = await claimable(city, ctx, city.firstProblemId);
  const mine = interleave(
    open.filter((_, i) => i % 4 !== 3),
    (p) => p.leadId,
  );
  const theirs = open.filter((_, i) => i % 4 === 3);
  const body = JSON.stringify({ evidence: EVIDENCE });
  const luoshiClaims: RequestVariant[] = mine.map((p) => ({
    path: `/api/v1/problems/${p.id}/claim-closing`,
    body,
    headers: cookie(tokens.get(p.leadId)!),
  }));
  const targets: ClaimTarget[] = theirs.map((p) => ({ id: p.id, authorId: p.liaison }));
  const json = { ...CSRF_HEADER, 'content-type': 'application/json' };

  // (b) and (c)
  const statsPath = (by: string) => `/api/v1/problem-statistics?campaignId=${campaignId}&groupBy=${by}`;
  const median = await medianUnit(ctx, city);
  const negToken = tokens.get(median.unit.leadId)!;
  const negPath = `/api/v1/units/${median.unitId}/negative-list`;
  const reads = {
    '/statistics/unit': await captureRoute(ctx, {
      method: 'GET',
      url: statsPath('unit'),
      headers: cookie(office),
    }),
    '/statistics/category': await captureRoute(ctx, {
      method: 'GET',
      url: statsPath('category'),
      headers: cookie(office),
    }),
    '/negative-list': await captureRoute(ctx, { method: 'GET', url: negPath, headers: cookie(negToken) }),
  };
  const inCampaign = await ctx.database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM problems WHERE campaign_id = ${campaignId}`,
  );
  const steps = city.steps.map((s) => `${s.label} ${s.seconds.toFixed(1)} s`).join('; ');
  const notes = [
    `data set: ${Object.entries(city.counts)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(', ')}; generated in **${city.totalSeconds.toFixed(1)} s** (${steps})`,
    `(a) ${open.length.toLocaleString('en-US')} problems can be claimed (rectifying or returned): ` +
      `${mine.length.toLocaleString('en-US')} for Luoshi over ${tokens.size} liaisons, ` +
      `${theirs.length.toLocaleString('en-US')} for the baseline; ` +
      `(b) campaign ${campaignId} (${PROBLEM_CAMPAIGNS[0]!.name}) holds ${inCampaign.rows[0]!.n.toLocaleString('en-US')} problems; ` +
      `(c) ${median.unit.name} (unit ${median.unitId}) has ${median.n} open problems, the median (units range ${median.min}–${median.max})`,
    `baseline SQL per request: (a) 1 INSERT + 1 UPDATE, autocommit; (b) by unit ${reads['/statistics/unit'].length}, ` +
      `by category ${reads['/statistics/category'].length} statements; (c) ${reads['/negative-list'].length} statements`,
  ];
  const gets = [
    { label: '(b) statistics by unit', path: statsPath('unit'), token: office },
    { label: '(b) statistics by category', path: statsPath('category'), token: office },
    { label: '(c) negative list', path: negPath, token: negToken },
  ];
  return {
    scenarios: [
      {
        id: 'problems.claim',
        title: '(a) POST /api/v1/problems/:id/claim-closing (liaisons, a new problem each time)',
        luoshi: {
          method: 'POST',
          path: '/api/v1/problems/0/claim-closing',
          headers: json,
          rotate: luoshiClaims,
          rotateOnce: true,
          probeVariants: 3,
        },
        baseline: {
          method: 'POST',
          path: '/problems/0/claim-closing',
          headers: { 'content-type': 'application/json' },
          rotate: targets.map((t) => ({ path: `/problems/${t.id}/claim-closing`, body })),
          probeVariants: 3,
        },
        target: { ratio: 0.5 },
      },
      {
        id: 'problems.stats-unit',
        title: '(b) GET /api/v1/problem-statistics?groupBy=unit (office, large campaign)',
        luoshi: { method: 'GET', path: statsPath('unit'), headers: cookie(office) },
        // The bare aggregate takes seconds under this load: wait for it rather than count timeouts.
        baseline: { method: 'GET', path: '/statistics/unit', headers: {}, timeoutS: 120 },
        target: { p99Ms: 200 },
      },
      {
        id: 'problems.stats-category',
        title: '(b) GET /api/v1/problem-statistics?groupBy=category (office, large campaign)',
        luoshi: { method: 'GET', path: statsPath('category'), headers: cookie(office) },
        baseline: { method: 'GET', path: '/statistics/category', headers: {}, timeoutS: 120 },
        target: { p99Ms: 200 },
      },
      {
        id: 'problems.negative-list',
        title: `(c) GET /api/v1/units/:id/negative-list (${median.unit.name}, ${median.n} open)`,
        luoshi: { method: 'GET', path: negPath, headers: cookie(negToken) },
        baseline: { method: 'GET', path: '/negative-list', headers: {} },
        target: { p99Ms: 50 },
      },
    ],
    registerBaseline: await problemsBaseline(ctx, targets, reads),
    timings: async (): Promise<Timing[]> => {
      const out: Timing[] = [];
      for (const g of gets) {
        const ms = await timeSequential(30, 3, () => getJson(ctx.luoshiUrl, g.path, g.token));
        out.push(timingOf(`${g.label}, one at a time on an idle server`, ms));
      }
      out.push(...(await uncachedTimings(ctx, office, gets)));
      return out;
    },
    checks: async (results: readonly ScenarioResult[]) => {
      const a = results.find((r) => r.id === 'problems.claim');
      const accepted = a ? a.luoshi.totalRequests - a.luoshi.non2xx : 0;
      return [
        await claimAuditCheck(
          ctx.database.db,
          mine.map((p) => p.id),
          today,
          accepted,
        ),
        await negativeListCheck(ctx.database.db, ctx.luoshiUrl, negToken, median.unitId, today),
        await statisticsCheck(ctx.database.db, ctx.luoshiUrl, office, campaignId, today),
      ];
    },
    notes,
  };
}

export const problemsSuite: BenchSuite = {
  name: 'problems',
  description:
    'city scale (2,000 units, 1,000,000 problems with measures and history): claim closing, statistics, negative list',
  prepare,
};
