import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, genesisHash, sealHashInput } from './canonical.ts';

/** The first implementation, kept as the reference: seals already written were hashed over its output. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('gives exactly the reference text for any JSON-like value', () => {
    const values = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, false, NaN, Infinity, -0),
        fc.double(),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('any'), { maxKeys: 5 }),
      ),
    })).any;
    fc.assert(
      fc.property(values, (v) => canonicalJson(v) === referenceCanonicalJson(v)),
      { numRuns: 2000 },
    );
  });

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
