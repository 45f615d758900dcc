import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';
import { form } from '../../test/multipart.ts';

let t: TestContext;
let office: string;
let campaignId: number;
let leaderName: string;
let townName: string;
const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-excel-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const headers = [
  '编号',
  '任务名称',
  '类别',
  '目标任务',
  '包保领导',
  '牵头单位',
  '配合单位',
  '开始日期',
  '完成时限',
  '时间节点',
  '报送周期',
];

async function sheet(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务清单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function post(url: string, cookie: string, data: Buffer, filename: string) {
  const f = form(data, filename);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'x-luoshi-request': '1', 'content-type': f.contentType },
    payload: f.payload,
  });
}

beforeAll(async () => {
  t = await testContext({ LUOSHI_DATA_DIR: dataDir });
  office = await t.signIn('office');
  leaderName = (await t.sql<{ name: string }>("SELECT name FROM people WHERE username = 'leader'"))[0]!.name;
  townName = (await t.sql<{ name: string }>("SELECT name FROM units WHERE code = 'QJ-T01'"))[0]!.name;
  const c = await t.call('POST', '/api/v1/campaigns', {
    cookie: office,
    body: { name: '导入测试行动', start: '2026-03-01', end: '2026-12-31' },
  });
  campaignId = c.json().id;
});

describe('task lists in Excel', () => {
  it('hands out a template that imports back with its headers', async () => {
    const r = await t.call('GET', '/api/v1/task-sheet/template.xlsx', { cookie: office });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).map(String).join(' ');
    expect(header).toContain('编号');
    expect(header).toContain('报送周期');
  });

  it('imports all rows or none, naming row, column and the closest names', async () => {
    const bad = await sheet([
      [
        '1.1',
        '完成背街小巷改造',
        '民生',
        '改造 120 条',
        leaderName,
        '清水镇',
        '',
        '2026-03-01',
        '2026-11-30',
        '2026-06-30: 完成一半',
        '每月',
      ],
      [
        '1.2',
        '完成农村改厕',
        '民生',
        '改厕 500 户',
        leaderName,
        '青水镇',
        '',
        '2026-03-01',
        '2026-10-31',
        '',
        '月报',
      ],
    ]);
    const r = await post(`/api/v1/campaigns/${campaignId}/tasks/import`, office, bad, '任务.xlsx');
    expect(r.statusCode, r.body).toBe(422);
    const p = r.json();
    expect(p.code).toBe('sheet_rows_invalid');
    expect(p.detail.problems[0]).toMatchObject({
      row: 3,
      column: '牵头单位',
      suggestions: expect.arrayContaining(['清水镇']),
    });
    expect((await t.sql('SELECT 1 FROM tasks WHERE campaign_id = $1', [campaignId])).length).toBe(0);

    const good = await sheet([
      [
        '1.1',
        '完成背街小巷改造',
        '民生',
        '改造 120 条',
        leaderName,
        townName,
        '区财政局',
        '2026-03-01',
        '2026-11-30',
        '2026-06-30: 完成一半; 2026-11-30: 全部完成',
        '每月',
      ],
      [
        '1.2',
        '完成农村改厕',
        '民生',
        '改厕 500 户',
        leaderName,
        '清水镇',
        '',
        new Date(Date.UTC(2026, 2, 1)),
        '2026年10月31日',
        '',
        '季报',
      ],
    ]);
    const ok = await post(`/api/v1/campaigns/${campaignId}/tasks/import`, office, good, '任务.xlsx');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imported).toBe(2);
    const tasks = await t.sql<{ code: string; status: string; cadence: string; deadline: string }>(
      "SELECT code, status, cadence, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM tasks WHERE campaign_id = $1 ORDER BY code",
      [campaignId],
    );
    expect(tasks).toEqual([
      { code: '1.1', status: 'draft', cadence: 'monthly', deadline: '2026-11-30' },
      { code: '1.2', status: 'draft', cadence: 'quarterly', deadline: '2026-10-31' },
    ]);
    const again = await post(`/api/v1/campaigns/${campaignId}/tasks/import`, office, good, '任务.xlsx');
    expect(again.statusCode).toBe(422);
    expect(again.json().detail.problems[0].column).toBe('编号');
    const notXlsx = await post(
      `/api/v1/campaigns/${campaignId}/tasks/import`,
      office,
      Buffer.from('编号,任务名称\n1,x\n'),
      'a.xlsx',
    );
    expect(notXlsx.json()).toMatchObject({ code: 'sheet_not_xlsx', field: 'file' });
    const liaison = await t.signIn('liaison-qj-t01');
    expect(
      (await post(`/api/v1/campaigns/${campaignId}/tasks/import`, liaison, good, 'a.xlsx')).statusCode,
    ).toBe(403);
    expect((await t.sql("SELECT 1 FROM audit_log WHERE action = 'task.import'")).length).toBe(1);
  });

  it('exports a filtered list in the same format, which imports into another campaign unchanged', async () => {
    const out = await t.call(
      'GET',
      `/api/v1/campaigns/${campaignId}/tasks.xlsx?q=${encodeURIComponent('背街')}`,
      { cookie: office },
    );
    expect(out.statusCode).toBe(200);
    const c2 = await t.call('POST', '/api/v1/campaigns', {
      cookie: office,
      body: { name: '导入测试行动二', start: '2026-03-01', end: '2026-12-31' },
    });
    const back = await post(
      `/api/v1/campaigns/${c2.json().id}/tasks/import`,
      office,
      out.rawPayload,
      'export.xlsx',
    );
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().imported).toBe(1);
    const [a, b] = await Promise.all(
      [campaignId, c2.json().id].map((id) =>
        t.sql(
          `SELECT t.code, t.title, t.target_text, t.lead_unit_id, t.start_on::text, t.deadline::text, t.cadence,
             (SELECT array_agg(unit_id) FROM task_cooperators WHERE task_id = t.id) AS coop,
             (SELECT array_agg(due_on::text || ' ' || title || ' ' || percent ORDER BY due_on) FROM task_milestones WHERE task_id = t.id) AS ms
           FROM tasks t WHERE campaign_id = $1 AND code = '1.1'`,
          [id],
        ),
      ),
    );
    expect(b).toEqual(a);
  });
});

