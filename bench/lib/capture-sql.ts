import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db, Tx } from '../../server/db/client.ts';
import * as schema from '../../server/db/schema/index.ts';

// Baselines run exactly the SQL a repository function writes, captured from
// Drizzle's query log, so they cannot drift from the code they stand for.

export interface CapturedQuery {
  text: string;
  params: unknown[];
}

class Rollback extends Error {}

/** A Drizzle database on `pool` that records every statement it sends into `seen`. */
export function recordingDb(pool: pg.Pool, seen: CapturedQuery[]): Db {
  return drizzle(pool, {
    schema,
    logger: { logQuery: (text, params) => void seen.push({ text, params: [...params] }) },
  });
}

/** Runs a read-only repository call and returns the statements it sent. */
export async function captureSql(pool: pg.Pool, fn: (db: Db) => Promise<unknown>): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  await fn(recordingDb(pool, seen));
  return seen;
}

/**
 * Runs a writing repository call inside a transaction that is always rolled
 * back (nothing changes), and returns its statements without BEGIN/ROLLBACK.
 */
export async function captureSqlRolledBack(
  pool: pg.Pool,
  fn: (tx: Tx) => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  try {
    await recordingDb(pool, seen).transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return seen.filter((q) => !/^\s*(begin|rollback|commit)\b/i.test(q.text));
}

/** Returns the only statement captured, or throws naming what was seen. */
export function single(qs: CapturedQuery[]): CapturedQuery {
  if (qs.length !== 1 || !qs[0])
    throw new Error(`expected one statement, captured ${qs.length}: ${qs.map((q) => q.text).join(' | ')}`);
  return qs[0];
}

/**
 * Runs a captured statement on a plain pool with new values: unnamed (parsed
 * and planned every time, as Drizzle's `execute` sends it) or, with
 * `prepared`, as a named statement planned once per connection.
 */
export function runCaptured(
  pool: pg.Pool,
  q: CapturedQuery,
  values: unknown[],
  prepared: boolean,
): Promise<pg.QueryResult> {
  const name = prepared ? `bench_${createHash('sha1').update(q.text).digest('hex').slice(0, 16)}` : undefined;
  return pool.query({ name, text: q.text, values });
}

/** Where `sentinel` sits among a captured statement's parameters (by identity). */
export function paramIndex(q: CapturedQuery, sentinel: unknown): number {
  const i = q.params.indexOf(sentinel);
  if (i < 0) throw new Error(`captured SQL has no parameter ${String(sentinel)}: ${q.text}`);
  return i;
}
