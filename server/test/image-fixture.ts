import { crc32, deflateSync } from 'node:zlib';

/**
 * Tiny but valid images built by hand, and the metadata a phone writes into
 * them (EXIF with GPS, XMP, comments), for the metadata-stripping tests.
 */

const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** An 8×8 grey baseline JPEG: one block, DC 0, end of block. */
export function tinyJpeg(): Buffer {
  const dqt = seg(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof = seg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
  const table = (tc: number) => {
    const counts = Buffer.alloc(16);
    counts[0] = 1; // one code of length 1, for symbol 0 (DC category 0 / AC end of block)
    return Buffer.concat([Buffer.from([tc]), counts, Buffer.from([0])]);
  };
  const dht = Buffer.concat([seg(0xc4, table(0x00)), seg(0xc4, table(0x10))]);
  const sos = seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('4a46494600010100000100010000', 'hex')), // JFIF
    dqt,
    sof,
    dht,
    sos,
    Buffer.from([0x3f]), // bits 0 (DC) 0 (EOB), padded with ones
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A big-endian TIFF IFD entry. */
function entry(tag: number, type: number, count: number, value: Buffer): Buffer {
  const e = Buffer.alloc(12);
  e.writeUInt16BE(tag, 0);
  e.writeUInt16BE(type, 2);
  e.writeUInt32BE(count, 4);
  value.copy(e, 8);
  return e;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt16BE(n);
  return b;
};

/** The GPS position written into the EXIF fixture: 29°33'12.34"N 106°33'56.78"E. */
export const GPS_MARK = 'LuoshiCam GPS';

/**
 * An APP1 EXIF segment as a phone writes it: camera make, orientation, and a
 * GPS IFD with latitude and longitude.
 */
export function exifSegment(orientation = 6): Buffer {
  // Layout: TIFF header (8) | IFD0 at 8: 3 entries | make string | GPS IFD: 4 entries | rationals
  const ifd0At = 8;
  const ifd0Size = 2 + 3 * 12 + 4;
  const makeAt = ifd0At + ifd0Size;
  const make = Buffer.from(`${GPS_MARK}\0`, 'latin1');
  const gpsAt = makeAt + make.length;
  const gpsSize = 2 + 4 * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const lonAt = latAt + 24;
  const rationals = (a: number[]) => Buffer.concat(a.flatMap((v) => [u32(Math.round(v * 100)), u32(100)]));
  const tiff = Buffer.concat([
    Buffer.from('MM\0\x2a', 'latin1'),
    u32(ifd0At),
    Buffer.from([0, 3]),
    entry(0x010f, 2, make.length, u32(makeAt)), // Make
    entry(0x0112, 3, 1, u16(orientation)), // Orientation
    entry(0x8825, 4, 1, u32(gpsAt)), // GPS IFD
    u32(0),
    make,
    Buffer.from([0, 4]),
    entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')),
    entry(0x0002, 5, 3, u32(latAt)),
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')),
    entry(0x0004, 5, 3, u32(lonAt)),
    u32(0),
    rationals([29, 33, 12.34]),
    rationals([106, 33, 56.78]),
  ]);
  return seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
}

/** An XMP APP1 segment holding a location, and a comment; both must go. */
export function xmpSegment(): Buffer {
  return seg(
    0xe1,
    Buffer.from(
      'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="29,33.2N"/></x:xmpmeta>',
      'latin1',
    ),
  );
}

export function commentSegment(text: string): Buffer {
  return seg(0xfe, Buffer.from(text, 'latin1'));
}

/** A JPEG with extra segments right after SOI, and data after its end (as motion photos have). */
export function jpegWith(segments: Buffer[], trailer = Buffer.alloc(0)): Buffer {
  const base = tinyJpeg();
  return Buffer.concat([base.subarray(0, 2), ...segments, base.subarray(2), trailer]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 1×1 green PNG; with `metadata`, also EXIF, text, international text and time chunks. */
export function tinyPng(metadata = false): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = deflateSync(Buffer.from([0, 0, 200, 0]));
  const extra = metadata
    ? [
        chunk('tEXt', Buffer.from(`Comment\0${GPS_MARK}`, 'latin1')),
        chunk('eXIf', exifSegment().subarray(10)),
        chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')),
        chunk('tIME', Buffer.from([0x07, 0xea, 3, 1, 12, 0, 0])),
      ]
    : [];
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
