import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg } from '../../test/image-fixture.ts';
import { form } from '../../test/multipart.ts';
import { testContext, type TestContext } from '../../test/harness.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-rounds-'));
let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
const person: Record<string, number> = {};
let roundId: number;
let teamId: number;
let visitId: number;
let photoId: number;
const users = ['office', 'inspector', 'liaison-qj-t01', 'leader', 'discipline'];

beforeAll(async () => {
  t = await testContext({ LUOSHI_DATA_DIR: dataDir });
  for (const u of users) cookie[u] = await t.signIn(u);
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ-T01', 'QJ-T02', 'QJ-T03')",
  ))
    unit[r.code] = r.id;
  for (const r of await t.sql<{ id: number; username: string }>('SELECT id, username FROM people'))
    person[r.username] = r.id;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const post = (user: string, url: string, body: unknown = {}) =>
  t.call('POST', url, { cookie: cookie[user], body });

const round = (over: Record<string, unknown> = {}) => ({
  name: '2026年第一轮作风建设明察暗访',
  kind: 'unannounced_visit',
  startOn: '2026-03-02',
  endOn: '2026-03-31',
  unitIds: [unit['QJ-T01'], unit['QJ-T02']],
  teams: [
    {
      name: '第一督查组',
      leaderId: person.inspector,
      memberIds: [person.inspector],
      unitIds: [unit['QJ-T01']],
    },
  ],
  ...over,
});

