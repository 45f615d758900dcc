import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetProblem, TaskDraft } from '../../../domain/contracts/tasks.ts';
import { AppError } from '../../../domain/errors.ts';
import { taskSheetColumns } from '../../../domain/tasks/task-sheet.ts';
import { errorHandler } from '../../http/errors.ts';
import { NOTES_SHEET, writeSheet } from '../../lib/xlsx/write-sheet.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import {
  loadTaskSheetLookups,
  MAX_LISTED_PROBLEMS,
  parseTaskSheet,
  readTaskSheet,
  taskTemplate,
  writeTaskSheet,
  type TaskSheetLookups,
} from './tasks-excel.service.ts';

let t: TestContext;
let lookups: TaskSheetLookups;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await testContext();
  const units = await t.sql<{ id: number; code: string; name: string }>(
    "SELECT id, code, name FROM units WHERE code IN ('QJ-T01', 'QJ-T34', 'QJ-D003') OR name IN ('区生态环境局', '区住房城乡建委')",
  );
  for (const u of units) {
    ids[u.code] = u.id;
    ids[u.name] = u.id;
  }
  const people = await t.sql<{ id: number; username: string }>(
    "SELECT id, username FROM people WHERE username IN ('leader', 'office', 'liaison-qj-t01')",
  );
  for (const p of people) ids[p.username] = p.id;
  lookups = await loadTaskSheetLookups(t.database.db, null);
});

const header = taskSheetColumns.map((c) => c.header);

/** A task sheet with the template's columns, rows given as cells by key. */
function sheet(rows: Record<string, string | number | Date | null>[]): Promise<Buffer> {
  return writeSheet({ sheetName: '任务清单', columns: taskSheetColumns, rows });
}

const row = (over: Record<string, string | number | Date | null> = {}) => ({
  code: '1.1',
  title: '建设城北大桥',
  leaders: '宋海',
  leadUnit: '城北街道',
  start: '2026-03-01',
  deadline: '2026-12-31',
  cadence: '每月',
  ...over,
});

