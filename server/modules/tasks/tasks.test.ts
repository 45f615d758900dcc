import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let office: string;
let liaison: string;
let head: string;
let otherLiaison: string;
let leader: string;
let inspector: string;
let unitId: (code: string) => Promise<number>;
let leaderId: number;
let campaignId: number;

const draft = (over: Record<string, unknown> = {}) => ({
  code: 'A-01',
  title: '完成清江大道改造工程',
  category: '重点项目',
  targetText: '完成投资 73.89 亿元',
  targetValue: 73.89,
  targetUnit: '亿元',
  leaderIds: [leaderId],
  start: '2026-03-01',
  deadline: '2026-12-31',
  milestones: [
    { date: '2026-06-30', title: '完成主体工程' },
    { date: '2026-12-31', title: '竣工验收' },
  ],
  cadence: 'monthly',
  ...over,
});

/** Moves the test clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function at(iso: string) {
  t.clock.now = new Date(iso);
  office = await t.signIn('office');
  liaison = await t.signIn('liaison-qj-t01');
  head = await t.signIn('head-qj-t01');
  otherLiaison = await t.signIn('liaison-qj-t02');
  leader = await t.signIn('leader');
  inspector = await t.signIn('inspector');
}

beforeAll(async () => {
  t = await testContext();
  await at('2026-03-02T02:00:00Z');
  unitId = async (code) =>
    (await t.sql<{ id: number }>('SELECT id FROM units WHERE code = $1', [code]))[0]!.id;
  leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
  const c = await t.call('POST', '/api/v1/campaigns', {
    cookie: office,
    body: {
      name: '破"四困"促"四敢"作风提升行动',
      leadingGroup: '区作风提升行动领导小组',
      start: '2026-03-01',
      end: '2026-12-31',
    },
  });
  expect(c.statusCode).toBe(201);
  campaignId = c.json().id;
});

async function newTask(over: Record<string, unknown> = {}) {
  const r = await t.call('POST', `/api/v1/campaigns/${campaignId}/tasks`, {
    cookie: office,
    body: draft({ leadUnitId: await unitId('QJ-T01'), ...over }),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string; light: string | null; milestones: { percent: number }[] };
}

describe('a task from draft to done', () => {
  it('is drafted by the office, invisible to the unit until issued, and signed within the working-day limit', async () => {
    const task = await newTask();
    expect(task.status).toBe('draft');
    expect(task.light).toBeNull();
    expect(task.milestones.map((m) => m.percent)).toEqual([50, 100]);
    expect((await t.call('GET', `/api/v1/tasks/${task.id}`, { cookie: liaison })).statusCode).toBe(404);

    const issued = await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    expect(issued.statusCode).toBe(200);
    // Monday 2 March + 3 working days
    expect(issued.json()).toMatchObject({ status: 'issued', signDueOn: '2026-03-05' });
    expect(issued.json().light).toBe('green');

    const early = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: 10, progress: '已启动' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('wrong_state');

    expect((await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: otherLiaison })).statusCode).toBe(
      404,
    );
    await at('2026-03-06T02:00:00Z'); // one day after the limit
    const signed = await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedLate: true });
    const again = await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    expect(again.statusCode).toBe(409);
  });

  it('takes a report through the unit head before the office sees it, and moves the light', async () => {
    const task = await newTask({ code: 'A-02', milestones: [] });
    await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    await at('2026-06-15T02:00:00Z');
    const bad = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: 101, progress: '进度' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.percent');
    const negative = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: -1, progress: '进度' },
    });
    expect(negative.json().field).toBe('body.percent');
    expect((await t.sql('SELECT 1 FROM reports WHERE task_id = $1', [task.id])).length).toBe(0);

    const r = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: {
        percent: 20,
        progress: '完成征地',
        gap: '落后序时进度',
        reason: '拆迁未完成',
        measures: '加快拆迁',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const reportId = r.json().id;
    expect(r.json()).toEqual({
      id: reportId,
      taskId: task.id,
      status: 'submitted',
      periodKey: '2026-06',
      periodStart: '2026-06-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-03',
      percent: 20,
      actualValue: null,
      resubmitted: false,
    });
    const submitted = await t.sql<{ actor_name: string; after: Record<string, unknown> }>(
      "SELECT actor_name, after FROM audit_log WHERE object_type = 'report' AND object_id = $1",
      [String(reportId)],
    );
    expect(submitted).toEqual([
      {
        actor_name: expect.any(String),
        after: expect.objectContaining({
          taskId: task.id,
          periodKey: '2026-06',
          percent: 20,
          progress: '完成征地',
        }),
      },
    ]);
    const mineNow = await t.call('GET', `/api/v1/tasks/${task.id}`, { cookie: liaison });
    expect(mineNow.json().reports[0]).toMatchObject({
      id: reportId,
      status: 'submitted',
      gap: '落后序时进度',
    });
    const seenByOffice = await t.call('GET', `/api/v1/tasks/${task.id}`, { cookie: office });
    expect(seenByOffice.json().reports).toEqual([]);
    expect(seenByOffice.json().progress).toBe(0);

    expect(mineNow.json().abilities.report).toBe(false);
    const dup = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: 25, progress: '再报' },
    });
    expect(dup.json().code).toBe('report_already_in');

    expect(
      (await t.call('POST', `/api/v1/reports/${reportId}/approve`, { cookie: liaison })).statusCode,
    ).toBe(403);
    const back = await t.call('POST', `/api/v1/reports/${reportId}/return`, {
      cookie: head,
      body: { reason: '数据不准确' },
    });
    expect(back.statusCode).toBe(200);
    const rewritten = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: {
        actualValue: 22.167,
        progress: '完成征地，完成投资 22.167 亿元',
        gap: '落后',
        reason: '拆迁',
        measures: '加快',
      },
    });
    expect(rewritten.statusCode).toBe(201);
    expect(rewritten.json()).toMatchObject({
      id: reportId,
      status: 'submitted',
      percent: 30,
      resubmitted: true,
    });
    expect((await t.sql('SELECT 1 FROM reports WHERE task_id = $1', [task.id])).length).toBe(1);
    const waiting = await t.call('GET', '/api/v1/tasks/mine?pendingReports=true&limit=500', { cookie: head });
    expect(waiting.json().items.find((x: { id: number }) => x.id === task.id)?.pendingReports).toBe(1);

    const approved = await t.call('POST', `/api/v1/reports/${reportId}/approve`, { cookie: head });
    expect(approved.json()).toEqual({ taskId: task.id, itemId: null });
    const after = (await t.call('GET', `/api/v1/tasks/${task.id}`, { cookie: head })).json();
    expect(after.status).toBe('in_progress');
    const none = await t.call('GET', '/api/v1/tasks/mine?pendingReports=true&limit=500', { cookie: head });
    expect(none.json().items.map((x: { id: number }) => x.id)).not.toContain(task.id);
    expect(after.progress).toBe(30);
    // 15 June is 107 of the 306 days from 1 March to 31 December: 35% planned.
    expect(after.light).toBe('yellow');
    expect(after.lightReason.zh).toBe('应完成 35%，实际 30%，落后 5 个百分点');
    const office2 = await t.call('GET', `/api/v1/tasks/${task.id}`, { cookie: office });
    expect(office2.json().reports).toHaveLength(1);
    expect(office2.json().reports[0].returnReason).toBe('数据不准确');
    // March, April and May were never reported: three missing reports.
    expect(office2.json().lateReports).toBe(3);
  });

  it('finishes with evidence verified by the office, after which reports are refused', async () => {
    const task = await newTask({ code: 'A-03' });
    await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    const claim = await t.call('POST', `/api/v1/tasks/${task.id}/claim-completion`, {
      cookie: liaison,
      body: { evidence: '已竣工验收，见验收报告' },
    });
    expect(claim.json().status).toBe('completion_claimed');
    expect(
      (await t.call('POST', `/api/v1/tasks/${task.id}/verify-completion`, { cookie: liaison })).statusCode,
    ).toBe(403);
    const back = await t.call('POST', `/api/v1/tasks/${task.id}/send-back`, {
      cookie: office,
      body: { reason: '缺少验收报告' },
    });
    expect(back.json()).toMatchObject({
      status: 'in_progress',
      returnCount: 1,
      returnReason: '缺少验收报告',
    });
    await t.call('POST', `/api/v1/tasks/${task.id}/claim-completion`, {
      cookie: liaison,
      body: { evidence: '补充验收报告' },
    });
    const done = await t.call('POST', `/api/v1/tasks/${task.id}/verify-completion`, { cookie: office });
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, light: 'green' });
    const late = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: 100, progress: '完成' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'wrong_state',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    const audit = await t.sql<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'task' AND object_id = $1 ORDER BY id",
      [String(task.id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'task.create',
      'task.issue',
      'task.sign',
      'task.claim_completion',
      'task.send_back',
      'task.claim_completion',
      'task.verify_completion',
    ]);
  });
});

describe('change requests, instructions and subtasks', () => {
  it('moves a deadline only through an approved request, and keeps the history', async () => {
    const task = await newTask({ code: 'B-01' });
    await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    const edit = await t.call('PATCH', `/api/v1/tasks/${task.id}`, {
      cookie: office,
      body: { deadline: '2027-03-31' },
    });
    expect(edit.json().code).toBe('wrong_state');
    const ask = await t.call('POST', `/api/v1/tasks/${task.id}/change-requests`, {
      cookie: liaison,
      body: { kind: 'deadline', deadline: '2027-03-31', reason: '受汛期影响' },
    });
    expect(ask.statusCode).toBe(201);
    const second = await t.call('POST', `/api/v1/tasks/${task.id}/change-requests`, {
      cookie: liaison,
      body: { kind: 'target', targetText: '完成投资 60 亿元', reason: '调整' },
    });
    expect(second.json().code).toBe('change_request_pending');
    const crId = ask.json().changeRequests[0].id;
    expect(
      (await t.call('POST', `/api/v1/change-requests/${crId}/approve`, { cookie: liaison, body: {} }))
        .statusCode,
    ).toBe(403);
    const ok = await t.call('POST', `/api/v1/change-requests/${crId}/approve`, {
      cookie: office,
      body: { note: '同意' },
    });
    expect(ok.json().deadline).toBe('2027-03-31');
    expect(ok.json().changeRequests[0]).toMatchObject({
      status: 'approved',
      current: { deadline: '2026-12-31' },
      proposed: { deadline: '2027-03-31' },
      decisionNote: '同意',
    });
    const twice = await t.call('POST', `/api/v1/change-requests/${crId}/reject`, {
      cookie: office,
      body: { reason: '不同意' },
    });
    expect(twice.json().code).toBe('wrong_state');
  });

  it('lets the responsible leader instruct and only the lead unit answer', async () => {
    const task = await newTask({ code: 'B-02' });
    await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    const ins = await t.call('POST', `/api/v1/tasks/${task.id}/instructions`, {
      cookie: leader,
      body: { text: '请加快进度，月底前报送拆迁进展' },
    });
    expect(ins.statusCode).toBe(201);
    const insId = ins.json().instructions[0].id;
    const mine = await t.call('GET', '/api/v1/tasks/mine', { cookie: liaison });
    expect(mine.json().items.find((x: { id: number }) => x.id === task.id).openInstructions).toBe(1);
    const open = await t.call('GET', '/api/v1/tasks/mine?openInstructions=true&limit=500', {
      cookie: liaison,
    });
    expect(open.json().items.every((x: { openInstructions: number }) => x.openInstructions > 0)).toBe(true);
    expect(open.json().items.map((x: { id: number }) => x.id)).toContain(task.id);
    const toSign = await t.call('GET', '/api/v1/tasks/mine?status=issued&limit=500', { cookie: liaison });
    expect(toSign.json().items.map((x: { id: number }) => x.id)).toContain(task.id);
    expect(toSign.json().items.every((x: { status: string }) => x.status === 'issued')).toBe(true);
    expect(
      (
        await t.call('POST', `/api/v1/instructions/${insId}/answer`, {
          cookie: otherLiaison,
          body: { answer: '收到' },
        })
      ).statusCode,
    ).toBe(404);
    const a = await t.call('POST', `/api/v1/instructions/${insId}/answer`, {
      cookie: liaison,
      body: { answer: '收到，已部署' },
    });
    expect(a.json().instructions[0]).toMatchObject({ answer: '收到，已部署', abilities: { answer: false } });
    const again = await t.call('POST', `/api/v1/instructions/${insId}/answer`, {
      cookie: liaison,
      body: { answer: '再答' },
    });
    expect(again.json().code).toBe('instruction_answered');
    const notLeader = await t.call('POST', `/api/v1/tasks/${task.id}/instructions`, {
      cookie: inspector,
      body: { text: 'x' },
    });
    expect(notLeader.statusCode).toBe(403);
  });

  it('splits a district task to every town and street in one step and rolls their progress up by weight', async () => {
    const district = await unitId('QJ');
    const parent = await newTask({ code: 'C-01', leadUnitId: district, milestones: [] });
    await t.call('POST', `/api/v1/tasks/${parent.id}/issue`, { cookie: office });
    const split = await t.call('POST', `/api/v1/tasks/${parent.id}/split`, {
      cookie: office,
      body: { peerGroupCode: 'towns' },
    });
    expect(split.statusCode, split.body).toBe(201);
    expect(split.json().ids).toHaveLength(40);
    const sub = split.json().ids[0] as number;
    const subDetail = (await t.call('GET', `/api/v1/tasks/${sub}`, { cookie: liaison })).json();
    expect(subDetail).toMatchObject({ parentId: parent.id, status: 'issued', code: 'C-01-01' });
    expect((await t.call('POST', `/api/v1/tasks/${sub}/sign`, { cookie: liaison })).statusCode).toBe(200);
    const rep = await t.call('POST', `/api/v1/tasks/${sub}/reports`, {
      cookie: liaison,
      body: { percent: 80, progress: '推进中' },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const ok = await t.call('POST', `/api/v1/reports/${rep.json().id}/approve`, { cookie: head });
    expect(ok.statusCode, ok.body).toBe(200);
    const p = (await t.call('GET', `/api/v1/tasks/${parent.id}`, { cookie: office })).json();
    expect(p.subtaskCount).toBe(40);
    expect(p.progress).toBe(2); // 80 / 40 towns
    const bad = await t.call('POST', `/api/v1/tasks/${parent.id}/split`, {
      cookie: office,
      body: { unitIds: [999999] },
    });
    expect(bad.json().field).toBe('body.unitIds.0');
  });
});

describe('lists and filters', () => {
  it('filters a campaign by light, unit and overdue, and counts per light', async () => {
    const all = await t.call('GET', `/api/v1/campaigns/${campaignId}/tasks?topLevel=true&limit=100`, {
      cookie: office,
    });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.lights.green + body.lights.yellow + body.lights.red).toBeLessThanOrEqual(body.total);
    const red = await t.call('GET', `/api/v1/campaigns/${campaignId}/tasks?topLevel=true&light=red`, {
      cookie: office,
    });
    expect(red.json().total).toBe(body.lights.red);
    expect(red.json().items.every((x: { light: string }) => x.light === 'red')).toBe(true);
    const byUnit = await t.call(
      'GET',
      `/api/v1/campaigns/${campaignId}/tasks?unitId=${await unitId('QJ-T02')}`,
      {
        cookie: otherLiaison,
      },
    );
    expect(byUnit.statusCode).toBe(200);
    expect(byUnit.json().items.every((x: { leadUnit: { name: string } }) => x.leadUnit.name !== '')).toBe(
      true,
    );
    const bad = await t.call('GET', `/api/v1/campaigns/${campaignId}/tasks?light=purple`, { cookie: office });
    expect(bad.json().field).toBe('query.light');
    const portfolio = await t.call('GET', '/api/v1/tasks/portfolio', { cookie: leader });
    expect(portfolio.json().total).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/tasks/portfolio', { cookie: liaison })).statusCode).toBe(403);
  });
});

describe('bad input writes nothing', () => {
  it('answers a report on another unit’s task with 404 and malformed or too-long input with 400 naming the field', async () => {
    const task = await newTask({ code: 'E-01' });
    await t.call('POST', `/api/v1/tasks/${task.id}/issue`, { cookie: office });
    await t.call('POST', `/api/v1/tasks/${task.id}/sign`, { cookie: liaison });
    const foreign = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: otherLiaison,
      body: { percent: 10, progress: '冒报' },
    });
    expect(foreign.statusCode).toBe(404);
    const long = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: 10, progress: '长'.repeat(4001) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().field).toBe('body.progress');
    const wrongType = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { percent: '十', progress: '进度' },
    });
    expect(wrongType.json().field).toBe('body.percent');
    const neither = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: { progress: '只有文字' },
    });
    expect(neither.json().field).toBe('body.percent');
    const malformed = await t.call('POST', `/api/v1/tasks/${task.id}/reports`, {
      cookie: liaison,
      body: '{"percent": 10,',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');
    expect((await t.sql('SELECT 1 FROM reports WHERE task_id = $1', [task.id])).length).toBe(0);
  });

  it('refuses a draft naming a unit, leader or campaign that does not exist, or a person who is no leader', async () => {
    const before = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n;
    const cases: [string, Record<string, unknown>, number, string][] = [
      [`/api/v1/campaigns/${campaignId}/tasks`, { code: 'F-01', leadUnitId: 999999 }, 404, 'body.leadUnitId'],
      [
        `/api/v1/campaigns/${campaignId}/tasks`,
        { code: 'F-02', leaderIds: [999999] },
        404,
        'body.leaderIds.0',
      ],
      [`/api/v1/campaigns/999999/tasks`, { code: 'F-03' }, 404, 'params.id'],
      [
        `/api/v1/campaigns/${campaignId}/tasks`,
        { code: 'F-04', deadline: '2026-02-01' },
        400,
        'body.deadline',
      ],
      [`/api/v1/campaigns/${campaignId}/tasks`, { code: 'A-01' }, 409, 'body.code'],
      [`/api/v1/campaigns/${campaignId}/tasks`, { code: 'F-05', cadence: 'daily' }, 400, 'body.cadence'],
    ];
    for (const [url, over, status, field] of cases) {
      const r = await t.call('POST', url, {
        cookie: office,
        body: draft({ leadUnitId: await unitId('QJ-T01'), ...over }),
      });
      expect(r.statusCode, `${JSON.stringify(over)} ${r.body}`).toBe(status);
      expect(r.json().field).toBe(field);
      expect(r.json().message.zh.length).toBeGreaterThan(0);
    }
    const staff = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'p0001'"))[0]!.id;
    const notLeader = await t.call('POST', `/api/v1/campaigns/${campaignId}/tasks`, {
      cookie: office,
      body: draft({ code: 'F-06', leadUnitId: await unitId('QJ-T01'), leaderIds: [staff] }),
    });
    expect(notLeader.json()).toMatchObject({ code: 'not_a_leader', field: 'body.leaderIds.0' });
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n).toBe(before);
  });
});
