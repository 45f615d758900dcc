import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  getCiphers,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * SM4 (GB/T 32907) encryption of short secret texts, such as accountability
 * decision texts (问责决定), with the key from configuration, never from the
 * database.
 *
 * Node's OpenSSL offers SM4 in ECB, CBC, CFB, OFB and CTR modes but no
 * authenticated mode (no SM4-GCM/CCM in Node 20), so this is encrypt-then-MAC:
 * SM4-CBC with a random IV, then HMAC-SM3 over the version, key id, associated
 * data, IV and ciphertext. The tag is checked, in constant time, before
 * anything is decrypted.
 *
 * The configured key (16 bytes) is a master key: the SM4 key, the HMAC key and
 * a public key id are derived from it with HMAC-SM3 under distinct labels, so
 * the same bytes never serve two purposes.
 *
 * Sealed form (ASCII, fits a text column):
 *   `sm4$1$<key id: 8 hex>$<IV: base64url>$<ciphertext: base64url>$<tag: base64url>`
 * The version (`1`) names this whole construction; a later one gets a new number.
 * The key id lets several keys be configured at once for rotation: new texts
 * are sealed with the current key, old ones opened with the key they name.
 */

const PREFIX = 'sm4';
const VERSION = '1';
const KEY_BYTES = 16;
const IV_BYTES = 16;
const TAG_BYTES = 32;

/** A parsed key: opaque, derived from the configured master key. */
export interface Sm4Key {
  /** Public 8-hex-digit id stored with every sealed text (not secret; reveals nothing usable about the key). */
  readonly id: string;
  readonly encKey: Buffer;
  readonly macKey: Buffer;
}

/** A key in the configuration is missing or malformed. The message names the setting, never the key. */
export class Sm4KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sm4KeyError';
  }
}

/** A sealed text could not be opened; `reason` says why. */
export class Sm4DecryptError extends Error {
  constructor(
    readonly reason: 'malformed' | 'unsupported_version' | 'unknown_key' | 'authentication_failed',
    message: string,
  ) {
    super(message);
    this.name = 'Sm4DecryptError';
  }
}

/** Does this Node's OpenSSL have SM4-CBC and SM3? (It does from Node 20 with OpenSSL 3.) */
export function sm4Available(): boolean {
  return getCiphers().includes('sm4-cbc');
}

const derive = (master: Buffer, label: string) => createHmac('sm3', master).update(label).digest();

/**
 * Parses a key from configuration: 32 hexadecimal characters (16 bytes),
 * surrounding spaces ignored. `setting` names it in the error, e.g.
 * `LUOSHI_SM4_KEY`. Refuses an empty value, a wrong length, non-hex
 * characters and a key of one repeated byte (an unfilled placeholder).
 */
export function parseSm4Key(hex: string | undefined, setting = 'the SM4 key'): Sm4Key {
  const text = (hex ?? '').trim();
  if (text === '') throw new Sm4KeyError(`${setting} is not set: give 32 hexadecimal characters (16 bytes)`);
  if (!/^[0-9a-fA-F]*$/.test(text))
    throw new Sm4KeyError(`${setting} must be hexadecimal (0-9, a-f); it contains other characters`);
  if (text.length !== KEY_BYTES * 2)
    throw new Sm4KeyError(
      `${setting} must be 32 hexadecimal characters (16 bytes); it has ${text.length} characters`,
    );
  const master = Buffer.from(text, 'hex');
  if (master.every((b) => b === master[0]))
    throw new Sm4KeyError(
      `${setting} is one byte repeated; generate a random key (e.g. openssl rand -hex 16)`,
    );
  if (!sm4Available())
    throw new Sm4KeyError('this Node.js has no SM4 cipher (OpenSSL 3 with SM4 is required)');
  return {
    id: derive(master, 'luoshi/sm4/key-id/v1').subarray(0, 4).toString('hex'),
    encKey: derive(master, 'luoshi/sm4/enc/v1').subarray(0, KEY_BYTES),
    macKey: derive(master, 'luoshi/sm4/mac/v1'),
  };
}

/** A fresh random key in the form `parseSm4Key` reads (for set-up instructions and tests). */
export function generateSm4KeyHex(): string {
  return randomBytes(KEY_BYTES).toString('hex');
}

function tagOf(key: Sm4Key, header: string, aad: string, iv: Buffer, ct: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(aadBytes.length);
  return createHmac('sm3', key.macKey)
    .update(header)
    .update(len)
    .update(aadBytes)
    .update(iv)
    .update(ct)
    .digest();
}

/**
 * Encrypts `plaintext` (UTF-8) under `key`. `aad` is associated data bound to
 * the text but not stored in it, e.g. `accountability:123`: the sealed text
 * then opens only for that record, so it cannot be copied onto another row.
 */
export function sm4Seal(plaintext: string, key: Sm4Key, aad = ''): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-cbc', key.encKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const header = `${PREFIX}$${VERSION}$${key.id}$`;
  const tag = tagOf(key, header, aad, iv, ct);
  return `${header}${iv.toString('base64url')}$${ct.toString('base64url')}$${tag.toString('base64url')}`;
}

/** Does the text look like a sealed text (so a migration can tell sealed from plain)? */
export function isSm4Sealed(text: string): boolean {
  return text.startsWith(`${PREFIX}$`);
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Opens a sealed text with whichever of `keys` it names, checking the tag
 * before decrypting. Throws `Sm4DecryptError`: `malformed`, `unsupported_version`,
 * `unknown_key` (sealed under a key not configured: a wrong or missing key), or
 * `authentication_failed` (altered text, or different associated data).
 */
export function sm4Open(sealed: string, keys: Sm4Key | readonly Sm4Key[], aad = ''): string {
  const parts = sealed.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX)
    throw new Sm4DecryptError('malformed', 'not an SM4-sealed text');
  const [, version, id, ivText, ctText, tagText] = parts as [string, string, string, string, string, string];
  if (version !== VERSION)
    throw new Sm4DecryptError(
      'unsupported_version',
      `sealed with format version ${version}, which this build cannot read`,
    );
  if (![ivText, ctText, tagText].every((p) => B64URL.test(p)))
    throw new Sm4DecryptError('malformed', 'the sealed text is not base64url');
  const key = (Array.isArray(keys) ? keys : [keys as Sm4Key]).find((k) => k.id === id);
  if (!key) throw new Sm4DecryptError('unknown_key', `sealed under key ${id}, which is not configured`);
  const iv = Buffer.from(ivText, 'base64url');
  const ct = Buffer.from(ctText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ct.length === 0 || ct.length % 16 !== 0)
    throw new Sm4DecryptError('malformed', 'the sealed text has parts of the wrong length');
  const expected = tagOf(key, `${PREFIX}$${version}$${id}$`, aad, iv, ct);
  if (!timingSafeEqual(expected, tag))
    throw new Sm4DecryptError(
      'authentication_failed',
      'the sealed text was altered or belongs to another record',
    );
  const decipher = createDecipheriv('sm4-cbc', key.encKey, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}
