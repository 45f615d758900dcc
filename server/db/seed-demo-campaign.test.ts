import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedDemoCampaign } from './seed-demo-campaign.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-11-23T02:00:00Z');
  await seedDemoCampaign(t.database.db, t.clock.now);
});

describe('the demo campaign', () => {
  it('holds a task list with every light, late reports, a split task and the office can read it', async () => {
    const office = await t.signIn('office');
    const list = await t.call('GET', '/api/v1/campaigns', { cookie: office });
    const campaign = list.json().items[0];
    expect(campaign).toMatchObject({ name: '破"四困"促"四敢"作风提升行动', taskCount: 21, doneCount: 2 });
    expect(campaign.lights.red).toBeGreaterThan(0);
    expect(campaign.lights.yellow).toBeGreaterThan(0);
    expect(campaign.lights.green).toBeGreaterThan(0);
    const tasks = await t.call('GET', `/api/v1/campaigns/${campaign.id}/tasks?topLevel=true&limit=100`, {
      cookie: office,
    });
    const items = tasks.json().items as {
      code: string;
      subtaskCount: number;
      lateReports: number;
      status: string;
    }[];
    expect(items.find((x) => x.code === 'SK-21')?.subtaskCount).toBe(40);
    expect(items.some((x) => x.lateReports > 0)).toBe(true);
    expect(items.filter((x) => x.status === 'issued')).toHaveLength(1);
    const liaison = await t.signIn('liaison-qj-t01');
    const mine = await t.call('GET', '/api/v1/tasks/mine', { cookie: liaison });
    expect(mine.json().total).toBe(1);
  });
});
