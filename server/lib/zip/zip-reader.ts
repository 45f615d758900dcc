import { createInflateRaw, inflateRaw } from 'node:zlib';

/**
 * A small, defensive reader of zip archives (xlsx and docx are zips). It reads
 * the central directory only, never trusts a declared size without checking
 * it, and inflates with a hard cap, so a zip bomb costs at most the cap.
 */

/** One file in the archive, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; nothing else is read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's data starts in the archive. */
  dataOffset: number;
}

/** The bytes are not a zip this reader accepts (damaged, zip64, encrypted, lying about sizes). */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** The archive would unpack to more than the caller accepts. */
export class ZipTooLargeError extends Error {
  override name = 'ZipTooLargeError';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Does the buffer start like a zip (a local file header, or an empty archive)? */
export function looksLikeZip(buf: Buffer): boolean {
  if (buf.length < 22) return false;
  const sig = buf.readUInt32LE(0);
  return sig === LOCAL || sig === EOCD;
}

function findEndOfDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  throw new ZipFormatError('no end of central directory');
}

/**
 * Lists the archive's entries from its central directory. Refuses zip64,
 * multi-disk and encrypted archives, unknown compression methods, and more
 * than `maxEntries` entries.
 */
export function readZipDirectory(buf: Buffer, maxEntries = 10_000): ZipEntry[] {
  if (buf.length < 22) throw new ZipFormatError('too short');
  const eocd = findEndOfDirectory(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0) throw new ZipFormatError('multi-disk archive');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipFormatError('zip64 archive');
  }
  if (count > maxEntries) throw new ZipTooLargeError(`more than ${maxEntries} entries`, maxEntries);
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('bad central entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new ZipFormatError('encrypted entry');
    if (method !== 0 && method !== 8) throw new ZipFormatError(`compression method ${method}`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw new ZipFormatError('zip64');
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) {
      throw new ZipFormatError('bad local header');
    }
    const dataOffset =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > buf.length) throw new ZipFormatError('entry out of bounds');
    if (method === 0 && compressedSize !== uncompressedSize) throw new ZipFormatError('stored size mismatch');
    entries.push({ name: name.replace(/^\/+/, ''), method, compressedSize, uncompressedSize, dataOffset });
  }
  return entries;
}

function inflateCapped(data: Buffer, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    inflateRaw(data, { maxOutputLength: Math.max(1, max) }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/**
 * The entry's bytes, refused unless they unpack to exactly the declared size.
 * A declared size above `max` is refused before anything is inflated.
 */
export async function readZipEntry(buf: Buffer, entry: ZipEntry, max: number): Promise<Buffer> {
  if (entry.uncompressedSize > max) throw new ZipTooLargeError(`${entry.name} is too large`, max);
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  let out: Buffer;
  try {
    out = await inflateCapped(data, entry.uncompressedSize);
  } catch (err) {
    throw new ZipFormatError(`${entry.name}: ${(err as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name}: size mismatch`);
  return out;
}

/**
 * Zip-bomb guard: the declared sizes must add up to at most `maxTotal`, and
 * every entry must really unpack to its declared size (each inflation is
 * capped at that size, so a lying entry stops early).
 */
export async function verifyZipSizes(buf: Buffer, entries: readonly ZipEntry[], maxTotal: number) {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > maxTotal) throw new ZipTooLargeError(`unpacks to ${total} bytes`, maxTotal);
  for (const e of entries) await readZipEntry(buf, e, maxTotal);
}

/**
 * Streams an entry's text to `onText` chunk by chunk, stopping as soon as it
 * returns `false`, after `maxBytes` (ZipTooLargeError), or at the end. Used to
 * look at the start of a huge entry without unpacking all of it.
 */
export async function scanZipEntry(
  buf: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  onText: (text: string) => boolean,
): Promise<void> {
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipTooLargeError(`${entry.name} is too large`, maxBytes);
    onText(data.toString('utf8'));
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(data);
  const decoder = new TextDecoder('utf-8');
  let seen = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > maxBytes) throw new ZipTooLargeError(`${entry.name} is too large`, maxBytes);
      if (!onText(decoder.decode(chunk, { stream: true }))) return;
    }
  } catch (err) {
    if (err instanceof ZipTooLargeError) throw err;
    throw new ZipFormatError(`${entry.name}: ${(err as Error).message}`);
  } finally {
    inflater.destroy();
  }
}
