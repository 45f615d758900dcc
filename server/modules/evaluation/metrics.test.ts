import { beforeAll, describe, expect, it } from 'vitest';
import { form } from '../../test/multipart.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { addProblems, addTask, content, world, type World } from './evaluation.testkit.ts';
import ExcelJS from 'exceljs';

let t: TestContext;
let w: World;
let office: string;
let schemeId: number;
let T0: number, T1: number, T2: number;
const ids: Record<string, number> = {};

async function report(
  taskId: number | null,
  itemId: number | null,
  unitId: number,
  key: string,
  p: { late: boolean; status?: string },
) {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const start = `${key}-01`;
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const [r] = await t.sql<{ id: number }>(
    `INSERT INTO reports (task_id, item_id, unit_id, period_key, period_start, period_end, due_on, status, progress,
       author_id, submitted_at, late)
     VALUES ($1, $2, $3, $4, $5::date, $6::date, $6::date + 3, $7, '按计划推进', $8, '2026-02-01T02:00:00Z', $9)
     RETURNING id`,
    [taskId, itemId, unitId, key, start, end, p.status ?? 'approved', w.office, p.late],
  );
  return r!.id;
}

beforeAll(async () => {
  t = await testContext();
  w = await world(t);
  [T0, T1, T2] = w.towns.map((x) => x.id) as [number, number, number];
  // Reports of QJ-T01: a monthly task (January in, February never written) and a monthly item (January late).
  const task = await addTask(t, w, T0, 'R-1', { deadline: '2026-06-30' });
  ids.janTask = await report(task, null, T0, '2026-01', { late: false });
  const [item] = await t.sql<{ id: number }>(
    `INSERT INTO report_items (campaign_id, title, cadence, grace_days, start_on, end_on)
     VALUES ($1, '作风提升行动工作进展月报', 'monthly', 5, '2026-01-01', '2026-12-31') RETURNING id`,
    [w.campaignId],
  );
  await t.sql('INSERT INTO report_item_units (item_id, unit_id) VALUES ($1, $2)', [item!.id, T0]);
  ids.janItem = await report(null, item!.id, T0, '2026-01', { late: true });
  ids.febItem = await report(null, item!.id, T0, '2026-02', { late: false });
  // T1: a weekly task in March with nothing reported: four weeks due by the end of the quarter.
  await addTask(t, w, T1, 'R-2', { deadline: '2026-03-31', start: '2026-03-01', cadence: 'weekly' });
  // T2: overdue on 31 March although closed in April; on-time claims stop the clock.
  ids.lateClosed = (
    await addProblems(t, w, T2, 1, {
      deadline: '2026-03-15',
      status: 'closed',
      closedAt: '2026-04-05T02:00:00Z',
      claimedOn: '2026-04-01',
    })
  )[0]!;
  await addProblems(t, w, T2, 1, {
    deadline: '2026-03-15',
    status: 'closed',
    closedAt: '2026-03-20T02:00:00Z',
    claimedOn: '2026-03-10',
  });
  await addProblems(t, w, T2, 1, {
    deadline: '2026-03-15',
    status: 'closing_claimed',
    claimedOn: '2026-03-10',
  });
  // A problem found after the quarter does not count in it.
  await addProblems(t, w, T2, 1, { foundOn: '2026-04-02', deadline: '2026-04-03' });
  t.clock.now = new Date('2026-04-10T02:00:00Z');
  office = await t.signIn('office');
  const s = await t.call('POST', '/api/v1/evaluation/schemes', {
    cookie: office,
    body: {
      campaignId: w.campaignId,
      peerGroupId: w.townGroup,
      periodKind: 'quarter',
      name: '2026年乡镇街道赛马比拼',
      content: content(),
    },
  });
  schemeId = s.json().id;
});

const explain = async (unitId: number) => {
  const r = await t.call(
    'GET',
    `/api/v1/evaluation/schemes/${schemeId}/preview/units/${unitId}?period=2026-Q1`,
    {
      cookie: office,
    },
  );
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries(r.json().lines.map((l: { indicatorId: string }) => [l.indicatorId, l]));
};

