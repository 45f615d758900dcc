import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';
import { content, world, type World } from './evaluation.testkit.ts';

let t: TestContext;
let w: World;
let office: string;
let T0: number, T1: number, T2: number;
let warning = 0;

beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-04-10T02:00:00Z');
  office = await t.signIn('office');
  w = await world(t);
  [T0, T1, T2] = w.towns.map((x) => x.id) as [number, number, number];
  const common = `drafted_by, drafted_at, updated_at, published_by, published_at`;
  const [yellow] = await t.sql<{ id: number }>(
    `INSERT INTO warnings (unit_id, colour, reason, from_on, to_on, status, campaign_id, ${common})
     VALUES ($1, 'yellow', '信访积案化解不力', '2026-02-10', '2026-05-10', 'published_public', $2,
             $3, '2026-02-09T02:00:00Z', now(), $3, '2026-02-10T02:00:00Z') RETURNING id`,
    [T0, w.campaignId, w.office],
  );
  warning = yellow!.id;
  await t.sql(
    `INSERT INTO warnings (unit_id, colour, reason, from_on, to_on, status, ${common})
     VALUES ($1, 'red', '尚未发布', '2026-02-10', '2026-05-10', 'draft', $2, now(), now(), NULL, NULL)`,
    [T1, w.office],
  );
  const [circular] = await t.sql<{ id: number }>(
    `INSERT INTO circulars (tone, title, body, status, ${common})
     VALUES ('criticism', '关于防汛值守脱岗问题的通报', '……', 'published_internal', $1, now(), now(), $1,
             '2026-03-05T02:00:00Z') RETURNING id`,
    [w.office],
  );
  await t.sql('INSERT INTO circular_units (circular_id, unit_id) VALUES ($1, $2), ($1, $3)', [
    circular!.id,
    T1,
    T2,
  ]);
});

const sync = () => t.call('POST', '/api/v1/evaluation/events/sync', { cookie: office });
const events = async () =>
  (await t.call('GET', '/api/v1/evaluation/events?limit=50', { cookie: office })).json().items as {
    unit: { id: number };
    kind: string;
    origin: string;
    occurredOn: string;
    withdrawn: unknown;
  }[];

describe("supervision's warnings and circulars feed the bonus and penalty events", () => {
  it('a sync copies the published ones (a warning on its unit, a circular on every unit it names), audited', async () => {
    const r = await sync();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().feeds).toEqual([
      { origin: 'warning', events: 1, withdrawn: 0 },
      { origin: 'circular', events: 2, withdrawn: 0 },
    ]);
    const list = await events();
    expect(list.map((e) => [e.unit.id, e.kind, e.origin, e.occurredOn]).sort()).toEqual(
      [
        [T0, 'yellow_card', 'warning', '2026-02-10'],
        [T1, 'criticism_circular', 'circular', '2026-03-05'],
        [T2, 'criticism_circular', 'circular', '2026-03-05'],
      ].sort(),
    );
    expect((await t.sql("SELECT 1 FROM audit_log WHERE action = 'evaluation.event.sync'")).length).toBe(1);
    // Again: nothing new.
    await sync();
    expect(await events()).toHaveLength(3);
  });

  it('they count in a scheme’s bonus and penalty points', async () => {
    const c = content();
    (c.indicators[6] as { eventPoints: Record<string, number> }).eventPoints = {
      yellow_card: -2,
      criticism_circular: -1,
    };
    const s = await t.call('POST', '/api/v1/evaluation/schemes', {
      cookie: office,
      body: {
        campaignId: w.campaignId,
        peerGroupId: w.townGroup,
        periodKind: 'quarter',
        name: '季度',
        content: c,
      },
    });
    expect(s.statusCode, s.body).toBe(201);
    const e = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${s.json().id}/preview/units/${T0}?period=2026-Q1`,
      {
        cookie: office,
      },
    );
    const bonus = e.json().lines.find((l: { indicatorId: string }) => l.indicatorId === 'bonus');
    expect(bonus).toMatchObject({ raw: -2, contribution: -2, recordCount: 1 });
  });

  it('a revoked warning withdraws its event, which stays listed', async () => {
    await t.sql(
      "UPDATE warnings SET status = 'revoked', ended_by = $2, ended_at = now(), end_reason = '复核撤销' WHERE id = $1",
      [warning, w.office],
    );
    const r = await sync();
    expect(r.json().feeds[0]).toEqual({ origin: 'warning', events: 0, withdrawn: 1 });
    const card = (await events()).find((e) => e.kind === 'yellow_card')!;
    expect(card.withdrawn).toMatchObject({ reason: 'withdrawn at the source' });
  });
});
