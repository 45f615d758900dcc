/** A cell as Luoshi reads and writes it: text, a number, a date (UTC midnight of the day shown), or blank. */
export type CellValue = string | number | Date | null;

/** One column of a sheet that Luoshi reads or writes. */
export interface SheetColumn {
  /** The field the column holds, e.g. `deadline`. */
  key: string;
  /** The header as the sheet shows it (Chinese), e.g. `完成时限`. */
  header: string;
  /** The English name, accepted as a header too and shown in the notes sheet. */
  en?: string;
  required?: boolean;
  /** How the cells are written (dates as real dates, text as text). Default text. */
  type?: 'text' | 'number' | 'date';
  /** Maximum column width in Excel units (a Chinese character is about 2). */
  width?: number;
  /** What to write in the column, for the notes sheet. */
  note?: string;
  /** Allowed words, offered as a drop-down in a template. */
  choices?: readonly string[];
}

/** Header text compared without spaces, full-width forms, case, or a trailing `*`. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/\*+$/, '')
    .toLowerCase();
}

/** Display width of a text in Excel units: CJK and full-width characters count twice. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2.1 : 1;
  }
  return w;
}
