import { pbkdf2, randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** SM3 digest (GB/T 32905) as lower-case hex. */
export function sm3Hex(input: string | Buffer): string {
  return createHash('sm3').update(input).digest('hex');
}

/** A URL-safe random token of `bytes` bytes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const KEY_LENGTH = 32;

/**
 * Hashes a password with PBKDF2-HMAC-SM3 into a self-describing string:
 * `pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>`. The prefix lets a later
 * scheme or iteration count be recognised and upgraded at the next sign-in.
 */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(password.normalize('NFC'), salt, iterations, KEY_LENGTH, 'sm3');
  return `pbkdf2-sm3$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Verifies a password against a stored hash; `needsRehash` says the stored form is out of date. */
export async function verifyPassword(
  password: string,
  stored: string,
  currentIterations: number,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const [scheme, iterText, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'pbkdf2-sm3' || !iterText || !saltB64 || !hashB64) {
    return { ok: false, needsRehash: true };
  }
  const iterations = Number(iterText);
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await pbkdf2Async(
    password.normalize('NFC'),
    Buffer.from(saltB64, 'base64'),
    iterations,
    expected.length,
    'sm3',
  );
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && iterations !== currentIterations };
}

let dummyHash: { iterations: number; hash: Promise<string> } | undefined;

/**
 * Spends the same time as a real verification, for unknown usernames, so that
 * "no such user" and "wrong password" cannot be told apart by timing.
 */
export async function burnPasswordCheck(password: string, iterations: number): Promise<void> {
  if (!dummyHash || dummyHash.iterations !== iterations) {
    dummyHash = { iterations, hash: hashPassword('luoshi-dummy-password', iterations) };
  }
  await verifyPassword(password, await dummyHash.hash, iterations);
}

/** A one-time password that meets the password policy: readable, 14 characters, 4 classes. */
export function generatePassword(): string {
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const symbols = '#%+=@';
  const pick = (set: string) => set[randomBytes(1)[0]! % set.length]!;
  const all = upper + lower + digits;
  const body = Array.from({ length: 10 }, () => pick(all)).join('');
  return `${pick(upper)}${body.slice(0, 5)}${pick(symbols)}${pick(digits)}${body.slice(5)}${pick(lower)}`;
}
