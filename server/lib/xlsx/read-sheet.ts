import ExcelJS from 'exceljs';
import { AppError, fail } from '../../../domain/errors.ts';
import {
  looksLikeZip,
  readZipDirectory,
  readZipEntry,
  scanZipEntry,
  verifyZipSizes,
  ZipTooLargeError,
  type ZipEntry,
} from '../zip/zip-reader.ts';
import { isEncryptedOoxml } from './cfb.ts';
import { normalizeHeader, type CellValue, type SheetColumn } from './sheet-column.ts';

export interface ReadSheetOptions {
  columns: readonly SheetColumn[];
  /** Most data rows accepted (blank rows not counted). */
  maxRows: number;
  /** Most bytes the whole workbook may unpack to (zip-bomb guard). Default 100 MB. */
  maxUncompressedBytes?: number;
  /** Most files inside the workbook. Default 10,000. */
  maxEntries?: number;
}

/** One data row: its number as Excel shows it, and its cells by column key (blank → null). */
export interface SheetRow {
  row: number;
  cells: Record<string, CellValue>;
}

export interface ReadSheetResult {
  sheetName: string;
  /** The row holding the headers (rows above it, e.g. a title, are ignored). */
  headerRow: number;
  rows: SheetRow[];
}

const MB = 1024 * 1024;
/** The header is looked for in this many rows from the top, so a title row above it is fine. */
const HEADER_SEARCH_ROWS = 10;

const notXlsx = (reason: string) => fail('sheet_not_xlsx', 'file', { reason });

/**
 * Reads the first worksheet of an uploaded .xlsx, refusing anything unsafe or
 * unusable with a catalogue code (field `file`), in this order:
 *
 * 1. not a zip by its magic bytes → `sheet_not_xlsx`, unless it is an
 *    encrypted OOXML compound file → `sheet_encrypted`;
 * 2. a zip that is not a workbook (damaged, zip64, no `xl/workbook.xml`) → `sheet_not_xlsx`;
 * 3. more non-blank rows than `maxRows` → `sheet_too_many_rows`, found by
 *    streaming the sheet XML and stopping early (a 100,000-row sheet is
 *    refused without unpacking or parsing all of it);
 * 4. unpacks to more than the cap, or an entry lies about its size → `payload_too_large`
 *    / `sheet_not_xlsx` (zip-bomb guard, before exceljs sees the file);
 * 5. exceljs cannot open it → `sheet_not_xlsx`;
 * 6. header row missing a required column, repeating a column, or merged → `sheet_bad_header`;
 * 7. a formula anywhere in the sheet → `sheet_formula` with `{row, column}`;
 * 8. no data rows → `sheet_empty`; more than `maxRows` → `sheet_too_many_rows`.
 *
 * Cells come back trimmed, rich text flattened, dates as Dates; fully blank
 * rows are skipped but row numbers stay as Excel shows them.
 */
export async function readSheet(buffer: Buffer, opts: ReadSheetOptions): Promise<ReadSheetResult> {
  const maxBytes = opts.maxUncompressedBytes ?? 100 * MB;
  if (!looksLikeZip(buffer)) {
    if (isEncryptedOoxml(buffer)) throw fail('sheet_encrypted', 'file');
    throw notXlsx('not a zip');
  }
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(buffer, opts.maxEntries ?? 10_000);
  } catch (err) {
    throw zipFailure(err);
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (!byName.has('xl/workbook.xml') || !byName.has('[Content_Types].xml')) throw notXlsx('not a workbook');

  try {
    const sheet = await firstSheetEntry(buffer, byName);
    if (sheet) {
      const nonBlank = await countValueRows(buffer, sheet, opts.maxRows + HEADER_SEARCH_ROWS + 1, maxBytes);
      if (nonBlank > opts.maxRows + HEADER_SEARCH_ROWS) {
        throw fail('sheet_too_many_rows', 'file', { maxRows: opts.maxRows });
      }
    }
    await verifyZipSizes(buffer, entries, maxBytes);
  } catch (err) {
    throw zipFailure(err);
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw notXlsx('unreadable workbook');
  }
  const ws = workbook.worksheets[0];
  if (!ws) throw notXlsx('no worksheet');
  return readWorksheet(ws, opts);
}

function zipFailure(err: unknown) {
  if (err instanceof ZipTooLargeError) {
    return fail('payload_too_large', 'file', { reason: 'unpacked size', maxBytes: err.limit });
  }
  if (err instanceof AppError) return err;
  return notXlsx('damaged zip');
}

