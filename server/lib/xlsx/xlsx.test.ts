import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../domain/errors.ts';
import { makeCompoundFile, makeZip, rawXlsx, sheetXml, workbookEntries } from '../../test/zip-fixture.ts';
import { exportList } from './export-list.ts';
import { isEncryptedOoxml } from './cfb.ts';
import { readSheet } from './read-sheet.ts';
import type { SheetColumn } from './sheet-column.ts';
import { NOTES_SHEET, writeSheet } from './write-sheet.ts';

const columns: SheetColumn[] = [
  { key: 'code', header: '编号', en: 'code', required: true },
  { key: 'title', header: '任务名称', en: 'title', required: true, width: 40 },
  { key: 'value', header: '目标值', en: 'targetValue', type: 'number' },
  { key: 'deadline', header: '完成时限', en: 'deadline', required: true, type: 'date' },
];
const opts = { columns, maxRows: 5000 };

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('任务'));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The AppError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);

describe('readSheet', () => {
  it('reads cells normalised: trimmed, rich text flattened, dates, numbers; blank rows skipped, row numbers kept', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['2026年任务清单']); // a title row above the header
      ws.mergeCells('A1:D1');
      ws.addRow([' 编 号 *', '任务名称*', '备注', '目标值', '完成时限']);
      ws.addRow([
        '1.1',
        { richText: [{ text: '建设 ' }, { text: '清江大桥', font: { bold: true } }] },
        'x',
        73.89,
        new Date(Date.UTC(2026, 5, 30)),
      ]);
      ws.addRow([]);
      ws.addRow([null, null, '只有备注']);
      ws.addRow(['  1.2\u200b ', '  修路\r\n二期  ', null, null, '2026/7/1']);
    });
    const r = await readSheet(buf, opts);
    expect(r.sheetName).toBe('任务');
    expect(r.headerRow).toBe(2);
    expect(r.rows).toEqual([
      {
        row: 3,
        cells: {
          code: '1.1',
          title: '建设 清江大桥',
          value: 73.89,
          deadline: new Date('2026-06-30T00:00:00Z'),
        },
      },
      { row: 6, cells: { code: '1.2', title: '修路\n二期', value: null, deadline: '2026/7/1' } },
    ]);
  });

  it('accepts the English names as headers', async () => {
    const buf = rawXlsx([
      ['Code', 'TITLE', 'deadline'],
      ['A', 'B', 46082],
    ]);
    const r = await readSheet(buf, opts);
    expect(r.rows[0]!.cells).toMatchObject({ code: 'A', title: 'B', deadline: 46082 });
  });

  it('refuses files that are not xlsx by their bytes, whatever their name', async () => {
    const cases: [string, Buffer][] = [
      ['png', PNG],
      ['csv', Buffer.from('编号,任务名称\n1,修路\n', 'utf8')],
      ['old xls', makeCompoundFile(['Workbook', 'SummaryInformation'])],
      ['zip that is not a workbook', makeZip([{ name: 'readme.txt', data: 'hello' }])],
      [
        'docx',
        makeZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w/>' },
        ]),
      ],
      ['truncated zip', (await workbook((ws) => ws.addRow(['编号']))).subarray(0, 300)],
      ['empty', Buffer.alloc(0)],
      [
        'workbook exceljs cannot open',
        makeZip([
          ...workbookEntries(sheetXml([['编号']])).filter((e) => e.name !== 'xl/workbook.xml'),
          { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="a" r:id="rId1"' },
        ]),
      ],
    ];
    for (const [label, buf] of cases) {
      const e = await failure(readSheet(buf, opts));
      expect(e.code, label).toBe('sheet_not_xlsx');
      expect(e.field, label).toBe('file');
    }
  });

  it('recognises a password-protected workbook (an OLE container with EncryptionInfo)', async () => {
    const encrypted = makeCompoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);
    expect(isEncryptedOoxml(encrypted)).toBe(true);
    expect(isEncryptedOoxml(makeCompoundFile(['Workbook']))).toBe(false);
    expect((await failure(readSheet(encrypted, opts))).code).toBe('sheet_encrypted');
    // A damaged directory still gives the right answer from the stream names.
    const damaged = Buffer.from(encrypted);
    damaged.writeUInt32LE(999, 0x30);
    expect((await failure(readSheet(damaged, opts))).code).toBe('sheet_encrypted');
  });

  it('names the missing, repeated and merged header columns', async () => {
    const missing = await failure(
      readSheet(
        rawXlsx([
          ['编号', '目标值'],
          ['1', 2],
        ]),
        opts,
      ),
    );
    expect(missing.code).toBe('sheet_bad_header');
    expect(missing.detail).toMatchObject({ missing: ['任务名称', '完成时限'], repeated: [], merged: [] });

    const none = await failure(
      readSheet(
        rawXlsx([
          ['a', 'b'],
          ['1', 2],
        ]),
        opts,
      ),
    );
    expect(none.detail).toMatchObject({ missing: ['编号', '任务名称', '完成时限'] });

    const repeated = await failure(
      readSheet(
        rawXlsx([
          ['编号', '任务名称', '完成时限', '编号*'],
          ['1', '2', '2026-01-01', '3'],
        ]),
        opts,
      ),
    );
    expect(repeated.detail).toMatchObject({ missing: [], repeated: ['编号'] });

    const merged = await failure(
      readSheet(
        await workbook((ws) => {
          ws.addRow(['编号', '任务名称', null, '完成时限']);
          ws.mergeCells('B1:C1');
          ws.addRow(['1', '修路', '', '2026-01-01']);
        }),
        opts,
      ),
    );
    expect(merged.code).toBe('sheet_bad_header');
    expect(merged.detail).toMatchObject({ merged: ['任务名称'] });
  });

  it('refuses a formula anywhere, naming its row and column', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['编号', '任务名称', '完成时限', '目标值']);
      ws.addRow(['1', '修路', '2026-01-01', 5]);
      ws.addRow(['2', '架桥', '2026-01-01', { formula: 'D2*2', result: 10 }]);
    });
    const e = await failure(readSheet(buf, opts));
    expect(e.code).toBe('sheet_formula');
    expect(e.detail).toEqual({ row: 3, column: '目标值' });
    const inOtherColumn = rawXlsx([
      ['编号', '任务名称', '完成时限'],
      ['1', 'x', '2026-01-01', '=1+1'],
    ]);
    expect((await failure(readSheet(inOtherColumn, opts))).detail).toEqual({ row: 2, column: 'D' });
  });

  it('refuses a sheet without data rows', async () => {
    for (const buf of [
      rawXlsx([['编号', '任务名称', '完成时限']]),
      await workbook((ws) => {
        ws.addRow(['编号', '任务名称', '完成时限']);
        ws.addRow([' ', '', null]);
        ws.getCell('A5').value = '   ';
      }),
    ]) {
      expect((await failure(readSheet(buf, opts))).code).toBe('sheet_empty');
    }
  });

  it('refuses more rows than allowed; 100,000 rows quickly, without reading them all', async () => {
    const few = rawXlsx([
      ['编号', '任务名称', '完成时限'],
      ...Array.from({ length: 6 }, (_, i) => [`${i}`, 't', 1]),
    ]);
    const e = await failure(readSheet(few, { columns, maxRows: 5 }));
    expect(e.code).toBe('sheet_too_many_rows');
    expect(e.detail).toMatchObject({ maxRows: 5 });
    expect((await readSheet(few, { columns, maxRows: 6 })).rows).toHaveLength(6);

    function* many() {
      yield ['编号', '任务名称', '完成时限'];
      for (let i = 0; i < 100_000; i++) yield [`T${i}`, `第${i}项任务`, 46082];
    }
    const big = rawXlsx(many());
    const started = performance.now();
    const e2 = await failure(readSheet(big, opts));
    const ms = performance.now() - started;
    expect(e2.code).toBe('sheet_too_many_rows');
    expect(ms).toBeLessThan(3000);
  });

  it('refuses zip bombs before exceljs unpacks them', async () => {
    // Declares 3 GB in one entry: refused from the directory alone.
    const entries = workbookEntries(
      sheetXml([
        ['编号', '任务名称', '完成时限'],
        ['1', 'a', 1],
      ]),
    );
    const declared = makeZip([
      ...entries,
      { name: 'xl/media/big.bin', data: 'x', declaredSize: 3_000_000_000 },
    ]);
    const e1 = await failure(readSheet(declared, opts));
    expect(e1.code).toBe('payload_too_large');
    expect(e1.field).toBe('file');

    // Lies: declares 1 KB but unpacks to 64 MB; inflation stops at the declared size.
    const lie = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const lying = makeZip([
      ...entries,
      { name: 'xl/media/lie.bin', data: Buffer.alloc(1024, 0x20), raw: lie, declaredSize: 1024 },
    ]);
    expect((await failure(readSheet(lying, opts))).code).toBe('sheet_not_xlsx');

    // A real sheet whose one cell unpacks past the cap.
    const huge = 'x'.repeat(12 * 1024 * 1024);
    const bomb = rawXlsx([
      ['编号', '任务名称', '完成时限'],
      ['1', huge, 1],
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const e3 = await failure(readSheet(bomb, { ...opts, maxUncompressedBytes: 8 * 1024 * 1024 }));
    expect(e3.code).toBe('payload_too_large');
  });
});

