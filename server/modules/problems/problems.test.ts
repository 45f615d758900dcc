import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifSegment, GPS_MARK, jpegWith } from '../../test/image-fixture.ts';
import { form } from '../../test/multipart.ts';
import { testContext, type TestContext } from '../../test/harness.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-problems-'));
let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
const source: Record<string, number> = {};
const category: Record<string, number> = {};
let person: Record<string, number> = {};

const users = [
  'office',
  'inspector',
  'liaison-qj-t01',
  'head-qj-t01',
  'liaison-qj-t02',
  'leader',
  'discipline',
  'grid',
  'admin',
];

beforeAll(async () => {
  t = await testContext({ LUOSHI_DATA_DIR: dataDir });
  for (const u of users) cookie[u] = await t.signIn(u);
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ', 'QJ-T01', 'QJ-T02', 'QJ-T01-V001')",
  ))
    unit[r.code] = r.id;
  for (const r of await t.sql<{ id: number; code: string }>('SELECT id, code FROM problem_sources'))
    source[r.code] = r.id;
  for (const r of await t.sql<{ id: number; code: string }>('SELECT id, code FROM problem_categories'))
    category[r.code] = r.id;
  person = Object.fromEntries(
    (await t.sql<{ id: number; username: string }>('SELECT id, username FROM people')).map((p) => [
      p.username,
      p.id,
    ]),
  );
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const draft = (over: Record<string, unknown> = {}) => ({
  description: '便民服务中心窗口推诿扯皮，群众办事多次往返',
  sourceId: source.supervision,
  categoryIds: [category.inaction_none],
  foundOn: '2026-03-01',
  foundBy: '区委第一督查组',
  unitId: unit['QJ-T01'],
  severity: 'major',
  deadline: '2026-04-30',
  ...over,
});

async function create(user = 'inspector', over: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/v1/problems', { cookie: cookie[user], body: draft(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string; [k: string]: unknown };
}

const post = (user: string, url: string, body: unknown = {}) =>
  t.call('POST', url, { cookie: cookie[user], body });

const measures = [
  { text: '建立首问负责制，公开窗口服务承诺', owner: '张伟（副镇长）', dueOn: '2026-03-31' },
  { text: '开展窗口人员作风整训', owner: '李娜', dueOn: '2026-04-15' },
];

/** What a write must leave untouched when it is refused. */
async function snapshot(id: number) {
  const [p] = await t.sql(
    'SELECT status, return_count, rebound_count, claim_count, unit_id, deadline FROM problems WHERE id = $1',
    [id],
  );
  const [n] = await t.sql<{ audit: number; events: number; evidence: number; files: number }>(
    `SELECT (SELECT count(*)::int FROM audit_log) AS audit,
            (SELECT count(*)::int FROM problem_events WHERE problem_id = $1) AS events,
            (SELECT count(*)::int FROM problem_evidence WHERE problem_id = $1) AS evidence,
            (SELECT count(*)::int FROM attachments WHERE owner_type IS NOT NULL) AS files`,
    [id],
  );
  return { p, n };
}

function upload(user: string, data: Buffer, filename: string) {
  const f = form(data, filename);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { cookie: cookie[user]!, 'x-luoshi-request': '1', 'content-type': f.contentType },
    payload: f.payload,
  });
}

