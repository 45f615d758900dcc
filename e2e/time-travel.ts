import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { RunningServer } from './support.ts';

/**
 * Runs SQL on the e2e server's own embedded PostgreSQL. Only for what a
 * journey cannot do through the app or the test clock (`moveClock`).
 */
export async function onDatabase<T>(server: RunningServer, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const { user, password } = JSON.parse(
    readFileSync(path.join(server.dataDir, 'pg-credentials.json'), 'utf8'),
  ) as {
    user: string;
    password: string;
  };
  // postmaster.pid: line 4 is the port the server listens on.
  const port = Number(readFileSync(path.join(server.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'luoshi' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Moves a task's issue date `days` back, as if the office had issued it then (its sign-for date stays). */
export async function issuedDaysAgo(server: RunningServer, taskId: number, days: number): Promise<void> {
  await onDatabase(server, (c) =>
    c.query(`UPDATE tasks SET issued_at = issued_at - make_interval(days => $2) WHERE id = $1`, [
      taskId,
      days,
    ]),
  );
}

/**
 * Moves the server's clock to `days` after the real time (0 brings it back):
 * the server reads the offset from its test-clock file on every request and
 * job run. Sessions age with the clock, so sign in again after a long move.
 */
export function moveClock(server: RunningServer, days: number): void {
  writeFileSync(path.join(server.dataDir, 'test-clock'), String(Math.round(days * 86_400_000)));
}
