import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let office: string;
let liaison: string;
let head: string;
let otherLiaison: string;
let leader: string;
let campaignId: number;
let town: number;
let leaderId: number;

beforeAll(async () => {
  t = await testContext();
  office = await t.signIn('office');
  liaison = await t.signIn('liaison-qj-t01');
  head = await t.signIn('head-qj-t01');
  otherLiaison = await t.signIn('liaison-qj-t02');
  leader = await t.signIn('leader');
  town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01'"))[0]!.id;
  leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
  const c = await t.call('POST', '/api/v1/campaigns', {
    cookie: office,
    body: { name: '作风建设专项行动', start: '2026-03-01', end: '2026-12-31' },
  });
  campaignId = c.json().id;
});

describe('dispatch meetings', () => {
  it('records a meeting and turns a decision into an issued task in one step', async () => {
    const m = await t.call('POST', `/api/v1/campaigns/${campaignId}/meetings`, {
      cookie: office,
      body: {
        title: '第一次调度会',
        heldOn: '2026-03-02',
        place: '区政府第三会议室',
        attendeeIds: [leaderId],
        otherAttendees: '各镇街分管负责人',
        decisions: [{ text: '3月底前完成全区背街小巷排查' }, { text: '建立周调度机制' }],
      },
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().attendees).toEqual([{ id: leaderId, name: expect.any(String) }]);
    const decisionId = m.json().decisions[0].id;
    const task = await t.call('POST', `/api/v1/meetings/${m.json().id}/decisions/${decisionId}/task`, {
      cookie: office,
      body: {
        code: 'D-01',
        title: '完成全区背街小巷排查',
        leaderIds: [leaderId],
        leadUnitId: town,
        start: '2026-03-02',
        deadline: '2026-03-31',
        cadence: 'weekly',
      },
    });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json()).toMatchObject({ status: 'issued', code: 'D-01' });
    const again = await t.call('GET', `/api/v1/meetings/${m.json().id}`, { cookie: leader });
    expect(again.json().decisions[0].taskId).toBe(task.json().id);
    const twice = await t.call('POST', `/api/v1/meetings/${m.json().id}/decisions/${decisionId}/task`, {
      cookie: office,
      body: {
        code: 'D-02',
        title: 'x',
        leaderIds: [leaderId],
        leadUnitId: town,
        start: '2026-03-02',
        deadline: '2026-03-31',
        cadence: 'weekly',
      },
    });
    expect(twice.json().code).toBe('wrong_state');
    expect((await t.sql("SELECT 1 FROM tasks WHERE code = 'D-02'")).length).toBe(0);
    expect(
      (await t.call('GET', `/api/v1/campaigns/${campaignId}/meetings`, { cookie: liaison })).statusCode,
    ).toBe(403);
  });

  it('refuses unknown attendees and tasks, naming the field, and writes nothing', async () => {
    const r = await t.call('POST', `/api/v1/campaigns/${campaignId}/meetings`, {
      cookie: office,
      body: { title: '调度会', heldOn: '2026-03-09', attendeeIds: [leaderId, 999999] },
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().field).toBe('body.attendeeIds.1');
    const bad = await t.call('POST', `/api/v1/campaigns/${campaignId}/meetings`, {
      cookie: office,
      body: { title: '调度会', heldOn: '2026-02-30' },
    });
    expect(bad.json().field).toBe('body.heldOn');
    expect((await t.sql("SELECT 1 FROM meetings WHERE title = '调度会'")).length).toBe(0);
  });
});

describe('reporting items', () => {
  it('collects a monthly submission through the unit head and counts the late ones', async () => {
    const item = await t.call('POST', `/api/v1/campaigns/${campaignId}/report-items`, {
      cookie: office,
      body: {
        title: '作风问题整改月报',
        cadence: 'monthly',
        graceDays: 5,
        unitIds: [town],
        start: '2026-03-01',
        end: '2026-12-31',
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    expect(item.json().currentPeriod).toEqual({ key: '2026-03', dueOn: '2026-04-05' });
    const id = item.json().id;
    expect((await t.call('GET', `/api/v1/report-items/${id}`, { cookie: otherLiaison })).statusCode).toBe(
      404,
    );
    const sub = await t.call('POST', `/api/v1/report-items/${id}/submissions`, {
      cookie: liaison,
      body: { text: '本月排查问题 12 个，已整改 9 个' },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const officeView = await t.call('GET', `/api/v1/report-items/${id}`, { cookie: office });
    expect(officeView.json().submissions).toEqual([]);
    const reportId = sub.json().submissions[0].id;
    expect((await t.call('POST', `/api/v1/reports/${reportId}/approve`, { cookie: head })).statusCode).toBe(
      200,
    );
    const seen = (await t.call('GET', `/api/v1/report-items/${id}`, { cookie: office })).json();
    expect(seen.submissions).toHaveLength(1);
    expect(seen.submissions[0]).toMatchObject({
      status: 'approved',
      late: false,
      progress: '本月排查问题 12 个，已整改 9 个',
    });
    expect(seen.lateCount).toBe(0);
    t.clock.now = new Date('2026-05-10T02:00:00Z');
    const o2 = await t.signIn('office');
    // April was never submitted and was due on 5 May.
    expect((await t.call('GET', `/api/v1/report-items/${id}`, { cookie: o2 })).json().lateCount).toBe(1);
  });
});
