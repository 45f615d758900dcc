import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
let problemId: number;
const users = [
  'discipline',
  'office',
  'inspector',
  'liaison-qj-t01',
  'head-qj-t01',
  'leader',
  'admin',
  'secadmin',
  'auditor',
  'grid',
];
const reasoning = '推进项目审批改革中先行先试，程序存在疏漏，未造成重大损失且未谋取私利';
const secret = '经区纪委常委会研究，决定给予王某某党内警告处分。（决定书编号：清纪发〔2025〕17号）';

beforeAll(async () => {
  t = await testContext();
  for (const u of users) cookie[u] = await t.signIn(u);
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ', 'QJ-T01', 'QJ-T02', 'QJ-D001')",
  ))
    unit[r.code] = r.id;
  const source = (
    await t.sql<{ id: number }>("SELECT id FROM problem_sources WHERE code = 'supervision'")
  )[0]!.id;
  const p = await t.call('POST', '/api/v1/problems', {
    cookie: cookie.inspector,
    body: {
      description: '项目审批程序存在疏漏',
      sourceId: source,
      foundOn: '2025-03-01',
      unitId: unit['QJ-T01'],
      deadline: '2025-06-30',
    },
  });
  expect(p.statusCode, p.body).toBe(201);
  problemId = p.json().id;
});

const post = (url: string, body: unknown, user = 'discipline') =>
  t.call('POST', url, { cookie: cookie[user], body });
const get = (url: string, user = 'discipline') => t.call('GET', url, { cookie: cookie[user] });

