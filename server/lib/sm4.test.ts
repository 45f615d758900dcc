import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateSm4KeyHex,
  isSm4Sealed,
  parseSm4Key,
  sm4Available,
  sm4Open,
  sm4Seal,
  Sm4DecryptError,
  Sm4KeyError,
} from './sm4.ts';

const decision =
  '经查，某街道党工委书记对辖区重点项目推进不力，存在“躺平”“守成”问题。依据有关规定，给予诫勉处理。';
const key = parseSm4Key('3f1c9a0b7d2e45f68a9b0c1d2e3f4a5b', 'LUOSHI_SM4_KEY');
const otherKey = parseSm4Key('a1b2c3d4e5f60718293a4b5c6d7e8f90');

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof Sm4DecryptError) return e.reason;
    throw e;
  }
  return 'opened';
}

/** Replaces one character of part `index` of the sealed text with another base64url character. */
function alter(sealed: string, index: number): string {
  const parts = sealed.split('$');
  const p = parts[index]!;
  const c = p[5] === 'A' ? 'B' : 'A';
  parts[index] = `${p.slice(0, 5)}${c}${p.slice(6)}`;
  return parts.join('$');
}

describe('the SM4 block cipher (GB/T 32907 appendix A)', () => {
  const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const ecb = () => {
    const c = createCipheriv('sm4-ecb', k, null);
    c.setAutoPadding(false);
    return c;
  };

  it('is in this Node', () => {
    expect(sm4Available()).toBe(true);
  });

  it('example 1: one block', () => {
    expect(ecb().update(k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('example 2: the same block encrypted 1,000,000 times', () => {
    const c = ecb();
    let b = k;
    for (let i = 0; i < 1_000_000; i++) b = c.update(b);
    expect(b.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('sealing decision texts', () => {
  it('round-trips, in a self-describing form with a fresh IV each time', () => {
    const a = sm4Seal(decision, key, 'accountability:12');
    const b = sm4Seal(decision, key, 'accountability:12');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sm4\$1\$[0-9a-f]{8}\$[\w-]{22}\$[\w-]+\$[\w-]{43}$/);
    expect(a.split('$')[2]).toBe(key.id);
    expect(isSm4Sealed(a)).toBe(true);
    expect(isSm4Sealed(decision)).toBe(false);
    expect(sm4Open(a, key, 'accountability:12')).toBe(decision);
    expect(sm4Open(b, [otherKey, key], 'accountability:12')).toBe(decision);
  });

  it.each(['', 'a', '一二三四五六七八', 'x'.repeat(16), '😀'.repeat(1000)])('round-trips %j', (text) => {
    expect(sm4Open(sm4Seal(text, key), key)).toBe(text);
  });

  it('detects tampering with the IV, the ciphertext or the tag', () => {
    const sealed = sm4Seal(decision, key);
    for (const part of [3, 4, 5])
      expect(reasonOf(() => sm4Open(alter(sealed, part), key))).toBe('authentication_failed');
    // a truncated ciphertext is refused before any decryption
    const parts = sealed.split('$');
    parts[4] = parts[4]!.slice(0, -4);
    expect(reasonOf(() => sm4Open(parts.join('$'), key))).toMatch(/malformed|authentication_failed/);
  });

  it('does not open for another record (associated data)', () => {
    const sealed = sm4Seal(decision, key, 'accountability:12');
    expect(reasonOf(() => sm4Open(sealed, key, 'accountability:13'))).toBe('authentication_failed');
    expect(reasonOf(() => sm4Open(sealed, key))).toBe('authentication_failed');
  });

  it('refuses a wrong key, even one that claims the right id', () => {
    const sealed = sm4Seal(decision, key);
    expect(reasonOf(() => sm4Open(sealed, otherKey))).toBe('unknown_key');
    const impostor = { ...otherKey, id: key.id };
    expect(reasonOf(() => sm4Open(sealed, impostor))).toBe('authentication_failed');
  });

  it.each([
    ['not sealed at all', decision, 'malformed'],
    ['too few parts', 'sm4$1$abcd', 'malformed'],
    ['another version', 'sm4$2$00000000$AAAA$AAAA$AAAA', 'unsupported_version'],
    ['not base64url', 'sm4$1$00000000$A+A/$AAAA$AAAA', 'malformed'],
  ])('refuses %s', (_name, text, reason) => {
    expect(reasonOf(() => sm4Open(text, key))).toBe(reason);
  });
});

describe('the key from configuration', () => {
  it('reads 32 hex digits, in either case, with spaces around', () => {
    const k = parseSm4Key('  3F1C9A0B7D2E45F68A9B0C1D2E3F4A5B\n');
    expect(k.id).toBe(key.id);
    expect(k.encKey.length).toBe(16);
    expect(k.macKey.length).toBe(32);
    expect(k.encKey.equals(k.macKey.subarray(0, 16))).toBe(false);
    expect(parseSm4Key(generateSm4KeyHex()).id).toMatch(/^[0-9a-f]{8}$/);
  });

  it.each([
    [undefined, 'LUOSHI_SM4_KEY is not set'],
    ['', 'LUOSHI_SM4_KEY is not set'],
    ['3f1c9a0b7d2e45f6', 'must be 32 hexadecimal characters (16 bytes); it has 16 characters'],
    ['3f1c9a0b7d2e45f68a9b0c1d2e3f4a5b00', 'it has 34 characters'],
    ['3f1c9a0b7d2e45f68a9b0c1d2e3f4a5z', 'must be hexadecimal'],
    ['MWYxYzlhMGI3ZDJlNDVmNg==', 'must be hexadecimal'],
    ['00000000000000000000000000000000', 'one byte repeated'],
  ])('refuses %j with a clear error', (value, message) => {
    expect(() => parseSm4Key(value, 'LUOSHI_SM4_KEY')).toThrow(Sm4KeyError);
    expect(() => parseSm4Key(value, 'LUOSHI_SM4_KEY')).toThrow(message);
  });

  it('never echoes the key in an error', () => {
    const bad = '3f1c9a0b7d2e45f68a9b0c1d2e3f4a5'; // 31 characters
    try {
      parseSm4Key(bad, 'LUOSHI_SM4_KEY');
    } catch (e) {
      expect(String(e)).not.toContain(bad);
      expect(String(e)).toContain('LUOSHI_SM4_KEY');
    }
  });
});
