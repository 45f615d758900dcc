import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let office: string;
beforeAll(async () => {
  t = await testContext();
  office = await t.signIn('office');
});

describe('task settings', () => {
  it('start from the defaults, are changed by the office only, audited, and recompute every light', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    expect((await t.call('GET', '/api/v1/settings/tasks', { cookie: liaison })).json()).toEqual({
      signWithinWorkingDays: 3,
      yellowMaxGap: 10,
      milestoneGraceDays: 5,
      reportGraceDays: 3,
    });
    const leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
    const town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01'"))[0]!.id;
    const c = await t.call('POST', '/api/v1/campaigns', {
      cookie: office,
      body: { name: '设置测试行动', start: '2026-01-01', end: '2026-12-31' },
    });
    const task = await t.call('POST', `/api/v1/campaigns/${c.json().id}/tasks`, {
      cookie: office,
      body: {
        code: 'S-1',
        title: '测试任务',
        leaderIds: [leaderId],
        leadUnitId: town,
        start: '2026-01-01',
        deadline: '2026-12-31',
        cadence: 'monthly',
      },
    });
    const issued = await t.call('POST', `/api/v1/tasks/${task.json().id}/issue`, { cookie: office });
    // 2 March: 61 of 365 days gone, nothing done: 17 points behind → red with a 10-point yellow band.
    expect(issued.json().light).toBe('red');
    const next = { signWithinWorkingDays: 5, yellowMaxGap: 20, milestoneGraceDays: 7, reportGraceDays: 0 };
    expect((await t.call('PUT', '/api/v1/settings/tasks', { cookie: liaison, body: next })).statusCode).toBe(
      403,
    );
    const put = await t.call('PUT', '/api/v1/settings/tasks', { cookie: office, body: next });
    expect(put.json()).toEqual(next);
    expect((await t.call('GET', `/api/v1/tasks/${task.json().id}`, { cookie: office })).json().light).toBe(
      'yellow',
    );
    const bad = await t.call('PUT', '/api/v1/settings/tasks', {
      cookie: office,
      body: { ...next, yellowMaxGap: -1 },
    });
    expect(bad.json().field).toBe('body.yellowMaxGap');
    const audit = await t.sql("SELECT 1 FROM audit_log WHERE action = 'settings.tasks'");
    expect(audit).toHaveLength(1);
  });
});