async function person(name: string, unitCode = 'QJ-T01'): Promise<number> {
  const r = await post('/api/v1/accountability/persons', { name, unitId: unit[unitCode], post: '副镇长' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function newCase(title: string): Promise<number> {
  const r = await post('/api/v1/accountability/cases', { title, number: '' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function record(caseId: number, body: Record<string, unknown>) {
  const r = await post(`/api/v1/accountability/cases/${caseId}/records`, {
    basisProblemIds: [problemId],
    decisionText: secret,
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const auditCount = async (action?: string) =>
  (
    await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log ${action ? 'WHERE action = $1' : ''}`,
      action ? [action] : [],
    )
  )[0]!.n;

describe('a case with leniency and follow-up visits', () => {
  let caseId: number;
  let recordId: number;
  let wang: number;

  it('records a sanction: SM4 ciphertext in the database, the text for the discipline role', async () => {
    wang = await person('王某某');
    caseId = await newCase('某镇审批程序疏漏问题');
    const r = await record(caseId, {
      subject: { kind: 'person', accountabilityPersonId: wang },
      measure: 'party_warning',
      decidedOn: '2025-11-30',
      leniency: {
        kind: 'lenient',
        distinctions: ['reform_inexperience'],
        reasoning,
        ordinaryMeasure: 'party_serious_warning',
      },
    });
    recordId = r.id;
    expect(r).toMatchObject({
      caseId,
      subject: { kind: 'person', person: { id: wang, name: '王某某' }, unit: { id: unit['QJ-T01'] } },
      measure: 'party_warning',
      measureLabel: { zh: '党内警告' },
      form: 2,
      basisProblemIds: [problemId],
      leniency: {
        kind: 'lenient',
        label: { zh: '从轻处理' },
        reasoning,
        distinctions: ['reform_inexperience'],
      },
      decisionText: secret,
      decisionUnreadable: null,
      // Follow-up visits at 3 and 6 months, clamped to the month's end.
      followUps: [
        { dueOn: '2026-02-28', status: 'scheduled' },
        { dueOn: '2026-05-30', status: 'scheduled' },
      ],
    });
    const [row] = await t.sql<{ sealed: string }>(
      'SELECT decision_sealed AS sealed FROM accountability_records WHERE id = $1',
      [recordId],
    );
    expect(row!.sealed).toMatch(/^sm4\$1\$[0-9a-f]{8}\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(row!.sealed).not.toContain('党内警告');
    // Nowhere in the database: not in any record, not in the audit log.
    const leaks = await t.sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM accountability_records WHERE decision_sealed LIKE '%' || $1 || '%')
            + (SELECT count(*) FROM audit_log WHERE before::text LIKE '%' || $1 || '%' OR after::text LIKE '%' || $1 || '%')
              AS n`,
      ['清纪发'],
    );
    expect(Number(leaks[0]!.n)).toBe(0);
  });

  it('reads it back, decrypted, in the case and the record; the list carries no decision text', async () => {
    const c = await get(`/api/v1/accountability/cases/${caseId}`);
    expect(c.json().records[0].decisionText).toBe(secret);
    const list = await get(`/api/v1/accountability/records?caseId=${caseId}`);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).not.toHaveProperty('decisionText');
  });

  it('audits every read: a record, a list, the statistics, the follow-ups, the register', async () => {
    for (const url of [
      `/api/v1/accountability/records/${recordId}`,
      '/api/v1/accountability/records',
      '/api/v1/accountability/cases',
      '/api/v1/accountability/statistics',
      '/api/v1/accountability/follow-ups',
      '/api/v1/accountability/persons',
    ]) {
      const before = await auditCount('accountability.read');
      expect((await get(url)).statusCode, url).toBe(200);
      expect(await auditCount('accountability.read'), url).toBe(before + 1);
    }
    const last = await t.sql<{ actor: string; after: unknown }>(
      `SELECT actor_name AS actor, after FROM audit_log WHERE action = 'accountability.read'
          AND object_type = 'accountability_record' AND object_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(recordId)],
    );
    expect(last).toEqual([{ actor: 'discipline', after: { read: 'record' } }]);
    const list = await t.sql<{ after: { ids: number[] } }>(
      `SELECT after FROM audit_log WHERE action = 'accountability.read' AND object_type = 'accountability_record'
          AND object_id IS NULL ORDER BY id DESC LIMIT 1`,
    );
    expect(list[0]!.after.ids).toContain(recordId);
  });

  it('does not open a decision text copied onto another record', async () => {
    const other = await record(caseId, {
      subject: { kind: 'unit', unitId: unit['QJ-T01'] },
      measure: 'unit_circular',
      decidedOn: '2025-11-30',
      decisionText: '对某镇党委予以通报',
    });
    await t.sql(
      'UPDATE accountability_records SET decision_sealed = (SELECT decision_sealed FROM accountability_records WHERE id = $1) WHERE id = $2',
      [recordId, other.id],
    );
    const r = await get(`/api/v1/accountability/records/${other.id}`);
    expect(r.json()).toMatchObject({ decisionText: null, decisionUnreadable: 'authentication_failed' });
  });

  it('records the follow-up visit with the opinion 不影响使用', async () => {
    const list = await get(
      `/api/v1/accountability/follow-ups?status=scheduled&accountabilityPersonId=${wang}`,
    );
    expect(list.json().total).toBe(2);
    const first = list.json().items[0];
    const r = await post(`/api/v1/accountability/follow-ups/${first.id}/record`, {
      visitedOn: '2026-02-27',
      notes: '思想认识到位，工作积极主动',
      noEffectOnUse: true,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'done', visitedOn: '2026-02-27', noEffectOnUse: true });
    const again = await post(`/api/v1/accountability/follow-ups/${first.id}/record`, {
      visitedOn: '2026-02-28',
    });
    expect(again.json().code).toBe('wrong_state');
    const future = await post(`/api/v1/accountability/follow-ups/${list.json().items[1].id}/record`, {
      visitedOn: '2026-05-30',
    });
    expect(future.json()).toMatchObject({ code: 'validation_failed', field: 'body.visitedOn' });
  });

  it.each<[string, Record<string, unknown>, number, string, string]>([
    [
      'leniency without reasoning',
      {
        measure: 'party_warning',
        leniency: { kind: 'reduced', distinctions: ['reform_inexperience'], reasoning: '情节轻微' },
      },
      400,
      'validation_failed',
      'body.leniency.reasoning',
    ],
    [
      'leniency without a distinction',
      { measure: 'party_warning', leniency: { kind: 'lenient', distinctions: [], reasoning } },
      400,
      'validation_failed',
      'body.leniency.distinctions',
    ],
    [
      'exempt yet sanctioned',
      {
        measure: 'party_warning',
        leniency: { kind: 'exempt', distinctions: ['unrestricted_exploration'], reasoning },
      },
      400,
      'validation_failed',
      'body.measure',
    ],
    [
      'a unit measure on a person',
      { measure: 'unit_reorganisation' },
      400,
      'validation_failed',
      'body.measure',
    ],
    ['no measure and no leniency', { measure: null }, 400, 'validation_failed', 'body.measure'],
    [
      'no basis',
      { measure: 'criticism', basisProblemIds: [], basisText: '' },
      400,
      'validation_failed',
      'body.basisProblemIds',
    ],
    [
      'an unknown problem',
      { measure: 'criticism', basisProblemIds: [999999] },
      404,
      'not_found',
      'body.basisProblemIds.0',
    ],
    [
      'a decision in the future',
      { measure: 'criticism', decidedOn: '2026-12-01' },
      400,
      'validation_failed',
      'body.decidedOn',
    ],
    ['an unknown measure', { measure: 'flogging' }, 400, 'validation_failed', 'body.measure'],
    [
      'no decision text',
      { measure: 'criticism', decisionText: '  ' },
      400,
      'validation_failed',
      'body.decisionText',
    ],
  ])('refuses %s, and writes nothing', async (_name, change, status, code, field) => {
    const before = await auditCount();
    const r = await post(`/api/v1/accountability/cases/${caseId}/records`, {
      subject: { kind: 'person', accountabilityPersonId: wang },
      basisProblemIds: [problemId],
      decidedOn: '2026-01-15',
      decisionText: secret,
      ...change,
    });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ code, field });
    expect(await auditCount()).toBe(before);
  });

  it('is a secret to every other role: 404 (not 403) on every record, list and statistic', async () => {
    const before = await auditCount();
    for (const u of users.filter((x) => x !== 'discipline')) {
      for (const [method, url] of [
        ['GET', `/api/v1/accountability/records/${recordId}`],
        ['GET', '/api/v1/accountability/records'],
        ['GET', `/api/v1/accountability/cases/${caseId}`],
        ['GET', '/api/v1/accountability/statistics'],
        ['GET', '/api/v1/accountability/follow-ups'],
        ['POST', `/api/v1/accountability/cases/${caseId}/records`],
        ['POST', '/api/v1/accountability/cases'],
      ] as const) {
        const r = await t.call(method, url, {
          cookie: cookie[u],
          ...(method === 'POST' ? { body: {} } : {}),
        });
        expect(r.statusCode, `${u} ${method} ${url}`).toBe(404);
        expect(r.json().code).toBe('not_found');
      }
    }
    expect(await auditCount()).toBe(before);
    const anonymous = await t.call('GET', `/api/v1/accountability/records/${recordId}`);
    expect(anonymous.statusCode).toBe(401);
    // The menu never shows it either.
    const session = await get('/api/v1/session', 'liaison-qj-t01');
    expect(JSON.stringify(session.json())).not.toContain('accountability');
    const own = await get('/api/v1/session');
    expect(JSON.stringify(own.json())).toContain('accountability.manage');
  });
});

describe('clue transfers (线索移送)', () => {
  it('go from an inspector to the commission and back with their status; the case is the commission’s', async () => {
    const draft = await post(
      '/api/v1/clue-transfers',
      { summary: '某镇干部在项目审批中涉嫌吃拿卡要', unitId: unit['QJ-T01'], problemIds: [problemId] },
      'inspector',
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect(draft.json()).toMatchObject({ status: 'draft', abilities: { transfer: true, accept: false } });
    // A draft is not the commission's yet.
    expect((await get(`/api/v1/clue-transfers/${id}`)).statusCode).toBe(404);
    expect((await post(`/api/v1/clue-transfers/${id}/transfer`, {}, 'inspector')).json().status).toBe(
      'transferred',
    );
    expect((await post(`/api/v1/clue-transfers/${id}/withdraw`, {}, 'inspector')).json().code).toBe(
      'wrong_state',
    );
    const back = await post(`/api/v1/clue-transfers/${id}/return`, { reason: '请补充审批档案' });
    expect(back.json()).toMatchObject({ status: 'returned', decisionNote: '请补充审批档案' });
    await post(`/api/v1/clue-transfers/${id}/transfer`, {}, 'inspector');
    expect((await post(`/api/v1/clue-transfers/${id}/accept`, {})).json().status).toBe('accepted');
    const caseId = (await post('/api/v1/accountability/cases', { title: '线索转立案' })).json().id;
    const done = await post(`/api/v1/clue-transfers/${id}/conclude`, {
      disposal: 'case_opened',
      note: '已立案审查',
      caseId,
    });
    expect(done.json()).toMatchObject({ status: 'concluded', disposal: 'case_opened', caseId });
    const seenByOffice = await get(`/api/v1/clue-transfers/${id}`, 'office');
    expect(seenByOffice.json()).toMatchObject({
      status: 'concluded',
      disposalLabel: { zh: '立案审查调查' },
      caseId: null,
    });
    expect((await get('/api/v1/clue-transfers', 'liaison-qj-t01')).statusCode).toBe(403);
    expect((await post(`/api/v1/clue-transfers/${id}/accept`, {}, 'office')).statusCode).toBe(403);
  });
});
