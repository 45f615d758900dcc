import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { DEV_SM4_KEY_FILE, resolveSm4Keys } from './runtime.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      session: { idleMinutes: 30, absoluteHours: 12 },
      lockout: { threshold: 5, windowMinutes: 15, lockMinutes: 15 },
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.maxUploadBytes).toBe(20 * 1024 * 1024);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['LUOSHI_SESSION_IDLE_MINUTES', '0'],
    ['LUOSHI_LOCKOUT_THRESHOLD', '-3'],
    ['LUOSHI_DEMO_PASSWORD', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['LUOSHI_COOKIE_SECURE', 'yes'],
    ['LUOSHI_MAX_UPLOAD_MB', '0'],
    ['LUOSHI_SM4_KEY', 'abc'],
    ['LUOSHI_SM4_KEY', 'zz'.repeat(16)],
    ['LUOSHI_SM4_KEY', '00'.repeat(16)],
    ['LUOSHI_SM4_PREVIOUS_KEYS', '0123456789abcdef0123456789abcdef'],
    ['LUOSHI_ESCALATION_INTERVAL_MINUTES', '0'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('reads the settings it is given', () => {
    const c = loadConfig({
      PORT: '8080',
      LUOSHI_SESSION_IDLE_MINUTES: '10',
      DATABASE_URL: 'postgres://u:p@127.0.0.1/db',
      LUOSHI_DATA_DIR: '/srv/luoshi',
      LUOSHI_MAX_UPLOAD_MB: '5',
    });
    expect(c.port).toBe(8080);
    expect(c.session.idleMinutes).toBe(10);
    expect(c.databaseUrl).toBe('postgres://u:p@127.0.0.1/db');
    expect(c.dataDir).toBe('/srv/luoshi');
    expect(c.maxUploadBytes).toBe(5 * 1024 * 1024);
  });

  it('reads the SM4 key and the previous ones, and never has a default of its own', () => {
    expect(loadConfig({}).sm4).toBeUndefined();
    const key = '0123456789abcdef0123456789abcdef';
    const old = 'fedcba9876543210fedcba9876543210';
    const c = loadConfig({ LUOSHI_SM4_KEY: ` ${key} `, LUOSHI_SM4_PREVIOUS_KEYS: `${old}, ${key}` });
    expect(c.sm4?.source).toBe('configured');
    expect(c.sm4?.all.map((k) => k.id)).toEqual([c.sm4?.current.id, expect.any(String)]);
    expect(() => loadConfig({ LUOSHI_SM4_KEY: key, LUOSHI_SM4_PREVIOUS_KEYS: `${old},x` })).toThrow(
      /LUOSHI_SM4_PREVIOUS_KEYS\[1\]/,
    );
  });

  it('generates a marked development key for the embedded database only, and keeps it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-sm4-'));
    try {
      const lines: string[] = [];
      const config = loadConfig({ LUOSHI_DATA_DIR: dir });
      const first = resolveSm4Keys(config, (m) => lines.push(m));
      expect(first.source).toBe('development');
      expect(lines.join('\n')).toMatch(/DEVELOPMENT key/);
      const file = path.join(dir, DEV_SM4_KEY_FILE);
      expect(readFileSync(file, 'utf8')).toMatch(/NOT FOR PRODUCTION/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(resolveSm4Keys(config, () => {}).current.id).toBe(first.current.id);
      expect(() =>
        resolveSm4Keys(loadConfig({ LUOSHI_DATA_DIR: dir, DATABASE_URL: 'postgres://u@h/db' }), () => {}),
      ).toThrow(/LUOSHI_SM4_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
