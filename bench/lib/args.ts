import type { BaselineMode } from './types.ts';

export type PgKind = 'embedded' | 'system';

export interface BenchArgs {
  name: string | undefined;
  pg: PgKind;
  durationS: number;
  connections: number;
  warmupS: number;
  /** Collect pg_stat_statements per run (embedded PostgreSQL only). */
  sqlStats: boolean;
  baselineMode: BaselineMode;
  /** Scenario ids to run (all when empty). */
  only: string[];
}

/** Thrown for a bad flag; the message says which and what is allowed. */
export class ArgsError extends Error {}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ArgsError(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

function nonNegativeInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ArgsError(`--${flag} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

/**
 * Parses `<name> [--pg=embedded|system] [--duration=30] [--connections=32] [--warmup=5] [--sql-stats]
 * [--baseline=plain|prepared] [--only=<scenario id>,…]`.
 * The warm-up defaults to a sixth of the duration, between 2 and 5 seconds.
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = {
    name: undefined,
    pg: 'embedded',
    durationS: 30,
    connections: 32,
    warmupS: -1,
    sqlStats: false,
    baselineMode: 'plain',
    only: [],
  };
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg === '--sql-stats') {
      out.sqlStats = true;
      continue;
    }
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m) {
      if (arg.startsWith('-')) throw new ArgsError(`unknown flag ${arg} (use --flag=value)`);
      if (out.name !== undefined)
        throw new ArgsError(`one benchmark name at a time (got "${out.name}" and "${arg}")`);
      out.name = arg;
      continue;
    }
    const [, flag = '', value = ''] = m;
    if (flag === 'pg') {
      if (value !== 'embedded' && value !== 'system')
        throw new ArgsError(`--pg must be embedded or system, got "${value}"`);
      out.pg = value;
    } else if (flag === 'baseline') {
      if (value !== 'plain' && value !== 'prepared') {
        throw new ArgsError(`--baseline must be plain or prepared, got "${value}"`);
      }
      out.baselineMode = value;
    } else if (flag === 'duration') out.durationS = positiveInt(flag, value);
    else if (flag === 'connections') out.connections = positiveInt(flag, value);
    else if (flag === 'warmup') out.warmupS = nonNegativeInt(flag, value);
    else if (flag === 'only') out.only = value.split(',').filter(Boolean);
    else throw new ArgsError(`unknown flag --${flag}`);
  }
  if (out.sqlStats && out.pg !== 'embedded')
    throw new ArgsError('--sql-stats needs --pg=embedded (it restarts PostgreSQL)');
  if (out.warmupS < 0) out.warmupS = Math.min(5, Math.max(2, Math.round(out.durationS / 6)));
  return out;
}
