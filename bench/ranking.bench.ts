import { shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { periodContaining, previousPeriod } from '../domain/evaluation/period.ts';
import { captureRoute } from './lib/capture-route.ts';
import { runCaptured, type CapturedQuery } from './lib/capture-sql.ts';
import { CSRF_HEADER, SESSION_COOKIE, getJson, signIn } from './lib/http.ts';
import { timingOf } from './lib/stats.ts';
import type { BenchSuite, Check, PreparedSuite, SuiteContext, Timing } from './lib/types.ts';
import { generateProblems } from './ranking.generate.ts';
import { generateCity } from './tasks.generate.ts';

const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });

/** Publishing (compute and freeze) one period must take less than this. */
export const PUBLISH_TARGET_MS = 5_000;

/** The scheme the bench ranks every unit with: every computed metric, the report cards, bonus and penalty. */
export const benchContent = {
  recordScope: 'all',
  grading: { kind: 'quota', quotas: { A: 30, B: 40, C: 20 } },
  indicators: [
    ...(
      [
        ['on_time', '任务按期完成率', 'task_on_time_rate', 15, 'higher_better'],
        ['reports', '报送及时率', 'report_timeliness_rate', 15, 'higher_better'],
        ['closing', '问题整改销号率', 'problem_closing_rate', 20, 'higher_better'],
        ['overdue', '问题逾期数', 'overdue_count', 10, 'lower_better'],
        ['returns', '退回重改次数', 'return_count', 5, 'lower_better'],
        ['satisfaction', '群众满意度', 'satisfaction', 10, 'higher_better'],
      ] as const
    ).map(([id, name, metric, weight, direction]) => ({
      id,
      name,
      source: 'computed',
      metric,
      weight,
      direction,
      normalisation: { kind: 'min_max' },
      missing: 'peer_average',
    })),
    {
      id: 'cards',
      name: '八张报表',
      source: 'entered',
      gradePoints: { A: 100, B: 85, C: 70, D: 55 },
      weight: 25,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 55 },
    },
    {
      id: 'bonus',
      name: '加减分',
      source: 'events',
      eventPoints: { award_national: 3, award_city: 1, yellow_card: -2, criticism_circular: -1 },
      bonusCap: 5,
      penaltyCap: 5,
    },
  ],
};

