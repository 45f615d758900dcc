import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, runMigrations } from '../../server/db/client.ts';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { findSystemPostgresBin, startSystemPostgres } from '../../server/test/pg-system.ts';
import type { PgKind } from './args.ts';
import type { Cleanup } from './cleanup.ts';
import { closePool } from './close-pool.ts';
import { postmasterOf } from './cpu.ts';
import { alive, stopProcess } from './process.ts';
import { enableStatements, preloadStatements } from './sql-stats.ts';

export interface BenchPostgres {
  /** Superuser URL of the bench database (migrated). */
  url: string;
  /** e.g. `embedded (PostgreSQL 18.4, fsync=on, …)`. */
  label: string;
  /** A one-connection superuser pool for CHECKPOINT and VACUUM between runs. */
  admin: pg.Pool;
  /** For CPU accounting. */
  postmasterPid: number | undefined;
}

/** What we learn about the server once connected; the stop steps need it. */
interface Procs {
  postmaster?: number;
  /** The postmaster's parent: us (embedded) or runuser (system). */
  parent?: number;
  /** The system server's temp folder. */
  folder?: string;
}

const DB_NAME = 'luoshi_bench';

function quietLog(log: (m: string) => void) {
  return (m: string) => {
    // Sessions ended by our own shutdown (pools close without waiting for their backends): not news.
    for (const line of m.split('\n')) {
      if (/FATAL|PANIC/.test(line) && !/administrator command|is shutting down/.test(line)) log(line);
    }
  };
}

async function startEmbedded(
  cleanup: Cleanup,
  log: (m: string) => void,
  procs: Procs,
  sqlStats: boolean,
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'luoshi-bench-'));
  cleanup.defer(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  // PostgreSQL runs as the `postgres` user when we are root; it must reach <dir>/pg.
  await chmod(dir, 0o755);
  let running = await startEmbeddedPostgres(dir, quietLog(log));
  // Ctrl-C reaches postgres too; stop() would then wait for an exit that already happened.
  cleanup.defer('stop embedded PostgreSQL', async () => {
    if (procs.postmaster === undefined || alive(procs.postmaster)) await running.stop();
  });
  if (sqlStats) {
    const c = new pg.Client({ connectionString: running.url });
    await c.connect();
    try {
      await preloadStatements(c);
    } finally {
      await c.end();
    }
    await running.stop();
    running = await startEmbeddedPostgres(dir, quietLog(log));
  }
  return running.url;
}

async function startSystem(cleanup: Cleanup, procs: Procs): Promise<string> {
  const bin = findSystemPostgresBin();
  if (!bin)
    throw new Error('--pg=system: no PostgreSQL binaries under /usr/lib/postgresql (or $LUOSHI_PG_BIN)');
  const running = await startSystemPostgres(bin);
  // runuser does not pass stop()'s SIGINT on to postgres (stop() would wait 15 s, delete
  // the folder and leave postgres running), so signal the postmaster ourselves.
  cleanup.defer('stop system PostgreSQL', async () => {
    const waitForRunuser =
      procs.parent === undefined || alive(procs.parent) ? running.stop() : Promise.resolve();
    if (procs.postmaster !== undefined) await stopProcess(procs.postmaster);
    await waitForRunuser;
    if (procs.folder) await rm(procs.folder, { recursive: true, force: true });
  });
  return running.url;
}

/**
 * Starts a private PostgreSQL (embedded in a temp folder, or the machine's own
 * binaries in a temp folder), creates and migrates the bench database, and
 * registers everything it started with `cleanup`.
 */
export async function startBenchPostgres(
  kind: PgKind,
  cleanup: Cleanup,
  log: (m: string) => void,
  opts: { sqlStats: boolean },
): Promise<BenchPostgres> {
  const procs: Procs = {};
  const serverUrl =
    kind === 'embedded'
      ? await startEmbedded(cleanup, log, procs, opts.sqlStats)
      : await startSystem(cleanup, procs);
  const u = new URL(serverUrl);
  u.pathname = `/${DB_NAME}`;
  const url = u.toString();
  await ensureDatabase(url);
  await runMigrations(url);
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  cleanup.defer('close admin pool', () => closePool(admin));
  const r = await admin.query<{ v: string; fsync: string; sc: string; pid: number; dir: string }>(
    `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync,
            current_setting('synchronous_commit') AS sc, pg_backend_pid() AS pid,
            current_setting('data_directory') AS dir`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('PostgreSQL answered no settings');
  procs.postmaster = postmasterOf(row.pid);
  procs.parent = procs.postmaster === undefined ? undefined : postmasterOf(procs.postmaster);
  const folder = path.dirname(row.dir);
  if (kind === 'system' && /luoshi-pg15-/.test(path.basename(folder))) procs.folder = folder;
  if (opts.sqlStats) await enableStatements(admin);
  const label = `${kind} (PostgreSQL ${row.v}, fsync=${row.fsync}, synchronous_commit=${row.sc})`;
  return { url, label, admin, postmasterPid: procs.postmaster };
}

/** Flushes dirty pages and tidies the tables so one run's leftovers do not land in the next run's numbers. */
export async function settle(admin: pg.Pool, waitLimitMs = 300_000): Promise<void> {
  // Requests a load run left behind (a slow query whose client gave up) still run; let them finish first.
  const until = Date.now() + waitLimitMs;
  for (;;) {
    const r = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (r.rows[0]!.n === 0 || Date.now() > until) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await admin.query('VACUUM ANALYZE');
  await admin.query('CHECKPOINT');
}
