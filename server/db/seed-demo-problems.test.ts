import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedDemoCampaign } from './seed-demo-campaign.ts';
import { seedDemoProblems } from './seed-demo-problems.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-11-23T02:00:00Z');
  await seedDemoCampaign(t.database.db, t.clock.now);
  await seedDemoProblems(t.database.db, t.clock.now);
});

describe('the demo problems', () => {
  it('show every state, overdue and behind ones, and consistent statistics', async () => {
    const office = await t.signIn('office');
    const s = await t.call('GET', '/api/v1/problem-statistics?groupBy=source', { cookie: office });
    expect(s.statusCode).toBe(200);
    const total = s.json().total;
    expect(total).toMatchObject({ dismissed: 1, merged: 1, rebound: 2 });
    expect(total.found).toBe(58);
    expect(total.closed).toBeGreaterThan(10);
    expect(total.overdue).toBeGreaterThan(0);
    expect(total.behind).toBeGreaterThan(0);
    expect(total.returned).toBeGreaterThan(0);
    expect(total.onSchedule + total.overdue + total.behind).toBe(total.open);
    const states = await t.sql<{ status: string }>('SELECT DISTINCT status FROM problems ORDER BY status');
    expect(states.map((x) => x.status)).toEqual([
      'assigned',
      'closed',
      'closing_claimed',
      'dismissed',
      'merged',
      'rectifying',
      'returned',
    ]);
    // Every problem's history ends in the state it is in.
    const last = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM problems p
      WHERE p.status <> (SELECT e.to_status FROM problem_events e WHERE e.problem_id = p.id AND e.to_status IS NOT NULL
                         ORDER BY e.id DESC LIMIT 1)`);
    expect(last[0]!.n).toBe(0);
    const liaison = await t.signIn('liaison-qj-t01');
    const [unit] = await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01'");
    const list = await t.call('GET', `/api/v1/units/${unit!.id}/negative-list`, { cookie: liaison });
    expect(list.json().items.length).toBeGreaterThan(0);
    const detail = await t.call('GET', `/api/v1/problems/${list.json().items[0].id}`, { cookie: liaison });
    expect(detail.statusCode).toBe(200);
  });
});
