import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from './app.ts';
import { testContext, type TestContext } from './test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

const bin = new URL('../bin/luoshi.mjs', import.meta.url).pathname;
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: t.adminUrl,
      LUOSHI_PBKDF2_ITERATIONS: '1000',
      LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('the luoshi command', () => {
  it('user reset-password prints a one-time password that must be changed', async () => {
    const r = run(['user', 'reset-password', 'leader']);
    expect(r.status, r.stderr).toBe(0);
    const pw = r.stdout.trim();
    expect(pw).toMatch(/^\S{14}$/);
    const cookie = await t.signIn('leader', pw);
    expect((await t.call('GET', '/api/v1/session', { cookie })).json().mustChangePassword).toBe(true);
    expect(run(['user', 'reset-password', 'no-such-user']).status).toBe(1);
  });

  it('audit verify fails on entries left unsealed too long; audit seal seals them; then verify exits 0', async () => {
    // No server runs here, so the reset above is still waiting for its seal.
    await new Promise((r) => setTimeout(r, 1100));
    const late = run(['audit', 'verify'], { LUOSHI_AUDIT_SEAL_STALE_SECONDS: '1' });
    expect(late.status, late.stderr).toBe(1);
    expect(JSON.parse(late.stdout)).toMatchObject({ ok: false, broken: { reason: 'sealing_overdue' } });
    const sealed = run(['audit', 'seal']);
    expect(sealed.status, sealed.stderr).toBe(0);
    expect(sealed.stderr).toMatch(/[1-9]\d* audit entries sealed/);
    const r = run(['audit', 'verify']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, pending: { count: 0 } });
  }, 120_000); // three CLI start-ups (tsx) in a row: a loaded 2-core machine takes over 30 s

  it('refuses a bad setting at start-up, naming the variable', () => {
    const r = spawnSync(process.execPath, [bin, 'migrate'], {
      env: { ...process.env, PORT: 'abc' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
  });

  it('escalation run runs the escalation job once and reports what it did', () => {
    const r = run(['escalation', 'run']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ran: true, raised: 0, ended: 0 });
  });

  it('seed-demo leaves a database that already holds data alone', () => {
    const r = run(['seed-demo']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/already holds data/);
  });
});

describe('logs', () => {
  it('never contain passwords, tokens or cookies', async () => {
    let out = '';
    const stream = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const opts = loggerOptions('trace') as Record<string, unknown>;
    const app = await buildApp(t.deps, { logger: { ...opts, stream } as never });
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json', 'x-luoshi-request': '1' },
      payload: { username: 'office', password: 'Demo#2026pass' },
    });
    const token = r.cookies[0]!.value;
    await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `luoshi_session=${token}` },
    });
    app.log.info({ body: { password: 'Demo#2026pass' }, token }, 'probe');
    await app.close();
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toContain('Demo#2026pass');
    expect(out).not.toContain(token);
  });
});
