import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
const person: Record<string, number> = {};
const source: Record<string, number> = {};
const users = ['office', 'inspector', 'liaison-qj-t01', 'head-qj-t01', 'liaison-qj-t02', 'leader', 'grid'];

beforeAll(async () => {
  t = await testContext();
  for (const u of users) cookie[u] = await t.signIn(u);
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ-T01', 'QJ-T02')",
  ))
    unit[r.code] = r.id;
  for (const r of await t.sql<{ id: number; username: string }>('SELECT id, username FROM people'))
    person[r.username] = r.id;
  for (const r of await t.sql<{ id: number; code: string }>('SELECT id, code FROM problem_sources'))
    source[r.code] = r.id;
});

const post = (user: string, url: string, body: unknown = {}) =>
  t.call('POST', url, { cookie: cookie[user], body });
const get = (user: string, url: string) => t.call('GET', url, { cookie: cookie[user] });

describe('warnings (黄牌警告)', () => {
  let id: number;

  it('are drafted by the office, approved by someone else, published, and then seen by the unit', async () => {
    const r = await post('office', '/api/v1/warnings', {
      unitId: unit['QJ-T01'],
      colour: 'yellow',
      reason: '连续两个月进度报送逾期，督办后仍未整改',
      startOn: '2026-03-01',
      endOn: '2026-05-31',
    });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'draft',
      colourLabel: { zh: '黄牌警告' },
      inForce: false,
      abilities: { approve: false, withdraw: true },
    });
    expect((await get('liaison-qj-t01', `/api/v1/warnings/${id}`)).statusCode).toBe(404);
    const own = await post('office', `/api/v1/warnings/${id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('approver_is_drafter');
    expect((await post('leader', `/api/v1/warnings/${id}/approve`)).json()).toMatchObject({
      status: 'approved',
      approvedBy: { id: person.leader },
    });
    const pub = await post('office', `/api/v1/warnings/${id}/publish`, { scope: 'internal' });
    expect(pub.json()).toMatchObject({ status: 'published_internal', inForce: true });
    const seen = await get('liaison-qj-t01', '/api/v1/warnings');
    expect(seen.json().items.map((w: { id: number }) => w.id)).toEqual([id]);
    const actions = await t.sql<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'warning' ORDER BY id",
    );
    expect(actions.map((a) => a.action)).toEqual([
      'warning.create',
      'warning.approve',
      'warning.publish_internal',
    ]);
  });

  it('is revoked with a reason, and is then no longer in force', async () => {
    expect((await post('office', `/api/v1/warnings/${id}/withdraw`, { reason: '误发' })).json().code).toBe(
      'wrong_state',
    );
    const r = await post('office', `/api/v1/warnings/${id}/revoke`, { reason: '经复核，逾期系系统故障所致' });
    expect(r.json()).toMatchObject({
      status: 'revoked',
      inForce: false,
      endReason: '经复核，逾期系系统故障所致',
    });
  });

  it.each([
    ['a period that ends before it starts', { endOn: '2026-02-01' }, 400, 'body.endOn'],
    ['no reason', { reason: ' ' }, 400, 'body.reason'],
    ['an unknown colour', { colour: 'green' }, 400, 'body.colour'],
    ['an unknown unit', { unitId: 999999 }, 404, 'body.unitId'],
  ])('refuses %s', async (_name, over, status, field) => {
    const r = await post('office', '/api/v1/warnings', {
      unitId: unit['QJ-T02'],
      colour: 'red',
      reason: '屡督不改',
      startOn: '2026-03-01',
      endOn: '2026-03-31',
      ...over,
    });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().field).toBe(field);
  });

  it('is drafted by the office only', async () => {
    const r = await post('liaison-qj-t01', '/api/v1/warnings', {});
    expect(r.statusCode).toBe(403);
  });
});

describe('circulars (通报)', () => {
  it('of criticism are approved by a leader and published to the public', async () => {
    const r = await post('office', '/api/v1/circulars', {
      tone: 'criticism',
      title: '关于部分单位作风问题的通报',
      body: '近期明察暗访发现，某镇便民服务中心工作人员脱岗……',
      unitIds: [unit['QJ-T02']],
      personIds: [person['liaison-qj-t02']],
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({
      toneLabel: { zh: '通报批评' },
      units: [{ id: unit['QJ-T02'] }],
      status: 'draft',
    });
    expect((await get('grid', '/api/v1/circulars')).statusCode).toBe(403);
    expect((await get('liaison-qj-t01', '/api/v1/circulars')).json().total).toBe(0);
    await post('leader', `/api/v1/circulars/${id}/approve`);
    expect((await post('office', `/api/v1/circulars/${id}/publish`, { scope: 'public' })).json().status).toBe(
      'published_public',
    );
    const seen = await get('liaison-qj-t01', '/api/v1/circulars?status=published_public');
    expect(seen.json().items).toEqual([expect.objectContaining({ id, title: '关于部分单位作风问题的通报' })]);
  });

  it('published to the public are read by anyone without signing in, drafts and internal ones never', async () => {
    const draft = await post('office', '/api/v1/circulars', {
      tone: 'praise',
      title: '关于表扬某镇的内部通报',
      body: '某镇整改迅速',
      unitIds: [unit['QJ-T01']],
    });
    const internal = draft.json().id;
    await post('leader', `/api/v1/circulars/${internal}/approve`);
    await post('office', `/api/v1/circulars/${internal}/publish`, { scope: 'internal' });
    const pending = await post('office', '/api/v1/circulars', {
      tone: 'praise',
      title: '尚未签发的通报',
      body: '草稿',
      unitIds: [unit['QJ-T01']],
    });
    expect(pending.statusCode).toBe(201);
    const r = await t.call('GET', '/api/v1/public/circulars');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.circulars).toEqual([
      {
        id: expect.any(Number),
        tone: 'criticism',
        toneLabel: { zh: '通报批评', en: expect.any(String) },
        title: '关于部分单位作风问题的通报',
        body: '近期明察暗访发现，某镇便民服务中心工作人员脱岗……',
        units: [expect.any(String)],
        people: [expect.any(String)],
        publishedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/draftedBy|approvedBy|abilities|内部通报|尚未签发/);
    // A public warning shows too; once revoked it is gone from the public page.
    const w = await post('office', '/api/v1/warnings', {
      unitId: unit['QJ-T02'],
      colour: 'red',
      reason: '问题整改严重逾期',
      startOn: '2026-03-01',
      endOn: '2026-04-30',
    });
    const wid = w.json().id;
    await post('leader', `/api/v1/warnings/${wid}/approve`);
    await post('office', `/api/v1/warnings/${wid}/publish`, { scope: 'public' });
    const withCard = (await t.call('GET', '/api/v1/public/circulars')).json();
    expect(withCard.warnings).toEqual([
      expect.objectContaining({ id: wid, colour: 'red', reason: '问题整改严重逾期', inForce: true }),
    ]);
    await post('office', `/api/v1/warnings/${wid}/revoke`, { reason: '复核后撤销' });
    expect((await t.call('GET', '/api/v1/public/circulars')).json().warnings).toEqual([]);
  });

  it('refuses one that names nobody, and a unit or person unknown', async () => {
    const base = { tone: 'praise', title: '表扬', body: '表现突出' };
    expect((await post('office', '/api/v1/circulars', base)).json()).toMatchObject({
      code: 'validation_failed',
      field: 'body.unitIds',
    });
    expect(
      (await post('office', '/api/v1/circulars', { ...base, personIds: [999999] })).json(),
    ).toMatchObject({
      code: 'not_found',
      field: 'body.personIds.0',
    });
  });
});

describe('redo orders (返工整改)', () => {
  let orderId: number;
  let basis: number;
  let found: number;

  it('order a unit to re-inspect itself, opening a self-inspection it alone can see', async () => {
    const p = await post('inspector', '/api/v1/problems', {
      description: '问题整改不到位，屡查屡犯',
      sourceId: source.supervision,
      foundOn: '2026-03-02',
      unitId: unit['QJ-T01'],
      deadline: '2026-03-31',
    });
    basis = p.json().id;
    const r = await post('office', '/api/v1/redo-orders', {
      subject: { kind: 'unit', unitId: unit['QJ-T01'] },
      reason: '隐瞒不查、查而不纠，责令重新检视、返工整改',
      dueOn: '2026-03-20',
      basisProblemIds: [basis],
    });
    expect(r.statusCode, r.body).toBe(201);
    orderId = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'issued',
      subject: { kind: 'unit', unit: { id: unit['QJ-T01'] }, person: null },
      issuedOn: '2026-03-02',
      basisProblemIds: [basis],
      selfInspection: { sourceId: source.self_inspection, from: '2026-03-02', open: true },
    });
    const mine = await get('liaison-qj-t01', `/api/v1/redo-orders/${orderId}`);
    expect(mine.json().abilities).toMatchObject({ submit: true, accept: false });
    expect((await get('liaison-qj-t02', `/api/v1/redo-orders/${orderId}`)).statusCode).toBe(404);
  });

  it('takes the self-inspection problems the unit recorded, and only those', async () => {
    const p = await post('liaison-qj-t01', '/api/v1/problems', {
      description: '自查发现：整改台账未及时更新',
      sourceId: source.self_inspection,
      foundOn: '2026-03-02',
      unitId: unit['QJ-T01'],
      deadline: '2026-03-31',
    });
    expect(p.statusCode, p.body).toBe(201);
    found = p.json().id;
    const wrong = await post('liaison-qj-t01', `/api/v1/redo-orders/${orderId}/submit`, {
      report: '已重新检视',
      problemIds: [found, basis],
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'problem_not_self_inspection', field: 'body.problemIds.1' });
    const r = await post('liaison-qj-t01', `/api/v1/redo-orders/${orderId}/submit`, {
      report: '对照问题清单逐项重新检视，新发现问题 1 个，已建立整改台账',
      problemIds: [found],
    });
    expect(r.json()).toMatchObject({ status: 'submitted', foundProblemIds: [found] });
  });

  it('is sent back once and accepted on the second report', async () => {
    const back = await post('inspector', `/api/v1/redo-orders/${orderId}/send-back`, {
      reason: '检视不深入',
    });
    expect(back.json()).toMatchObject({ status: 'issued', returnCount: 1, decisionNote: '检视不深入' });
    await post('head-qj-t01', `/api/v1/redo-orders/${orderId}/submit`, {
      report: '再次深入检视，补充整改措施',
      problemIds: [found],
    });
    const ok = await post('office', `/api/v1/redo-orders/${orderId}/accept`, { note: '' });
    expect(ok.json()).toMatchObject({ status: 'accepted', returnCount: 1, selfInspection: { open: false } });
  });

  it('orders a leader, who alone submits for himself', async () => {
    const r = await post('office', '/api/v1/redo-orders', {
      subject: { kind: 'leader', personId: person.leader },
      reason: '分管领域问题反弹，责令重新检视',
      dueOn: '2026-04-30',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().subject.person).toMatchObject({ id: person.leader });
    const notLeader = await post('office', '/api/v1/redo-orders', {
      subject: { kind: 'leader', personId: person['liaison-qj-t01'] },
      reason: 'x',
      dueOn: '2026-04-30',
    });
    expect(notLeader.json()).toMatchObject({ code: 'not_a_leader', field: 'body.subject.personId' });
    const s = await post('leader', `/api/v1/redo-orders/${r.json().id}/submit`, {
      report: '已重新检视分管领域',
    });
    expect(s.json().status).toBe('submitted');
  });

  it('refuses a due date that is not in the future', async () => {
    const r = await post('office', '/api/v1/redo-orders', {
      subject: { kind: 'unit', unitId: unit['QJ-T02'] },
      reason: '返工整改',
      dueOn: '2026-03-02',
    });
    expect(r.json()).toMatchObject({ code: 'validation_failed', field: 'body.dueOn' });
  });
});