describe('writeSheet', () => {
  it('writes a tidy workbook that reads back the same', async () => {
    const rows = [
      {
        code: '1.10',
        title: '推进清江区城市更新三年行动，完成老旧小区改造',
        value: 73.89,
        deadline: '2026-06-30',
      },
      { code: '001', title: 'Road', value: null, deadline: new Date('2026-12-31T00:00:00Z') },
    ];
    const buf = await writeSheet({
      sheetName: '任务清单',
      columns,
      rows,
      notes: { lines: ['每行一项任务。', 'One task per row.'] },
      markRequired: true,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('任务清单');
    expect(ws.getRow(1).values).toEqual([undefined, '编号*', '任务名称*', '目标值', '完成时限*']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('D2').value).toEqual(new Date('2026-06-30T00:00:00Z'));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('A2').value).toBe('1.10');
    expect(ws.getColumn(2).width).toBe(40); // capped, and wrapped
    expect(ws.getColumn(2).alignment?.wrapText).toBe(true);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    const notes = wb.getWorksheet(NOTES_SHEET)!;
    expect(notes.getCell('A2').value).toBe('每行一项任务。');
    const back = await readSheet(buf, opts);
    expect(back.rows.map((r) => r.cells)).toEqual([
      { code: '1.10', title: rows[0]!.title, value: 73.89, deadline: new Date('2026-06-30T00:00:00Z') },
      { code: '001', title: 'Road', value: null, deadline: new Date('2026-12-31T00:00:00Z') },
    ]);
  });

  it('exportList turns any list into a sheet with the given columns', async () => {
    const units = [
      { code: 'QJ-T01', name: '城北街道', at: new Date('2026-03-01T00:00:00Z'), n: 12 },
      { code: 'QJ-T02', name: '明月街道', at: null, n: 0 },
    ];
    const buf = await exportList(
      units,
      [
        { header: '编码', value: (u) => u.code },
        { header: '名称', value: (u) => u.name },
        { header: '下级单位数', type: 'number', value: (u) => u.n },
        { header: '日期', type: 'date', value: (u) => u.at },
      ],
      { sheetName: '单位' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('单位')!;
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'QJ-T01',
      '城北街道',
      12,
      new Date('2026-03-01T00:00:00Z'),
    ]);
    expect(ws.getRow(3).values).toEqual([undefined, 'QJ-T02', '明月街道', 0]);
  });
});
