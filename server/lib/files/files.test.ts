import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../http/download.ts';
import {
  commentSegment,
  exifSegment,
  GPS_MARK,
  jpegWith,
  tinyJpeg,
  tinyPng,
  xmpSegment,
} from '../../test/image-fixture.ts';
import { makeCompoundFile, makeZip } from '../../test/zip-fixture.ts';
import { detectFileKind } from './file-kind.ts';
import { openStored, storeBytes, storedPath } from './file-store.ts';
import { sanitizeFilename } from './filename.ts';
import { DamagedImageError, stripJpegMetadata, stripPngMetadata } from './strip-metadata.ts';

const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
function docx(
  mainType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  extra: { name: string; data: string }[] = [],
) {
  return makeZip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0"?><Types xmlns="${CT}"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${mainType}"/></Types>`,
    },
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: 'word/document.xml', data: '<w:document/>' },
    ...extra,
  ]);
}

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('a').addRow(['x']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const has = (buf: Buffer, text: string) => buf.includes(Buffer.from(text, 'latin1'));

describe('stripping photo metadata', () => {
  it('drops EXIF with GPS, XMP, comments and trailing data from a JPEG, keeping the image bytes', () => {
    const base = tinyJpeg();
    const phone = jpegWith(
      [exifSegment(1), xmpSegment(), commentSegment('shot at 清江')],
      Buffer.from('motion-photo-video'),
    );
    expect(has(phone, GPS_MARK)).toBe(true);
    const clean = stripJpegMetadata(phone);
    expect(clean.equals(base)).toBe(true);
    expect(stripJpegMetadata(base).equals(base)).toBe(true);
  });

  it('keeps only the orientation of a rotated photo', () => {
    const clean = stripJpegMetadata(jpegWith([exifSegment(6), xmpSegment()]));
    expect(has(clean, GPS_MARK)).toBe(false);
    expect(has(clean, 'xmpmeta')).toBe(false);
    expect(clean.length).toBe(tinyJpeg().length + 36);
    const at = clean.indexOf(Buffer.from('Exif\0\0MM', 'latin1'));
    expect(at).toBe(24); // right after SOI and JFIF
    expect(clean.readUInt16BE(at + 24)).toBe(6);
  });

  it('copies scan data with stuffing and restart markers untouched', () => {
    const base = tinyJpeg();
    const data = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0xd9]);
    const img = Buffer.concat([base.subarray(0, base.length - 3), data]);
    expect(stripJpegMetadata(img).equals(img)).toBe(true);
  });

  it.each([
    ['no start marker', Buffer.from('not a jpeg at all')],
    ['truncated', tinyJpeg().subarray(0, 40)],
    ['no end marker', tinyJpeg().subarray(0, tinyJpeg().length - 2)],
  ])('refuses a damaged JPEG: %s', (_, buf) => {
    expect(() => stripJpegMetadata(buf)).toThrow(DamagedImageError);
  });

  it('drops eXIf, tEXt, iTXt and tIME chunks and trailing data from a PNG', () => {
    const phone = Buffer.concat([tinyPng(true), Buffer.from('trailer')]);
    expect(has(phone, GPS_MARK)).toBe(true);
    const clean = stripPngMetadata(phone);
    expect(clean.equals(tinyPng(false))).toBe(true);
    expect(() => stripPngMetadata(tinyPng().subarray(0, 30))).toThrow(DamagedImageError);
  });
});

describe('file kinds by their bytes', () => {
  it.each<[string, () => Buffer | Promise<Buffer>, string | null]>([
    ['jpeg', tinyJpeg, 'jpg'],
    ['png', () => tinyPng(), 'png'],
    ['pdf', () => Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'pdf'],
    ['docx', () => docx(), 'docx'],
    ['xlsx', xlsx, 'xlsx'],
    [
      'exe renamed .pdf',
      () => Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(300)]),
      null,
    ],
    ['plain zip renamed .docx', () => makeZip([{ name: 'a.txt', data: 'hello' }]), null],
    ['macro-enabled docm', () => docx('application/vnd.ms-word.document.macroEnabled.main+xml'), null],
    ['docx with a VBA project', () => docx(undefined, [{ name: 'word/vbaProject.bin', data: 'x' }]), null],
    ['old .doc (OLE)', () => makeCompoundFile(['WordDocument']), null],
    ['html', () => Buffer.from('<!doctype html><script>alert(1)</script>'), null],
    ['svg', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), null],
    ['gif', () => Buffer.from('GIF89a\x01\0\x01\0\0\0\0;', 'latin1'), null],
    ['text', () => Buffer.from('just text'), null],
  ])('%s → %s', async (_, make, kind) => {
    expect(await detectFileKind(await make())).toBe(kind);
  });
});

describe('file names', () => {
  it.each([
    ['现场照片.JPG', 'jpg', '现场照片.jpg'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\me\\报告.docx', 'docx', '报告.docx'],
    ['invoice\u202Efdp.exe', 'pdf', 'invoicefdp.pdf'],
    ['a\u0000b\u0007c\r\n.pdf', 'pdf', 'abc.pdf'],
    ['what?<is>"this"|*.pdf', 'pdf', 'what__is__this___.pdf'],
    ['malware.exe', 'pdf', 'malware.pdf'],
    ['报告 v2.final', 'pdf', '报告 v2.final.pdf'],
    ['', 'png', 'file.png'],
    ['...', 'png', 'file.png'],
    ['CON.pdf', 'pdf', '_CON.pdf'],
    ['  spaced   name .pdf ', 'pdf', 'spaced name.pdf'],
  ] as const)('%j → %s', (raw, kind, name) => {
    expect(sanitizeFilename(raw, kind)).toBe(name);
  });

  it('caps the length, keeping the extension and whole characters', () => {
    const long = sanitizeFilename(`${'很'.repeat(300)}.pdf`, 'pdf');
    expect(long.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long).toMatch(/^很+\.pdf$/);
    expect(Array.from(sanitizeFilename(`${'a'.repeat(300)}.pdf`, 'pdf')).length).toBeLessThanOrEqual(100);
    const emoji = sanitizeFilename(`${'😀'.repeat(80)}.png`, 'png');
    expect(emoji).toMatch(/^(😀)+\.png$/u);
  });

  it('sends Chinese names in Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('现场 照片(1).jpg')).toBe(
      `attachment; filename="__ __(1).jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%281%29.jpg`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
    );
  });
});

describe('the file store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores by SM3 digest under a two-hex folder, once per content, with no temporary files left', async () => {
    const a = await storeBytes(dir, Buffer.from('hello'));
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(a.created).toBe(true);
    const file = storedPath(dir, a.digest);
    expect(file).toBe(path.join(dir, 'files', a.digest.slice(0, 2), a.digest));
    expect(readFileSync(file, 'utf8')).toBe('hello');
    expect((await storeBytes(dir, Buffer.from('hello'))).created).toBe(false);
    expect(readdirSync(path.dirname(file))).toEqual([a.digest]);
    const opened = await openStored(dir, a.digest);
    expect(opened?.size).toBe(5);
    opened?.stream.destroy();
    expect(await openStored(dir, '0'.repeat(64))).toBeNull();
    expect(() => storedPath(dir, '../../etc/passwd')).toThrow();
  });
});
