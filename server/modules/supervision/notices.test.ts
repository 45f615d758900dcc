import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
let source: number;
let leaderId: number;
const users = ['office', 'inspector', 'liaison-qj-t01', 'head-qj-t01', 'liaison-qj-t02', 'leader'];

async function at(date: string) {
  t.clock.now = new Date(`${date}T02:00:00Z`);
  for (const u of users) cookie[u] = await t.signIn(u);
}

beforeAll(async () => {
  t = await testContext();
  await at('2026-03-02');
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ-T01', 'QJ-T02')",
  ))
    unit[r.code] = r.id;
  source = (await t.sql<{ id: number }>("SELECT id FROM problem_sources WHERE code = 'supervision'"))[0]!.id;
  leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
});

const post = (user: string, url: string, body: unknown = {}) =>
  t.call('POST', url, { cookie: cookie[user], body });
const run = async () => (await post('office', '/api/v1/escalation/run')).json();

async function problem(deadline: string, unitCode = 'QJ-T01'): Promise<number> {
  const r = await post('inspector', '/api/v1/problems', {
    description: '村务公开栏长期不更新',
    sourceId: source,
    foundOn: '2026-03-02',
    unitId: unit[unitCode],
    deadline,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

type Row = { id: number; level: string; status: string; cause: string; unanswered: number | null };
const noticesOf = (kind: string, id: number | string) =>
  t.sql<Row>(
    `SELECT id, level, status, cause, unanswered_notice_id AS unanswered FROM supervision_notices
      WHERE object_kind = $1 AND object_id = $2 ORDER BY id`,
    [kind, String(id)],
  );

const auditCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

describe('escalation rules', () => {
  const rule = (steps: unknown) =>
    t.call('PUT', '/api/v1/escalation-rules/problem_overdue', { cookie: cookie.office, body: { steps } });

  it.each([
    [
      'a negative day range',
      [{ afterWorkingDays: -2, level: 'reminder', answerWithinWorkingDays: 3 }],
      'body.steps.0.afterWorkingDays',
      'days_invalid',
    ],
    [
      'a negative answer period',
      [{ afterWorkingDays: 1, level: 'reminder', answerWithinWorkingDays: -1 }],
      'body.steps.0.answerWithinWorkingDays',
      'answer_days_invalid',
    ],
    [
      'two steps on the same day (overlapping ranges)',
      [
        { afterWorkingDays: 3, level: 'reminder', answerWithinWorkingDays: 3 },
        { afterWorkingDays: 3, level: 'urge', answerWithinWorkingDays: 3 },
      ],
      'body.steps.1.afterWorkingDays',
      'days_overlap',
    ],
    [
      'a ladder that goes down',
      [
        { afterWorkingDays: 1, level: 'urge', answerWithinWorkingDays: 3 },
        { afterWorkingDays: 5, level: 'reminder', answerWithinWorkingDays: 3 },
      ],
      'body.steps.1.level',
      'level_order',
    ],
    ['no steps', [], 'body.steps', 'no_steps'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_name, steps, field, code) => {
    const before = await auditCount();
    const r = await rule(steps);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'validation_failed', field, errors: [{ field, code }] });
    expect(r.json().errors[0].message.zh).toMatch(/./);
    expect(await auditCount()).toBe(before);
  });

  it('refuses an unknown kind and a step that is not a whole number', async () => {
    const bad = await t.call('PUT', '/api/v1/escalation-rules/lunch_late', {
      cookie: cookie.office,
      body: { steps: [] },
    });
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'params.kind' });
    const frac = await rule([{ afterWorkingDays: 1.5, level: 'reminder', answerWithinWorkingDays: 2 }]);
    expect(frac.json()).toMatchObject({ code: 'validation_failed', field: 'body.steps.0.afterWorkingDays' });
  });

  it('is set by the office only, sorted by day, and audited', async () => {
    const steps = [
      { afterWorkingDays: 40, level: 'listed', answerWithinWorkingDays: 2 },
      { afterWorkingDays: 1, level: 'reminder', answerWithinWorkingDays: 2 },
    ];
    const denied = await t.call('PUT', '/api/v1/escalation-rules/problem_overdue', {
      cookie: cookie['liaison-qj-t01'],
      body: { steps },
    });
    expect(denied.statusCode).toBe(403);
    const r = await rule(steps);
    expect(r.statusCode, r.body).toBe(200);
    const item = r.json().items.find((i: { kind: string }) => i.kind === 'problem_overdue');
    expect(item.steps.map((s: { level: string }) => s.level)).toEqual(['reminder', 'listed']);
    const a = await t.sql("SELECT after FROM audit_log WHERE action = 'escalation_rule.set'");
    expect(a).toHaveLength(1);
  });

  it('can be removed, and the kind is then not escalated by schedule', async () => {
    const del = await t.call('DELETE', '/api/v1/escalation-rules/ticket_overdue', { cookie: cookie.office });
    expect(del.statusCode).toBe(204);
    const list = await t.call('GET', '/api/v1/escalation-rules', { cookie: cookie.leader });
    expect(list.json().items.find((i: { kind: string }) => i.kind === 'ticket_overdue')).toMatchObject({
      active: false,
      steps: [],
    });
    expect(
      (await t.call('DELETE', '/api/v1/escalation-rules/ticket_overdue', { cookie: cookie.office }))
        .statusCode,
    ).toBe(404);
  });
});

