// Not a benchmark: keeps a ranking data set in a folder between runs and times each step of a
// compute and publish, with EXPLAIN ANALYZE of the aggregates, to find where the time goes.
// `npx tsx bench/ranking.profile.ts <folder> [--explain]`
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { canonicalEvaluationInput } from '../domain/evaluation/input-hash.ts';
import { parsePeriod, periodContaining, periodWindow, previousPeriod } from '../domain/evaluation/period.ts';
import { ensureDatabase, openDatabase, runMigrations } from '../server/db/client.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { seedDemo } from '../server/db/seed-demo.ts';
import { sm3Hex } from '../server/lib/crypto.ts';
import {
  computeGathered,
  domainScheme,
  gatherInputs,
  splitLine,
  storedLines,
} from '../server/modules/evaluation/evaluation-inputs.service.ts';
import {
  metricRows,
  openProblemCounts,
  type MetricWindow,
} from '../server/modules/evaluation/metrics.repository.ts';
import { getScheme, membersOf } from '../server/modules/evaluation/schemes.repository.ts';
import { createScheme } from '../server/modules/evaluation/schemes.service.ts';
import type { ComputedMetric } from '../domain/evaluation/scheme.ts';
import { generateProblems } from './ranking.generate.ts';
import { generateCity } from './tasks.generate.ts';

const dir = process.argv[2] ?? '/tmp/rankprof';
const explain = process.argv.includes('--explain');
const log = (m: string) => process.stderr.write(`${m}\n`);
const t = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  const s = performance.now();
  const r = await fn();
  log(`${label}: ${(performance.now() - s).toFixed(0)} ms`);
  return r;
};

