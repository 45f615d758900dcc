import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';
import { SessionCache } from './session.cache.ts';
import type { SessionActorRow } from './session.repository.ts';

const row = (personId: number): SessionActorRow => ({
  personId,
  username: `u${personId}`,
  name: `人${personId}`,
  unitId: 1,
  unitPath: '/1/',
  mustChangePassword: false,
  active: true,
  lastSeenAt: new Date(0),
  expiresAt: new Date(1e13),
  roles: [],
});

describe('SessionCache', () => {
  it('trusts an entry for its time to live and not after (nor when the clock went back)', () => {
    const c = new SessionCache(5000);
    c.put('a', row(1), 10_000, c.fill());
    expect(c.get('a', 10_000)).toBeDefined();
    expect(c.get('a', 14_999)).toBeDefined();
    expect(c.get('a', 15_000)).toBeUndefined();
    c.put('b', row(1), 10_000, c.fill());
    expect(c.get('b', 9_000)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('forgets every session of one person, and only theirs', () => {
    const c = new SessionCache(5000);
    for (const [h, p] of [
      ['a1', 1],
      ['a2', 1],
      ['b1', 2],
    ] as const)
      c.put(h, row(p), 0, c.fill());
    c.forgetPerson(1);
    expect(c.get('a1', 1)).toBeUndefined();
    expect(c.get('a2', 1)).toBeUndefined();
    expect(c.get('b1', 1)?.personId).toBe(2);
  });

  it('drops a lookup that read the database before an invalidation of its person or of everyone', () => {
    const c = new SessionCache(5000);
    let filled = c.fill();
    c.forgetPerson(1);
    c.put('a', row(1), 0, filled);
    expect(c.get('a', 1)).toBeUndefined();

    filled = c.fill();
    c.forgetPerson(2);
    c.put('a', row(1), 0, filled);
    expect(c.get('a', 1)).toBeDefined();

    filled = c.fill();
    c.clear();
    c.put('b', row(3), 0, filled);
    expect(c.get('b', 1)).toBeUndefined();
    c.put('b', row(3), 0, c.fill());
    expect(c.get('b', 1)).toBeDefined();
  });

  it('keeps at most its maximum number of entries, dropping the oldest', () => {
    const c = new SessionCache(5000, 3);
    for (let i = 1; i <= 5; i++) c.put(`h${i}`, row(i), 0, c.fill());
    expect(c.size).toBe(3);
    expect(c.get('h1', 1)).toBeUndefined();
    expect(c.get('h5', 1)).toBeDefined();
  });

  it('stores nothing when switched off', () => {
    const c = new SessionCache(0);
    c.put('a', row(1), 0, c.fill());
    expect(c.size).toBe(0);
  });
});

let t: TestContext;
let admin: string;
let sec: string;
const idOf = async (username: string) =>
  (await t.sql<{ id: number }>('SELECT id FROM people WHERE username = $1', [username]))[0]!.id;
const unitOf = async (code: string) =>
  (await t.sql<{ id: number }>('SELECT id FROM units WHERE code = $1', [code]))[0]!.id;
const me = (cookie: string) => t.call('GET', '/api/v1/session', { cookie });
/** Lets `username` sign in with the demo password (staff accounts have none). */
const canSignIn = (username: string) =>
  t.sql(
    `UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE username = 'office'),
       must_change_password = false WHERE username = $1`,
    [username],
  );
/** Moves the test clock on by `ms` for the duration of `fn`. */
async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const start = t.clock.now;
  t.clock.now = new Date(start.getTime() + ms);
  try {
    return await fn();
  } finally {
    t.clock.now = start;
  }
}

beforeAll(async () => {
  t = await testContext();
  admin = await t.signIn('admin');
  sec = await t.signIn('secadmin');
});

describe('the session cache', () => {
  it('trusts a validated session for LUOSHI_SESSION_CACHE_SECONDS, then asks the database again', async () => {
    expect(t.config.session.cacheSeconds).toBe(5);
    const cookie = await t.signIn('office');
    expect((await me(cookie)).statusCode).toBe(200);
    // Another instance ended every session of the person: this one notices within the bound.
    await t.sql("DELETE FROM sessions WHERE person_id = (SELECT id FROM people WHERE username = 'office')");
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await later(4_900, () => me(cookie))).statusCode).toBe(200);
    expect((await later(5_000, () => me(cookie))).statusCode).toBe(401);
  });

  it('asks the database on every request when switched off', async () => {
    const t0 = await testContext({ LUOSHI_SESSION_CACHE_SECONDS: '0' });
    const cookie = await t0.signIn('office');
    expect((await t0.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(200);
    await t0.sql('DELETE FROM sessions');
    expect((await t0.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(401);
  });

  it('forgets a signed-out session at once; the person’s other sessions go on', async () => {
    const a = await t.signIn('leader');
    const b = await t.signIn('leader');
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(200);
    expect((await t.call('DELETE', '/api/v1/session', { cookie: a })).statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
  });

  it('forgets at once after a password change: other sessions end, this one may go on', async () => {
    const made = await t.call('POST', '/api/v1/people', {
      cookie: admin,
      body: { username: 'zhao.lei', name: '赵磊', unitId: 2 },
    });
    const otp = made.json().oneTimePassword as string;
    const a = await t.signIn('zhao.lei', otp);
    const b = await t.signIn('zhao.lei', otp);
    expect((await me(a)).json().mustChangePassword).toBe(true);
    expect((await me(b)).statusCode).toBe(200);
    const changed = await t.call('POST', '/api/v1/session/password', {
      cookie: a,
      body: { currentPassword: otp, newPassword: 'Zhaolei#2026x' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(a)).json().mustChangePassword).toBe(false);
    expect((await me(b)).statusCode).toBe(401);
  });

  it('forgets at once after a password reset and after deactivation', async () => {
    for (const [username, verb] of [
      ['p0005', 'reset-password'],
      ['p0006', 'deactivate'],
    ] as const) {
      await canSignIn(username);
      const cookie = await t.signIn(username);
      expect((await me(cookie)).statusCode).toBe(200);
      const r = await t.call('POST', `/api/v1/people/${await idOf(username)}/${verb}`, { cookie: admin });
      expect(r.statusCode, r.body).toBe(200);
      expect((await me(cookie)).statusCode, verb).toBe(401);
    }
  });

  it('shows an edit of the person at once', async () => {
    await canSignIn('p0007');
    const cookie = await t.signIn('p0007');
    expect((await me(cookie)).statusCode).toBe(200);
    const r = await t.call('PATCH', `/api/v1/people/${await idOf('p0007')}`, {
      cookie: admin,
      body: { name: '新名字' },
    });
    expect(r.statusCode).toBe(200);
    expect((await me(cookie)).json().user.name).toBe('新名字');
  });

  it('shows a granted and a revoked role at once', async () => {
    await canSignIn('p0008');
    const cookie = await t.signIn('p0008');
    expect((await me(cookie)).json().roles).toEqual([]);
    const g = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: await idOf('p0008'), role: 'liaison', unitId: await unitOf('QJ-T02') },
    });
    expect(g.statusCode).toBe(201);
    expect((await me(cookie)).json().roles.map((x: { role: string }) => x.role)).toEqual(['liaison']);
    await t.call('DELETE', `/api/v1/grants/${g.json().id}`, { cookie: sec });
    expect((await me(cookie)).json().roles).toEqual([]);
  });

  it('follows a unit that moves or is deactivated at once', async () => {
    const town = await unitOf('QJ-T03');
    const [village, other] = await t.sql<{ id: number }>(
      'SELECT id FROM units WHERE parent_id = $1 AND active ORDER BY id LIMIT 2',
      [town],
    );
    await canSignIn('p0009');
    const g = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: await idOf('p0009'), role: 'liaison', unitId: village!.id },
    });
    expect(g.statusCode).toBe(201);
    const cookie = await t.signIn('p0009');
    expect((await t.call('GET', `/api/v1/units/${village!.id}`, { cookie })).statusCode).toBe(200);
    // Moved under its sibling: its path (the scope the grant gives) changes.
    const moved = await t.call('POST', `/api/v1/units/${village!.id}/move`, {
      cookie: admin,
      body: { parentId: other!.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await t.call('GET', `/api/v1/units/${village!.id}`, { cookie })).statusCode).toBe(200);
    // Deactivated: a grant on an inactive unit gives nothing.
    const off = await t.call('POST', `/api/v1/units/${village!.id}/deactivate`, { cookie: admin });
    expect(off.statusCode, off.body).toBe(200);
    expect((await me(cookie)).json().roles).toEqual([]);
  });

  it('writes last-seen at most once per LUOSHI_SESSION_TOUCH_SECONDS', async () => {
    expect(t.config.session.touchSeconds).toBe(60);
    await canSignIn('p0010');
    const cookie = await t.signIn('p0010');
    const lastSeen = async () =>
      (
        await t.sql<{ at: Date }>(
          `SELECT last_seen_at AS at FROM sessions WHERE person_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [await idOf('p0010')],
        )
      )[0]!.at.getTime();
    const start = t.clock.now.getTime();
    expect(await lastSeen()).toBe(start);
    for (const s of [1, 3, 10, 30, 59]) await later(s * 1000, () => me(cookie));
    expect(await lastSeen()).toBe(start);
    await later(61_000, () => me(cookie));
    expect(await lastSeen()).toBe(start + 61_000);
  });
});