describe('a problem from finding to closing', () => {
  it('is recorded by an inspector, assigned to the unit, and seen by that unit only', async () => {
    const photo = await upload('inspector', jpegWith([exifSegment()]), '现场.jpg');
    expect(photo.statusCode).toBe(201);
    const p = await create('inspector', { attachmentIds: [photo.json().id] });
    expect(p).toMatchObject({
      status: 'assigned',
      schedule: 'on_schedule',
      overdue: false,
      source: { id: source.supervision, name: '督查' },
      categories: [{ id: category.inaction_none, name: '不作为' }],
      unit: { id: unit['QJ-T01'] },
      severity: 'major',
      attachments: [{ id: photo.json().id, filename: '现场.jpg', mime: 'image/jpeg' }],
      history: [{ action: 'create', fromStatus: null, toStatus: 'assigned' }],
      abilities: { close: false, assign: false, dismiss: true, fileMeasures: false },
    });
    // Linked to its category and the category's parent, only the first shown.
    const links = await t.sql<{ category_id: number; direct: boolean }>(
      'SELECT category_id, direct FROM problem_category_links WHERE problem_id = $1 ORDER BY category_id',
      [p.id],
    );
    expect(links).toEqual([
      { category_id: category.inaction, direct: false },
      { category_id: category.inaction_none, direct: true },
    ]);
    const liaison = await t.call('GET', `/api/v1/problems/${p.id}`, { cookie: cookie['liaison-qj-t01'] });
    expect(liaison.statusCode).toBe(200);
    expect(liaison.json().abilities).toMatchObject({ fileMeasures: true, close: false, claimClosing: false });
    const file = await t.call('GET', `/api/v1/attachments/${photo.json().id}`, {
      cookie: cookie['head-qj-t01'],
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.includes(Buffer.from(GPS_MARK))).toBe(false);
    for (const other of ['liaison-qj-t02', 'grid']) {
      expect((await t.call('GET', `/api/v1/problems/${p.id}`, { cookie: cookie[other] })).statusCode).toBe(
        other === 'grid' ? 403 : 404,
      );
      expect(
        (await t.call('GET', `/api/v1/attachments/${photo.json().id}`, { cookie: cookie[other] })).statusCode,
      ).toBe(404);
    }
    const audit = await t.sql<{ action: string; actor_name: string }>(
      "SELECT action, actor_name FROM audit_log WHERE object_type = 'problem' AND object_id = $1",
      [String(p.id)],
    );
    expect(audit).toEqual([{ action: 'problem.create', actor_name: 'inspector' }]);
  });

  it('walks measures → claim → return → claim → close → look-back reopen, each step audited', async () => {
    const p = await create();
    const url = `/api/v1/problems/${p.id}`;
    const m = await post('liaison-qj-t01', `${url}/measures`, { measures });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json()).toMatchObject({
      status: 'rectifying',
      measures: measures.map((x) => ({ ...x, done: false })),
      abilities: { claimClosing: true, fileMeasures: true },
    });

    const before = await snapshot(p.id);
    const empty = await post('liaison-qj-t01', `${url}/claim-closing`, { evidence: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'evidence_required', field: 'body.evidence' });
    expect(empty.json().message.zh).toContain('佐证');
    expect(await snapshot(p.id)).toEqual(before);

    const photo = await upload('liaison-qj-t01', jpegWith([]), '整改后.jpg');
    const claim = await post('liaison-qj-t01', `${url}/claim-closing`, {
      evidence: '已建立首问负责制，窗口人员全部完成整训',
      attachmentIds: [photo.json().id],
    });
    expect(claim.statusCode, claim.body).toBe(200);
    // The claim answers a receipt; the detail is a GET away.
    expect(claim.json()).toEqual({
      id: p.id,
      status: 'closing_claimed',
      evidenceId: expect.any(Number),
      claimedOn: '2026-03-02',
      claimCount: 1,
    });
    expect((await t.call('GET', url, { cookie: cookie['liaison-qj-t01'] })).json()).toMatchObject({
      status: 'closing_claimed',
      evidence: [
        {
          id: claim.json().evidenceId,
          text: '已建立首问负责制，窗口人员全部完成整训',
          decision: null,
          attachments: [{ id: photo.json().id }],
        },
      ],
    });

    // The unit never verifies its own claim; another unit does not even see it.
    const self = await post('head-qj-t01', `${url}/close`);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('forbidden');
    const other = await post('liaison-qj-t02', `${url}/close`);
    expect(other.statusCode).toBe(403); // not a role that closes at all
    const otherRead = await t.call('GET', url, { cookie: cookie['liaison-qj-t02'] });
    expect(otherRead.statusCode).toBe(404);

    const noReason = await post('office', `${url}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'validation_failed', field: 'body.reason' });
    const blank = await post('office', `${url}/return`, { reason: '  ' });
    expect(blank.json()).toMatchObject({ code: 'validation_failed', field: 'body.reason' });

    const returned = await post('office', `${url}/return`, { reason: '佐证材料不全，缺少群众回访记录' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnCount: 1,
      evidence: [
        { decision: 'returned', reason: '佐证材料不全，缺少群众回访记录', decidedBy: { id: person.office } },
      ],
    });
    const unitView = await t.call('GET', url, { cookie: cookie['head-qj-t01'] });
    expect(unitView.json().abilities).toMatchObject({ claimClosing: true, fileMeasures: true, close: false });

    const again = await post('head-qj-t01', `${url}/claim-closing`, { evidence: '补充群众回访记录 30 份' });
    expect(again.json()).toMatchObject({ status: 'closing_claimed', claimCount: 2 });
    // The office sees the evidence files; so does the unit; nobody else.
    expect(
      (await t.call('GET', `/api/v1/attachments/${photo.json().id}`, { cookie: cookie.office })).statusCode,
    ).toBe(200);
    expect(
      (await t.call('GET', `/api/v1/attachments/${photo.json().id}`, { cookie: cookie['liaison-qj-t02'] }))
        .statusCode,
    ).toBe(404);

    const closed = await post('inspector', `${url}/close`, { note: '经核查已整改到位' });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      schedule: 'rectified',
      abilities: { reopen: true },
    });

    const noWhy = await post('office', `${url}/reopen`, {});
    expect(noWhy.json()).toMatchObject({ code: 'validation_failed', field: 'body.reason' });
    const reopened = await post('office', `${url}/reopen`, { reason: '回头看发现窗口推诿问题反弹' });
    expect(reopened.json()).toMatchObject({ status: 'rectifying', reboundCount: 1, returnCount: 1 });

    expect(reopened.json().history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'file_measures',
      'claim_closing',
      'return',
      'claim_closing',
      'close',
      'reopen',
    ]);
    const audit = await t.sql<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'problem' AND object_id = $1 ORDER BY id",
      [String(p.id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'problem.create',
      'problem.file_measures',
      'problem.claim_closing',
      'problem.return',
      'problem.claim_closing',
      'problem.close',
      'problem.reopen',
    ]);
  });

  it('answers a move in the wrong state with 409 and its code, and writes nothing', async () => {
    const p = await create();
    const before = await snapshot(p.id);
    const r = await post('office', `/api/v1/problems/${p.id}/close`);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'wrong_state', detail: { status: 'assigned' } });
    expect(r.json().message).toEqual({
      zh: '当前状态下不能进行此操作',
      en: 'This cannot be done in the current state',
    });
    const claim = await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, {
      evidence: '已整改',
    });
    expect(claim.statusCode).toBe(409);
    expect(await snapshot(p.id)).toEqual(before);
  });

  it('a claim in words alone is one statement: the same evidence, history line and audit entry as with files', async () => {
    const p = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/measures`, { measures });
    const r = await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, {
      evidence: '窗口人员全部完成整训',
    });
    expect(r.statusCode, r.body).toBe(200);
    const receipt = r.json();
    expect(receipt).toEqual({
      id: p.id,
      status: 'closing_claimed',
      evidenceId: expect.any(Number),
      claimedOn: '2026-03-02',
      claimCount: 1,
    });
    const [row] = await t.sql('SELECT status, claimed_on, claim_count FROM problems WHERE id = $1', [p.id]);
    expect(row).toEqual({ status: 'closing_claimed', claimed_on: '2026-03-02', claim_count: 1 });
    const evidence = await t.sql(
      'SELECT id, text, submitted_by, decision FROM problem_evidence WHERE problem_id = $1',
      [p.id],
    );
    expect(evidence).toEqual([
      {
        id: receipt.evidenceId,
        text: '窗口人员全部完成整训',
        submitted_by: person['liaison-qj-t01'],
        decision: null,
      },
    ]);
    const events = await t.sql(
      "SELECT actor_id, from_status, to_status, note FROM problem_events WHERE problem_id = $1 AND action = 'claim_closing'",
      [p.id],
    );
    expect(events).toEqual([
      {
        actor_id: person['liaison-qj-t01'],
        from_status: 'rectifying',
        to_status: 'closing_claimed',
        note: '窗口人员全部完成整训',
      },
    ]);
    const audit = await t.sql(
      "SELECT actor_name, before, after FROM audit_log WHERE object_type = 'problem' AND object_id = $1 AND action = 'problem.claim_closing'",
      [String(p.id)],
    );
    expect(audit).toEqual([
      {
        actor_name: 'liaison-qj-t01',
        before: { status: 'rectifying' },
        after: {
          status: 'closing_claimed',
          evidenceId: receipt.evidenceId,
          evidence: '窗口人员全部完成整训',
          attachmentIds: [],
          claimedOn: '2026-03-02',
        },
      },
    ]);
    // Claimed already: the one statement writes nothing and the transactional way answers 409.
    const before = await snapshot(p.id);
    const twice = await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, {
      evidence: '再次申请',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'wrong_state', detail: { status: 'closing_claimed' } });
    expect(await snapshot(p.id)).toEqual(before);
  });

  it('of two claims sent at once exactly one is accepted; another unit is told 404, the office 403', async () => {
    const p = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/measures`, { measures });
    const other = await post('liaison-qj-t02', `/api/v1/problems/${p.id}/claim-closing`, {
      evidence: '已整改',
    });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'not_found', field: 'params.id' });
    const office = await post('office', `/api/v1/problems/${p.id}/claim-closing`, { evidence: '已整改' });
    expect(office.statusCode).toBe(403);
    const both = await Promise.all([
      post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, { evidence: '联络员申请' }),
      post('head-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, { evidence: '负责人申请' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [n] = await t.sql<{ evidence: number; events: number; audit: number; claims: number }>(
      `SELECT (SELECT count(*)::int FROM problem_evidence WHERE problem_id = $1) AS evidence,
              (SELECT count(*)::int FROM problem_events WHERE problem_id = $1 AND action = 'claim_closing') AS events,
              (SELECT count(*)::int FROM audit_log WHERE object_id = $1::text AND action = 'problem.claim_closing') AS audit,
              (SELECT claim_count FROM problems WHERE id = $1) AS claims`,
      [p.id],
    );
    expect(n).toEqual({ evidence: 1, events: 1, audit: 1, claims: 1 });
  });

  it('an inspector of another unit cannot close (or see) the problem: 404, nothing written', async () => {
    await t.sql("INSERT INTO grants (person_id, role, unit_id) VALUES ($1, 'inspector', $2)", [
      person.p0001,
      unit['QJ-T02'],
    ]);
    const other = await t.signIn('p0001');
    const p = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/measures`, { measures });
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, { evidence: '已整改' });
    const before = await snapshot(p.id);
    for (const verb of ['close', 'return', 'dismiss']) {
      const r = await t.call('POST', `/api/v1/problems/${p.id}/${verb}`, {
        cookie: other,
        body: verb === 'close' ? { note: '核查' } : { reason: '核查' },
      });
      expect(r.statusCode, verb).toBe(404);
      expect(r.json(), verb).toMatchObject({ code: 'not_found', field: 'params.id' });
    }
    expect((await t.call('GET', `/api/v1/problems/${p.id}`, { cookie: other })).statusCode).toBe(404);
    expect(await snapshot(p.id)).toEqual(before);
    // Its own unit's problems it does verify.
    const mine = await create('office', { unitId: unit['QJ-T02'] });
    expect(
      (await t.call('GET', `/api/v1/problems/${mine.id}`, { cookie: other })).json().abilities,
    ).toMatchObject({
      dismiss: true,
    });
  });

  it('refuses a forged attachment id and writes nothing', async () => {
    const p = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/measures`, { measures });
    const theirs = await upload('liaison-qj-t02', jpegWith([]), 'x.jpg');
    const before = await snapshot(p.id);
    for (const ids of [[999_999], [theirs.json().id]]) {
      const r = await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, {
        evidence: '已整改',
        attachmentIds: ids,
      });
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({
        code: 'not_found',
        field: 'body.attachmentIds',
        detail: { id: ids[0] },
      });
    }
    expect(await snapshot(p.id)).toEqual(before);
    const create2 = await t.call('POST', '/api/v1/problems', {
      cookie: cookie.inspector,
      body: draft({ attachmentIds: [theirs.json().id] }),
    });
    expect(create2.statusCode).toBe(404);
  });

  it('dismissed (不属实) and merged problems are terminal', async () => {
    const a = await create();
    const b = await create();
    const dismissed = await post('inspector', `/api/v1/problems/${a.id}/dismiss`, {
      reason: '经核实反映情况不属实',
    });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', schedule: 'void' });
    for (const [verb, body] of [
      ['close', {}],
      ['reopen', { reason: 'x' }],
      ['measures', { measures }],
    ] as const) {
      const user = verb === 'measures' ? 'liaison-qj-t01' : 'office';
      expect((await post(user, `/api/v1/problems/${a.id}/${verb}`, body)).statusCode, verb).toBe(409);
    }
    expect((await post('office', `/api/v1/problems/${b.id}/merge`, { intoId: b.id })).json().code).toBe(
      'merge_target_invalid',
    );
    expect((await post('office', `/api/v1/problems/${b.id}/merge`, { intoId: a.id })).json().code).toBe(
      'merge_target_invalid',
    );
    expect(
      (await post('office', `/api/v1/problems/${b.id}/merge`, { intoId: 999_999 })).json(),
    ).toMatchObject({
      code: 'not_found',
      field: 'body.intoId',
    });
    expect((await post('inspector', `/api/v1/problems/${b.id}/merge`, { intoId: a.id })).statusCode).toBe(
      403,
    );
    const c = await create();
    const merged = await post('office', `/api/v1/problems/${b.id}/merge`, {
      intoId: c.id,
      note: '与另一问题重复',
    });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoId: c.id, schedule: 'void' });
    expect(
      (await post('office', `/api/v1/problems/${b.id}/assign`, { unitId: unit['QJ-T02'] })).statusCode,
    ).toBe(409);
  });
});

describe('self-inspection 自查自纠', () => {
  it('lets a unit record its own problems from self-inspection only, and never close them', async () => {
    const r = await t.call('POST', '/api/v1/problems', {
      cookie: cookie['liaison-qj-t01'],
      body: draft({ sourceId: source.self_inspection, unitId: unit['QJ-T01-V001'], foundBy: '镇党委自查' }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const [row] = await t.sql('SELECT self_reported, recorded_by FROM problems WHERE id = $1', [id]);
    expect(row).toEqual({ self_reported: true, recorded_by: person['liaison-qj-t01'] });
    await post('liaison-qj-t01', `/api/v1/problems/${id}/measures`, { measures });
    await post('liaison-qj-t01', `/api/v1/problems/${id}/claim-closing`, { evidence: '已整改' });
    expect((await post('head-qj-t01', `/api/v1/problems/${id}/close`)).statusCode).toBe(403);
    expect((await post('office', `/api/v1/problems/${id}/close`)).json().status).toBe('closed');

    const notSelf = await t.call('POST', '/api/v1/problems', {
      cookie: cookie['liaison-qj-t01'],
      body: draft(),
    });
    expect(notSelf.statusCode).toBe(403);
    expect(notSelf.json()).toMatchObject({ code: 'source_not_for_units', field: 'body.sourceId' });
    const elsewhere = await t.call('POST', '/api/v1/problems', {
      cookie: cookie['liaison-qj-t01'],
      body: draft({ sourceId: source.self_inspection, unitId: unit['QJ-T02'] }),
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ code: 'not_found', field: 'body.unitId' });
  });

  it('checks what a draft names: person of the unit, active source, dates in order', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ personId: person['liaison-qj-t02'] }, 409, 'person_not_in_unit', 'body.personId'],
      [{ sourceId: 9999 }, 404, 'not_found', 'body.sourceId'],
      [{ categoryIds: [9999] }, 404, 'not_found', 'body.categoryIds.0'],
      [{ deadline: '2026-02-01' }, 400, 'validation_failed', 'body.deadline'],
      [{ longTerm: true }, 400, 'validation_failed', 'body.stages'],
      [{ stages: [{ date: '2026-04-01', title: '阶段一' }] }, 400, 'validation_failed', 'body.stages'],
      [{ description: '' }, 400, 'validation_failed', 'body.description'],
      [{ campaignId: 9999 }, 404, 'not_found', 'body.campaignId'],
    ];
    const n = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM problems'))[0]!.n;
    for (const [over, status, code, field] of cases) {
      const r = await t.call('POST', '/api/v1/problems', { cookie: cookie.office, body: draft(over) });
      expect(r.statusCode, JSON.stringify(over)).toBe(status);
      expect(r.json(), JSON.stringify(over)).toMatchObject({ code, field });
    }
    await t.sql("UPDATE problem_sources SET active = false WHERE code = 'audit'");
    const inactive = await t.call('POST', '/api/v1/problems', {
      cookie: cookie.office,
      body: draft({ sourceId: source.audit }),
    });
    expect(inactive.json()).toMatchObject({ code: 'source_inactive', field: 'body.sourceId' });
    await t.sql("UPDATE problem_sources SET active = true WHERE code = 'audit'");
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM problems'))[0]!.n).toBe(n);
  });
});

describe('long-term problems 按序时进度', () => {
  it('are behind when progress falls short of a stage target that has passed', async () => {
    const p = await create('office', {
      longTerm: true,
      deadline: '2026-12-31',
      stages: [
        { date: '2026-03-10', title: '完成排查', percent: 30 },
        { date: '2026-12-31', title: '全面销号' },
      ],
    });
    expect(p).toMatchObject({ schedule: 'on_schedule', expectedPercent: 0 });
    const url = `/api/v1/problems/${p.id}`;
    expect((await post('liaison-qj-t01', `${url}/progress`, { percent: 10 })).json().code).toBe(
      'wrong_state',
    );
    await post('liaison-qj-t01', `${url}/measures`, { measures });
    t.clock.now = new Date('2026-03-12T02:00:00Z');
    try {
      for (const u of users) cookie[u] = await t.signIn(u);
      const liaison = cookie['liaison-qj-t01']!;
      const behind = await t.call('GET', url, { cookie: liaison });
      expect(behind.json()).toMatchObject({ schedule: 'behind', expectedPercent: 30, overdue: false });
      const list = await t.call('GET', '/api/v1/problems?schedule=behind', { cookie: liaison });
      expect(list.json().items.map((x: { id: number }) => x.id)).toContain(p.id);
      const r = await t.call('POST', `${url}/progress`, {
        cookie: liaison,
        body: { percent: 40, note: '排查完成' },
      });
      expect(r.json()).toMatchObject({ schedule: 'on_schedule', progress: 40 });
      const short = await create('office');
      const notLong = await t.call('POST', `/api/v1/problems/${short.id}/progress`, {
        cookie: liaison,
        body: { percent: 40 },
      });
      expect(notLong.json().code).toBe('not_long_term');
    } finally {
      t.clock.now = new Date('2026-03-02T02:00:00Z');
      for (const u of users) cookie[u] = await t.signIn(u);
    }
  });
});

describe('bulk changes by the office', () => {
  it('assigns many problems all or nothing, one audit entry each', async () => {
    const ids = [(await create()).id, (await create()).id, (await create()).id];
    const closed = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${closed.id}/measures`, { measures });
    await post('liaison-qj-t01', `/api/v1/problems/${closed.id}/claim-closing`, { evidence: '已整改' });
    await post('office', `/api/v1/problems/${closed.id}/close`);
    const audit = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    const before = await audit();

    const forged = await post('office', '/api/v1/problems/bulk-assign', {
      ids: [...ids, 999_999],
      unitId: unit['QJ-T02'],
    });
    expect(forged.statusCode).toBe(404);
    expect(forged.json()).toMatchObject({ code: 'not_found', field: 'body.ids.3', detail: { id: 999_999 } });
    const wrong = await post('office', '/api/v1/problems/bulk-assign', {
      ids: [closed.id, ...ids],
      unitId: unit['QJ-T02'],
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({
      code: 'wrong_state',
      field: 'body.ids.0',
      detail: { id: closed.id, status: 'closed' },
    });
    expect(
      (await post('inspector', '/api/v1/problems/bulk-assign', { ids, unitId: unit['QJ-T02'] })).statusCode,
    ).toBe(403);
    expect(await audit()).toBe(before);
    expect(
      (await t.sql('SELECT DISTINCT unit_id FROM problems WHERE id = ANY($1)', [ids])).map((r) => r.unit_id),
    ).toEqual([unit['QJ-T01']]);

    const ok = await post('office', '/api/v1/problems/bulk-assign', {
      ids,
      unitId: unit['QJ-T02'],
      personId: person['liaison-qj-t02'],
    });
    expect(ok.json()).toEqual({ updated: 3, ids });
    expect(await audit()).toBe(before + 3);
    const rows = await t.sql('SELECT unit_id, person_id, status FROM problems WHERE id = ANY($1)', [ids]);
    expect(rows).toEqual(
      ids.map(() => ({ unit_id: unit['QJ-T02'], person_id: person['liaison-qj-t02'], status: 'assigned' })),
    );
    // The old unit no longer sees them; the new one does.
    expect(
      (await t.call('GET', `/api/v1/problems/${ids[0]}`, { cookie: cookie['liaison-qj-t01'] })).statusCode,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/problems/${ids[0]}`, { cookie: cookie['liaison-qj-t02'] })).statusCode,
    ).toBe(200);
  });

  it('sets a deadline on many problems all or nothing, one audit entry each', async () => {
    const ids = [(await create()).id, (await create()).id];
    const early = await post('office', '/api/v1/problems/bulk-deadline', { ids, deadline: '2026-01-01' });
    expect(early.json()).toMatchObject({ code: 'validation_failed', field: 'body.deadline' });
    const r = await post('office', '/api/v1/problems/bulk-deadline', {
      ids,
      deadline: '2026-06-30',
      note: '统一延期',
    });
    expect(r.json()).toEqual({ updated: 2, ids });
    expect(
      (await t.sql('SELECT DISTINCT deadline FROM problems WHERE id = ANY($1)', [ids])).map(
        (x) => x.deadline,
      ),
    ).toEqual(['2026-06-30']);
    const audit = await t.sql<{ object_id: string; before: unknown; after: unknown }>(
      "SELECT object_id, before, after FROM audit_log WHERE action = 'problem.set_deadline' ORDER BY id",
    );
    expect(audit).toEqual(
      ids.map((id) => ({
        object_id: String(id),
        before: { deadline: '2026-04-30' },
        after: { deadline: '2026-06-30', note: '统一延期' },
      })),
    );
  });

  it('sets the deadline of one problem: the office only, open problems only, one audit entry', async () => {
    const p = await create();
    const entries = () =>
      t.sql<{ before: unknown; after: unknown }>(
        "SELECT before, after FROM audit_log WHERE action = 'problem.set_deadline' AND object_id = $1 ORDER BY id",
        [String(p.id)],
      );
    const path = `/api/v1/problems/${p.id}/deadline`;
    const refused: [string, unknown, number, string, string][] = [
      ['liaison-qj-t01', { deadline: '2026-06-30' }, 403, 'forbidden', ''],
      ['office', { deadline: '2026-01-01' }, 400, 'validation_failed', 'body.deadline'],
      ['office', { deadline: '2026-02-30' }, 400, 'validation_failed', 'body.deadline'],
      ['office', { deadline: '2026-06-30', extra: 1 }, 400, 'validation_failed', ''],
    ];
    for (const [who, body, status, code, field] of refused) {
      const r = await post(who, path, body);
      expect(r.statusCode, `${who} ${JSON.stringify(body)}`).toBe(status);
      expect(r.json().code).toBe(code);
      if (field) expect(r.json().field).toBe(field);
    }
    const missing = await post('office', '/api/v1/problems/99999999/deadline', { deadline: '2026-06-30' });
    expect(missing.json()).toMatchObject({ code: 'not_found', field: 'params.id' });
    expect(await entries()).toEqual([]);
    const ok = await post('office', path, { deadline: '2026-07-15', note: '会商后延期' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: p.id, deadline: '2026-07-15' });
    expect(await entries()).toEqual([
      { before: { deadline: '2026-04-30' }, after: { deadline: '2026-07-15', note: '会商后延期' } },
    ]);
    await t.sql("UPDATE problems SET status = 'closed' WHERE id = $1", [p.id]);
    const closed = await post('office', path, { deadline: '2026-08-01' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'wrong_state', field: 'params.id' });
    expect(await entries()).toHaveLength(1);
  });
});

describe('lists, negative lists and statistics', () => {
  it('lists what the caller may see, filtered and paged', async () => {
    const office = await t.call('GET', '/api/v1/problems?limit=2', { cookie: cookie.office });
    expect(office.statusCode).toBe(200);
    expect(office.json().items).toHaveLength(2);
    const total = office.json().total as number;
    const byUnit = await t.call('GET', `/api/v1/problems?unitId=${unit['QJ-T02']}&limit=500`, {
      cookie: cookie.office,
    });
    const mine = await t.call('GET', '/api/v1/problems?limit=500', { cookie: cookie['liaison-qj-t02'] });
    expect(mine.json().total).toBe(byUnit.json().total);
    expect(mine.json().total).toBeLessThan(total);
    const cat = await t.call('GET', `/api/v1/problems?categoryId=${category.inaction}&open=true&limit=500`, {
      cookie: cookie.leader,
    });
    expect(cat.json().items.every((p: { status: string }) => p.status !== 'closed')).toBe(true);
    // The counts beside a list: per status over the filters without status and open, as SQL says.
    const counts = office.json().counts as { byStatus: Record<string, number>; overdue: number };
    const sum = Object.values(counts.byStatus).reduce((a, b) => a + b, 0);
    expect(sum).toBe(total);
    const byStatus = await t.sql<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM problems GROUP BY status',
    );
    for (const r of byStatus) expect(counts.byStatus[r.status], r.status).toBe(r.n);
    const filtered = await t.call('GET', '/api/v1/problems?status=closed&open=true&limit=1', {
      cookie: cookie.office,
    });
    expect(filtered.json().total).toBe(0);
    expect(filtered.json().counts).toEqual(counts);
    const overdue = await t.call('GET', '/api/v1/problems?schedule=overdue&limit=1', {
      cookie: cookie.office,
    });
    expect(counts.overdue).toBe(overdue.json().total);
    expect(cat.json().total).toBeGreaterThan(0);
    const bad = await t.call('GET', '/api/v1/problems?status=nope', { cookie: cookie.office });
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'query.status' });
  });

  it("gives a unit's negative list, which shrinks when a problem is closed, and exports it", async () => {
    const p = await create();
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/measures`, { measures });
    const url = `/api/v1/units/${unit['QJ-T01']}/negative-list`;
    const list = await t.call('GET', url, { cookie: cookie['head-qj-t01'] });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((x: { id: number }) => x.id === p.id);
    expect(item).toMatchObject({
      deadline: '2026-04-30',
      status: 'rectifying',
      measures: measures.map((m) => ({ ...m, done: false })),
    });
    expect(
      list
        .json()
        .items.every((x: { status: string }) => !['closed', 'dismissed', 'merged'].includes(x.status)),
    ).toBe(true);
    const n = list.json().items.length;
    // Kept lists are served only while nothing they show has changed: a measure marked done shows at once.
    await t.sql(
      `UPDATE problem_measures SET done = true
        WHERE id = (SELECT id FROM problem_measures WHERE problem_id = $1 ORDER BY seq LIMIT 1)`,
      [p.id],
    );
    const again = (await t.call('GET', url, { cookie: cookie['head-qj-t01'] })).json();
    expect(again.items.find((x: { id: number }) => x.id === p.id).measures[0].done).toBe(true);
    // A kept list is no way round the scope check: another town's liaison is still told 404.
    expect((await t.call('GET', url, { cookie: cookie['liaison-qj-t02'] })).statusCode).toBe(404);
    await post('liaison-qj-t01', `/api/v1/problems/${p.id}/claim-closing`, { evidence: '已整改' });
    await post('office', `/api/v1/problems/${p.id}/close`);
    expect((await t.call('GET', url, { cookie: cookie['head-qj-t01'] })).json().items).toHaveLength(n - 1);
    expect(
      (
        await t.call('GET', `/api/v1/units/${unit['QJ-T02']}/negative-list`, {
          cookie: cookie['head-qj-t01'],
        })
      ).statusCode,
    ).toBe(404);
    const xlsx = await t.call('GET', `${url}.xlsx`, { cookie: cookie['head-qj-t01'] });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('filename*=UTF-8');
  });

  it('lists overdue first, then by deadline; below the unit with includeSubunits; one campaign with campaignId', async () => {
    const late = await create('inspector', { deadline: '2026-03-01', foundOn: '2026-03-01' });
    const soon = await create('inspector', { deadline: '2026-03-10' });
    const village = await create('inspector', {
      unitId: unit['QJ-T01-V001'],
      categoryIds: [category.inaction_slow, category.formalism_form],
    });
    const url = `/api/v1/units/${unit['QJ-T01']}/negative-list`;
    const own = (await t.call('GET', url, { cookie: cookie['liaison-qj-t01'] })).json();
    const ids = own.items.map((x: { id: number }) => x.id);
    expect(ids).not.toContain(village.id);
    expect(ids.indexOf(late.id)).toBe(0);
    expect(own.items[0]).toMatchObject({
      overdue: true,
      schedule: 'overdue',
      categories: [{ name: '不作为' }],
    });
    expect(ids).toContain(soon.id);
    const deadlines = own.items.slice(1).map((x: { deadline: string }) => x.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const below = (
      await t.call('GET', `${url}?includeSubunits=true`, { cookie: cookie['liaison-qj-t01'] })
    ).json();
    const v = below.items.find((x: { id: number }) => x.id === village.id);
    expect(v).toMatchObject({
      unit: { id: unit['QJ-T01-V001'] },
      categories: [{ id: category.inaction_slow }, { id: category.formalism_form }],
      measures: [],
      person: null,
    });
    const [c] = await t.sql<{ id: number }>(
      `INSERT INTO campaigns (name, start_on, end_on) VALUES ('负面清单专项', '2026-01-01', '2026-12-31') RETURNING id`,
    );
    const inIt = await create('inspector', { unitId: unit['QJ-T01-V001'], campaignId: c!.id });
    const inCampaign = (
      await t.call('GET', `${url}?includeSubunits=true&campaignId=${c!.id}`, {
        cookie: cookie['liaison-qj-t01'],
      })
    ).json();
    expect(inCampaign.items.map((x: { id: number }) => x.id)).toEqual([inIt.id]);
  });

  it('counts by SQL what the records say, grouped by unit, source, category, campaign and month', async () => {
    const s = await t.call('GET', '/api/v1/problem-statistics?groupBy=unit', { cookie: cookie.office });
    expect(s.statusCode, s.body).toBe(200);
    const body = s.json();
    const [db] = await t.sql<{
      found: number;
      closed: number;
      dismissed: number;
      merged: number;
      returns: number;
    }>(
      `SELECT count(*) FILTER (WHERE status NOT IN ('dismissed','merged'))::int AS found,
              count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed,
              count(*) FILTER (WHERE status = 'merged')::int AS merged,
              sum(return_count) FILTER (WHERE status NOT IN ('dismissed','merged'))::int AS returns FROM problems`,
    );
    expect(body.total).toMatchObject(db!);
    expect(body.total.open).toBe(db!.found - db!.closed);
    expect(body.total.closingRate).toBe(Math.round((db!.closed / db!.found) * 10000) / 100);
    expect(body.total.onSchedule + body.total.overdue + body.total.behind).toBe(body.total.open);
    const sum = (k: string) => body.rows.reduce((a: number, r: Record<string, number>) => a + r[k]!, 0);
    for (const k of ['found', 'closed', 'open', 'overdue', 'returned', 'rebound'])
      expect(sum(k), k).toBe(body.total[k]);

    const under = await t.call('GET', `/api/v1/problem-statistics?groupBy=unit&underUnitId=${unit.QJ}`, {
      cookie: cookie.office,
    });
    expect(under.statusCode, under.body).toBe(200);
    const t01 = under.json().rows.find((r: { key: { id: number } }) => r.key.id === unit['QJ-T01']);
    const exact = body.rows
      .filter((r: { key: { id: number } }) => [unit['QJ-T01'], unit['QJ-T01-V001']].includes(r.key.id))
      .reduce((a: number, r: { found: number }) => a + r.found, 0);
    expect(t01.found).toBe(exact);

    for (const g of ['source', 'category', 'campaign', 'month']) {
      const r = await t.call('GET', `/api/v1/problem-statistics?groupBy=${g}`, { cookie: cookie.office });
      expect(r.statusCode, g).toBe(200);
      expect(r.json().total).toEqual(body.total);
    }
    const month = await t.call('GET', '/api/v1/problem-statistics?groupBy=month', { cookie: cookie.office });
    expect(month.json().rows).toEqual([expect.objectContaining({ key: { id: null, name: '2026-03' } })]);
    const byCat = await t.call('GET', '/api/v1/problem-statistics?groupBy=category', {
      cookie: cookie.office,
    });
    const parent = byCat.json().rows.find((r: { key: { id: number } }) => r.key.id === category.inaction);
    const child = byCat.json().rows.find((r: { key: { id: number } }) => r.key.id === category.inaction_none);
    expect(parent.found).toBeGreaterThanOrEqual(child.found);

    // A unit's own figures only.
    const own = await t.call('GET', '/api/v1/problem-statistics', { cookie: cookie['liaison-qj-t02'] });
    expect(own.json().rows.map((r: { key: { id: number } }) => r.key.id)).toEqual([unit['QJ-T02']]);
    const outside = await t.call('GET', `/api/v1/problem-statistics?unitId=${unit['QJ-T01']}`, {
      cookie: cookie['liaison-qj-t02'],
    });
    expect(outside.statusCode).toBe(404);
  });
});