const fresh = !existsSync(`${dir}/pg/PG_VERSION`);
const pg = await startEmbeddedPostgres(dir, () => {});
const url = pg.url.replace(/\/postgres$/, '/rank');
try {
  await ensureDatabase(url);
  await runMigrations(url);
  const database = await openDatabase(url, 4);
  const db = database.db;
  const now = new Date('2026-11-23T02:00:00Z');
  if (fresh) {
    await seedDemo(db, { seed: 'qingjiang', password: 'Bench-Luoshi-2025!', iterations: 1000, now });
    const city = await generateCity(url, { password: 'x', iterations: 1000, now, seed: 'qingjiang', log });
    const p = await generateProblems(url, { now, seed: 'qingjiang', campaignId: city.campaignIds[0]!, log });
    const [office] = (await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE username = 'office'`))
      .rows;
    const actor = {
      id: office!.id,
      username: 'office',
      name: 'o',
      unitId: 1,
      unitPath: '/1/',
      roles: [],
      mustChangePassword: false,
      sessionHash: '',
    };
    const { benchContent: content } = await import('./ranking.bench.ts');
    await createScheme(
      db,
      { actor, ip: '', now },
      {
        campaignId: city.campaignIds[0]!,
        peerGroupId: p.peerGroupId,
        periodKind: 'quarter',
        name: 'bench',
        content: content as never,
      },
    );
  }
  const scheme = (await getScheme(db, 1))!;
  const period = previousPeriod(periodContaining('quarter', shanghaiDate(now)));
  const window = periodWindow(parsePeriod('quarter', period.key)!, shanghaiDate(now))!;
  const members = await membersOf(db, scheme.peerGroupId);
  const w: MetricWindow = {
    start: window.start,
    asOf: window.asOf,
    today: shanghaiDate(now),
    memberIds: members.map((m) => m.id),
    campaignId: null,
    reportGraceDays: 3,
  };
  const metrics: ComputedMetric[] = [
    'task_on_time_rate',
    'report_timeliness_rate',
    'problem_closing_rate',
    'overdue_count',
    'return_count',
    'satisfaction',
  ];
  for (const m of metrics) await t(`metric ${m}`, () => metricRows(db, m, w));
  await t('open problems', () => openProblemCounts(db, w));
  const v = { schemeId: scheme.id, version: scheme.version, name: scheme.name, content: scheme.content };
  const g = await t('gather (all, in a read-only snapshot with work_mem 64MB)', () =>
    db.transaction(
      async (tx) => {
        await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
        return gatherInputs(tx, v, scheme.campaignId, members, period, window, w.today);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    ),
  );
  const board = await t('computeBoard', () => computeGathered(v, g));
  const text = await t('canonical input text', () =>
    canonicalEvaluationInput({ campaignId: 1, period: period.key, peerGroup: 'x' }, domainScheme(v), g.input),
  );
  log(`  input text ${(text.length / 1e6).toFixed(1)} MB`);
  await t('sm3', () => sm3Hex(text));
  const lines = await t('stored lines', () => storedLines(board, g.details));
  await t('split + stringify', () =>
    [...lines.values()].map((ls) => {
      const split = ls.map(splitLine);
      return (
        JSON.stringify(split.map((x) => x.light)).length + JSON.stringify(split.map((x) => x.records)).length
      );
    }),
  );
  const split = [...lines.entries()].map(([unitId, ls]) => {
    const parts = ls.map(splitLine);
    return {
      unitId,
      detail: {
        scores: JSON.stringify(
          parts.map((x) => ({
            indicatorId: x.light.indicatorId,
            contribution: x.light.text.contribution,
            missing: x.light.missing,
          })),
        ),
        lines: JSON.stringify(parts.map((x) => x.light)),
        records: JSON.stringify(Object.fromEntries(parts.map((x) => [x.light.indicatorId, x.records]))),
      },
    };
  });
  const { insertBoard } = await import('../server/modules/evaluation/boards.repository.ts');
  await t('insert board (rolled back)', () =>
    db
      .transaction(async (tx) => {
        await insertBoard(
          tx,
          {
            schemeId: scheme.id,
            schemeVersion: scheme.version,
            period: period.key,
            revision: 99,
            campaignId: scheme.campaignId,
            peerGroupId: scheme.peerGroupId,
            periodStart: period.start,
            periodEnd: period.end,
            asOf: window.asOf,
            inputHash: 'x',
            inputText: text,
            gradeCounts: board.gradeCounts,
            aShare: board.aShare,
            unitCount: board.results.length,
            reason: 'profile',
            by: 1,
            at: now,
          },
          board.results.map((r) => ({ ...r, unitName: 'u', openProblems: 0 })),
          split.map((x) => x.detail),
        );
        throw new Error('rollback');
      })
      .catch(() => undefined),
  );
  const { previewBoard, publishPeriod, correctBoard } =
    await import('../server/modules/evaluation/boards.service.ts');
  const [office] = (await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE username = 'office'`))
    .rows;
  const actor = {
    id: office!.id,
    username: 'office',
    name: 'o',
    unitId: 1,
    unitPath: '/1/',
    roles: [{ role: 'office' as const, unitId: 1, unitPath: '/1/' }],
    mustChangePassword: false,
    sessionHash: '',
  };
  await t('previewBoard (service)', () => previewBoard(db, actor, scheme.id, period.key, now));
  const published = await db.execute<{ id: number }>(
    sql`SELECT max(id) AS id FROM evaluation_boards WHERE scheme_id = ${scheme.id} AND period = ${period.key}`,
  );
  const c = { actor, ip: '', now };
  await t('publish or correct (service)', () =>
    published.rows[0]?.id
      ? correctBoard(db, c, published.rows[0].id, 'profile')
      : publishPeriod(db, c, scheme.id, period.key),
  );
  if (explain) {
    for (const m of metrics) {
      const { metricSql } = await import('../server/modules/evaluation/metrics.repository.ts');
      const r = await db.execute<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN (ANALYZE, BUFFERS) ${metricSql(m, w)}`,
      );
      log(`\n=== ${m}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
  }
  await database.close();
} finally {
  await pg.stop();
}
