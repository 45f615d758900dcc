import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { testContext, type TestContext } from '../../test/harness.ts';

/**
 * The figures the seeds report must fall out of the records: Kaizhou found
 * 1,682 problems, 839 of them 不作为/慢作为/乱作为, and closed 808, the rest
 * being rectified on schedule; elsewhere 211 found and 206 closed, 192 found
 * and all closed (整改销号率 100%). The problems are written in bulk by SQL;
 * the figures are read through the API.
 */

let t: TestContext;
let office: string;
const category: Record<string, number> = {};

/** Writes `found` problems into a new campaign, the first `closed` of them closed; returns the campaign id. */
async function campaignWith(name: string, found: number, closed: number, inaction = 0): Promise<number> {
  const [c] = await t.sql<{ id: number }>(
    `INSERT INTO campaigns (name, start_on, end_on) VALUES ($1, '2026-03-01', '2026-12-31') RETURNING id`,
    [name],
  );
  const campaignId = c!.id;
  await t.sql(
    `INSERT INTO problems (campaign_id, description, source_id, found_on, found_by, unit_id, deadline, status,
       claimed_on, closed_at, return_count, recorded_by, created_at, updated_at)
     SELECT $1, $2 || ' 第 ' || g || ' 个问题', s.id, DATE '2026-03-01' + (g % 28), '区委督查组',
       u.ids[1 + g % array_length(u.ids, 1)], DATE '2026-12-31',
       CASE WHEN g <= $3 THEN 'closed' ELSE 'rectifying' END,
       CASE WHEN g <= $3 THEN DATE '2026-05-01' END,
       CASE WHEN g <= $3 THEN TIMESTAMPTZ '2026-05-10T02:00:00Z' END,
       CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END,
       (SELECT id FROM people WHERE username = 'office'), now(), now()
     FROM generate_series(1, $4) g,
       (SELECT id FROM problem_sources WHERE code = 'supervision') s,
       (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE peer_group_id IS NOT NULL) u`,
    [campaignId, name, closed, found],
  );
  if (inaction > 0) {
    // Spread `inaction` problems over 不作为 / 慢作为 / 乱作为 (every fifth with two of them), mixed over
    // closed and open alike; the others get 躺平. Links carry the ancestors too, as the service writes them.
    await t.sql(
      `WITH numbered AS (
         SELECT id, row_number() OVER (ORDER BY id) AS g FROM problems WHERE campaign_id = $1),
       chosen AS (
         SELECT id, g, (g * 7) % $2 < $3 AS hit FROM numbered),
       direct AS (
         SELECT id, (ARRAY[$4, $5, $6]::int[])[1 + g % 3] AS category_id FROM chosen WHERE hit
         UNION SELECT id, (ARRAY[$4, $5, $6]::int[])[1 + (g + 1) % 3] FROM chosen WHERE hit AND g % 5 = 0
         UNION SELECT id, $7 FROM chosen WHERE NOT hit)
       INSERT INTO problem_category_links (problem_id, category_id, direct)
       SELECT d.id, a.id, bool_or(a.id = c.id)
       FROM direct d JOIN problem_categories c ON c.id = d.category_id
         JOIN problem_categories a ON c.path LIKE a.path || '%'
       GROUP BY d.id, a.id`,
      [
        campaignId,
        found,
        inaction,
        category.inaction_none,
        category.inaction_slow,
        category.inaction_wrong,
        category.lying_flat_content,
      ],
    );
  }
  return campaignId;
}

