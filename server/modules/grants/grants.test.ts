import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let sec: string;
const idOf = async (username: string) =>
  (await t.sql<{ id: number }>('SELECT id FROM people WHERE username = $1', [username]))[0]!.id;
const unitOf = async (code: string) =>
  (await t.sql<{ id: number }>('SELECT id FROM units WHERE code = $1', [code]))[0]!.id;

beforeAll(async () => {
  t = await testContext();
  sec = await t.signIn('secadmin');
});

describe('grants', () => {
  it('grants a role on a unit that then covers its subtree, and revokes it', async () => {
    const person = await idOf('p0001');
    const town = await unitOf('QJ-T04');
    const r = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: person, role: 'liaison', unitId: town },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ personId: person, role: 'liaison', unitId: town });
    const again = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: person, role: 'liaison', unitId: town },
    });
    expect(again.json().code).toBe('grant_exists');

    await t.sql(
      "UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE username = 'office'), must_change_password = false WHERE id = $1",
      [person],
    );
    const username = (
      await t.sql<{ username: string }>('SELECT username FROM people WHERE id = $1', [person])
    )[0]!.username;
    const cookie = await t.signIn(username);
    const village = (
      await t.sql<{ id: number }>('SELECT id FROM units WHERE parent_id = $1 LIMIT 1', [town])
    )[0]!.id;
    expect((await t.call('GET', `/api/v1/units/${village}`, { cookie })).statusCode).toBe(200);

    const del = await t.call('DELETE', `/api/v1/grants/${r.json().id}`, { cookie: sec });
    expect(del.statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/units/${village}`, { cookie })).statusCode).toBe(403);
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'grant' AND object_id = $1 ORDER BY id`,
      [String(r.json().id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['grant.create', 'grant.revoke']);
  });

  it('三员分立: never gives one person two of sysadmin, secadmin, auditor', async () => {
    const before = (await t.sql<{ n: string }>('SELECT count(*) AS n FROM grants'))[0]!.n;
    for (const [username, role] of [
      ['admin', 'auditor'],
      ['admin', 'secadmin'],
      ['auditor', 'sysadmin'],
      ['secadmin', 'auditor'],
    ] as const) {
      const r = await t.call('POST', '/api/v1/grants', {
        cookie: sec,
        body: { personId: await idOf(username), role, unitId: 1 },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'separation_of_duties', field: 'role' });
    }
    expect((await t.sql<{ n: string }>('SELECT count(*) AS n FROM grants'))[0]!.n).toBe(before);
    // Other roles combine freely with an administrator role.
    const ok = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: await idOf('admin'), role: 'office', unitId: 1 },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses concurrent grants that together would break 三员分立', async () => {
    const person = await idOf('p0002');
    const results = await Promise.all(
      (['sysadmin', 'secadmin', 'auditor'] as const).map((role) =>
        t.call('POST', '/api/v1/grants', { cookie: sec, body: { personId: person, role, unitId: 1 } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const held = await t.sql<{ role: string }>(
      "SELECT role FROM grants WHERE person_id = $1 AND role IN ('sysadmin','secadmin','auditor')",
      [person],
    );
    expect(held).toHaveLength(1);
  });

  it('a security admin cannot revoke their own security-admin grant; forged ids are 404', async () => {
    const own = (
      await t.sql<{ id: number }>(
        "SELECT g.id FROM grants g JOIN people p ON p.id = g.person_id WHERE p.username = 'secadmin' AND g.role = 'secadmin'",
      )
    )[0]!.id;
    expect((await t.call('DELETE', `/api/v1/grants/${own}`, { cookie: sec })).json().code).toBe(
      'cannot_revoke_own_admin',
    );
    expect((await t.call('DELETE', '/api/v1/grants/999999', { cookie: sec })).statusCode).toBe(404);
    const forged = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: 999999, role: 'office', unitId: 1 },
    });
    expect(forged.json()).toMatchObject({ code: 'not_found', field: 'personId' });
    const badRole = await t.call('POST', '/api/v1/grants', {
      cookie: sec,
      body: { personId: 1, role: 'emperor', unitId: 1 },
    });
    expect(badRole.json()).toMatchObject({ code: 'validation_failed', field: 'body.role' });
  });
});