describe('answers (problem_overdue: 提醒 after 1 working day, 2 days to answer, nothing else until day 40)', () => {
  let answered: number;
  let silent: number;
  let noticeOfAnswered: number;
  let noticeOfSilent: number;

  it('raises a reminder on each overdue problem', async () => {
    answered = await problem('2026-03-13');
    silent = await problem('2026-03-13');
    await at('2026-03-16');
    expect((await run()).raised).toBe(2);
    noticeOfAnswered = (await noticesOf('problem_overdue', answered))[0]!.id;
    noticeOfSilent = (await noticesOf('problem_overdue', silent))[0]!.id;
  });

  it('is answered by the notice’s unit only: another unit gets 404, the office 403, and nothing changes', async () => {
    const url = `/api/v1/supervision-notices/${noticeOfAnswered}/answer`;
    const before = await auditCount();
    expect((await post('liaison-qj-t02', url, { answer: '已整改' })).statusCode).toBe(404);
    expect((await post('office', url, { answer: '已整改' })).statusCode).toBe(403);
    expect((await post('liaison-qj-t01', url, { answer: '   ' })).json()).toMatchObject({
      code: 'validation_failed',
      field: 'body.answer',
    });
    expect(await auditCount()).toBe(before);
    const r = await post('liaison-qj-t01', url, { answer: '已制定整改方案，3月底前完成公开栏更新' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'answered',
      answer: '已制定整改方案，3月底前完成公开栏更新',
      abilities: { answer: false },
    });
    expect((await post('liaison-qj-t01', url, { answer: '再答一次' })).json().code).toBe('wrong_state');
  });

  it('escalates the unanswered notice one rung after its answer date, and not the answered one', async () => {
    await at('2026-03-18'); // the answer date itself: still in time
    expect((await run()).raised).toBe(0);
    await at('2026-03-19');
    expect((await run()).raised).toBe(1);
    expect(await noticesOf('problem_overdue', answered)).toEqual([
      expect.objectContaining({ level: 'reminder', status: 'answered' }),
    ]);
    expect(await noticesOf('problem_overdue', silent)).toEqual([
      expect.objectContaining({ level: 'reminder', status: 'escalated' }),
      expect.objectContaining({
        level: 'urge',
        status: 'open',
        cause: 'unanswered',
        unanswered: noticeOfSilent,
      }),
    ]);
  });

  it('lets the office see the answer and accept it; an accepted notice never escalates', async () => {
    const office = await t.call('GET', `/api/v1/supervision-notices?status=answered`, {
      cookie: cookie.office,
    });
    expect(office.json().items).toEqual([
      expect.objectContaining({
        id: noticeOfAnswered,
        answer: expect.stringContaining('公开栏'),
        abilities: expect.objectContaining({ accept: true, returnAnswer: true }),
      }),
    ]);
    const back = await post('office', `/api/v1/supervision-notices/${noticeOfAnswered}/return-answer`, {
      reason: '请写明完成时限和责任人',
    });
    expect(back.json()).toMatchObject({
      status: 'open',
      returnCount: 1,
      decisionNote: '请写明完成时限和责任人',
    });
    const again = await post('head-qj-t01', `/api/v1/supervision-notices/${noticeOfAnswered}/answer`, {
      answer: '由村支书负责，3月31日前完成公开栏更新',
    });
    expect(again.json()).toMatchObject({ status: 'answered' });
    const r = await post('office', `/api/v1/supervision-notices/${noticeOfAnswered}/accept`, {
      note: '同意',
    });
    expect(r.json()).toMatchObject({ status: 'accepted', endReason: 'accepted', decisionNote: '同意' });
    await at('2026-03-25');
    await run();
    expect(await noticesOf('problem_overdue', answered)).toHaveLength(1);
  });

  it('ends the live notice when the problem is closed', async () => {
    const measures = await post('liaison-qj-t01', `/api/v1/problems/${silent}/measures`, {
      measures: [{ text: '更新公开栏并建立月度更新制度', owner: '村支书', dueOn: '2026-03-13' }],
    });
    expect(measures.statusCode, measures.body).toBe(200);
    expect(
      (await post('liaison-qj-t01', `/api/v1/problems/${silent}/claim-closing`, { evidence: '已更新' }))
        .statusCode,
    ).toBe(200);
    expect((await post('inspector', `/api/v1/problems/${silent}/close`, { note: '' })).statusCode).toBe(200);
    expect((await run()).ended).toBe(1);
    // The urge (raised 03-19, 3 working days to answer) went unanswered too: 督办 on 03-25, now resolved.
    expect((await noticesOf('problem_overdue', silent)).map((n) => [n.level, n.status])).toEqual([
      ['reminder', 'escalated'],
      ['urge', 'escalated'],
      ['supervise', 'resolved'],
    ]);
  });
});

