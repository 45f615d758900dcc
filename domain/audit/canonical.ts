/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` dropped. The
 * audit chain hashes this form, so the same content always gives the same bytes
 * whatever order the keys were written or read back from jsonb in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    // A list of finite numbers (record ids) prints the same either way; JSON.stringify does it in one pass.
    if (value.every((v) => typeof v === 'number' && Number.isFinite(v))) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    let out = '{';
    // Sorted by UTF-16 code units, as sort() does by default.
    for (const k of Object.keys(o).sort()) {
      const v = o[k];
      if (v === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
    }
    return `${out}}`;
  }
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