describe('computed indicators from the records', () => {
  it('report timeliness counts every report due, a report never written as late', async () => {
    const lines = await explain(T0);
    expect(lines.reports).toMatchObject({ numerator: 2, denominator: 4, raw: '50.0000', recordCount: 4 });
    const recs = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${schemeId}/preview/units/${T0}/indicators/reports/records?period=2026-Q1`,
      { cookie: office },
    );
    expect(recs.statusCode, recs.body).toBe(200);
    const items = recs.json().items as {
      id: number | null;
      counted: boolean;
      status: string;
      title: string;
    }[];
    expect(items.map((x) => [x.id, x.counted])).toEqual([
      [null, false],
      [ids.janItem, false],
      [ids.janTask, true],
      [ids.febItem, true],
    ]);
    expect(items[0]!.title).toContain('R-1');
    expect(items[0]!.title).toContain('2026-02');
    const t1 = await explain(T1);
    expect(t1.reports).toMatchObject({ numerator: 0, denominator: 4, raw: '0.0000' });
  });

  it('overdue is judged on the last day of the period, not today', async () => {
    const lines = await explain(T2);
    expect(lines.overdue).toMatchObject({ raw: '1', recordCount: 1 });
    const recs = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${schemeId}/preview/units/${T2}/indicators/overdue/records?period=2026-Q1`,
      { cookie: office },
    );
    expect(recs.json().items.map((x: { id: number }) => x.id)).toEqual([ids.lateClosed]);
    // Found by 31 March: three; closed by then: one.
    expect(lines.closing).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('units without records: a rate is missing, a count is 0', async () => {
    const lines = await explain(w.towns[3]!.id);
    expect(lines.on_time).toMatchObject({ missing: true, raw: null });
    expect(lines.overdue).toMatchObject({ missing: false, raw: '0', recordCount: 0 });
  });
});

describe('the score sheet (Excel)', () => {
  async function sheet(rows: (string | number | null)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('得分录入');
    ws.addRow(['单位编码', '单位名称', '八张报表']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (bytes: Buffer) => {
    const f = form(bytes, '得分.xlsx');
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/evaluation/schemes/${schemeId}/values/import?period=2026-Q1`,
      headers: { cookie: office, 'x-luoshi-request': '1', 'content-type': f.contentType },
      payload: f.payload,
    });
  };

  it('the template lists every unit of the peer group', async () => {
    const r = await t.call('GET', `/api/v1/evaluation/schemes/${schemeId}/values.xlsx?period=2026-Q1`, {
      cookie: office,
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('八张报表');
    expect(ws.rowCount).toBe(w.towns.length + 1);
  });

  it('refuses the whole sheet with a row-by-row report when one row is wrong', async () => {
    const r = await upload(
      await sheet([
        [w.towns[0]!.code, '', 'A'],
        [w.towns[1]!.code, '', 'E'],
        ['QJ-D001', '', 'B'],
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('sheet_rows_invalid');
    const problems = r.json().detail.problems as { row: number; column: string }[];
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '八张报表'],
      [4, '单位编码'],
    ]);
    expect(await t.sql('SELECT 1 FROM evaluation_values')).toHaveLength(0);
  });

  it('imports a sound sheet; a blank cell leaves a value as it is', async () => {
    const r = await upload(
      await sheet([
        [w.towns[0]!.code, '', 'a'],
        [w.towns[1]!.code, '', 'B'],
        [w.towns[2]!.code, '', null],
      ]),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ imported: 2, cleared: 0 });
    const rows = await t.sql<{ value: string; origin: string }>(
      'SELECT value, origin FROM evaluation_values ORDER BY unit_id',
    );
    expect(rows).toEqual([
      { value: 'A', origin: 'import' },
      { value: 'B', origin: 'import' },
    ]);
    expect((await t.sql("SELECT 1 FROM audit_log WHERE action = 'evaluation.values.import'")).length).toBe(1);
    expect((await explain(T0)).cards).toMatchObject({ raw: 'A', recordCount: 1 });
  });
});
