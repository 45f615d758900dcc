import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { jobLocks, startPeriodicJob } from './periodic.ts';
import { startLightsJob } from './lights.job.ts';

let t: TestContext;
let taskId: number;

beforeAll(async () => {
  t = await testContext();
  const office = await t.signIn('office');
  const leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
  const town = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T03'"))[0]!.id;
  const c = await t.call('POST', '/api/v1/campaigns', {
    cookie: office,
    body: { name: '解放思想大讨论', start: '2026-03-01', end: '2026-12-31' },
  });
  const task = await t.call('POST', `/api/v1/campaigns/${c.json().id}/tasks`, {
    cookie: office,
    body: {
      code: 'L-01',
      title: '开展大讨论专题学习',
      leaderIds: [leaderId],
      leadUnitId: town,
      start: '2026-03-01',
      deadline: '2026-03-31',
      cadence: 'weekly',
    },
  });
  taskId = task.json().id;
  await t.call('POST', `/api/v1/tasks/${taskId}/issue`, { cookie: office });
});

describe('the lights job', () => {
  it('recomputes lights when the day changes, even when nobody reports, and counts missing reports', async () => {
    const before = await t.sql<{ light: string; light_on: string }>(
      "SELECT light, to_char(light_on, 'YYYY-MM-DD') AS light_on FROM tasks WHERE id = $1",
      [taskId],
    );
    expect(before[0]).toEqual({ light: 'yellow', light_on: '2026-03-02' }); // 2 of 31 days gone, nothing done
    t.clock.now = new Date('2026-04-02T01:00:00Z'); // two days past the deadline, nothing reported
    const job = startLightsJob(t.deps, () => {});
    await job.runOnce();
    await job.stop();
    const after = await t.sql<{ light: string; light_reason_zh: string; late_reports: number }>(
      'SELECT light, light_reason_zh, late_reports FROM tasks WHERE id = $1',
      [taskId],
    );
    expect(after[0]!.light).toBe('red');
    expect(after[0]!.light_reason_zh).toBe('已超过截止时间 2 天，实际完成 0%');
    // Weeks 10–14 of 2026 were due (week 14 ends on 5 April: not yet late); weeks 10–13 are missing.
    expect(after[0]!.late_reports).toBe(4);
  });

  it('runs on one instance at a time: a second runner skips while the lock is held', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const slow = startPeriodicJob({
      database: t.database,
      name: 'a',
      lockKey: jobLocks.lights,
      everyMs: 3_600_000,
      runAtStart: false,
      log: () => {},
      run: async () => {
        runs++;
        await gate;
      },
    });
    const other = startPeriodicJob({
      database: t.database,
      name: 'b',
      lockKey: jobLocks.lights,
      everyMs: 3_600_000,
      runAtStart: false,
      log: () => {},
      run: async () => {
        runs++;
      },
    });
    const first = slow.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    expect(await other.runOnce()).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await other.runOnce()).toBe(true);
    expect(runs).toBe(2);
    await slow.stop();
    await other.stop();
  });
});