/** The zip entry of the first worksheet in tab order, or null when it cannot be told. */
async function firstSheetEntry(buf: Buffer, byName: Map<string, ZipEntry>): Promise<ZipEntry | null> {
  const wb = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) return null;
  const wbXml = (await readZipEntry(buf, wb, 16 * MB)).toString('utf8');
  const rid = /<(?:\w+:)?sheet\b[^>]*?\s(?:\w+:)?id="([^"]+)"/.exec(wbXml)?.[1];
  if (!rid) return null;
  const relXml = (await readZipEntry(buf, rels, 16 * MB)).toString('utf8');
  for (const m of relXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if (!m[0].includes(`Id="${rid}"`)) continue;
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (!target) return null;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return byName.get(path.replace(/\/\.\//g, '/')) ?? null;
  }
  return null;
}

/**
 * Counts rows holding a value, formula or inline string in the sheet XML,
 * stopping at `stopAt`, in one linear pass over the streamed text. Never more
 * than the true count, so refusing on it is always right.
 */
async function countValueRows(buf: Buffer, entry: ZipEntry, stopAt: number, maxBytes: number) {
  let count = 0;
  let rowHasValue = false;
  let carry = '';
  const events = /<\/(?:\w+:)?row>|<(?:\w+:)?(?:v|is|f)[\s>/]/g;
  await scanZipEntry(buf, entry, maxBytes, (chunk) => {
    const text = carry + chunk;
    events.lastIndex = 0;
    for (let m = events.exec(text); m; m = events.exec(text)) {
      // A tag wholly inside the carried-over tail was seen with the previous chunk.
      if (m.index + m[0].length <= carry.length) continue;
      if (m[0][1] !== '/') rowHasValue = true;
      else {
        if (rowHasValue) count++;
        rowHasValue = false;
        if (count >= stopAt) return false;
      }
    }
    carry = text.slice(-32);
    return true;
  });
  return count;
}

/** A cell's value flattened to text, number, date or null; formulas are reported by the caller. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return cleanText(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    return plainValue((text ?? value.hyperlink) as ExcelJS.CellValue);
  }
  if ('error' in value) return cleanText(String(value.error));
  if ('result' in value) return plainValue(value.result as ExcelJS.CellValue);
  return null;
}

function cleanText(s: string): string | null {
  const t = s
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\r\n?/g, '\n')
    .trim();
  return t === '' ? null : t;
}

function isFormula(cell: ExcelJS.Cell): boolean {
  if (cell.type === ExcelJS.ValueType.Formula) return true;
  const v = cell.value as unknown;
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

/** A cell's value; a slave of a vertical merge reads its master (one value for several rows). */
function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) {
    return cell.master.col === cell.col ? plainValue(cell.master.value) : null;
  }
  return plainValue(cell.value);
}

function readWorksheet(ws: ExcelJS.Worksheet, opts: ReadSheetOptions): ReadSheetResult {
  const byHeader = new Map<string, SheetColumn>();
  for (const c of opts.columns) {
    byHeader.set(normalizeHeader(c.header), c);
    if (c.en) byHeader.set(normalizeHeader(c.en), c);
    byHeader.set(normalizeHeader(c.key), c);
  }
  const headerOf = (cell: ExcelJS.Cell) => {
    const v = plainValue(cell.value);
    return v === null ? null : byHeader.get(normalizeHeader(String(v)));
  };

  let headerRow = 0;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((cell) => {
      if (headerOf(cell)) headerRow = r;
    });
  }

  const columnAt = new Map<number, SheetColumn>();
  const repeated: string[] = [];
  const merged: string[] = [];
  if (headerRow) {
    ws.getRow(headerRow).eachCell({ includeEmpty: true }, (cell, col) => {
      const column = headerOf(cell);
      if (cell.isMerged) merged.push(column?.header ?? cell.address);
      if (!column) return;
      if ([...columnAt.values()].includes(column)) repeated.push(column.header);
      else columnAt.set(col, column);
    });
  }
  const found = new Set(columnAt.values());
  const missing = opts.columns.filter((c) => c.required && !found.has(c)).map((c) => c.header);
  if (missing.length || repeated.length || merged.length) {
    throw fail('sheet_bad_header', 'file', {
      row: headerRow || 1,
      missing,
      repeated: [...new Set(repeated)],
      merged: [...new Set(merged)],
    });
  }

  const rows: SheetRow[] = [];
  let formula: { row: number; column: string } | null = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (formula) return;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (!formula && isFormula(cell)) {
        formula = { row: rowNumber, column: columnAt.get(col)?.header ?? columnLetter(col) };
      }
    });
    if (rowNumber <= headerRow || formula) return;
    const cells: Record<string, CellValue> = {};
    let blank = true;
    for (const c of opts.columns) cells[c.key] = null;
    for (const [col, column] of columnAt) {
      const v = cellValue(row.getCell(col));
      cells[column.key] = v;
      if (v !== null) blank = false;
    }
    if (!blank) rows.push({ row: rowNumber, cells });
  });
  if (formula) throw fail('sheet_formula', 'file', formula);
  if (rows.length === 0) throw fail('sheet_empty', 'file');
  if (rows.length > opts.maxRows) {
    throw fail('sheet_too_many_rows', 'file', { maxRows: opts.maxRows, rows: rows.length });
  }
  return { sheetName: ws.name, headerRow, rows };
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
