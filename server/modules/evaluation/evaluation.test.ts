import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';
import { addProblems, addTask, content, world, type World } from './evaluation.testkit.ts';

let t: TestContext;
let w: World;
const cookie: Record<string, string> = {};
let T0: number, T1: number, T2: number;
const overdueIds: number[] = [];
let schemeId: number;
let boardId: number;

/** Moves the clock and signs everyone in again (sessions last hours, not months). */
async function at(iso: string) {
  t.clock.now = new Date(iso);
  for (const u of ['office', 'inspector', 'liaison-qj-t01', 'head-qj-t01', 'leader', 'admin'])
    cookie[u] = await t.signIn(u);
}

beforeAll(async () => {
  t = await testContext();
  w = await world(t);
  [T0, T1, T2] = w.towns.map((x) => x.id) as [number, number, number];
  // QJ-T01 (T0): 11 overdue problems of its own and 1 of one of its villages = the 12; 3 closed in time.
  overdueIds.push(...(await addProblems(t, w, T0, 11)), ...(await addProblems(t, w, w.village, 1)));
  await addProblems(t, w, T0, 3, {
    status: 'closed',
    closedAt: '2026-02-15T02:00:00Z',
    claimedOn: '2026-02-10',
  });
  // T1: everything closed; one overdue problem outside the campaign, which does not count.
  const closed = await addProblems(t, w, T1, 5, {
    status: 'closed',
    closedAt: '2026-03-01T02:00:00Z',
    claimedOn: '2026-02-20',
  });
  await addProblems(t, w, T1, 1, { campaign: false });
  await t.sql(
    `INSERT INTO problem_events (problem_id, at, actor_id, action, from_status, to_status)
     VALUES ($1, '2026-02-25T02:00:00Z', $2, 'return', 'closing_claimed', 'returned')`,
    [closed[0], w.office],
  );
  // T2: two open problems not yet due.
  await addProblems(t, w, T2, 2, { deadline: '2026-06-30' });
  await addTask(t, w, T0, 'T0-1', { deadline: '2026-03-15', done: '2026-03-10T02:00:00Z' });
  await addTask(t, w, T0, 'T0-2', { deadline: '2026-03-15', done: '2026-03-20T02:00:00Z' });
  await addTask(t, w, T1, 'T1-1', { deadline: '2026-02-28', done: '2026-02-27T02:00:00Z' });
  await at('2026-04-10T02:00:00Z');
});

const post = (user: string, url: string, body: unknown = {}) =>
  t.call('POST', url, { cookie: cookie[user], body });
const get = (user: string | null, url: string) => t.call('GET', url, user ? { cookie: cookie[user] } : {});

const body = (over: Record<string, unknown> = {}) => ({
  campaignId: w.campaignId,
  peerGroupId: w.townGroup,
  periodKind: 'quarter',
  name: '2026年乡镇街道赛马比拼',
  content: content(),
  ...over,
});