describe('an inspection round', () => {
  it('is planned by the office with its teams, units and the 明察暗访 source', async () => {
    const r = await post('office', '/api/v1/inspection-rounds', round());
    expect(r.statusCode, r.body).toBe(201);
    roundId = r.json().id;
    teamId = r.json().teams[0].id;
    expect(r.json()).toMatchObject({
      kind: 'unannounced_visit',
      kindLabel: { zh: '明察暗访' },
      source: { name: '明察暗访' },
      status: 'open',
      unitCount: 2,
      teamCount: 1,
      units: [
        { id: unit['QJ-T01'], teamId },
        { id: unit['QJ-T02'], teamId: null },
      ],
      teams: [{ name: '第一督查组', leader: { id: person.inspector }, unitIds: [unit['QJ-T01']] }],
      abilities: { edit: true, close: true, visit: true },
    });
    const audit = await t.sql("SELECT 1 FROM audit_log WHERE action = 'inspection.round_create'");
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['a period that ends before it starts', { endOn: '2026-03-01' }, 400, 'validation_failed', 'body.endOn'],
    ['no units', { unitIds: [] }, 400, 'validation_failed', 'body.unitIds'],
    ['an unknown unit', { unitIds: [999999] }, 404, 'not_found', 'body.unitIds.0'],
    ['an unknown kind', { kind: 'raid' }, 400, 'validation_failed', 'body.kind'],
    [
      'a team on a unit the round does not cover',
      { teams: [{ name: '第二组', memberIds: [1], unitIds: [999998] }] },
      409,
      'unit_not_in_round',
      'body.teams.0.unitIds.0',
    ],
    [
      'a team leader who is not a member',
      { teams: [{ name: '第二组', leaderId: 999999, memberIds: [1] }] },
      400,
      'validation_failed',
      'body.teams.0.leaderId',
    ],
  ])('refuses %s', async (_name, over, status, code, field) => {
    const r = await post('office', '/api/v1/inspection-rounds', round(over));
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ code, field });
  });

  it('is for the office and inspectors only: a unit is not told it will be visited', async () => {
    expect(
      (await t.call('GET', '/api/v1/inspection-rounds', { cookie: cookie.inspector })).json().total,
    ).toBe(1);
    expect(
      (await t.call('GET', '/api/v1/inspection-rounds', { cookie: cookie['liaison-qj-t01'] })).statusCode,
    ).toBe(403);
    expect((await post('inspector', '/api/v1/inspection-rounds', round())).statusCode).toBe(403);
  });

  it('gets a visit with notes and a photo from a member of the team', async () => {
    const f = form(tinyJpeg(), '现场.jpg');
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { cookie: cookie.inspector!, 'x-luoshi-request': '1', 'content-type': f.contentType },
      payload: f.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    photoId = up.json().id;
    const r = await post('inspector', `/api/v1/inspection-rounds/${roundId}/visits`, {
      unitId: unit['QJ-T01'],
      visitedOn: '2026-03-05',
      teamId,
      notes: '上午 9:30 到便民服务中心，3 个窗口仅 1 人在岗',
      attachmentIds: [photoId],
    });
    expect(r.statusCode, r.body).toBe(201);
    visitId = r.json().id;
    expect(r.json()).toMatchObject({
      team: { id: teamId, name: '第一督查组' },
      unit: { id: unit['QJ-T01'] },
      photos: [{ id: photoId, filename: '现场.jpg' }],
      problemIds: [],
    });
  });

  it.each([
    ['a unit the round does not cover', { unitId: 'QJ-T03' }, 409, 'unit_not_in_round', 'body.unitId'],
    ['a day outside the period', { visitedOn: '2026-04-01' }, 400, 'validation_failed', 'body.visitedOn'],
    ['a team of another round', { teamId: 999999 }, 404, 'not_found', 'body.teamId'],
  ])('refuses a visit to %s', async (_name, over, status, code, field) => {
    const body = {
      unitId: unit['QJ-T01'],
      visitedOn: '2026-03-06',
      teamId,
      ...over,
      ...('unitId' in over ? { unitId: unit[over.unitId as string] } : {}),
    };
    const r = await post('inspector', `/api/v1/inspection-rounds/${roundId}/visits`, body);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ code, field });
  });

  it('turns a finding into a problem in one step, with the round’s source, the visit’s day and team', async () => {
    const category = (
      await t.sql<{ id: number }>("SELECT id FROM problem_categories WHERE code = 'inaction_slow'")
    )[0]!.id;
    const r = await post('inspector', `/api/v1/inspection-visits/${visitId}/findings`, {
      description: '便民服务中心窗口人员脱岗，群众排队等候超过 40 分钟',
      categoryIds: [category],
      severity: 'major',
      deadline: '2026-04-15',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      source: { name: '明察暗访' },
      foundOn: '2026-03-05',
      foundBy: '第一督查组',
      unit: { id: unit['QJ-T01'] },
      severity: 'major',
      status: 'assigned',
      categories: [{ id: category }],
    });
    const problemId = r.json().id;
    const visit = await t.call('GET', `/api/v1/inspection-visits/${visitId}`, { cookie: cookie.office });
    expect(visit.json().problemIds).toEqual([problemId]);
    const detail = await t.call('GET', `/api/v1/inspection-rounds/${roundId}`, { cookie: cookie.office });
    expect(detail.json()).toMatchObject({ visitCount: 1, findingCount: 1 });
    // The unit sees its problem, but not the visit or its photos.
    expect(
      (await t.call('GET', `/api/v1/problems/${problemId}`, { cookie: cookie['liaison-qj-t01'] })).statusCode,
    ).toBe(200);
    expect(
      (await t.call('GET', `/api/v1/attachments/${photoId}`, { cookie: cookie['liaison-qj-t01'] }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/attachments/${photoId}`, { cookie: cookie.office })).statusCode,
    ).toBe(200);
    const bad = await post('inspector', `/api/v1/inspection-visits/${visitId}/findings`, {
      description: '台账不全',
      deadline: '2026-03-01',
    });
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'body.deadline' });
  });

  it('takes another team, and once closed takes no more visits', async () => {
    const team = await post('office', `/api/v1/inspection-rounds/${roundId}/teams`, {
      name: '第二督查组',
      memberIds: [person.office],
      unitIds: [unit['QJ-T02']],
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json().teams.map((x: { name: string }) => x.name)).toEqual(['第一督查组', '第二督查组']);
    const taken = await post('office', `/api/v1/inspection-rounds/${roundId}/teams`, {
      name: '第三督查组',
      memberIds: [person.office],
      unitIds: [unit['QJ-T01']],
    });
    expect(taken.json()).toMatchObject({ code: 'validation_failed', field: 'body.unitIds.0' });
    expect((await post('office', `/api/v1/inspection-rounds/${roundId}/close`)).json().status).toBe('closed');
    const late = await post('inspector', `/api/v1/inspection-rounds/${roundId}/visits`, {
      unitId: unit['QJ-T01'],
      visitedOn: '2026-03-06',
      teamId,
    });
    expect(late.json().code).toBe('round_closed');
  });
});
