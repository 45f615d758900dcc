/**
 * OLE compound files (CFB, `D0 CF 11 E0 A1 B1 1A E1`): old .xls/.doc files,
 * and — what matters here — password-protected OOXML workbooks, which Office
 * wraps in a CFB holding `EncryptionInfo` and `EncryptedPackage` streams.
 */

const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const LAST_SECTOR = 0xfffffffa; // values at or above this end a chain or mark free sectors

/** Does the buffer start with the compound-file signature? */
export function isCompoundFile(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(SIGNATURE);
}

/**
 * The names of the directory entries of a compound file, walking the
 * directory chain through the FAT. Throws on a damaged file.
 */
export function compoundFileNames(buf: Buffer): string[] {
  if (buf.length < 512 || !isCompoundFile(buf)) throw new Error('not a compound file');
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw new Error('bad sector size');
  const size = 1 << shift;
  const at = (sector: number) => {
    const off = (sector + 1) * size;
    if (off + size > buf.length) throw new Error('sector out of bounds');
    return off;
  };
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const v = buf.readUInt32LE(0x4c + 4 * i);
    if (v < LAST_SECTOR) fatSectors.push(v);
  }
  let difat = buf.readUInt32LE(0x44);
  for (let guard = 0; difat < LAST_SECTOR && guard < 10_000; guard++) {
    const off = at(difat);
    for (let j = 0; j < size / 4 - 1; j++) {
      const v = buf.readUInt32LE(off + 4 * j);
      if (v < LAST_SECTOR) fatSectors.push(v);
    }
    difat = buf.readUInt32LE(off + size - 4);
  }
  const perSector = size / 4;
  const next = (sector: number) => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined) throw new Error('sector beyond the FAT');
    return buf.readUInt32LE(at(fat) + (sector % perSector) * 4);
  };
  const names: string[] = [];
  let dir = buf.readUInt32LE(0x30);
  for (let guard = 0; dir < LAST_SECTOR; guard++) {
    if (guard > 100_000) throw new Error('directory chain loops');
    const off = at(dir);
    for (let e = 0; e < size / 128; e++) {
      const o = off + e * 128;
      const len = buf.readUInt16LE(o + 0x40);
      if (len >= 2 && len <= 64) names.push(buf.toString('utf16le', o, o + len - 2));
    }
    dir = next(dir);
  }
  return names;
}

const MARKERS = ['EncryptionInfo', 'EncryptedPackage'];

/** Is this compound file an encrypted (password-protected) OOXML document? */
export function isEncryptedOoxml(buf: Buffer): boolean {
  if (!isCompoundFile(buf)) return false;
  try {
    const names = compoundFileNames(buf);
    return names.some((n) => MARKERS.includes(n));
  } catch {
    // A directory we cannot walk: fall back to looking for the stream names themselves.
    return MARKERS.some((m) => buf.includes(Buffer.from(m, 'utf16le')));
  }
}
