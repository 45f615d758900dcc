import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let admin: string;
let townId: number;
let deptTypeId: number;
beforeAll(async () => {
  t = await testContext();
  admin = await t.signIn('admin');
  townId = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T05'"))[0]!.id;
  deptTypeId = (await t.sql<{ id: number }>("SELECT id FROM unit_types WHERE code = 'department'"))[0]!.id;
});

const count = async (table: string) =>
  Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('the demo district', () => {
  it('has the Kaizhou scale: ~60 departments, ~40 towns and streets, ~430 villages and communities', async () => {
    const rows = await t.sql<{ code: string; n: string }>(
      `SELECT t.code, count(*) AS n FROM units u JOIN unit_types t ON t.id = u.type_id GROUP BY t.code`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
    expect(by.region).toBe(1);
    expect((by.department ?? 0) + (by.soe ?? 0) + (by.stationed ?? 0)).toBeGreaterThanOrEqual(55);
    expect((by.town ?? 0) + (by.street ?? 0)).toBe(40);
    expect((by.village ?? 0) + (by.community ?? 0)).toBe(430);
  });
});

describe('unit tree management', () => {
  it('adds, renames, classifies, moves, deactivates and reactivates a unit, each in the audit log', async () => {
    const made = await t.call('POST', '/api/v1/units', {
      cookie: admin,
      body: { parentId: townId, name: '新村', code: 'QJ-T05-X01', typeId: deptTypeId },
    });
    expect(made.statusCode).toBe(201);
    const unit = made.json();
    expect(unit).toMatchObject({ name: '新村', parentId: townId, depth: 2, active: true });
    expect(unit.path).toMatch(new RegExp(`/${townId}/${unit.id}/$`));

    const renamed = await t.call('POST', `/api/v1/units/${unit.id}/rename`, {
      cookie: admin,
      body: { name: '新建村' },
    });
    expect(renamed.json().name).toBe('新建村');

    const child = (
      await t.call('POST', '/api/v1/units', {
        cookie: admin,
        body: { parentId: unit.id, name: '一组', code: 'QJ-T05-X01-1', typeId: deptTypeId },
      })
    ).json();
    const otherTown = (
      await t.sql<{ id: number; path: string }>("SELECT id, path FROM units WHERE code = 'QJ-T06'")
    )[0]!;
    const moved = await t.call('POST', `/api/v1/units/${unit.id}/move`, {
      cookie: admin,
      body: { parentId: otherTown.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`${otherTown.path}${unit.id}/`);
    const childAfter = (await t.call('GET', `/api/v1/units/${child.id}`, { cookie: admin })).json();
    expect(childAfter.path).toBe(`${otherTown.path}${unit.id}/${child.id}/`);
    expect(childAfter.depth).toBe(3);

    const busy = await t.call('POST', `/api/v1/units/${unit.id}/deactivate`, { cookie: admin });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('unit_has_active_children');
    expect(
      (await t.call('POST', `/api/v1/units/${child.id}/deactivate`, { cookie: admin })).json().active,
    ).toBe(false);
    expect(
      (await t.call('POST', `/api/v1/units/${unit.id}/deactivate`, { cookie: admin })).json().active,
    ).toBe(false);
    const reChild = await t.call('POST', `/api/v1/units/${child.id}/reactivate`, { cookie: admin });
    expect(reChild.json().code).toBe('parent_inactive');
    expect(
      (await t.call('POST', `/api/v1/units/${unit.id}/reactivate`, { cookie: admin })).json().active,
    ).toBe(true);

    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'unit' AND object_id = $1 ORDER BY id`,
      [String(unit.id)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'unit.create',
      'unit.rename',
      'unit.move',
      'unit.deactivate',
      'unit.reactivate',
    ]);
  });

  it('never moves a unit under itself or its descendants', async () => {
    const town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T07'"))[0]!.id;
    const village = (
      await t.sql<{ id: number }>('SELECT id FROM units WHERE parent_id = $1 LIMIT 1', [town])
    )[0]!.id;
    for (const parentId of [town, village]) {
      const r = await t.call('POST', `/api/v1/units/${town}/move`, { cookie: admin, body: { parentId } });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'unit_move_cycle', field: 'parentId' });
    }
    const root = await t.call('POST', '/api/v1/units/1/move', { cookie: admin, body: { parentId: town } });
    expect(root.json().code).toBe('root_unit_immutable');
  });

  it('hard-deletes only a unit that owns nothing', async () => {
    const town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T08'"))[0]!.id;
    const refused = await t.call('DELETE', `/api/v1/units/${town}`, { cookie: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('unit_has_records');
    const made = (
      await t.call('POST', '/api/v1/units', {
        cookie: admin,
        body: { parentId: town, name: '误建单位', code: 'QJ-OOPS', typeId: deptTypeId },
      })
    ).json();
    expect((await t.call('DELETE', `/api/v1/units/${made.id}`, { cookie: admin })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/units/${made.id}`, { cookie: admin })).statusCode).toBe(404);
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'unit' AND object_id = $1`,
      [String(made.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['unit.create', 'unit.delete']);
  });

  it('manages unit types and peer groups (赛道)', async () => {
    const pg = await t.call('POST', '/api/v1/peer-groups', {
      cookie: admin,
      body: { code: 'soes', nameZh: '国企赛道', nameEn: 'SOEs' },
    });
    expect(pg.statusCode).toBe(201);
    const dup = await t.call('POST', '/api/v1/peer-groups', {
      cookie: admin,
      body: { code: 'soes2', nameZh: '国企赛道', nameEn: 'SOEs 2' },
    });
    expect(dup.json()).toMatchObject({ code: 'name_taken', field: 'nameZh' });
    const renamed = await t.call('POST', `/api/v1/peer-groups/${pg.json().id}/rename`, {
      cookie: admin,
      body: { nameZh: '国有企业赛道', nameEn: 'State-owned enterprises' },
    });
    expect(renamed.json().nameZh).toBe('国有企业赛道');
    const soe = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-D055'"))[0]!.id;
    const classified = await t.call('POST', `/api/v1/units/${soe}/classify`, {
      cookie: admin,
      body: { typeId: deptTypeId, peerGroupId: pg.json().id },
    });
    expect(classified.json().peerGroupName).toBe('国有企业赛道');
    const types = await t.call('GET', '/api/v1/unit-types', { cookie: admin });
    expect(types.json().items.length).toBeGreaterThanOrEqual(8);
  });
});

describe('scope', () => {
  it('shows a town liaison only their own subtree; anything else is 404', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    const list = await t.call('GET', '/api/v1/units?limit=500', { cookie: liaison });
    expect(list.statusCode).toBe(200);
    const own = (await t.sql<{ path: string }>("SELECT path FROM units WHERE code = 'QJ-T01'"))[0]!.path;
    const items = list.json().items as { path: string; abilities: Record<string, boolean> }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((u) => u.path.startsWith(own))).toBe(true);
    expect(items.every((u) => Object.values(u.abilities).every((v) => v === false))).toBe(true);
    const other = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T02'"))[0]!.id;
    const r = await t.call('GET', `/api/v1/units/${other}`, { cookie: liaison });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('not_found');
    const tree = await t.call('GET', '/api/v1/units/tree', { cookie: liaison });
    expect(tree.json().items.length).toBe(items.length);
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, unknown, number, string, string | undefined][] = [
    [
      '10,000-character name',
      { parentId: 1, name: '名'.repeat(10_000), code: 'QJ-LONG', typeId: 2 },
      400,
      'validation_failed',
      'body.name',
    ],
    [
      'unknown field',
      { parentId: 1, name: '甲', code: 'QJ-U1', typeId: 2, extra: 1 },
      400,
      'validation_failed',
      'body.extra',
    ],
    [
      'wrong type',
      { parentId: '1', name: '甲', code: 'QJ-U2', typeId: 2 },
      400,
      'validation_failed',
      'body.parentId',
    ],
    ['missing field', { parentId: 1, code: 'QJ-U3', typeId: 2 }, 400, 'validation_failed', 'body.name'],
    [
      'empty name',
      { parentId: 1, name: '   ', code: 'QJ-U4', typeId: 2 },
      400,
      'validation_failed',
      'body.name',
    ],
    [
      'bad code',
      { parentId: 1, name: '甲', code: "x'; DROP TABLE units;--", typeId: 2 },
      400,
      'validation_failed',
      'body.code',
    ],
    [
      'forged parent',
      { parentId: 999_999, name: '甲', code: 'QJ-U5', typeId: 2 },
      404,
      'not_found',
      'parentId',
    ],
    ['forged type', { parentId: 1, name: '甲', code: 'QJ-U6', typeId: 999 }, 404, 'not_found', 'typeId'],
    ['taken code', { parentId: 1, name: '甲', code: 'QJ-T01', typeId: 2 }, 409, 'unit_code_taken', 'code'],
  ];
  it.each(cases)('%s → %i %s', async (_label, body, status, code, field) => {
    const before = [await count('units'), await count('audit_log')];
    const r = await t.call('POST', '/api/v1/units', { cookie: admin, body });
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const p = r.json();
    expect(p.code).toBe(code);
    expect(p.field).toBe(field);
    expect(p.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.message.en).toMatch(/[a-z]/);
    expect([await count('units'), await count('audit_log')]).toEqual(before);
  });

  it('answers malformed JSON with malformed_json', async () => {
    const before = await count('units');
    const r = await t.call('POST', '/api/v1/units', { cookie: admin, body: '{"parentId": 1, "name": ' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'malformed_json', field: 'body' });
    const wrongType = await t.call('POST', '/api/v1/units', {
      cookie: admin,
      body: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(await count('units')).toBe(before);
  });

  it('stores SQL and HTML metacharacters verbatim', async () => {
    const name = `<script>alert("x")</script>'; DROP TABLE units; -- 单位`;
    const r = await t.call('POST', '/api/v1/units', {
      cookie: admin,
      body: { parentId: 1, name, code: 'QJ-META', typeId: deptTypeId },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().name).toBe(name);
    const stored = await t.sql<{ name: string }>("SELECT name FROM units WHERE code = 'QJ-META'");
    expect(stored[0]!.name).toBe(name);
  });

  it('rejects a non-numeric or out-of-range id in the path', async () => {
    for (const bad of ['abc', '-1', '99999999999', '1.5']) {
      const r = await t.call('GET', `/api/v1/units/${bad}`, { cookie: admin });
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe('params.id');
    }
  });
});
