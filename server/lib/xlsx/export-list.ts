import type { CellValue, SheetColumn } from './sheet-column.ts';
import { writeSheet } from './write-sheet.ts';

/** A column of a list export: a sheet column and how to get its cell from one item. */
export type ListColumn<T> = Omit<SheetColumn, 'key'> & {
  key?: string;
  value: (item: T) => CellValue | undefined;
};

/**
 * "Export this list with these columns": any list (problems, units, reports…)
 * becomes a tidy workbook with the same look as every other Luoshi export.
 *
 * ```ts
 * exportList(units, [
 *   { header: '编码', en: 'code', value: (u) => u.code },
 *   { header: '名称', en: 'name', value: (u) => u.name },
 *   { header: '更新时间', en: 'updated', type: 'date', value: (u) => u.updatedAt },
 * ], { sheetName: '单位' });
 * ```
 */
export function exportList<T>(
  items: readonly T[],
  columns: readonly ListColumn<T>[],
  opts: { sheetName: string; notes?: { lines: readonly string[] } },
): Promise<Buffer> {
  const keyed = columns.map((c, i) => ({ ...c, key: c.key ?? `c${i}` }));
  return writeSheet({
    sheetName: opts.sheetName,
    columns: keyed,
    rows: items.map((item) => Object.fromEntries(keyed.map((c) => [c.key, c.value(item)]))),
    ...(opts.notes ? { notes: opts.notes } : {}),
  });
}
