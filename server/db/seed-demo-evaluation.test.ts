import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedDemoCampaign } from './seed-demo-campaign.ts';
import { DEMO_SCHEME_NAME, seedDemoEvaluation } from './seed-demo-evaluation.ts';
import { seedDemoProblems } from './seed-demo-problems.ts';
import { seedDemoSupervision } from './seed-demo-supervision.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-11-23T02:00:00Z');
  await seedDemoCampaign(t.database.db, t.clock.now);
  await seedDemoProblems(t.database.db, t.clock.now);
  await seedDemoSupervision(t.deps, t.clock.now);
  await seedDemoEvaluation(t.database.db, t.clock.now);
});

describe('the demo evaluation', () => {
  it('publishes the last two quarters of the towns, the later one with 环比, on the public board', async () => {
    const pub = await t.call('GET', '/api/v1/public/boards');
    expect(pub.json().items.map((b: { period: { key: string } }) => b.period.key)).toEqual([
      '2026-Q3',
      '2026-Q2',
    ]);
    expect(pub.json().items[0].title).toBe(DEMO_SCHEME_NAME);
    const q3 = (await t.call('GET', `/api/v1/public/boards/${pub.json().items[0].id}`)).json();
    const towns = await t.sql(
      "SELECT 1 FROM units u JOIN peer_groups g ON g.id = u.peer_group_id WHERE g.code = 'towns'",
    );
    expect(q3.results).toHaveLength(towns.length);
    expect(q3.results.every((r: { change: unknown }) => r.change !== null)).toBe(true);
    expect(q3.results.some((r: { openProblems: number }) => r.openProblems > 0)).toBe(true);
    expect(new Set(q3.results.map((r: { totalText: string }) => r.totalText)).size).toBeGreaterThan(5);
    expect(q3.gradeCounts.A).toBe(Math.floor(towns.length * 0.3));
  });

  it('gives QJ-T01 an explanation down to its records, and verifies', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    const boards = (await t.call('GET', '/api/v1/evaluation/boards', { cookie: liaison })).json().items;
    const [unit] = await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01'");
    const e = await t.call('GET', `/api/v1/evaluation/boards/${boards[0].id}/units/${unit!.id}`, {
      cookie: liaison,
    });
    expect(e.statusCode).toBe(200);
    const closing = e.json().lines.find((l: { indicatorId: string }) => l.indicatorId === 'closing');
    expect(closing.recordCount).toBeGreaterThan(0);
    const v = await t.call('GET', `/api/v1/evaluation/boards/${boards[0].id}/verify`, { cookie: liaison });
    expect(v.json()).toMatchObject({ hashMatches: true, resultsMatch: true });
    expect((await t.sql('SELECT 1 FROM survey_answers')).length).toBeGreaterThan(20);
    // Supervision's published warnings and circulars came in through the sync.
    const fed = await t.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM evaluation_events WHERE origin IN ('warning', 'circular')",
    );
    const published = await t.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM warnings WHERE status IN ('published_internal', 'published_public')",
    );
    expect(fed[0]!.n).toBeGreaterThanOrEqual(published[0]!.n);
  });
});
