import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSheetColumns } from '../../../domain/problems/problem-sheet.ts';
import { readSheet, writeSheet } from '../../lib/xlsx/index.ts';
import { form } from '../../test/multipart.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { makeZip, sheetXml, workbookEntries } from '../../test/zip-fixture.ts';
import { draftsOf, loadProblemSheetLookups, parseProblemSheet } from './problems-excel.service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-problems-excel-'));
let t: TestContext;
const cookie: Record<string, string> = {};
let campaignId: number;
let t01: { id: number; name: string };
let t02: { id: number; name: string };
let liaison01: string;
let liaison02: string;

beforeAll(async () => {
  t = await testContext({ LUOSHI_DATA_DIR: dataDir });
  for (const u of ['office', 'inspector', 'liaison-qj-t01']) cookie[u] = await t.signIn(u);
  const units = await t.sql<{ id: number; name: string; code: string }>(
    "SELECT id, name, code FROM units WHERE code IN ('QJ-T01', 'QJ-T02')",
  );
  t01 = units.find((u) => u.code === 'QJ-T01')!;
  t02 = units.find((u) => u.code === 'QJ-T02')!;
  const people = await t.sql<{ name: string; username: string }>(
    "SELECT name, username FROM people WHERE username IN ('liaison-qj-t01', 'liaison-qj-t02')",
  );
  liaison01 = people.find((p) => p.username === 'liaison-qj-t01')!.name;
  liaison02 = people.find((p) => p.username === 'liaison-qj-t02')!.name;
  const c = await t.call('POST', '/api/v1/campaigns', {
    cookie: cookie.office,
    body: { name: '作风建设专项行动', start: '2026-03-01', end: '2026-12-31' },
  });
  campaignId = c.json().id;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Row = Record<string, string | number | Date | null>;

const row = (over: Row = {}): Row => ({
  description: '村务公开栏内容长期未更新',
  source: '督查',
  categories: '形式主义',
  foundOn: '2026-03-05',
  foundBy: '区委第二督查组',
  unit: t01.name,
  person: null,
  severity: '一般',
  deadline: '2026-04-30',
  longTerm: '否',
  stages: null,
  ...over,
});

const sheet = (rows: Row[]) => writeSheet({ sheetName: '问题清单', columns: problemSheetColumns, rows });

function importFile(
  data: Buffer,
  user = 'office',
  query = `?campaignId=${campaignId}`,
  name = '问题清单.xlsx',
) {
  const f = form(data, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/problems/import${query}`,
    headers: { cookie: cookie[user]!, 'x-luoshi-request': '1', 'content-type': f.contentType },
    payload: f.payload,
  });
}

const counts = async () =>
  (
    await t.sql<{ problems: number; audit: number; attachments: number }>(
      `SELECT (SELECT count(*)::int FROM problems) AS problems, (SELECT count(*)::int FROM audit_log) AS audit,
              (SELECT count(*)::int FROM attachments) AS attachments`,
    )
  )[0]!;

describe('importing a findings sheet', () => {
  it('offers a template whose headers the import reads', async () => {
    const r = await t.call('GET', '/api/v1/problem-sheet/template.xlsx', { cookie: cookie.inspector });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('filename*=UTF-8');
    const read = await readSheet(r.rawPayload, { columns: problemSheetColumns, maxRows: 10 });
    expect(read.rows[0]!.cells.description).toContain('示例');
    expect(
      (await t.call('GET', '/api/v1/problem-sheet/template.xlsx', { cookie: cookie['liaison-qj-t01'] }))
        .statusCode,
    ).toBe(403);
  });

  it('imports every row or none, listing each problem by row and column with suggestions', async () => {
    const before = await counts();
    const bad = await sheet([
      row(),
      row({ unit: t01.name.slice(0, 1) + 'x' + t01.name.slice(2), foundOn: '2026-13-01' }),
      row({ person: liaison02, categories: '躺平、不存在的类别' }),
      row({ longTerm: '是', severity: '很严重' }),
      row({ description: null, deadline: '2026-03-01' }),
    ]);
    const r = await importFile(bad);
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.code).toBe('sheet_rows_invalid');
    expect(body.message.zh).toBe('工作表中有错误，未导入任何数据');
    const problems = body.detail.problems as {
      row: number;
      column: string;
      message: { zh: string };
      suggestions: string[];
    }[];
    const at = (n: number) => problems.filter((p) => p.row === n).map((p) => p.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['发现时间', '责任单位']);
    expect(problems.find((p) => p.row === 3 && p.column === '责任单位')!.suggestions).toContain(t01.name);
    expect(at(4)).toEqual(['问题类别', '责任人']);
    expect(at(5)).toEqual(['严重程度', '阶段目标']);
    expect(at(6)).toEqual(['问题描述', '整改时限']);
    expect(body.detail.total).toBe(problems.length);
    expect(await counts()).toEqual(before);
  });

  it('imports a good sheet into the campaign, one audit entry per problem and one for the import', async () => {
    const before = await counts();
    const good = await sheet([
      row(),
      row({
        description: '重点项目推进缓慢，未按序时进度完成',
        source: '巡视',
        categories: '慢作为；不作为、慢作为、乱作为',
        unit: t01.name,
        person: liaison01,
        severity: '严重',
        deadline: '2026-12-31',
        longTerm: '是',
        stages: '2026-06-30 (40%): 完成主体整改; 2026-12-31: 全面销号',
      }),
      row({ description: '信访件办理超期', source: 'petition', categories: 'Inaction', unit: t02.name }),
    ]);
    const r = await importFile(good);
    expect(r.statusCode, r.body).toBe(201);
    const { imported, problemIds } = r.json();
    expect(imported).toBe(3);
    const after = await counts();
    expect(after.problems).toBe(before.problems + 3);
    expect(after.audit).toBe(before.audit + 4);
    const detail = await t.call('GET', `/api/v1/problems/${problemIds[1]}`, { cookie: cookie.office });
    expect(detail.json()).toMatchObject({
      campaign: { id: campaignId },
      source: { name: '巡视' },
      categories: [{ name: '不作为、慢作为、乱作为' }, { name: '慢作为' }],
      severity: 'severe',
      longTerm: true,
      person: { name: liaison01 },
      stages: [
        { date: '2026-06-30', title: '完成主体整改', percent: 40 },
        { date: '2026-12-31', title: '全面销号', percent: 100 },
      ],
      status: 'assigned',
    });
    const [imp] = await t.sql<{ after: { rows: number; campaignId: number } }>(
      "SELECT after FROM audit_log WHERE action = 'problem.import' ORDER BY id DESC LIMIT 1",
    );
    expect(imp!.after).toMatchObject({ rows: 3, campaignId });
  });

  it('exports what it imports: the exported sheet reads back to the same drafts', async () => {
    const r = await t.call('GET', `/api/v1/problems.xlsx?campaignId=${campaignId}`, {
      cookie: cookie.office,
    });
    expect(r.statusCode).toBe(200);
    const lookups = await loadProblemSheetLookups(t.database.db, null);
    const parsed = await parseProblemSheet(r.rawPayload, lookups);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const ids = (
      await t.sql<{ id: number }>('SELECT id FROM problems WHERE campaign_id = $1 ORDER BY id DESC', [
        campaignId,
      ])
    ).map((x) => x.id);
    expect(parsed.rows).toHaveLength(3);
    const stored = await draftsOf(t.database.db, ids);
    expect(parsed.rows.map((x) => x.draft)).toEqual(ids.map((id) => stored.get(id)));
    // Read-only columns follow the import's.
    const read = await readSheet(r.rawPayload, {
      columns: [...problemSheetColumns, { key: 'status', header: '状态' }],
      maxRows: 10,
    });
    expect(read.rows.map((x) => x.cells.status)).toEqual(['已交办', '已交办', '已交办']);
  });

  it('exports the statistics as shown: one row per group and the total last', async () => {
    const query = `groupBy=source&campaignId=${campaignId}`;
    const shown = await t.call('GET', `/api/v1/problem-statistics?${query}`, { cookie: cookie.office });
    expect(shown.statusCode).toBe(200);
    const stats = shown.json() as {
      total: { found: number; closed: number; open: number; closingRate: number | null };
      rows: { key: { name: string }; found: number; open: number }[];
    };
    expect(stats.rows.length).toBeGreaterThan(0);
    const r = await t.call('GET', `/api/v1/problem-statistics.xlsx?${query}`, { cookie: cookie.office });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('问题统计');
    const read = await readSheet(r.rawPayload, {
      columns: [
        { key: 'name', header: '问题来源' },
        { key: 'found', header: '发现问题', type: 'number' },
        { key: 'open', header: '未销号', type: 'number' },
      ],
      maxRows: 100,
    });
    expect(read.rows.map((x) => [x.cells.name, Number(x.cells.found), Number(x.cells.open)])).toEqual([
      ...stats.rows.map((x) => [x.key.name, x.found, x.open]),
      ['合计', stats.total.found, stats.total.open],
    ]);
    // The same readers as the statistics, and the same validation.
    const bad = await t.call('GET', '/api/v1/problem-statistics.xlsx?groupBy=street', {
      cookie: cookie.office,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'query.groupBy' });
    const grid = await t.signIn('grid');
    expect(
      (await t.call('GET', `/api/v1/problem-statistics.xlsx?${query}`, { cookie: grid })).statusCode,
    ).toBe(403);
  });

  it('refuses what is not a findings sheet, a zip bomb, a closed campaign and a unit user, writing nothing', async () => {
    const before = await counts();
    const header = problemSheetColumns.map((c) => c.header);
    const data = [header, ['问题', '督查', '', '2026-03-01', '', t01.name, '', '', '2026-04-01', '', '']];
    const declared = makeZip([
      ...workbookEntries(sheetXml(data)),
      { name: 'xl/media/big.bin', data: 'x', declaredSize: 3_000_000_000 },
    ]);
    const lying = makeZip([
      ...workbookEntries(sheetXml(data)),
      {
        name: 'xl/media/lie.bin',
        data: Buffer.alloc(1024, 0x20),
        raw: deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20)),
        declaredSize: 1024,
      },
    ]);
    const cases: [string, Buffer, number, string][] = [
      ['zip bomb (3 GB declared)', declared, 413, 'payload_too_large'],
      ['zip bomb (lies about its size)', lying, 400, 'sheet_not_xlsx'],
      [
        'a jpg named .xlsx',
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
        400,
        'sheet_not_xlsx',
      ],
      [
        'wrong headers',
        await writeSheet({ sheetName: 'x', columns: [{ key: 'a', header: '序号' }], rows: [{ a: '1' }] }),
        400,
        'sheet_bad_header',
      ],
    ];
    for (const [label, buf, status, code] of cases) {
      const r = await importFile(buf);
      expect(r.statusCode, label).toBe(status);
      expect(r.json(), label).toMatchObject({ code, field: 'file' });
    }
    expect((await importFile(await sheet([row()]), 'liaison-qj-t01')).statusCode).toBe(403);
    await t.sql('UPDATE campaigns SET closed = true WHERE id = $1', [campaignId]);
    const closed = await importFile(await sheet([row()]));
    expect(closed.json()).toMatchObject({ code: 'campaign_closed', field: 'query.campaignId' });
    await t.sql('UPDATE campaigns SET closed = false WHERE id = $1', [campaignId]);
    expect(await counts()).toEqual(before);
  });
});

describe('bad evidence files', () => {
  function upload(data: Buffer | Readable, filename: string, headers: Record<string, string> = {}) {
    const body =
      data instanceof Readable
        ? { payload: data, contentType: headers['content-type']! }
        : form(data, filename);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: {
        cookie: cookie['liaison-qj-t01']!,
        'x-luoshi-request': '1',
        'content-type': body.contentType,
        ...headers,
      },
      payload: body.payload,
    });
  }

  it('refuses a fake jpg, a 200 MB file and a zip bomb dressed as xlsx, storing nothing', async () => {
    const before = await counts();
    const fake = await upload(Buffer.from('GIF89a not really a jpeg at all'), '整改照片.jpg');
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'file_type_not_allowed', field: 'file' });

    // 200 MB, streamed: refused from its declared length before it is read.
    const boundary = '----luoshibig';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const mb = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const stream = Readable.from(
      (function* () {
        yield head;
        for (let i = 0; i < 200; i++) {
          sent++;
          yield mb;
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      })(),
    );
    const big = await upload(stream, 'big.pdf', {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + 200 * mb.length + boundary.length + 8),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large', field: 'file' });
    expect(sent).toBeLessThan(200);

    const xlsxBomb = makeZip([
      ...workbookEntries(sheetXml([['a']])),
      { name: 'xl/media/big.bin', data: 'x', declaredSize: 3_000_000_000 },
    ]);
    const bomb = await upload(xlsxBomb, '佐证.xlsx');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json()).toMatchObject({
      code: 'payload_too_large',
      field: 'file',
      detail: { reason: 'unpacked size' },
    });
    const liar = makeZip([
      ...workbookEntries(sheetXml([['a']])),
      {
        name: 'xl/media/lie.bin',
        data: Buffer.alloc(1024, 0x20),
        raw: deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
        declaredSize: 1024,
      },
    ]);
    expect((await upload(liar, '佐证.xlsx')).json()).toMatchObject({ code: 'file_type_not_allowed' });
    expect(await counts()).toEqual(before);
  });
});