describe('schemes', () => {
  it('refuses weights that do not add up to 100, naming the field, and writes nothing', async () => {
    const c = content();
    c.indicators[0]!.weight = 25;
    const r = await post('office', '/api/v1/evaluation/schemes', body({ content: c }));
    expect(r.statusCode).toBe(400);
    const p = r.json();
    expect(p.code).toBe('scheme_invalid');
    expect(p.field).toBe('body.content.indicators');
    expect(p.errors[0]).toMatchObject({ code: 'weights_sum', field: 'body.content.indicators' });
    expect(p.errors[0].message.zh).toContain('105');
    expect(await t.sql('SELECT 1 FROM evaluation_schemes')).toHaveLength(0);
  });

  it('refuses a metric pointing the wrong way, a metric with no records yet, and a missing field, each by field', async () => {
    const c = content();
    (c.indicators[3] as { direction: string }).direction = 'higher_better';
    (c.indicators[4] as { metric: string }).metric = 'response_hours';
    const r = await post('office', '/api/v1/evaluation/schemes', body({ content: c }));
    expect(r.statusCode).toBe(400);
    const fields = r.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
    expect(fields).toContain('body.content.indicators[3].direction direction_mismatch');
    expect(fields).toContain('body.content.indicators[4].metric metric_unavailable');
    const noMetric = content();
    delete (noMetric.indicators[0] as { metric?: string }).metric;
    const z = await post('office', '/api/v1/evaluation/schemes', body({ content: noMetric }));
    expect(z.statusCode).toBe(400);
    expect(z.json().code).toBe('validation_failed');
    expect(z.json().field).toBe('body.content.indicators.0.metric');
    const kind = await post('office', '/api/v1/evaluation/schemes', body({ periodKind: 'week' }));
    expect(kind.json().field).toBe('body.periodKind');
  });

  it('creates version 1, refuses a second scheme for the same campaign, peer group and period kind', async () => {
    const r = await post('office', '/api/v1/evaluation/schemes', body());
    expect(r.statusCode, r.body).toBe(201);
    schemeId = r.json().id;
    expect(r.json()).toMatchObject({ version: 1, periodKind: 'quarter', unitCount: w.towns.length });
    const again = await post('office', '/api/v1/evaluation/schemes', body({ name: '另一个' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('scheme_exists');
    expect((await t.sql("SELECT 1 FROM audit_log WHERE action = 'evaluation.scheme.create'")).length).toBe(1);
  });

  it('a new version keeps the old one readable; versions are frozen in the database', async () => {
    const c = content();
    c.grading = { kind: 'quota', quotas: { A: 30, B: 40, C: 20 } };
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/versions`, {
      content: c,
      note: '调整表述',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().version).toBe(2);
    expect(r.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await get('liaison-qj-t01', `/api/v1/evaluation/schemes/${schemeId}/versions/1`);
    expect(v1.json().content.indicators).toHaveLength(7);
    await expect(t.sql('UPDATE evaluation_scheme_versions SET note = $1', ['x'])).rejects.toThrow(/frozen/);
  });

  it('only the office writes schemes: 403 for a liaison, an inspector', async () => {
    for (const u of ['liaison-qj-t01', 'inspector']) {
      const r = await post(u, '/api/v1/evaluation/schemes', body());
      expect(r.statusCode).toBe(403);
    }
  });
});

describe('entered values and events', () => {
  it('refuses a grade that is not A–D and a unit outside the peer group, all or nothing', async () => {
    const dept = await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-D001'");
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/values`, {
      period: '2026-Q1',
      values: [
        { unitId: T0, indicatorId: 'cards', value: 'B' },
        { unitId: T1, indicatorId: 'cards', value: 'E' },
        { unitId: dept[0]!.id, indicatorId: 'cards', value: 'A' },
      ],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('value_invalid');
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.values[1].value',
      'body.values[2].unitId',
    ]);
    expect(await t.sql('SELECT 1 FROM evaluation_values')).toHaveLength(0);
  });

  it('refuses a period not of the scheme’s kind', async () => {
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/values`, {
      period: '2026-03',
      values: [{ unitId: T0, indicatorId: 'cards', value: 'B' }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'period_invalid', field: 'body.period' });
  });

  it('stores grades (lower case accepted) and events', async () => {
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/values`, {
      period: '2026-Q1',
      values: [
        { unitId: T0, indicatorId: 'cards', value: 'b' },
        { unitId: T1, indicatorId: 'cards', value: 'A' },
        { unitId: T2, indicatorId: 'cards', value: 'C', note: '市考核办通报' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ imported: 3, cleared: 0 });
    const list = await get('office', `/api/v1/evaluation/schemes/${schemeId}/values?period=2026-Q1`);
    expect(
      list
        .json()
        .items.map((x: { value: string }) => x.value)
        .sort(),
    ).toEqual(['A', 'B', 'C']);
    const award = await post('office', '/api/v1/evaluation/events', {
      unitId: T1,
      kind: 'award_national',
      title: '全国文明村镇',
      occurredOn: '2026-02-01',
    });
    expect(award.statusCode, award.body).toBe(201);
    const card = await post('office', '/api/v1/evaluation/events', {
      unitId: T0,
      campaignId: w.campaignId,
      kind: 'yellow_card',
      title: '黄牌警告：信访积案化解不力',
      occurredOn: '2026-03-01',
    });
    expect(card.statusCode).toBe(201);
    const wrong = await post('office', '/api/v1/evaluation/events', {
      unitId: T2,
      kind: 'yellow_card',
      title: '误录',
      occurredOn: '2026-03-02',
    });
    const gone = await post('office', `/api/v1/evaluation/events/${wrong.json().id}/withdraw`, {
      reason: '误录',
    });
    expect(gone.json().withdrawn.reason).toBe('误录');
    const bad = await post('office', '/api/v1/evaluation/events', {
      unitId: T2,
      kind: 'Yellow Card',
      title: 'x',
      occurredOn: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.kind',
      'body.occurredOn',
    ]);
  });
});

describe('compute, explain, publish', () => {
  it('computes a period from the records: the 12 overdue problems of QJ-T01 (one of them its village’s)', async () => {
    const r = await get('office', `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026-Q1`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.id).toBeNull();
    expect(b.asOf).toBe('2026-03-31');
    expect(b.results).toHaveLength(w.towns.length);
    expect(b.abilities).toEqual({ publish: true, correct: false });
    const t0 = b.results.find((x: { unitId: number }) => x.unitId === T0);
    expect(t0.openProblems).toBe(12);
    const e = await get(
      'office',
      `/api/v1/evaluation/schemes/${schemeId}/preview/units/${T0}?period=2026-Q1`,
    );
    const lines = Object.fromEntries(e.json().lines.map((l: { indicatorId: string }) => [l.indicatorId, l]));
    expect(lines.overdue).toMatchObject({ raw: '12', recordCount: 12, weight: 20, normalised: 40 });
    expect(lines.overdue.text.contribution).toBe('8.00');
    expect(lines.closing).toMatchObject({ raw: '20.0000', numerator: 3, denominator: 15 });
    expect(lines.on_time).toMatchObject({ raw: '50.0000', numerator: 1, denominator: 2 });
    expect(lines.cards).toMatchObject({ raw: 'B', points: 85 });
    expect(lines.bonus).toMatchObject({ raw: -2, contribution: -2, recordCount: 1 });
    const recs = await get(
      'office',
      `/api/v1/evaluation/schemes/${schemeId}/preview/units/${T0}/indicators/overdue/records?period=2026-Q1`,
    );
    expect(recs.json().total).toBe(12);
    expect(
      recs
        .json()
        .items.map((x: { id: number }) => x.id)
        .sort((a: number, b: number) => a - b),
    ).toEqual([...overdueIds].sort((a, b) => a - b));
    expect(recs.json().items[0]).toMatchObject({ kind: 'problem', status: 'rectifying' });
  });

  it('refuses a period that has not started and a period of another kind', async () => {
    const later = await get('office', `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026-Q3`);
    expect(later.statusCode).toBe(409);
    expect(later.json()).toMatchObject({ code: 'period_not_started', field: 'query.period' });
    const wrong = await get('office', `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026`);
    expect(wrong.json()).toMatchObject({ code: 'period_invalid', field: 'query.period' });
    expect(
      (await get('liaison-qj-t01', `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026-Q1`))
        .statusCode,
    ).toBe(403);
  });

  it('publishes: frozen results, a hash of the inputs, audited; a second publication is refused', async () => {
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/publish`, { period: '2026-Q1' });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    boardId = b.id;
    expect(b.revision).toMatchObject({ revision: 1, schemeVersion: 2, reason: null });
    expect(b.revision.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.results).toHaveLength(w.towns.length);
    expect(b.gradeCounts.A + b.gradeCounts.B + b.gradeCounts.C + b.gradeCounts.D).toBe(w.towns.length);
    const again = await post('office', `/api/v1/evaluation/schemes/${schemeId}/publish`, {
      period: '2026-Q1',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_published');
    const audit = await t.sql<{ after: { inputHash: string } }>(
      "SELECT after FROM audit_log WHERE action = 'evaluation.publish'",
    );
    expect(audit[0]!.after.inputHash).toBe(b.revision.inputHash);
    const v = await get('office', `/api/v1/evaluation/boards/${boardId}/verify`);
    expect(v.json()).toMatchObject({ hashMatches: true, resultsMatch: true });
  });

  it('a published board does not change when the records change later; the preview does', async () => {
    const before = (await get('office', `/api/v1/evaluation/boards/${boardId}`)).json();
    const explainBefore = (await get('office', `/api/v1/evaluation/boards/${boardId}/units/${T0}`)).json();
    // Later: the 12 problems are closed as if in March, more problems land on T2, a grade is changed.
    await t.sql(
      `UPDATE problems SET status = 'closed', closed_at = '2026-03-20T02:00:00Z', claimed_on = '2026-02-01'
       WHERE id = ANY($1)`,
      [overdueIds],
    );
    await addProblems(t, w, T2, 7);
    await post('office', `/api/v1/evaluation/schemes/${schemeId}/values`, {
      period: '2026-Q1',
      values: [{ unitId: T0, indicatorId: 'cards', value: 'A' }],
    });
    const after = (await get('office', `/api/v1/evaluation/boards/${boardId}`)).json();
    expect(after.results).toEqual(before.results);
    const explainAfter = (await get('office', `/api/v1/evaluation/boards/${boardId}/units/${T0}`)).json();
    expect(explainAfter).toEqual(explainBefore);
    const recs = await get(
      'office',
      `/api/v1/evaluation/boards/${boardId}/units/${T0}/indicators/overdue/records`,
    );
    expect(recs.json().total).toBe(12);
    const preview = (
      await get('office', `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026-Q1`)
    ).json();
    expect(preview.results).not.toEqual(before.results);
    expect(preview.revision.id).toBe(boardId);
    expect(preview.abilities).toEqual({ publish: false, correct: true });
  });

  it('the database refuses to change or delete a published board, even for its owner', async () => {
    await expect(t.sql('UPDATE evaluation_board_results SET rank = 1')).rejects.toThrow(/frozen/);
    await expect(t.sql('DELETE FROM evaluation_boards')).rejects.toThrow(/frozen/);
    await expect(
      t.sql('UPDATE evaluation_board_inputs SET input_gzip = $1', [Buffer.from('x')]),
    ).rejects.toThrow(/frozen/);
    await expect(t.sql('TRUNCATE evaluation_board_results')).rejects.toThrow(/frozen/);
  });

  it('a correction is a new revision with a reason; the first stays visible, marked superseded', async () => {
    const none = await post('office', `/api/v1/evaluation/boards/${boardId}/correct`, { reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('body.reason');
    const r = await post('office', `/api/v1/evaluation/boards/${boardId}/correct`, {
      reason: '八张报表档次更正（市考核办复核）',
    });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    expect(b.revision).toMatchObject({ revision: 2, reason: '八张报表档次更正（市考核办复核）' });
    expect(b.revisions.map((x: { revision: number }) => x.revision)).toEqual([2, 1]);
    const first = (await get('office', `/api/v1/evaluation/boards/${boardId}`)).json();
    expect(first.superseded).toBe(true);
    expect(first.revisions.map((x: { id: number }) => x.id)).toEqual([b.id, boardId]);
    const old = await post('office', `/api/v1/evaluation/boards/${boardId}/correct`, { reason: '再改一次' });
    expect(old.statusCode).toBe(409);
    expect(old.json().code).toBe('not_latest_revision');
    const list = (await get('office', `/api/v1/evaluation/boards?schemeId=${schemeId}`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([b.id]);
    const all = (
      await get('office', `/api/v1/evaluation/boards?schemeId=${schemeId}&includeSuperseded=true`)
    ).json();
    expect(all.items).toHaveLength(2);
  });

  it('环比: the next quarter compares ranks with the latest revision of the last one', async () => {
    await at('2026-07-05T02:00:00Z');
    const r = await post('office', `/api/v1/evaluation/schemes/${schemeId}/publish`, { period: '2026-Q2' });
    expect(r.statusCode, r.body).toBe(201);
    const q1 = (await get('office', `/api/v1/evaluation/boards?schemeId=${schemeId}`))
      .json()
      .items.find((x: { period: { key: string } }) => x.period.key === '2026-Q1');
    const q1Board = (await get('office', `/api/v1/evaluation/boards/${q1.id}`)).json();
    const rankQ1 = new Map(q1Board.results.map((x: { unitId: number; rank: number }) => [x.unitId, x.rank]));
    for (const x of r.json().results) {
      expect(x.change.previousRank).toBe(rankQ1.get(x.unitId));
      expect(x.change.change).toBe((rankQ1.get(x.unitId) as number) - x.rank);
    }
    await at('2026-04-10T02:00:00Z');
  });
});

describe('who sees what', () => {
  it('a town reads the board, opens its own explanation and records, never another town’s (404)', async () => {
    expect((await get('liaison-qj-t01', `/api/v1/evaluation/boards/${boardId}`)).statusCode).toBe(200);
    const own = await get('liaison-qj-t01', `/api/v1/evaluation/boards/${boardId}/units/${T0}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().unit.id).toBe(T0);
    const recs = await get(
      'head-qj-t01',
      `/api/v1/evaluation/boards/${boardId}/units/${T0}/indicators/overdue/records?limit=5`,
    );
    expect(recs.json()).toMatchObject({ total: 12, kind: 'problem' });
    expect(recs.json().items).toHaveLength(5);
    expect((await get('liaison-qj-t01', `/api/v1/evaluation/boards/${boardId}/units/${T1}`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await get(
          'liaison-qj-t01',
          `/api/v1/evaluation/boards/${boardId}/units/${T1}/indicators/overdue/records`,
        )
      ).statusCode,
    ).toBe(404);
    expect((await get('inspector', `/api/v1/evaluation/boards/${boardId}/units/${T1}`)).statusCode).toBe(200);
    expect((await get('admin', `/api/v1/evaluation/boards/${boardId}`)).statusCode).toBe(403);
  });

  it('the public board needs no sign-in and shows only published boards, never records', async () => {
    const list = await get(null, '/api/v1/public/boards');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((x: { id: number }) => x.id);
    expect(ids).not.toContain(boardId); // superseded by its correction
    expect(list.json().items.every((x: { revision: number }) => x.revision >= 1)).toBe(true);
    const latest = list.json().items.find((x: { period: { key: string } }) => x.period.key === '2026-Q1');
    const b = await get(null, `/api/v1/public/boards/${latest.id}`);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({
      revision: 2,
      correctionReason: '八张报表档次更正（市考核办复核）',
      supersededBy: null,
    });
    expect(b.json().results[0]).toHaveProperty('openProblems');
    expect(b.body).not.toContain('recordIds');
    expect(b.body).not.toContain('unitId');
    const old = await get(null, `/api/v1/public/boards/${boardId}`);
    expect(old.json().supersededBy).toBe(latest.id);
    expect((await get(null, '/api/v1/public/boards/999999')).statusCode).toBe(404);
    expect((await get(null, `/api/v1/evaluation/boards/${boardId}`)).statusCode).toBe(401);
    expect(
      (await get(null, `/api/v1/evaluation/schemes/${schemeId}/preview?period=2026-Q1`)).statusCode,
    ).toBe(401);
  });
});

describe('boards published before migration 0013', () => {
  it('a board published before migration 0013 (text input, jsonb records) still opens', async () => {
    const [legacy] = await t.sql<{ id: number }>(
      `INSERT INTO evaluation_boards (scheme_id, scheme_version, period, revision, campaign_id, peer_group_id,
         period_start, period_end, as_of, input_hash, grade_counts, a_share, unit_count, reason, published_by, published_at)
       SELECT scheme_id, scheme_version, '2025-Q4', 1, campaign_id, peer_group_id, '2025-10-01', '2025-12-31',
              '2025-12-31', input_hash, grade_counts, a_share, unit_count, NULL, published_by, published_at
         FROM evaluation_boards WHERE id = $1 RETURNING id`,
      [boardId],
    );
    await t.sql(
      `INSERT INTO evaluation_board_inputs (board_id, input_text) VALUES ($1, 'not the text that was hashed')`,
      [legacy!.id],
    );
    await t.sql(
      `INSERT INTO evaluation_board_results (board_id, unit_id, unit_name, rank, grade, total, total_text, change,
         open_problems, scores, lines, records)
       SELECT $1, unit_id, unit_name, rank, grade, total, total_text, change, open_problems, scores, lines,
              '{"overdue": {"ids": [7, 8], "missed": [], "absent": []}}'::jsonb
         FROM evaluation_board_results WHERE board_id = $2`,
      [legacy!.id, boardId],
    );
    const recs = await get(
      'office',
      `/api/v1/evaluation/boards/${legacy!.id}/units/${T0}/indicators/overdue/records`,
    );
    expect(recs.statusCode, recs.body).toBe(200);
    expect(recs.json().total).toBe(2);
    const v = await get('office', `/api/v1/evaluation/boards/${legacy!.id}/verify`);
    expect(v.json()).toMatchObject({ hashMatches: false, resultsMatch: false });
  });
});
