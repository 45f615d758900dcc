import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../app.ts';
import { generateSm4KeyHex } from '../lib/sm4.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { DEMO_PASSWORD, TEMPLATE_DB, TEST_ITERATIONS } from './global-setup.ts';

export { DEMO_PASSWORD };

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps;
  database: Database;
  /** The superuser URL of this file's database (for tampering behind the app's back). */
  adminUrl: string;
  config: Config;
  clock: { now: Date };
  /** Signs in and returns the cookie header value. */
  signIn(username: string, password?: string): Promise<string>;
  /** Injects a request; writes get the CSRF header and JSON content type. */
  call(
    method: InjectOptions['method'],
    url: string,
    opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Runs SQL as the superuser (outside the application). */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A fresh database cloned from the migrated, seeded template, and the app built
 * on it, for one test file. Everything is closed and dropped after the file.
 */
export async function testContext(env: Record<string, string> = {}): Promise<TestContext> {
  const base = inject('pgUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const adminUrl = u.toString();
  const config = loadConfig({
    LUOSHI_PBKDF2_ITERATIONS: String(TEST_ITERATIONS),
    LOG_LEVEL: 'silent',
    // A fresh SM4 key per test file (never a fixed one that could end up in a deployment).
    LUOSHI_SM4_KEY: generateSm4KeyHex(),
    ...env,
  });
  const database = await openDatabase(adminUrl, 4);
  const clock = { now: new Date('2026-03-02T02:00:00Z') };
  const deps: AppDeps = { database, config, clock: () => clock.now };
  const app = await buildApp(deps);
  const superPool = new pg.Pool({ connectionString: adminUrl, max: 1 });

  afterAll(async () => {
    await app.close();
    await database.close();
    await superPool.end();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  const call: TestContext['call'] = (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (method !== 'GET' && method !== 'HEAD' && !('x-luoshi-request' in headers))
      headers['x-luoshi-request'] = '1';
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body);
    if (body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
    return app.inject({ method, url, headers, ...(body !== undefined ? { payload: body } : {}) });
  };

  return {
    app,
    deps,
    database,
    adminUrl,
    config,
    clock,
    call,
    async signIn(username, password = DEMO_PASSWORD) {
      const r = await call('POST', '/api/v1/session', { body: { username, password } });
      if (r.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${r.statusCode} ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'luoshi_session');
      if (!c) throw new Error('no session cookie');
      return `luoshi_session=${c.value}`;
    },
    async sql(text, params) {
      const r = await superPool.query(text, params as unknown[]);
      return r.rows;
    },
  };
}