describe('notices raised by hand', () => {
  let p: number;

  it('joins the problem’s episode: the job never raises that level again, nor a lower one', async () => {
    p = await problem('2026-04-30', 'QJ-T02');
    const r = await post('office', '/api/v1/supervision-notices', {
      objectKind: 'problem_overdue',
      objectId: String(p),
      level: 'urge',
      note: '整改进度明显滞后，请抓紧推进',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      level: 'urge',
      cause: 'manual',
      dueOn: '2026-04-30',
      unit: { id: unit['QJ-T02'] },
      leader: { id: leaderId },
      raisedBy: { name: expect.any(String) },
      status: 'open',
    });
    const again = await post('office', '/api/v1/supervision-notices', {
      objectKind: 'problem_overdue',
      objectId: String(p),
      level: 'reminder',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'notice_level_taken', field: 'body.level' });
    const answer = await post('liaison-qj-t02', `/api/v1/supervision-notices/${r.json().id}/answer`, {
      answer: '已召开专题会研究整改',
    });
    expect(answer.statusCode).toBe(200);
    // Overdue later: the rule's reminder is below the manual urge, so nothing is raised.
    await at('2026-05-07');
    await run();
    expect((await noticesOf('problem_overdue', p)).map((n) => [n.level, n.cause])).toEqual([
      ['urge', 'manual'],
    ]);
  });

  it('a higher level by hand ends the lower live one', async () => {
    const r = await post('office', '/api/v1/supervision-notices', {
      objectKind: 'problem_overdue',
      objectId: String(p),
      level: 'listed',
      answerBy: '2026-05-12',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await noticesOf('problem_overdue', p)).map((n) => [n.level, n.status])).toEqual([
      ['urge', 'escalated'],
      ['listed', 'open'],
    ]);
  });

  it.each([
    [
      'a unit',
      'liaison-qj-t01',
      { objectKind: 'problem_overdue', objectId: '1', level: 'urge' },
      403,
      'forbidden',
    ],
    [
      'an unknown problem',
      'office',
      { objectKind: 'problem_overdue', objectId: '999999', level: 'urge' },
      404,
      'not_found',
    ],
    [
      'a malformed id',
      'office',
      { objectKind: 'task_overdue', objectId: 'abc', level: 'urge' },
      400,
      'validation_failed',
    ],
    [
      'a ticket (not yet)',
      'office',
      { objectKind: 'ticket_overdue', objectId: '1', level: 'urge' },
      400,
      'validation_failed',
    ],
    [
      'an unknown level',
      'office',
      { objectKind: 'problem_overdue', objectId: '1', level: 'shout' },
      400,
      'validation_failed',
    ],
  ])('refuses %s', async (_name, user, body, status, code) => {
    const r = await post(user, '/api/v1/supervision-notices', body);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().code).toBe(code);
  });

  it('refuses an answer date in the past and a person who is not a leader', async () => {
    const q = await problem('2026-06-30');
    const past = await post('office', '/api/v1/supervision-notices', {
      objectKind: 'problem_overdue',
      objectId: String(q),
      level: 'reminder',
      answerBy: '2026-05-01',
    });
    expect(past.json()).toMatchObject({ code: 'validation_failed', field: 'body.answerBy' });
    const liaisonId = (
      await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'liaison-qj-t01'")
    )[0]!.id;
    const notLeader = await post('office', '/api/v1/supervision-notices', {
      objectKind: 'problem_overdue',
      objectId: String(q),
      level: 'reminder',
      leaderId: liaisonId,
    });
    expect(notLeader.json()).toMatchObject({ code: 'not_a_leader', field: 'body.leaderId' });
    expect(await noticesOf('problem_overdue', q)).toEqual([]);
  });

  it('can be withdrawn by the office with a reason; a head of another unit cannot answer it', async () => {
    const [live] = (await noticesOf('problem_overdue', p)).filter((n) => n.status === 'open');
    const answer = await post('head-qj-t01', `/api/v1/supervision-notices/${live!.id}/answer`, {
      answer: 'x',
    });
    expect(answer.statusCode).toBe(404); // head of another unit
    const w = await post('office', `/api/v1/supervision-notices/${live!.id}/withdraw`, {
      reason: '督办对象有误',
    });
    expect(w.json()).toMatchObject({ status: 'dismissed', endReason: 'withdrawn' });
  });
});