async function problemsOf(buf: Buffer, l: TaskSheetLookups = lookups): Promise<SheetProblem[]> {
  const r = await parseTaskSheet(buf, l);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('the task sheet on the demo district', () => {
  it('reads a sheet written by hand in Excel: any column order, English headers, Excel dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([
      'cadence',
      '编号*',
      '任务名称 *',
      'leaders',
      'leadUnit',
      '配合单位',
      'start',
      'deadline',
      '时间节点',
      '目标值',
      '备注',
    ]);
    ws.addRow([
      '季报',
      'A-01',
      '清水镇污水处理厂提标改造',
      '赵磊泽，宋海',
      '清水镇',
      '区生态环境局、区住房城乡建委',
      new Date(Date.UTC(2026, 2, 1)),
      '2026年11月30日',
      '2026-06-30 (50%): 完成主体; 2026-10-31: 调试',
      '1,200',
      '不导入',
    ]);
    ws.addRow([]);
    ws.addRow([
      '周报',
      'A-02',
      '城北街道背街小巷整治',
      'leader',
      'QJ-T01',
      null,
      '2026/3/2',
      '2026.6.30',
      null,
      null,
    ]);
    const r = await parseTaskSheet(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer), lookups);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
    expect(r.rows[0]!.draft).toEqual({
      code: 'A-01',
      title: '清水镇污水处理厂提标改造',
      description: '',
      category: '',
      targetText: '',
      targetValue: 1200,
      targetUnit: null,
      leaderIds: [ids.leader, ids.office],
      leadUnitId: ids['QJ-T34'],
      cooperatingUnitIds: [ids['区生态环境局'], ids['区住房城乡建委']],
      start: '2026-03-01',
      deadline: '2026-11-30',
      milestones: [
        { date: '2026-06-30', title: '完成主体', percent: 50 },
        { date: '2026-10-31', title: '调试' },
      ],
      cadence: 'quarterly',
    });
    expect(r.rows[1]!.draft).toMatchObject({
      code: 'A-02',
      leaderIds: [ids.leader],
      leadUnitId: ids['QJ-T01'],
      cadence: 'weekly',
      start: '2026-03-02',
      deadline: '2026-06-30',
    });
  });

  it('names unknown units and people with the closest known names', async () => {
    const problems = await problemsOf(
      await sheet([
        row({ leadUnit: '青水镇' }),
        row({ code: '1.2', leadUnit: 'qingshuizhen', cooperatingUnits: '发改委、城北街道' }),
        row({ code: '1.3', leaders: '宋嗨' }),
      ]),
    );
    expect(problems).toEqual([
      {
        row: 2,
        column: '牵头单位',
        message: { zh: '找不到单位“青水镇”', en: 'No unit named “青水镇”' },
        suggestions: expect.arrayContaining(['清水镇']),
      },
      {
        row: 3,
        column: '牵头单位',
        message: expect.anything(),
        suggestions: expect.arrayContaining(['清水镇']),
      },
      {
        row: 3,
        column: '配合单位',
        message: expect.anything(),
        suggestions: expect.arrayContaining(['区发展改革委']),
      },
      {
        row: 4,
        column: '包保领导',
        message: expect.anything(),
        suggestions: ['宋海'],
      },
    ]);
    expect(problems[0]!.suggestions[0]).toBe('清水镇');
    expect(problems[1]!.suggestions[0]).toBe('清水镇');
  });

  it('says when a name is shared, suggests 姓名（单位）, and accepts that form', async () => {
    await t.sql(
      `INSERT INTO people (unit_id, username, name, password_hash) VALUES ($1, 'zhaoleize2', '赵磊泽', 'x')`,
      [ids['QJ-T34']],
    );
    const l = await loadTaskSheetLookups(t.database.db, null);
    const [p] = await problemsOf(await sheet([row({ leaders: '赵磊泽' })]), l);
    expect(p).toEqual({
      row: 2,
      column: '包保领导',
      message: {
        zh: '有 2 人名为“赵磊泽”，请写成“姓名（单位）”',
        en: '2 people are named “赵磊泽”; write “name（unit）”',
      },
      suggestions: ['赵磊泽（区政府办公室）', '赵磊泽（清水镇）'],
    });
    const r = await readTaskSheet(
      await sheet([row({ leaders: '赵磊泽（清水镇）、赵磊泽(区政府办公室)' })]),
      l,
    );
    const second = await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'zhaoleize2'");
    expect(r[0]!.draft.leaderIds).toEqual([second[0]!.id, ids.leader]);
    // Only leaders, when asked: the namesake holds no leader role.
    const leaders = await loadTaskSheetLookups(t.database.db, null, { leadersOnly: true });
    expect(leaders.people.map((x) => x.username)).toEqual(['leader']);
    expect((await parseTaskSheet(await sheet([row({ leaders: '赵磊泽' })]), leaders)).ok).toBe(true);
    expect((await parseTaskSheet(await sheet([row()]), leaders)).ok).toBe(false);
  });

  it('maps every schema problem to its column with a bilingual message, and finds repeated and used codes', async () => {
    await t.sql(
      `WITH c AS (INSERT INTO campaigns (name, start_on, end_on) VALUES ('作风提升', '2026-03-01', '2026-12-31') RETURNING id)
       INSERT INTO tasks (campaign_id, code, title, lead_unit_id, start_on, deadline, cadence)
       SELECT c.id, '9.9', '已有', $1, '2026-03-01', '2026-12-31', 'monthly' FROM c`,
      [ids['QJ-T01']],
    );
    const campaign = await t.sql<{ id: number }>("SELECT id FROM campaigns WHERE name = '作风提升'");
    const l = await loadTaskSheetLookups(t.database.db, campaign[0]!.id);
    expect([...l.existingCodes]).toEqual(['9.9']);
    const problems = await problemsOf(
      await sheet([
        row({ deadline: '2026-02-01' }),
        row({ code: '1.1', title: 'x'.repeat(201) }),
        row({ code: '9.9', cadence: '每年', leaders: null }),
        row({ code: '1 2', cooperatingUnits: '城北街道', milestones: '2027-01-01: 太晚' }),
        row({ code: '2.1', start: '2026-02-30', deadline: '2026-12-31' }),
      ]),
      l,
    );
    const brief = problems.map((p) => `${p.row} ${p.column} ${p.message.zh}`);
    expect(brief).toEqual([
      '2 完成时限 不能早于开始日期',
      '3 编号 编号“1.1”与第 2 行重复',
      '3 任务名称 长度不能超过 200 个字符',
      '4 编号 编号“9.9”在本行动中已被使用',
      '4 包保领导 必填',
      '4 报送周期 报送周期“每年”应为 每周、每半月、每月 或 每季度',
      '5 编号 只能包含字母、数字和 . _ -',
      '5 配合单位 牵头单位不能同时是配合单位',
      '5 时间节点 时间节点须在开始日期和完成时限之间',
      '6 开始日期 日期“2026-02-30”无法识别，请写成 2026-03-01',
    ]);
    expect(problems[0]!.message.en).toBe('must not be before the start');
    expect(problems[4]!.message.en).toBe('Required');
    expect(problems[5]!.suggestions).toEqual(['每周', '每半月', '每月', '每季度']);
  });

  it('lists at most 500 problems and says how many more', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      row({ code: `R${i}`, leaders: '无名氏', leadUnit: '无此单位' }),
    );
    const r = await parseTaskSheet(await sheet(rows), lookups);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.total).toBe(600);
    expect(r.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(r.problems.at(-1)).toEqual({
      row: null,
      column: null,
      message: { zh: '另有 100 个问题未列出', en: '100 more problems are not listed' },
      suggestions: [],
    });
  });

  it('fails all or nothing as problem+json 422 carrying detail.problems', async () => {
    const buf = await sheet([row(), row({ code: '1.2', leadUnit: '青水镇' })]);
    const err = await readTaskSheet(buf, lookups).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/x', async () => {
      throw err;
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ code: 'sheet_rows_invalid', field: 'file', detail: { total: 1 } });
    expect(body.detail.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: '牵头单位',
        suggestions: expect.arrayContaining(['清水镇']),
      }),
    ]);
    await app.close();
  });

  it('passes sheet-level failures through with their codes', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expect(parseTaskSheet(png, lookups)).rejects.toMatchObject({
      code: 'sheet_not_xlsx',
      field: 'file',
    });
    const noLeaders = await writeSheet({
      sheetName: 's',
      columns: taskSheetColumns.filter((c) => c.key !== 'leaders'),
      rows: [row()],
    });
    await expect(parseTaskSheet(noLeaders, lookups)).rejects.toMatchObject({
      code: 'sheet_bad_header',
      detail: { missing: ['包保领导'] },
    });
    await expect(
      parseTaskSheet(await writeSheet({ sheetName: 's', columns: taskSheetColumns, rows: [] }), lookups),
    ).rejects.toMatchObject({ code: 'sheet_empty', field: 'file' });
  });
});

