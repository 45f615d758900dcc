export { readSheet, type ReadSheetOptions, type ReadSheetResult, type SheetRow } from './read-sheet.ts';
export { writeSheet, NOTES_SHEET, type WriteSheetInput } from './write-sheet.ts';
export { exportList, type ListColumn } from './export-list.ts';
export type { CellValue, SheetColumn } from './sheet-column.ts';
