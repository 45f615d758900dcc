/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` dropped. The
 * audit chain hashes this form, so the same content always gives the same bytes
 * whatever order the keys were written or read back from jsonb in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** What a seal's hash covers: its place in the seal chain and the whole audit entry it seals. */
export interface SealContent {
  seq: number;
  sealedAt: Date;
  entryId: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}

/** The bytes a seal's hash is computed over: the previous seal's hash, newline, canonical content. */
export function sealHashInput(prevHash: string, content: SealContent): string {
  return `${prevHash}\n${canonicalJson(content)}`;
}

/** The hash the first seal links to. */
export const genesisHash = '0'.repeat(64);
