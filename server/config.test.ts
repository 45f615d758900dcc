import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
});
