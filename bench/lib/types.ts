import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import type { CpuUse } from './cpu.ts';
import type { StatementStat } from './sql-stats.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One request shape the load generator repeats. Plain data: it is sent to the
 * load-generator process, so it may hold no functions.
 */
export interface LoadTarget {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Variants taken in turn from one counter shared by all connections: the
   * n-th request overall uses variant n mod length (its path and body replace
   * the defaults above; its headers are added to them).
   */
  rotate?: RequestVariant[];
  /**
   * With `rotate`: each variant is sent at most once over the probe, the warm-up
   * and the measured run, for writes that cannot be repeated (one report per task
   * and period). The load runs take variants from the start of the list, the probe
   * from its end; a run that uses them all up wraps around and its repeats fail.
   */
  rotateOnce?: boolean;
  /** Where in `rotate` a run starts (the harness sets it for `rotateOnce`). */
  rotateFrom?: number;
  /** How many variants the probe sends, spread over the list; default every one. */
  probeVariants?: number;
  /** Seconds autocannon waits for an answer before counting a timeout (its default: 10). */
  timeoutS?: number;
}

/** One request's path, body and extra headers in a rotation. */
export interface RequestVariant {
  path?: string;
  body?: string;
  /** Added to (and overriding) the target's headers, e.g. another account's session cookie. */
  headers?: Record<string, string>;
}

/**
 * When a scenario passes: Luoshi's req/s at least `ratio` × the baseline's, or
 * Luoshi's p99 latency under `p99Ms` (the ratio is then shown, not judged, and
 * a baseline that cannot keep up — timeouts, nothing completed — is reported
 * without failing the scenario).
 */
export type Target = { ratio: number } | { p99Ms: number };

/** A pair of load runs: Luoshi's real endpoint and its bare baseline. */
export interface Scenario {
  /** Short stable key, e.g. `session.get`. */
  id: string;
  /** What the table shows. */
  title: string;
  luoshi: LoadTarget;
  baseline: LoadTarget;
  target: Target;
  /** With a `rotateOnce` Luoshi side whose supply of one-time writes is smaller than a run needs. */
  recycleLuoshiWrites?: WriteRecycler;
}

/**
 * Makes one-time writes possible again by deleting what Luoshi wrote (as the
 * superuser, audit entries left in place), so a run may wrap its rotation.
 */
export interface WriteRecycler {
  /** After the warm-up: deletes everything written so far; the measured run takes the rotation from its start. */
  undoAll(): Promise<void>;
  /**
   * With the measured run: deletes, every second, what was written more than a
   * few seconds before, long before the rotation comes back to it (the cost
   * falls on Luoshi's side). Returns the function that stops it.
   */
  start(): () => Promise<void>;
}

/** What a suite gets to prepare its scenarios. */
export interface SuiteContext {
  /** `http://127.0.0.1:<port>` of the running Luoshi. */
  luoshiUrl: string;
  /** Luoshi's own pool (restricted role), for look-ups and capturing SQL. */
  database: Database;
  config: Config;
  /** Password of every demo account. */
  password: string;
  /** How baselines send their SQL: unnamed like Drizzle's `execute` (default), or as named prepared statements. */
  baselineMode: BaselineMode;
  /** Superuser URL of the bench database, for bulk loading a data set (COPY, ANALYZE). */
  superuserUrl: string;
  /** Progress messages (stderr). */
  log: (message: string) => void;
}

export type BaselineMode = 'plain' | 'prepared';

/** A sequential timing, e.g. the cost of one sign-in. */
export interface Timing {
  label: string;
  samples: number;
  meanMs: number;
  p50Ms: number;
  minMs: number;
  maxMs: number;
}

/** A correctness check run after the load (e.g. on what the audit recorded). */
export interface Check {
  label: string;
  ok: boolean;
  detail: string;
}

export interface PreparedSuite {
  scenarios: Scenario[];
  /** Adds the suite's bare routes to the baseline server (plain `pg` pool, no auth, validation or audit). */
  registerBaseline(app: FastifyInstance, pool: pg.Pool): void;
  /** Sequential measurements run after the load scenarios, on an idle server. */
  timings?: () => Promise<Timing[]>;
  /** Correctness checks on what the load left behind (given the measured results); a failed check fails the run. */
  checks?: (results: readonly ScenarioResult[]) => Promise<Check[]>;
  /** Facts about the run printed above the tables and kept in the report, e.g. how long a data set took to load. */
  notes?: string[];
}

/** A named benchmark module (`npm run bench -- <name>`). */
export interface BenchSuite {
  name: string;
  description: string;
  prepare(ctx: SuiteContext): Promise<PreparedSuite>;
}

/** What one autocannon run measured. */
export interface LoadSummary {
  requestsPerSec: number;
  totalRequests: number;
  durationS: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests the load generator built (variants of a rotation taken). */
  sent: number;
}

/** One side of a pair: the load result and where the CPU went. */
export interface SideResult extends LoadSummary {
  cpu: CpuUse | null;
  /** With --sql-stats: the statements that took the database's time. */
  statements?: StatementStat[];
}

/** One scenario's measured pair and verdict. */
export interface ScenarioResult {
  id: string;
  title: string;
  luoshi: SideResult;
  baseline: SideResult;
  ratio: number;
  target: Target;
  pass: boolean;
  /** Why a run is invalid (non-2xx answers, socket errors), if it is. */
  problems: string[];
}
