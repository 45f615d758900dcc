import { Param, SQL, sql, StringChunk } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema>;
/** An open transaction. */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: repositories accept either. */
export type Tx = Db | Transaction;

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** True when queries run as the restricted `luoshi_app` role. */
  restricted: boolean;
  /** The server's `server_version_num`, e.g. 150018 or 180004. */
  serverVersion: number;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Timestamps are stored as timestamptz in UTC; int8 counts come back as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
// A `date` is a calendar day (Asia/Shanghai), kept as the text YYYY-MM-DD, never a JS Date at midnight UTC.
pg.types.setTypeParser(1082, (v) => v);

/** Creates the database named in `url` if it does not exist (connecting to `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations (as the connecting user, who owns the schema). */
export async function runMigrations(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
}

/**
 * Opens the application's pool. Where the `luoshi_app` role exists and the
 * user may assume it, every connection runs as that role, which cannot change
 * or delete audit entries.
 */
export async function openDatabase(url: string, poolSize = 16): Promise<Database> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  let restricted: boolean;
  let serverVersion: number;
  try {
    const r = await probe.query<{ ok: boolean; version: number }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_app')
              AND pg_has_role(current_user, 'luoshi_app', 'MEMBER') AS ok,
              current_setting('server_version_num')::int AS version`,
    );
    restricted = r.rows[0]?.ok === true;
    serverVersion = r.rows[0]?.version ?? 0;
  } finally {
    await probe.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: restricted ? '-c role=luoshi_app -c TimeZone=UTC' : '-c TimeZone=UTC',
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = drizzle(pool, { schema });
  return { db, pool, restricted, serverVersion, close: () => pool.end() };
}

/**
 * Drizzle's raw `execute` returns timestamptz columns as text; this turns the
 * named columns of each row into Dates (null stays null).
 */
export function withDates<T extends Record<string, unknown>>(rows: T[], ...keys: (keyof T)[]): T[] {
  for (const row of rows) {
    for (const k of keys) {
      const v = row[k];
      if (typeof v === 'string') (row as Record<keyof T, unknown>)[k] = new Date(v);
    }
  }
  return rows;
}

/** An `int[]` literal of ids for `= ANY(…)`; only integers ever reach the SQL text. */
export function intArray(ids: readonly number[]): SQL {
  for (const n of ids) if (!Number.isSafeInteger(n)) throw new Error(`not an integer id: ${String(n)}`);
  return sql.raw(`ARRAY[${ids.join(',')}]::int[]`);
}

const namedDialect = new PgDialect();

/** Each named statement's SQL text, built once, and the shape it was built from. */
const namedText = new Map<string, { shape: string; text: string }>();

/**
 * A query's values in order and its shape (its text pieces, with a mark where
 * each value goes), read straight from its chunks; undefined when it holds
 * anything but text, nested SQL, parameters and plain values (then only
 * Drizzle's own builder knows what it means).
 */
function readQuery(query: SQL, out = { shape: '', params: [] as unknown[] }): typeof out | undefined {
  for (const chunk of query.queryChunks) {
    if (chunk === undefined) continue;
    if (chunk instanceof StringChunk) out.shape += chunk.value.join('');
    else if (chunk instanceof SQL) {
      if (!readQuery(chunk, out)) return undefined;
    } else if (chunk instanceof Param) {
      out.shape += '\u0000';
      out.params.push(chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value));
    } else if (chunk === null || typeof chunk !== 'object' || chunk instanceof Date) {
      out.shape += '\u0000';
      out.params.push(chunk);
    } else return undefined;
  }
  return out;
}

const sameValues = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Runs raw SQL as a named prepared statement: PostgreSQL parses and plans it
 * once per connection instead of on every call, and its text is built once per
 * process (later calls only collect the values). `name` must always go with
 * the same SQL text.
 */
export async function executeNamed<T extends Record<string, unknown>>(
  db: Tx,
  name: string,
  query: SQL,
): Promise<{ rows: T[]; rowCount: number | null }> {
  const read = readQuery(query);
  const known = namedText.get(name);
  let text: string;
  let params: unknown[];
  if (read && known?.shape === read.shape) {
    text = known.text;
    params = read.params;
  } else {
    const built = namedDialect.sqlToQuery(query);
    ({ sql: text, params } = built);
    // Take the short way next time only where it reads the very values Drizzle does.
    if (read && !known && sameValues(read.params, params)) namedText.set(name, { shape: read.shape, text });
  }
  const prepared = db._.session.prepareQuery({ sql: text, params }, undefined, name, false);
  return (await prepared.execute()) as { rows: T[]; rowCount: number | null };
}