async function call<T>(url: string, method: 'POST' | 'GET', token: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      ...cookie(token),
      ...(body === undefined ? {} : { ...CSRF_HEADER, 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299)
    throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` once untimed, then `n` times timed; the durations in ms. */
async function timed(n: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function prepare(ctx: SuiteContext): Promise<PreparedSuite> {
  const now = new Date();
  ctx.log('generating the city (2,000 units, 50,000 tasks, 1,000,000 reports)…');
  const city = await generateCity(ctx.superuserUrl, {
    password: ctx.password,
    iterations: ctx.config.pbkdf2Iterations,
    now,
    seed: ctx.config.demoSeed,
    log: ctx.log,
  });
  ctx.log('generating 1,000,000 problems…');
  const problems = await generateProblems(ctx.superuserUrl, {
    now,
    seed: ctx.config.demoSeed,
    campaignId: city.campaignIds[0]!,
    log: ctx.log,
  });
  const office = await signIn(ctx.luoshiUrl, 'office', ctx.password);
  const base = ctx.luoshiUrl;
  const period = previousPeriod(periodContaining('quarter', shanghaiDate(now))).key;
  const scheme = await call<{ id: number; unitCount: number }>(
    `${base}/api/v1/evaluation/schemes`,
    'POST',
    office,
    {
      campaignId: city.campaignIds[0]!,
      peerGroupId: problems.peerGroupId,
      periodKind: 'quarter',
      name: '全市单位季度赛马比拼（压测）',
      content: benchContent,
    },
  );
  const values = await call<{ units: { id: number }[] }>(
    `${base}/api/v1/evaluation/schemes/${scheme.id}/values?period=${period}`,
    'GET',
    office,
  );
  await call(`${base}/api/v1/evaluation/schemes/${scheme.id}/values`, 'POST', office, {
    period,
    values: values.units.map((u, i) => ({ unitId: u.id, indicatorId: 'cards', value: 'ABCD'[(i * 7) % 4] })),
  });
  ctx.log(`scheme ${scheme.id}: ${scheme.unitCount} units, period ${period}`);

  // The raw aggregates: exactly the SQL the compute sends (captured from the preview), replayed on a bare pool.
  const previewUrl = `/api/v1/evaluation/schemes/${scheme.id}/preview?period=${period}`;
  // Without the statements that hand the snapshot to the second connection: replayed one after the other on a
  // bare pool, they are not in one transaction (SET TRANSACTION SNAPSHOT would fail there).
  const captured: CapturedQuery[] = (
    await captureRoute(ctx, {
      method: 'GET',
      url: previewUrl,
      headers: cookie(office),
    })
  ).filter((q) => !/pg_export_snapshot|SET TRANSACTION SNAPSHOT/i.test(q.text));
  const aggregates = captured.filter((q) => /GROUP BY/i.test(q.text));
  const replay = async (qs: readonly CapturedQuery[]) => {
    for (const q of qs) await runCaptured(ctx.database.pool, q, q.params, false);
  };
  ctx.log(
    `timing: the preview's ${captured.length} statements (${aggregates.length} aggregates), replayed raw…`,
  );
  const rawAggregates = await timed(3, () => replay(aggregates));
  const rawAll = await timed(3, () => replay(captured));
  ctx.log('timing: preview over HTTP…');
  const preview = await timed(3, () => getJson(base, previewUrl, office));
  ctx.log('timing: publish, then two corrections (each computes and freezes the period)…');
  let boardId = 0;
  const publish = await timed(
    3,
    async (i) => {
      const b =
        i === 0
          ? await call<{ id: number }>(
              `${base}/api/v1/evaluation/schemes/${scheme.id}/publish`,
              'POST',
              office,
              {
                period,
              },
            )
          : await call<{ id: number }>(
              `${base}/api/v1/evaluation/boards/${boardId}/correct`,
              'POST',
              office,
              {
                reason: `压测更正 ${i}`,
              },
            );
      boardId = b.id;
    },
    0,
  );
  const board = await getJson<{ results: unknown[]; aShare: { text: string } }>(
    base,
    `/api/v1/evaluation/boards/${boardId}`,
    office,
  );
  const publicUrl = `/api/v1/public/boards/${boardId}`;
  const publicSql = await captureRoute(ctx, { method: 'GET', url: publicUrl, headers: {} });
  const timings: Timing[] = [
    timingOf(`raw: the ${aggregates.length} aggregate statements of the compute, replayed`, rawAggregates),
    timingOf(`raw: every statement of the compute (${captured.length}), replayed`, rawAll),
    timingOf('compute: GET …/preview (nothing written)', preview),
    timingOf('compute and publish one period (publish, then 2 corrections)', publish),
  ];
  const notes = [
    `data set: ${Object.entries({ ...city.counts, ...problems.counts })
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(
        ', ',
      )}; city generated in ${city.totalSeconds.toFixed(1)} s, problems in ${problems.seconds.toFixed(1)} s`,
    `one board: ${board.results.length.toLocaleString('en-US')} units in one peer group, quarter ${period}, ` +
      `${benchContent.indicators.length} indicators (6 computed, 1 entered, 1 bonus/penalty), A share ${board.aShare.text}`,
    `compute and publish: ${publish.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}; ` +
      `raw aggregates alone: ${rawAggregates.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`,
  ];
  return {
    scenarios: [
      {
        id: 'ranking.public-board',
        title: `GET /api/v1/public/boards/:id (${board.results.length} units, no sign-in)`,
        luoshi: { method: 'GET', path: publicUrl, headers: {} },
        baseline: { method: 'GET', path: `/boards/${boardId}`, headers: {} },
        target: { ratio: 0.5 },
      },
    ],
    registerBaseline(app, pool) {
      app.get('/boards/:id', async () => {
        const out: unknown[][] = [];
        for (const q of publicSql) out.push((await runCaptured(pool, q, q.params, false)).rows);
        return { results: out };
      });
    },
    timings: async () => timings,
    checks: async (): Promise<Check[]> => {
      const v = await getJson<{ hashMatches: boolean; resultsMatch: boolean }>(
        base,
        `/api/v1/evaluation/boards/${boardId}/verify`,
        office,
      );
      const worst = Math.max(...publish);
      return [
        {
          label: `compute and publish under ${PUBLISH_TARGET_MS / 1000} s`,
          ok: worst < PUBLISH_TARGET_MS,
          detail: `slowest of ${publish.length}: ${(worst / 1000).toFixed(2)} s`,
        },
        {
          label: 'every unit ranked',
          ok: board.results.length === problems.units,
          detail: `${board.results.length} of ${problems.units} units`,
        },
        {
          label: 'the published board verifies (SM3 of the stored input; results computed again)',
          ok: v.hashMatches && v.resultsMatch,
          detail: JSON.stringify(v),
        },
      ];
    },
    notes,
  };
}

export const rankingSuite: BenchSuite = {
  name: 'ranking',
  description:
    'compute and publish one period for 2,000 units over 1,000,000 problems, 50,000 tasks and 1,000,000 reports',
  prepare,
};
