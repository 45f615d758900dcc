import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let admin: string;
const unitOf = async (code: string) =>
  (await t.sql<{ id: number }>('SELECT id FROM units WHERE code = $1', [code]))[0]!.id;

beforeAll(async () => {
  t = await testContext();
  admin = await t.signIn('admin');
});

describe('people', () => {
  it('lists only the holders of a role, for picking responsible leaders', async () => {
    const office = await t.signIn('office');
    const list = await t.call('GET', '/api/v1/people?role=leader&limit=500', { cookie: office });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { username: string }) => p.username)).toEqual(['leader']);
    expect(
      list.json().items.every((p: { roles: { role: string }[] }) => p.roles.some((r) => r.role === 'leader')),
    ).toBe(true);
    const bad = await t.call('GET', '/api/v1/people?role=king', { cookie: office });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.role');
  });

  it('lets an inspector pick the responsible person of a town, read-only; a grid worker sees nobody', async () => {
    const inspector = await t.signIn('inspector');
    const town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01'"))[0]!.id;
    const list = await t.call('GET', `/api/v1/people?unitId=${town}&subtree=true&limit=500`, {
      cookie: inspector,
    });
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((p: { username: string }) => p.username);
    expect(names).toContain('liaison-qj-t01');
    expect(names).toContain('head-qj-t01');
    expect(names).not.toContain('liaison-qj-t02');
    const someone = list.json().items[0] as { id: number; abilities: Record<string, boolean> };
    expect(Object.values(someone.abilities).some(Boolean)).toBe(false);
    const edit = await t.call('PATCH', `/api/v1/people/${someone.id}`, {
      cookie: inspector,
      body: { name: '篡改' },
    });
    expect(edit.statusCode).toBe(403);
    const grid = await t.signIn('grid');
    expect((await t.call('GET', '/api/v1/people', { cookie: grid })).statusCode).toBe(403);
  });

  it('adds a person with a one-time password, edits them, and refuses a taken username', async () => {
    const unitId = await unitOf('QJ-T03');
    const r = await t.call('POST', '/api/v1/people', {
      cookie: admin,
      body: { username: 'li.ming', name: '李明', unitId, phone: '13800001111' },
    });
    expect(r.statusCode).toBe(201);
    const { person, oneTimePassword } = r.json();
    expect(person).toMatchObject({
      username: 'li.ming',
      name: '李明',
      unitId,
      mustChangePassword: true,
      active: true,
      roles: [],
    });
    expect(oneTimePassword).toMatch(/^.{14}$/);
    expect(JSON.stringify(person)).not.toContain('pbkdf2');

    const dup = await t.call('POST', '/api/v1/people', {
      cookie: admin,
      body: { username: 'LI.MING', name: '李明二', unitId },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'username_taken', field: 'username' });

    const moved = await t.call('PATCH', `/api/v1/people/${person.id}`, {
      cookie: admin,
      body: { name: '李明明', unitId: await unitOf('QJ-T04'), email: 'li@example.cn' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ name: '李明明', email: 'li@example.cn', phone: '13800001111' });
    const audit = await t.sql<{ action: string; before: { name: string }; after: { name: string } }>(
      `SELECT action, before, after FROM audit_log WHERE object_type = 'person' AND object_id = $1 ORDER BY id`,
      [String(person.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['person.create', 'person.update']);
    expect(audit[1]!.before.name).toBe('李明');
    expect(audit[1]!.after.name).toBe('李明明');
  });

  it('deactivating a person ends their sessions; reset gives a new one-time password', async () => {
    const target = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'inspector'"))[0]!.id;
    const cookie = await t.signIn('inspector');
    expect((await t.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(200);
    const off = await t.call('POST', `/api/v1/people/${target}/deactivate`, { cookie: admin });
    expect(off.json().active).toBe(false);
    expect((await t.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(401);
    const refused = await t.call('POST', '/api/v1/session', {
      body: { username: 'inspector', password: 'Demo#2026pass' },
    });
    expect(refused.json().code).toBe('invalid_credentials');
    await t.call('POST', `/api/v1/people/${target}/reactivate`, { cookie: admin });
    const reset = await t.call('POST', `/api/v1/people/${target}/reset-password`, { cookie: admin });
    const otp = reset.json().oneTimePassword as string;
    const c2 = await t.signIn('inspector', otp);
    expect((await t.call('GET', '/api/v1/session', { cookie: c2 })).json().mustChangePassword).toBe(true);
  });

  it('三员分立: the system admin cannot reset or deactivate the security or audit admin', async () => {
    for (const username of ['secadmin', 'auditor']) {
      const id = (await t.sql<{ id: number }>('SELECT id FROM people WHERE username = $1', [username]))[0]!
        .id;
      const shown = (await t.call('GET', `/api/v1/people/${id}`, { cookie: admin })).json();
      expect(shown.abilities).toMatchObject({ resetPassword: false, deactivate: false });
      for (const verb of ['reset-password', 'deactivate']) {
        const r = await t.call('POST', `/api/v1/people/${id}/${verb}`, { cookie: admin });
        expect(r.statusCode).toBe(409);
        expect(r.json().code).toBe('separation_of_duties');
      }
    }
  });

  it('lets a town head see the people of their town only', async () => {
    const head = await t.signIn('head-qj-t01');
    const list = await t.call('GET', '/api/v1/people?limit=500', { cookie: head });
    expect(list.statusCode).toBe(200);
    const path = (await t.sql<{ path: string }>("SELECT path FROM units WHERE code = 'QJ-T01'"))[0]!.path;
    const inTown = await t.sql<{ n: string }>(
      'SELECT count(*) AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 AND p.active',
      [`${path}%`],
    );
    expect(list.json().total).toBe(Number(inTown[0]!.n));
    const stranger = (
      await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'liaison-qj-t02'")
    )[0]!.id;
    expect((await t.call('GET', `/api/v1/people/${stranger}`, { cookie: head })).statusCode).toBe(404);
    const edit = await t.call('PATCH', `/api/v1/people/${stranger}`, {
      cookie: head,
      body: { name: '篡改' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('refuses bad people input and writes nothing', async () => {
    const before = (await t.sql<{ n: string }>('SELECT count(*) AS n FROM people'))[0]!.n;
    const bad: [unknown, string][] = [
      [{ username: 'ab', name: '张三', unitId: 2 }, 'body.username'],
      [{ username: 'zhang san', name: '张三', unitId: 2 }, 'body.username'],
      [{ username: 'zhangsan', name: '张'.repeat(51), unitId: 2 }, 'body.name'],
      [{ username: 'zhangsan', name: '张三', unitId: 2, phone: 'call me' }, 'body.phone'],
      [{ username: 'zhangsan', name: '张三', unitId: 2, email: 'not-an-email' }, 'body.email'],
      [{ username: 'zhangsan', name: '张三', unitId: 987654 }, 'unitId'],
    ];
    for (const [body, field] of bad) {
      const r = await t.call('POST', '/api/v1/people', { cookie: admin, body });
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.json().field).toBe(field);
    }
    const empty = await t.call('PATCH', '/api/v1/people/1', { cookie: admin, body: {} });
    expect(empty.statusCode).toBe(400);
    expect((await t.sql<{ n: string }>('SELECT count(*) AS n FROM people'))[0]!.n).toBe(before);
  });
});