describe('tasks and their reports', () => {
  let taskId: number;

  it('raises 提醒 on an overdue task and notices on late weekly reports; a later report resolves them', async () => {
    await at('2026-03-20');
    const c = await post('office', '/api/v1/campaigns', {
      name: '作风建设专项行动',
      leadingGroup: '区作风建设领导小组',
      start: '2026-03-01',
      end: '2026-12-31',
    });
    expect(c.statusCode, c.body).toBe(201);
    const task = await post('office', `/api/v1/campaigns/${c.json().id}/tasks`, {
      code: 'Z-01',
      title: '整治文山会海',
      leadUnitId: unit['QJ-T01'],
      leaderIds: [leaderId],
      start: '2026-03-23',
      deadline: '2026-04-03',
      cadence: 'weekly',
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json().id;
    expect((await post('office', `/api/v1/tasks/${taskId}/issue`)).statusCode).toBe(200);
    expect((await post('liaison-qj-t01', `/api/v1/tasks/${taskId}/sign`)).statusCode).toBe(200);

    await at('2026-04-08'); // 04-04…06 清明: two working days after the deadline
    await run();
    expect(await noticesOf('task_overdue', taskId)).toEqual([
      expect.objectContaining({ level: 'reminder', status: 'open', cause: 'schedule' }),
    ]);
    // Week 13 (03-23…29) was due 04-01 (3 days' grace): 4 working days late → 催办, 提醒 skipped.
    expect(await noticesOf('report_late', `${taskId}/2026-W13`)).toEqual([
      expect.objectContaining({ level: 'urge', status: 'open' }),
    ]);
    expect(await noticesOf('report_late', `${taskId}/2026-W14`)).toEqual([]);
    const list = await t.call('GET', '/api/v1/supervision-notices?objectKind=report_late', {
      cookie: cookie['liaison-qj-t01'],
    });
    expect(list.json().items[0]).toMatchObject({
      object: { type: 'report', id: taskId },
      title: expect.stringContaining('2026-W13'),
      leader: { id: leaderId },
    });

    // The unit reports this week; once its head approves, the missed weeks are resolved.
    const rep = await post('liaison-qj-t01', `/api/v1/tasks/${taskId}/reports`, {
      percent: 80,
      progress: '已压减会议 12 个',
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const reportId = (await t.sql<{ id: number }>('SELECT id FROM reports WHERE task_id = $1', [taskId]))[0]!
      .id;
    expect((await post('head-qj-t01', `/api/v1/reports/${reportId}/approve`)).statusCode).toBe(200);
    await at('2026-04-09');
    await run();
    expect((await noticesOf('report_late', `${taskId}/2026-W13`)).map((n) => n.status)).toEqual(['resolved']);
    expect(await noticesOf('report_late', `${taskId}/2026-W14`)).toEqual([]);
  });
});