describe('files on reports', () => {
  it('shows a report’s files to its unit at once and to the office only after the head approved', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    const head = await t.signIn('head-qj-t01');
    const other = await t.signIn('liaison-qj-t02');
    const [task] = await t.sql<{ id: number }>(
      "SELECT id FROM tasks WHERE campaign_id = $1 AND code = '1.1'",
      [campaignId],
    );
    const issued = await t.call('POST', `/api/v1/tasks/${task!.id}/issue`, { cookie: office });
    expect(issued.statusCode, issued.body).toBe(200);
    const signed = await t.call('POST', `/api/v1/tasks/${task!.id}/sign`, { cookie: liaison });
    expect(signed.statusCode, signed.body).toBe(200);
    const up = await post(
      '/api/v1/attachments',
      liaison,
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF'),
      '进度佐证.pdf',
    );
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    const forged = await t.call('POST', `/api/v1/tasks/${task!.id}/reports`, {
      cookie: liaison,
      body: { percent: 10, progress: '启动', attachmentIds: [fileId + 1000] },
    });
    expect(forged.json()).toMatchObject({ status: 404, field: 'body.attachmentIds' });
    expect((await t.sql('SELECT 1 FROM reports WHERE task_id = $1', [task!.id])).length).toBe(0);
    const rep = await t.call('POST', `/api/v1/tasks/${task!.id}/reports`, {
      cookie: liaison,
      body: { percent: 10, progress: '启动', attachmentIds: [fileId] },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const withFile = await t.call('GET', `/api/v1/tasks/${task!.id}`, { cookie: liaison });
    expect(withFile.json().reports[0].attachments).toEqual([
      expect.objectContaining({ id: fileId, filename: '进度佐证.pdf' }),
    ]);
    expect((await t.call('GET', `/api/v1/attachments/${fileId}`, { cookie: head })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/attachments/${fileId}`, { cookie: office })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/attachments/${fileId}`, { cookie: other })).statusCode).toBe(404);
    await t.call('POST', `/api/v1/reports/${rep.json().id}/approve`, { cookie: head });
    const dl = await t.call('GET', `/api/v1/attachments/${fileId}`, { cookie: office });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await t.call('GET', `/api/v1/attachments/${fileId}`, { cookie: other })).statusCode).toBe(404);
  });
});
