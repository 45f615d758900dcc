import type pg from 'pg';

// Optional (--sql-stats): pg_stat_statements per measured run, to show which
// statements a request spends the database's time on.

/** One statement's share of a run. */
export interface StatementStat {
  calls: number;
  /** Calls per completed HTTP request. */
  perRequest: number;
  meanPlanMs: number;
  meanExecMs: number;
  /** (plan + exec) core-ms per HTTP request. */
  msPerRequest: number;
  query: string;
}

/** Preloads pg_stat_statements (with planning times); takes effect at the next restart. */
export async function preloadStatements(client: pg.Client): Promise<void> {
  await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await client.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
}

/** Creates the extension in the bench database (after the restart). */
export async function enableStatements(admin: pg.Pool): Promise<void> {
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
}

/** Forgets what was counted so far. */
export async function resetStatements(admin: pg.Pool): Promise<void> {
  await admin.query('SELECT pg_stat_statements_reset()');
}

type Row = { calls: number; plan: number; exec: number; query: string };

/** The statements that took the most time since the last reset, in this database. */
export async function topStatements(admin: pg.Pool, requests: number, limit = 10): Promise<StatementStat[]> {
  const r = await admin.query<Row>(
    `SELECT calls::float8 AS calls, total_plan_time AS plan, total_exec_time AS exec, query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_plan_time + total_exec_time DESC LIMIT $1`,
    [limit],
  );
  const n = Math.max(1, requests);
  return r.rows.map((x) => ({
    calls: x.calls,
    perRequest: x.calls / n,
    meanPlanMs: x.calls > 0 ? x.plan / x.calls : 0,
    meanExecMs: x.calls > 0 ? x.exec / x.calls : 0,
    msPerRequest: (x.plan + x.exec) / n,
    query: x.query.replace(/\s+/g, ' ').trim(),
  }));
}
