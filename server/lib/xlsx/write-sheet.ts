import ExcelJS from 'exceljs';
import { isIsoDate } from '../../../domain/calendar/shanghai-date.ts';
import { displayWidth, type CellValue, type SheetColumn } from './sheet-column.ts';

export interface WriteSheetInput {
  sheetName: string;
  columns: readonly SheetColumn[];
  /** Cells by column key; a `date` column takes a Date or a `YYYY-MM-DD` text. */
  rows: readonly Record<string, CellValue | undefined>[];
  /** Adds a second sheet "填写说明" with these lines and a table of the columns. */
  notes?: { lines: readonly string[] };
  /** Marks required headers with `*` (templates); reading ignores the mark. */
  markRequired?: boolean;
  /** Rows given a drop-down for columns with `choices` (templates). Default none. */
  choiceRows?: number;
}

export const NOTES_SHEET = '填写说明';

const MIN_WIDTH = 8;
const DEFAULT_MAX_WIDTH = 50;
const SAMPLE_ROWS = 2000;

/** An Excel-safe sheet name: at most 31 characters, none of `[]:*?/\`. */
export function safeSheetName(name: string): string {
  const s = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return s || 'Sheet1';
}

function toCell(column: SheetColumn, v: CellValue | undefined): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (column.type === 'date' && typeof v === 'string' && isIsoDate(v)) {
    return new Date(`${v}T00:00:00Z`);
  }
  return v;
}

function textOf(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '2026-01-01';
  return String(v);
}

/**
 * Writes a tidy workbook: a bold, frozen, filterable header; column widths
 * that fit Chinese text (long text wraps); dates as real dates shown
 * `yyyy-mm-dd`; text columns formatted as text so Excel keeps `1.10` and
 * `001`; an optional "填写说明" sheet explaining every column.
 */
export async function writeSheet(input: WriteSheetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  const ws = wb.addWorksheet(safeSheetName(input.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const headers = input.columns.map((c) => (input.markRequired && c.required ? `${c.header}*` : c.header));
  ws.columns = input.columns.map((c, i) => ({
    key: c.key,
    header: headers[i],
    style:
      c.type === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.type === 'number'
          ? { numFmt: 'General' }
          : { numFmt: '@' },
  }));
  const widths = input.columns.map((_, i) => displayWidth(headers[i]!));
  const wraps = input.columns.map(() => false);
  input.rows.forEach((row, r) => {
    const values = input.columns.map((c) => toCell(c, row[c.key]));
    ws.addRow(values);
    if (r >= SAMPLE_ROWS) return;
    values.forEach((v, i) => {
      const w = Math.max(...textOf(v).split('\n').map(displayWidth));
      widths[i] = Math.max(widths[i]!, w);
      if (textOf(v).includes('\n')) wraps[i] = true;
    });
  });
  input.columns.forEach((c, i) => {
    const max = c.width ?? DEFAULT_MAX_WIDTH;
    const col = ws.getColumn(i + 1);
    col.width = Math.min(max, Math.max(MIN_WIDTH, Math.ceil(widths[i]! + 2)));
    if (wraps[i] || widths[i]! + 2 > max) {
      col.alignment = { wrapText: true, vertical: 'top' };
    }
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 22;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C9BB0' } } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: input.columns.length } };

  const choiceRows = input.choiceRows ?? 0;
  input.columns.forEach((c, i) => {
    if (!c.choices?.length || choiceRows < 1) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= choiceRows + 1; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: false,
      };
    }
  });

  if (input.notes) addNotesSheet(wb, input.columns, input.notes.lines);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function addNotesSheet(wb: ExcelJS.Workbook, columns: readonly SheetColumn[], lines: readonly string[]) {
  const ns = wb.addWorksheet(NOTES_SHEET);
  ns.getColumn(1).width = 16;
  ns.getColumn(2).width = 20;
  ns.getColumn(3).width = 14;
  ns.getColumn(4).width = 80;
  const title = ns.addRow(['填写说明 · Instructions']);
  title.font = { bold: true, size: 14 };
  for (const line of lines) {
    const r = ns.addRow([line]);
    ns.mergeCells(r.number, 1, r.number, 4);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    r.height = Math.max(18, Math.ceil(displayWidth(line) / 180) * 16);
  }
  ns.addRow([]);
  const head = ns.addRow(['列名 Column', '英文名 English', '必填 Required', '说明 Notes']);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  for (const c of columns) {
    const r = ns.addRow([c.header, c.en ?? c.key, c.required ? '是 yes' : '否 no', c.note ?? '']);
    r.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  }
}
