import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

describe('sign-in', () => {
  it('signs in, shows the session, and signs out', async () => {
    const cookie = await t.signIn('office');
    const me = await t.call('GET', '/api/v1/session', { cookie });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user.username).toBe('office');
    expect(body.roles.map((r: { role: string }) => r.role)).toEqual(['office']);
    expect(body.mustChangePassword).toBe(false);
    const out = await t.call('DELETE', '/api/v1/session', { cookie });
    expect(out.statusCode).toBe(204);
    const after = await t.call('GET', '/api/v1/session', { cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('sets an HttpOnly SameSite=Strict cookie and stores only a hash of the token', async () => {
    const r = await t.call('POST', '/api/v1/session', {
      body: { username: 'leader', password: 'Demo#2026pass' },
    });
    const c = r.cookies.find((x) => x.name === 'luoshi_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const rows = await t.sql<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows.some((x) => x.token_hash === c.value)).toBe(false);
    expect(rows.every((x) => /^[0-9a-f]{64}$/.test(x.token_hash))).toBe(true);
  });

  it('gives unknown user and wrong password the same answer', async () => {
    const a = await t.call('POST', '/api/v1/session', {
      body: { username: 'nobody-here', password: 'Whatever#1x' },
    });
    const b = await t.call('POST', '/api/v1/session', {
      body: { username: 'inspector', password: 'Whatever#1x' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.headers['content-type']).toContain('application/problem+json');
  });

  it('locks the account after five failures in 15 minutes, and unlocks after 15 more', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.call('POST', '/api/v1/session', {
        body: { username: 'grid', password: `Wrong#pass${i}` },
      });
      expect(r.json().code).toBe('invalid_credentials');
    }
    const fifth = await t.call('POST', '/api/v1/session', {
      body: { username: 'grid', password: 'Wrong#pass5' },
    });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('account_locked');
    const right = await t.call('POST', '/api/v1/session', {
      body: { username: 'grid', password: 'Demo#2026pass' },
    });
    expect(right.json().code).toBe('account_locked');
    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 15 * 60_000 + 1000);
    try {
      const later = await t.call('POST', '/api/v1/session', {
        body: { username: 'grid', password: 'Demo#2026pass' },
      });
      expect(later.statusCode).toBe(200);
    } finally {
      t.clock.now = start;
    }
  });

  it('expires a session after 30 idle minutes and after 12 hours in any case', async () => {
    const start = t.clock.now;
    try {
      const cookie = await t.signIn('head-qj-t01');
      t.clock.now = new Date(start.getTime() + 29 * 60_000);
      expect((await t.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(200);
      t.clock.now = new Date(start.getTime() + 58 * 60_000);
      expect((await t.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(200);
      t.clock.now = new Date(start.getTime() + 58 * 60_000 + 31 * 60_000);
      const idle = await t.call('GET', '/api/v1/session', { cookie });
      expect(idle.statusCode).toBe(401);
      expect(idle.json().code).toBe('session_expired');

      t.clock.now = start;
      const c2 = await t.signIn('head-qj-t01');
      for (let m = 25; m <= 12 * 60; m += 25) {
        t.clock.now = new Date(start.getTime() + m * 60_000);
        const r = await t.call('GET', '/api/v1/session', { cookie: c2 });
        if (m < 12 * 60) expect(r.statusCode).toBe(200);
      }
      t.clock.now = new Date(start.getTime() + 12 * 3_600_000 + 1000);
      expect((await t.call('GET', '/api/v1/session', { cookie: c2 })).statusCode).toBe(401);
    } finally {
      t.clock.now = start;
    }
  });

  it('refuses a write without the CSRF header or from another origin', async () => {
    const noHeader = await t.call('POST', '/api/v1/session', {
      body: { username: 'office', password: 'Demo#2026pass' },
      headers: { 'x-luoshi-request': '0' },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().code).toBe('csrf_failed');
    const cookie = await t.signIn('admin');
    const foreign = await t.call('POST', '/api/v1/units/1/rename', {
      cookie,
      body: { name: '改名' },
      headers: { origin: 'https://evil.example', 'x-luoshi-request': '1' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('csrf_failed');
    const units = await t.sql<{ name: string }>('SELECT name FROM units WHERE id = 1');
    expect(units[0]!.name).toBe('清江区');
  });
});

describe('passwords', () => {
  it('forces a first-time password change for admin-made accounts, then enforces the policy', async () => {
    const admin = await t.signIn('admin');
    const made = await t.call('POST', '/api/v1/people', {
      cookie: admin,
      body: { username: 'wang.fang', name: '王芳', unitId: 2 },
    });
    expect(made.statusCode).toBe(201);
    const otp = made.json().oneTimePassword as string;
    const cookie = await t.signIn('wang.fang', otp);
    const blocked = await t.call('GET', '/api/v1/units', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    const me = await t.call('GET', '/api/v1/session', { cookie });
    expect(me.json().mustChangePassword).toBe(true);

    const cases: [string, string][] = [
      ['short1A', 'password_too_short'],
      ['alllowercase1', 'password_too_simple'],
      ['Wang.Fang#2026', 'password_contains_username'],
      ['Password123!', 'password_too_common'],
    ];
    for (const [pw, code] of cases) {
      const r = await t.call('POST', '/api/v1/session/password', {
        cookie,
        body: { currentPassword: otp, newPassword: pw },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code, field: 'newPassword' });
    }
    const wrong = await t.call('POST', '/api/v1/session/password', {
      cookie,
      body: { currentPassword: 'nope', newPassword: 'Qingjiang#77' },
    });
    expect(wrong.json()).toMatchObject({ code: 'wrong_current_password', field: 'currentPassword' });
    const ok = await t.call('POST', '/api/v1/session/password', {
      cookie,
      body: { currentPassword: otp, newPassword: 'Qingjiang#77' },
    });
    expect(ok.statusCode).toBe(200);
    const now = await t.call('GET', '/api/v1/units?limit=1', { cookie });
    expect(now.statusCode).toBe(403); // no role yet: signed in, but nothing granted
    expect(now.json().code).toBe('forbidden');
    await t.signIn('wang.fang', 'Qingjiang#77');
  });

  it('stores PBKDF2-HMAC-SM3 hashes in a self-describing format', async () => {
    const rows = await t.sql<{ password_hash: string }>(
      "SELECT password_hash FROM people WHERE username = 'office'",
    );
    expect(rows[0]!.password_hash).toMatch(/^pbkdf2-sm3\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('upgrades a hash to the configured iteration count at sign-in', async () => {
    const t2 = await testContext({ LUOSHI_PBKDF2_ITERATIONS: '2000' });
    await t2.signIn('inspector');
    const rows = await t2.sql<{ password_hash: string }>(
      "SELECT password_hash FROM people WHERE username = 'inspector'",
    );
    expect(rows[0]!.password_hash.startsWith('pbkdf2-sm3$2000$')).toBe(true);
    await t2.signIn('inspector');
  });
});

describe('timing', () => {
  it('spends about the same time on an unknown user as on a wrong password', async () => {
    const t3 = await testContext({ LUOSHI_PBKDF2_ITERATIONS: '20000', LUOSHI_LOCKOUT_THRESHOLD: '100' });
    // Give the accounts a slow hash so the comparison measures the hashing, not the noise.
    const slow = await import('../../lib/crypto.ts').then((m) => m.hashPassword('Demo#2026pass', 20000));
    await t3.sql("UPDATE people SET password_hash = $1 WHERE username = 'office'", [slow]);
    const time = async (username: string) => {
      const start = performance.now();
      const r = await t3.call('POST', '/api/v1/session', { body: { username, password: 'Wrong#pass77' } });
      expect(r.statusCode).toBe(401);
      return performance.now() - start;
    };
    await time('office');
    await time('nobody');
    let known = 0;
    let unknown = 0;
    for (let i = 0; i < 8; i++) {
      known += await time('office');
      unknown += await time(`nobody${i}`);
    }
    const ratio = unknown / known;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