describe('export and template', () => {
  it('goes round trip: export → import gives the same drafts, namesakes and all', async () => {
    const l = await loadTaskSheetLookups(t.database.db, null);
    const village = await t.sql<{ id: number }>(
      'SELECT id FROM units WHERE name = (SELECT name FROM units GROUP BY name HAVING count(*) > 1 ORDER BY name LIMIT 1) ORDER BY id',
    );
    expect(village.length).toBeGreaterThan(1);
    const namesake = l.people.find((p) => p.username === 'zhaoleize2')!;
    const drafts: TaskDraft[] = [
      {
        code: '1.10',
        title: '推进城市更新：老旧小区改造 “三年行动”',
        description: '第一行\n第二行；含分号; 与逗号,',
        category: '项目建设',
        targetText: '完成投资 73.89 亿元',
        targetValue: 73.89,
        targetUnit: '亿元',
        leaderIds: [namesake.id, ids.leader!, ids.office!],
        leadUnitId: ids['QJ-T34']!,
        cooperatingUnitIds: [village[1]!.id, village[0]!.id, ids['QJ-D003']!],
        start: '2026-03-01',
        deadline: '2026-12-31',
        milestones: [
          { date: '2026-05-31', title: '完成设计; 含评审', percent: 40 },
          { date: '2026-08-31', title: '主体完工' },
          { date: '2026-12-31', title: '竣工', percent: 100 },
        ],
        cadence: 'half_monthly',
      },
      {
        code: '001',
        title: 'Plain',
        description: '',
        category: '',
        targetText: '',
        targetValue: null,
        targetUnit: null,
        leaderIds: [ids['liaison-qj-t01']!],
        leadUnitId: ids['QJ-T01']!,
        cooperatingUnitIds: [],
        start: '2026-03-02',
        deadline: '2026-03-02',
        milestones: [],
        cadence: 'weekly',
      },
    ];
    const buf = await writeTaskSheet(drafts, l);
    const back = await readTaskSheet(buf, { ...l, existingCodes: new Set() });
    expect(back.map((r) => r.draft)).toEqual(drafts);
    expect(back.map((r) => r.row)).toEqual([2, 3]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...header]);
    expect(ws.getCell('G2').value).toBe(
      '赵磊泽（清水镇）、赵磊泽（区政府办公室）、' + l.people.find((p) => p.id === ids.office)!.name,
    );
    expect(ws.getCell('J2').value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(ws.getCell('M2').value).toBe('每半月');
    expect(String(ws.getCell('I2').value)).toMatch(/（QJ-T\d+-V\d+）/);
    expect(wb.getWorksheet(NOTES_SHEET)).toBeDefined();
  });

  it('offers a template with marked headers, an example row, a cadence drop-down and the notes', async () => {
    const buf = await taskTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('编号*');
    expect(ws.getCell('C1').value).toBe('类别');
    expect(ws.getCell('M2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"每周,每半月,每月,每季度"'],
    });
    const notes = wb.getWorksheet(NOTES_SHEET)!;
    const text = notes.getSheetValues().flat().join('\n');
    expect(text).toContain('时间节点');
    expect(text).toContain('milestones');
    // The example row reads (its names are placeholders, so it asks for real ones).
    const problems = await problemsOf(buf);
    expect(new Set(problems.map((p) => p.column))).toEqual(new Set(['包保领导']));
  });
});
