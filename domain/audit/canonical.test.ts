import { describe, expect, it } from 'vitest';
import { canonicalJson, genesisHash, sealHashInput } from './canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and ignores undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('gives the same text for the same content in another key order', () => {
    expect(canonicalJson({ x: '落实', y: null })).toBe(canonicalJson({ y: null, x: '落实' }));
  });
  it('writes dates as ISO strings and keeps metacharacters verbatim', () => {
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
    expect(canonicalJson("'; DROP TABLE x; --<b>")).toBe(JSON.stringify("'; DROP TABLE x; --<b>"));
  });
  it('binds the previous hash into the input', () => {
    const content = {
      seq: 1,
      sealedAt: new Date(0),
      entryId: 1,
      at: new Date(0),
      actorId: null,
      actorName: null,
      ip: null,
      action: 'a',
      objectType: 't',
      objectId: null,
      before: null,
      after: null,
    };
    expect(sealHashInput(genesisHash, content)).not.toBe(sealHashInput('1'.repeat(64), content));
  });
});
