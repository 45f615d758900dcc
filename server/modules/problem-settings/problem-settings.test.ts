import { beforeAll, describe, expect, it } from 'vitest';
import { defaultProblemSources, flattenCategories } from '../../../domain/problems/problem-defaults.ts';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await testContext();
  for (const u of ['admin', 'office', 'liaison-qj-t01', 'auditor']) cookie[u] = await t.signIn(u);
});

describe('problem sources and categories', () => {
  it('start as the migration seeded them, which is the list in domain/problems/problem-defaults', async () => {
    const sources = await t.call('GET', '/api/v1/problem-sources', { cookie: cookie['liaison-qj-t01'] });
    expect(sources.statusCode).toBe(200);
    expect(
      sources.json().map((s: { code: string; nameZh: string; nameEn: string; unitMayRecord: boolean }) => ({
        code: s.code,
        zh: s.nameZh,
        en: s.nameEn,
        unitMayRecord: s.unitMayRecord,
      })),
    ).toEqual(defaultProblemSources);
    expect(
      sources
        .json()
        .slice(0, 8)
        .map((s: { nameZh: string }) => s.nameZh),
    ).toEqual([
      '巡视',
      '督查',
      '审计',
      '生态环保督察',
      '网络舆情',
      '安全生产和自然灾害',
      '群众信访',
      '平安稳定',
    ]);
    const cats = await t.call('GET', '/api/v1/problem-categories', { cookie: cookie.office });
    const byId = new Map(cats.json().map((c: { id: number; code: string }) => [c.id, c.code]));
    expect(
      cats.json().map((c: { code: string; nameZh: string; nameEn: string; parentId: number | null }) => ({
        code: c.code,
        zh: c.nameZh,
        en: c.nameEn,
        parent: c.parentId === null ? null : byId.get(c.parentId),
      })),
    ).toEqual(flattenCategories().map(({ sort: _sort, ...c }) => c));
  });

  it('are added and renamed by the administrator or the office, audited, and by nobody else', async () => {
    const add = await t.call('POST', '/api/v1/problem-sources', {
      cookie: cookie.admin,
      body: { code: 'people_congress', nameZh: '人大代表建议', nameEn: 'Deputies’ proposals' },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ active: true, unitMayRecord: false, sort: 100 });
    const again = await t.call('POST', '/api/v1/problem-sources', {
      cookie: cookie.office,
      body: { code: 'people_congress', nameZh: '重复', nameEn: 'Again' },
    });
    expect(again.json()).toMatchObject({ code: 'code_taken', field: 'body.code' });
    const rename = await t.call('PATCH', `/api/v1/problem-sources/${add.json().id}`, {
      cookie: cookie.office,
      body: { nameZh: '人大代表建议和政协提案', active: false },
    });
    expect(rename.json()).toMatchObject({
      nameZh: '人大代表建议和政协提案',
      code: 'people_congress',
      active: false,
    });
    for (const user of ['liaison-qj-t01', 'auditor']) {
      const r = await t.call('PATCH', `/api/v1/problem-sources/${add.json().id}`, {
        cookie: cookie[user],
        body: { nameZh: 'x' },
      });
      expect(r.statusCode, user).toBe(403);
    }
    expect(
      (await t.call('PATCH', '/api/v1/problem-sources/99999', { cookie: cookie.admin, body: { sort: 1 } }))
        .statusCode,
    ).toBe(404);

    const [inaction] = await t.sql<{ id: number; path: string }>(
      "SELECT id, path FROM problem_categories WHERE code = 'inaction'",
    );
    const child = await t.call('POST', '/api/v1/problem-categories', {
      cookie: cookie.office,
      body: {
        parentId: inaction!.id,
        code: 'inaction_shirk',
        nameZh: '推诿扯皮',
        nameEn: 'Passing the buck',
      },
    });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json()).toMatchObject({ parentId: inaction!.id, depth: 1 });
    const [row] = await t.sql<{ path: string }>('SELECT path FROM problem_categories WHERE id = $1', [
      child.json().id,
    ]);
    expect(row!.path).toBe(`${inaction!.path}${child.json().id}/`);
    const off = await t.call('PATCH', `/api/v1/problem-categories/${inaction!.id}`, {
      cookie: cookie.admin,
      body: { active: false },
    });
    expect(off.json().active).toBe(false);
    const under = await t.call('POST', '/api/v1/problem-categories', {
      cookie: cookie.office,
      body: { parentId: inaction!.id, code: 'x1', nameZh: '新类别', nameEn: 'New' },
    });
    expect(under.json()).toMatchObject({ code: 'category_inactive', field: 'body.parentId' });
    const audit = await t.sql<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type IN ('problem_source', 'problem_category') ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual([
      'problem_source.create',
      'problem_source.update',
      'problem_category.create',
      'problem_category.update',
    ]);
  });
});
