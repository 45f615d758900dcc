import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, openDatabase, runMigrations } from '../db/client.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../db/embedded.ts';
import { seedDemo } from '../db/seed-demo.ts';
import { findSystemPostgresBin, startSystemPostgres } from './pg-system.ts';

export const TEMPLATE_DB = 'luoshi_template';
export const DEMO_PASSWORD = 'Demo#2026pass';
export const TEST_ITERATIONS = 1000;

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgKind: string;
  }
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * One PostgreSQL per test run: the embedded one (default) or, with
 * LUOSHI_TEST_PG=system, the machine's PostgreSQL 15 started here. A template
 * database is migrated and seeded once; every test file clones it.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.LUOSHI_TEST_PG === 'system' ? 'system' : 'embedded';
  let server: RunningPostgres;
  let tmp: string | undefined;
  if (kind === 'system') {
    const bin = findSystemPostgresBin();
    if (!bin) throw new Error('LUOSHI_TEST_PG=system but no PostgreSQL binaries were found');
    const s = await startSystemPostgres(bin);
    process.stderr.write(`[server tests] on the machine's ${s.version}\n`);
    server = s;
  } else {
    tmp = mkdtempSync(path.join(tmpdir(), 'luoshi-test-'));
    chmodSync(tmp, 0o755);
    server = await startEmbeddedPostgres(tmp);
    process.stderr.write('[server tests] on the embedded PostgreSQL\n');
  }
  const templateUrl = withDb(server.url, TEMPLATE_DB);
  await ensureDatabase(templateUrl);
  await runMigrations(templateUrl);
  const database = await openDatabase(templateUrl, 2);
  await seedDemo(database.db, {
    seed: 'qingjiang',
    password: DEMO_PASSWORD,
    iterations: TEST_ITERATIONS,
    now: new Date('2026-03-01T00:00:00Z'),
  });
  await database.close();
  // A template must have no other connection open while it is cloned.
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${TEMPLATE_DB} WITH IS_TEMPLATE true`);
  await admin.end();
  project.provide('pgUrl', server.url);
  project.provide('pgKind', kind);
  return async () => {
    await server.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
