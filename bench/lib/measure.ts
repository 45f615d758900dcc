import type pg from 'pg';
import { probe } from './http.ts';
import type { LoadGenerator } from './load.ts';
import { settle } from './postgres.ts';
import { cpuBetween, cpuSnapshot } from './cpu.ts';
import { resetStatements, topStatements } from './sql-stats.ts';
import type {
  LoadSummary,
  LoadTarget,
  Scenario,
  ScenarioResult,
  SideResult,
  Target,
  WriteRecycler,
} from './types.ts';

export interface MeasureOptions {
  durationS: number;
  warmupS: number;
  connections: number;
  sqlStats: boolean;
  postmasterPid: number | undefined;
  log: (m: string) => void;
}

/** Probe, warm up (discarded), settle the database, then measure one side. */
async function measureSide(
  gen: LoadGenerator,
  admin: pg.Pool,
  label: string,
  baseUrl: string,
  target: LoadTarget,
  o: MeasureOptions,
  recycler?: WriteRecycler,
): Promise<SideResult> {
  await probe(baseUrl, target);
  if (o.warmupS > 0) {
    o.log(`  ${label}: warm-up ${o.warmupS} s`);
    const warm = await gen.run(baseUrl, target, { durationS: o.warmupS, connections: o.connections });
    if (target.rotateOnce && recycler) {
      // The warm-up's writes are undone: the measured run takes the same variants again.
      await recycler.undoAll();
      o.log(`  ${label}: warm-up's ${warm.sent} writes undone`);
    } else if (target.rotateOnce) {
      // Variants that may be sent once only: the measured run goes on where the warm-up stopped.
      target = { ...target, rotateFrom: (target.rotateFrom ?? 0) + warm.sent };
    }
  }
  await settle(admin);
  if (o.sqlStats) await resetStatements(admin);
  o.log(`  ${label}: measuring ${o.durationS} s × ${o.connections} connections`);
  const pids = { loadGenerator: gen.pid, postmaster: o.postmasterPid };
  const before = cpuSnapshot(pids);
  const stopRecycling = target.rotateOnce ? recycler?.start() : undefined;
  const s = await gen.run(baseUrl, target, { durationS: o.durationS, connections: o.connections });
  await stopRecycling?.();
  const cpu = cpuBetween(before, cpuSnapshot(pids));
  o.log(
    `  ${label}: ${s.requestsPerSec.toFixed(0)} req/s, p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms`,
  );
  const statements = o.sqlStats ? await topStatements(admin, s.totalRequests) : undefined;
  return { ...s, cpu, ...(statements ? { statements } : {}) };
}

function problemsOf(side: string, s: LoadSummary): string[] {
  const out: string[] = [];
  if (s.non2xx > 0) out.push(`${side}: ${s.non2xx} non-2xx answers`);
  if (s.errors > 0) out.push(`${side}: ${s.errors} socket errors (${s.timeouts} timeouts)`);
  if (s.totalRequests === 0) out.push(`${side}: no requests completed`);
  return out;
}

/** Does the pair meet its target (ratio of req/s, or Luoshi's p99)? */
export function meetsTarget(target: Target, luoshi: LoadSummary, ratio: number): boolean {
  return 'ratio' in target ? ratio >= target.ratio : luoshi.latencyMs.p99 < target.p99Ms;
}

/**
 * Measures a scenario's pair in turn (Luoshi, then the baseline) with the
 * same load, and judges it: pass when the target is met and neither side
 * saw errors.
 */
export async function measureScenario(
  gen: LoadGenerator,
  admin: pg.Pool,
  urls: { luoshi: string; baseline: string },
  sc: Scenario,
  o: MeasureOptions,
): Promise<ScenarioResult> {
  o.log(`scenario ${sc.id}: ${sc.title}`);
  const luoshi = await measureSide(gen, admin, 'Luoshi', urls.luoshi, sc.luoshi, o, sc.recycleLuoshiWrites);
  const baseline = await measureSide(gen, admin, 'baseline', urls.baseline, sc.baseline, o);
  const ratio = baseline.requestsPerSec > 0 ? luoshi.requestsPerSec / baseline.requestsPerSec : 0;
  const problems = [...problemsOf('Luoshi', luoshi), ...problemsOf('baseline', baseline)];
  // Against a latency target only Luoshi is judged: a baseline that cannot keep up is context, not a failure.
  const judged = 'ratio' in sc.target ? problems : problemsOf('Luoshi', luoshi);
  return {
    id: sc.id,
    title: sc.title,
    luoshi,
    baseline,
    ratio,
    target: sc.target,
    pass: meetsTarget(sc.target, luoshi, ratio) && judged.length === 0,
    problems,
  };
}
