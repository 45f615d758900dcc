import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a hand-made zip; `declaredSize` lies about the unpacked size (zip-bomb fakes). */
export interface FixtureEntry {
  name: string;
  data: Buffer | string;
  store?: boolean;
  declaredSize?: number;
  /** Compressed bytes to use as they are (with `declaredSize`), e.g. a deflate stream made elsewhere. */
  raw?: Buffer;
}

/** Builds a zip archive by hand, for tests that need fakes exceljs would never write. */
export function makeZip(entries: readonly FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const packed = e.raw ?? (e.store ? data : deflateRawSync(data));
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The XML of a worksheet with inline strings, numbers and `=formulas`. */
export function sheetXml(rows: Iterable<readonly (string | number | null)[]>): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  let r = 0;
  for (const row of rows) {
    r++;
    parts.push(`<row r="${r}">`);
    row.forEach((v, i) => {
      if (v === null) return;
      const ref = `${colName(i + 1)}${r}`;
      if (typeof v === 'number') parts.push(`<c r="${ref}"><v>${v}</v></c>`);
      else if (v.startsWith('=')) parts.push(`<c r="${ref}"><f>${xmlEscape(v.slice(1))}</f></c>`);
      else parts.push(`<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`);
    });
    parts.push('</row>');
  }
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** The parts of a minimal valid workbook around one sheet's XML. */
export function workbookEntries(sheet: string): FixtureEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '</Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

/** A minimal .xlsx written by hand (inline strings): fast even for 100,000 rows. */
export function rawXlsx(rows: Iterable<readonly (string | number | null)[]>): Buffer {
  return makeZip(workbookEntries(sheetXml(rows)));
}

/**
 * A compound file (OLE/CFB) with the given stream names in its directory:
 * `['EncryptionInfo', 'EncryptedPackage']` is what Office writes for a
 * password-protected workbook; `['Workbook']` is an old .xls.
 */
export function makeCompoundFile(names: readonly string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(0x1000, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.writeUInt32LE(0, 0x4c); // FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 0x4c + 4 * i);
  const entries = ['Root Entry', ...names];
  const dirSectors = Math.ceil(entries.length / 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // the FAT sector itself
  for (let i = 0; i < dirSectors; i++)
    fat.writeUInt32LE(i === dirSectors - 1 ? 0xfffffffe : i + 2, 4 * (i + 1));
  const dir = Buffer.alloc(dirSectors * sector);
  entries.forEach((n, i) => {
    const o = i * 128;
    const name = Buffer.from(`${n}\0`, 'utf16le');
    name.copy(dir, o);
    dir.writeUInt16LE(name.length, o + 0x40);
    dir.writeUInt8(i === 0 ? 5 : 2, o + 0x42);
  });
  return Buffer.concat([header, fat, dir, Buffer.alloc(sector)]);
}
