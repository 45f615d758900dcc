import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedDemoCampaign } from './seed-demo-campaign.ts';
import { seedDemoProblems } from './seed-demo-problems.ts';
import { seedDemoSupervision } from './seed-demo-supervision.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-11-23T02:00:00Z');
  // As `luoshi serve` loads an empty database: district (the template), campaign, problems, supervision.
  await seedDemoCampaign(t.database.db, t.clock.now);
  await seedDemoProblems(t.database.db, t.clock.now);
  await seedDemoSupervision(t.deps, t.clock.now);
});

describe('the demo supervision and accountability data', () => {
  it('shows the office a round with findings, notices at several levels, a warning and a published circular', async () => {
    const office = await t.signIn('office');
    const rounds = await t.call('GET', '/api/v1/inspection-rounds', { cookie: office });
    expect(rounds.json().items).toEqual([
      expect.objectContaining({ kind: 'unannounced_visit', visitCount: 2, findingCount: 2, teamCount: 2 }),
    ]);
    const notices = await t.call('GET', '/api/v1/supervision-notices?live=true&limit=500', {
      cookie: office,
    });
    const levels = new Set(notices.json().items.map((n: { level: string }) => n.level));
    expect(levels.has('reminder') && levels.has('listed')).toBe(true);
    expect(notices.json().items.some((n: { status: string }) => n.status === 'answered')).toBe(true);
    const warnings = await t.call('GET', '/api/v1/warnings', { cookie: office });
    expect(warnings.json().items).toEqual([
      expect.objectContaining({ colour: 'yellow', status: 'published_internal', inForce: true }),
    ]);
    const circulars = await t.call('GET', '/api/v1/circulars', { cookie: office });
    expect(
      circulars
        .json()
        .items.map((c: { status: string }) => c.status)
        .sort(),
    ).toEqual(['draft', 'published_public']);
    const redo = await t.call('GET', '/api/v1/redo-orders', { cookie: office });
    expect(redo.json().total).toBe(1);
  });

  it('shows the liaison its unit’s notices, and no accountability', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    const mine = await t.call('GET', '/api/v1/supervision-notices?for=unit', { cookie: liaison });
    expect(mine.json().total).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/accountability/records', { cookie: liaison })).statusCode).toBe(404);
  });

  it('gives the discipline account cases with leniency, visits with the opinion, and readable decisions', async () => {
    const discipline = await t.signIn('discipline');
    const cases = await t.call('GET', '/api/v1/accountability/cases', { cookie: discipline });
    expect(cases.json().total).toBe(2);
    const detail = await t.call('GET', `/api/v1/accountability/cases/${cases.json().items[1].id}`, {
      cookie: discipline,
    });
    const records = detail.json().records as { leniency: unknown }[];
    expect(records.find((r) => r.leniency !== null)).toMatchObject({
      leniency: { kind: 'lenient' },
      decisionText: expect.stringContaining('党内警告'),
    });
    const stats = await t.call('GET', '/api/v1/accountability/statistics?from=2026-01-01&to=2026-12-31', {
      cookie: discipline,
    });
    expect(stats.json()).toMatchObject({ cases: 2, people: 3, leniency: { lenient: 1 }, opinions: 3 });
    const clues = await t.call('GET', '/api/v1/clue-transfers', { cookie: discipline });
    expect(clues.json().items).toEqual([expect.objectContaining({ status: 'accepted' })]);
  });
});
