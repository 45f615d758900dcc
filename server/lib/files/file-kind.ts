import { fileTypeFromBuffer } from 'file-type';
import { readZipDirectory, readZipEntry } from '../zip/zip-reader.ts';

/** The kinds of file Luoshi stores: 附件 for reports, evidence and tasks. */
export const allowedKinds = {
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'] },
  png: { mime: 'image/png', extensions: ['png'] },
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
} as const;

export type FileKind = keyof typeof allowedKinds;

const OOXML_MAIN: Record<string, 'docx' | 'xlsx'> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
};

/**
 * Which OOXML document a zip really is, from its `[Content_Types].xml`: a
 * Word document or an Excel workbook (not a template, not macro-enabled, no
 * VBA project), or null.
 */
export async function ooxmlKind(buf: Buffer): Promise<'docx' | 'xlsx' | null> {
  try {
    const entries = readZipDirectory(buf, 20_000);
    if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return null;
    const types = entries.find((e) => e.name === '[Content_Types].xml');
    if (!types) return null;
    const xml = (await readZipEntry(buf, types, 1024 * 1024)).toString('utf8');
    const mains = [
      ...new Set(
        [...xml.matchAll(/ContentType="([^"]+)"/g)].map((m) => m[1]!).filter((t) => /\.main\+xml$/.test(t)),
      ),
    ];
    if (mains.length !== 1) return null;
    const kind = OOXML_MAIN[mains[0]!];
    if (!kind) return null;
    const part = kind === 'docx' ? /^word\/[^/]+\.xml$/ : /^xl\/workbook\.xml$/;
    return entries.some((e) => part.test(e.name)) ? kind : null;
  } catch {
    return null;
  }
}

/**
 * The allowed kind of a file judged by its bytes only (magic numbers, and for
 * a zip its content types), never by its name or the browser's MIME type.
 * Null for anything else: an .exe renamed .pdf, a .doc, a zip, an svg…
 */
export async function detectFileKind(buf: Buffer): Promise<FileKind | null> {
  const ft = await fileTypeFromBuffer(buf);
  if (!ft) return null;
  switch (ft.ext) {
    case 'jpg':
    case 'png':
    case 'pdf':
      return ft.ext;
    case 'docx':
    case 'xlsx':
    case 'zip':
      return ooxmlKind(buf);
    default:
      return null;
  }
}
