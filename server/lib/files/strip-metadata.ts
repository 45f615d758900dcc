/**
 * Removes what a photo tells about where and when it was taken, without
 * re-encoding it: EXIF (GPS, camera, time), XMP, IPTC, comments, thumbnails
 * and trailing data from JPEG; eXIf and text/time chunks from PNG. Pure
 * JavaScript. A damaged image throws, so it is refused rather than stored
 * with its metadata.
 */

export class DamagedImageError extends Error {
  override name = 'DamagedImageError';
}

const damaged = (why: string) => new DamagedImageError(why);

function startsWith(buf: Buffer, at: number, text: string): boolean {
  return buf.toString('latin1', at, at + text.length) === text;
}

/** The EXIF orientation (1–8) in an APP1 segment, or null. */
function exifOrientation(seg: Buffer): number | null {
  if (!startsWith(seg, 4, 'Exif\0\0')) return null;
  const tiff = seg.subarray(10);
  if (tiff.length < 8) return null;
  const le = startsWith(tiff, 0, 'II');
  if (!le && !startsWith(tiff, 0, 'MM')) return null;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return null;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** An APP1 segment holding nothing but the orientation, so a rotated phone photo still shows upright. */
function orientationSegment(orientation: number): Buffer {
  const seg = Buffer.alloc(36);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(34, 2);
  seg.write('Exif\0\0MM\0\x2a', 4, 'latin1');
  seg.writeUInt32BE(8, 14); // IFD0 right after the TIFF header
  seg.writeUInt16BE(1, 18); // one entry
  seg.writeUInt16BE(0x0112, 20); // Orientation
  seg.writeUInt16BE(3, 22); // SHORT
  seg.writeUInt32BE(1, 24); // count
  seg.writeUInt16BE(orientation, 28);
  seg.writeUInt32BE(0, 32); // no next IFD
  return seg;
}

/** Does a JPEG segment (marker + length + payload) stay? Only what decoding and colour need. */
function keepSegment(marker: number, seg: Buffer): boolean {
  if (marker === 0xe0) return startsWith(seg, 4, 'JFIF\0'); // JFIF yes, JFXX thumbnails no
  if (marker === 0xe2) return startsWith(seg, 4, 'ICC_PROFILE\0'); // colour profile yes, MPF no
  if (marker === 0xee) return startsWith(seg, 4, 'Adobe'); // colour transform of CMYK/YCCK
  if (marker >= 0xe1 && marker <= 0xef) return false; // EXIF, XMP, IPTC/Photoshop, other APPn
  if (marker === 0xfe) return false; // comment
  return true;
}

/** A JPEG without its metadata; everything after the end-of-image marker is dropped too. */
export function stripJpegMetadata(buf: Buffer): Buffer {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw damaged('no SOI');
  const out: Buffer[] = [buf.subarray(0, 2)];
  let orientation: number | null = null;
  let insertAt = 1; // after SOI, or after a kept JFIF APP0
  let p = 2;
  for (;;) {
    if (p + 1 >= buf.length) throw damaged('no EOI');
    if (buf[p] !== 0xff) throw damaged(`no marker at ${p}`);
    while (buf[p + 1] === 0xff) p++; // fill bytes
    const marker = buf[p + 1]!;
    if (marker === 0xd9) {
      out.push(buf.subarray(p, p + 2));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(buf.subarray(p, p + 2));
      p += 2;
      continue;
    }
    if (p + 4 > buf.length) throw damaged('truncated segment');
    const len = buf.readUInt16BE(p + 2);
    if (len < 2 || p + 2 + len > buf.length) throw damaged('bad segment length');
    const seg = buf.subarray(p, p + 2 + len);
    p += 2 + len;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not stuffing (FF00) or a restart (FFD0–D7).
      let q = p;
      while (q + 1 < buf.length) {
        if (buf[q] === 0xff) {
          const n = buf[q + 1]!;
          if (n === 0x00 || (n >= 0xd0 && n <= 0xd7)) q += 2;
          else if (n === 0xff) q += 1;
          else break;
        } else q++;
      }
      out.push(seg, buf.subarray(p, q));
      p = q;
      continue;
    }
    if (keepSegment(marker, seg)) {
      out.push(seg);
      if (marker === 0xe0 && out.length === 2) insertAt = 2;
    } else if (marker === 0xe1 && orientation === null) {
      orientation = exifOrientation(seg);
    }
  }
  if (orientation !== null && orientation !== 1) out.splice(insertAt, 0, orientationSegment(orientation));
  return Buffer.concat(out);
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');
/** Chunks that may carry where, when and by whom: EXIF, text (incl. XMP in iTXt), modification time. */
const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', 'dSIG']);

/** A PNG without its metadata chunks; anything after IEND is dropped. */
export function stripPngMetadata(buf: Buffer): Buffer {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw damaged('no PNG signature');
  const out: Buffer[] = [PNG_SIGNATURE];
  let p = 8;
  let first = true;
  for (;;) {
    if (p + 12 > buf.length) throw damaged('no IEND');
    const len = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    if (p + 12 + len > buf.length) throw damaged('truncated chunk');
    if (first && type !== 'IHDR') throw damaged('IHDR is not first');
    first = false;
    const chunk = buf.subarray(p, p + 12 + len);
    p += 12 + len;
    if (!PNG_DROP.has(type)) out.push(chunk);
    if (type === 'IEND') break;
  }
  return Buffer.concat(out);
}
