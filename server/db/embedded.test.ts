import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-crash-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const childScript = new URL('../test/embedded-child.ts', import.meta.url).pathname;

describe('embedded PostgreSQL', () => {
  it('starts again after Luoshi was killed with SIGKILL, reusing the data', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
    });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TABLE survivor (v text)');
    await c.query("INSERT INTO survivor VALUES ('still here')");
    await c.end();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The orphaned postgres still holds postmaster.pid.
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);
    const creds = JSON.parse(readFileSync(path.join(dir, 'pg-credentials.json'), 'utf8'));
    expect(creds.password.length).toBeGreaterThanOrEqual(24);

    const again = await startEmbeddedPostgres(dir);
    try {
      const c2 = new pg.Client({ connectionString: again.url });
      await c2.connect();
      const r = await c2.query('SELECT v FROM survivor');
      expect(r.rows[0].v).toBe('still here');
      const listen = await c2.query("SELECT current_setting('listen_addresses') AS l");
      expect(listen.rows[0].l).toBe('127.0.0.1');
      await c2.end();
    } finally {
      await again.stop();
    }
  }, 120_000);
});