const stats = async (query: string, cookie = office) => {
  const r = await t.call('GET', `/api/v1/problem-statistics?${query}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

let kaizhou: number;

beforeAll(async () => {
  t = await testContext();
  office = await t.signIn('office');
  for (const r of await t.sql<{ id: number; code: string }>('SELECT id, code FROM problem_categories'))
    category[r.code] = r.id;
  kaizhou = await campaignWith('开州区"三个一批"作风整治', 1682, 808, 839);
});

describe('the Kaizhou figures', () => {
  it('found 1,682, closed 808: closing rate 48.04%, 874 open and on schedule', async () => {
    const s = await stats(`campaignId=${kaizhou}&groupBy=unit`);
    expect(s.asOf).toBe('2026-03-02');
    expect(s.total).toEqual({
      found: 1682,
      closed: 808,
      closingRate: 48.04,
      open: 874,
      overdue: 0,
      onSchedule: 874,
      behind: 0,
      returned: 168,
      returns: 168,
      rebound: 0,
      rebounds: 0,
      dismissed: 0,
      merged: 0,
    });
    const sum = (k: string) => s.rows.reduce((a: number, r: Record<string, number>) => a + r[k]!, 0);
    expect([sum('found'), sum('closed'), sum('open'), sum('onSchedule')]).toEqual([1682, 808, 874, 874]);
    const [units] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM units WHERE peer_group_id IS NOT NULL',
    );
    expect(s.rows).toHaveLength(units!.n);
  });

  it('839 of them 不作为/慢作为/乱作为, counted once each though some carry two of the three', async () => {
    const s = await stats(`campaignId=${kaizhou}&groupBy=category`);
    const row = (id: number | undefined) => s.rows.find((r: { key: { id: number } }) => r.key.id === id);
    expect(row(category.inaction)).toMatchObject({ key: { name: '不作为、慢作为、乱作为' }, found: 839 });
    const children = [category.inaction_none, category.inaction_slow, category.inaction_wrong].map(
      (id) => row(id).found as number,
    );
    expect(children.reduce((a, b) => a + b, 0)).toBeGreaterThan(839);
    expect(row(category.four_plights).found).toBe(1682 - 839);
    expect(s.total.found).toBe(1682);
    const filtered = await stats(`campaignId=${kaizhou}&categoryId=${category.inaction}&groupBy=source`);
    expect(filtered.total.found).toBe(839);
    expect(filtered.total.closed + filtered.total.open).toBe(839);
    expect(filtered.rows).toEqual([
      expect.objectContaining({ key: expect.objectContaining({ name: '督查' }), found: 839 }),
    ]);
    const list = await t.call(
      'GET',
      `/api/v1/problems?campaignId=${kaizhou}&categoryId=${category.inaction}&limit=1`,
      { cookie: office },
    );
    expect(list.json().total).toBe(839);
  });

  it('once the deadline has passed, the 874 open problems are overdue', async () => {
    t.clock.now = new Date('2027-01-05T02:00:00Z');
    try {
      const s = await stats(`campaignId=${kaizhou}`, await t.signIn('office'));
      expect(s.total).toMatchObject({ found: 1682, closed: 808, open: 874, overdue: 874, onSchedule: 0 });
    } finally {
      t.clock.now = new Date('2026-03-02T02:00:00Z');
    }
  });

  it('211 found and 206 closed; 192 found, all closed: 97.63% and 100%', async () => {
    const a = await campaignWith('专项整治 A', 211, 206);
    const b = await campaignWith('专项整治 B', 192, 192);
    const byCampaign = await stats('groupBy=campaign');
    const row = (id: number) => byCampaign.rows.find((r: { key: { id: number } }) => r.key.id === id);
    expect(row(a)).toMatchObject({ found: 211, closed: 206, closingRate: 97.63, open: 5 });
    expect(row(b)).toMatchObject({ found: 192, closed: 192, closingRate: 100, open: 0 });
    expect(row(kaizhou)).toMatchObject({ found: 1682, closingRate: 48.04 });
  });

  it('leaves out dismissed and merged problems: they are never found, open or rectified', async () => {
    const c = await campaignWith('专项整治 C', 10, 4);
    await t.sql(
      `UPDATE problems SET status = 'dismissed' WHERE id = (SELECT min(id) FROM problems WHERE campaign_id = $1 AND status = 'rectifying')`,
      [c],
    );
    await t.sql(
      `UPDATE problems SET status = 'merged', merged_into_id = (SELECT min(id) FROM problems WHERE campaign_id = $1)
       WHERE id = (SELECT max(id) FROM problems WHERE campaign_id = $1)`,
      [c],
    );
    const s = await stats(`campaignId=${c}`);
    expect(s.total).toMatchObject({ found: 8, closed: 4, closingRate: 50, open: 4, dismissed: 1, merged: 1 });
  });
});

describe('statistics computed once and trusted only while nothing changed unseen', () => {
  const byUnit = (c: number) => `campaignId=${c}&groupBy=unit`;
  const first = async (c: number, status: string) =>
    (
      await t.sql<{ id: number; unit_id: number }>(
        'SELECT id, unit_id FROM problems WHERE campaign_id = $1 AND status = $2 ORDER BY id LIMIT 1',
        [c, status],
      )
    )[0]!;

  it('move right after a close, whichever server instance closes', async () => {
    const c = await campaignWith('缓存核验 一', 40, 10);
    const claimed = await first(c, 'rectifying');
    await t.sql(`UPDATE problems SET status = 'closing_claimed', claimed_on = '2026-03-02' WHERE id = $1`, [
      claimed.id,
    ]);
    const before = await stats(byUnit(c));
    expect(before.total).toMatchObject({ found: 40, closed: 10, open: 30 });
    expect(await stats(byUnit(c))).toEqual(before);
    // Another instance (its own cache, the same database) closes the problem.
    const other = await buildApp(t.deps);
    try {
      const r = await other.inject({
        method: 'POST',
        url: `/api/v1/problems/${claimed.id}/close`,
        headers: { cookie: office, 'x-luoshi-request': '1', 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(r.statusCode, r.body).toBe(200);
    } finally {
      await other.close();
    }
    const after = await stats(byUnit(c));
    expect(after.total).toMatchObject({ found: 40, closed: 11, open: 29, closingRate: 27.5 });
    const row = (s: { rows: { key: { id: number }; closed: number }[] }) =>
      s.rows.find((r) => r.key.id === claimed.unit_id)!;
    expect(row(after).closed).toBe(row(before).closed + 1);
  });

  it('see a change whose transaction was running when the figures were computed and committed after', async () => {
    const c = await campaignWith('缓存核验 二', 20, 5);
    const target = await first(c, 'rectifying');
    await stats(byUnit(c));
    const writer = new pg.Client({ connectionString: t.adminUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE problems SET status = 'closed', closed_at = now() WHERE id = $1`, [
        target.id,
      ]);
      // Computed now, in a snapshot that does not see the running transaction.
      await t.sql(`UPDATE problems SET return_count = return_count WHERE id = $1`, [
        (await first(c, 'closed')).id,
      ]);
      const during = await stats(byUnit(c));
      expect(during.total.closed).toBe(5);
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    expect((await stats(byUnit(c))).total.closed).toBe(6);
  });

  it('follow category links written after the problem, and a renamed unit at once', async () => {
    const c = await campaignWith('缓存核验 三', 12, 3);
    const p = await first(c, 'rectifying');
    const cats = async () =>
      (await stats(`campaignId=${c}&groupBy=category`)).rows.find(
        (r: { key: { id: number } }) => r.key.id === category.mediocre_lazy,
      );
    expect(await cats()).toBeUndefined();
    await t.sql(
      'INSERT INTO problem_category_links (problem_id, category_id, direct) VALUES ($1, $2, true)',
      [p.id, category.mediocre_lazy],
    );
    expect(await cats()).toMatchObject({ key: { name: '庸懒散拖' }, found: 1, open: 1 });
    const [u] = await t.sql<{ name: string }>('SELECT name FROM units WHERE id = $1', [p.unit_id]);
    // Kept now; a rename changes no problem, yet the kept answer must name the unit anew.
    await stats(byUnit(c));
    expect(await stats(byUnit(c))).toEqual(await stats(byUnit(c)));
    await t.sql('UPDATE units SET name = $2 WHERE id = $1', [p.unit_id, `${u!.name}（更名）`]);
    const renamed = (await stats(byUnit(c))).rows.find(
      (r: { key: { id: number } }) => r.key.id === p.unit_id,
    );
    expect(renamed.key.name).toBe(`${u!.name}（更名）`);
    await t.sql('UPDATE units SET name = $2 WHERE id = $1', [p.unit_id, u!.name]);
  });

  it('are the figures a computation without the cache gives', async () => {
    const plain = await buildApp({ ...t.deps, config: { ...t.config, statsCacheQueries: 0 } });
    try {
      for (const q of [
        'groupBy=unit',
        'groupBy=category',
        'groupBy=source',
        'groupBy=campaign',
        'groupBy=month',
      ]) {
        const cached = await stats(q);
        const r = await plain.inject({
          method: 'GET',
          url: `/api/v1/problem-statistics?${q}`,
          headers: { cookie: office },
        });
        expect(r.json(), q).toEqual(cached);
      }
    } finally {
      await plain.close();
    }
  });
});
