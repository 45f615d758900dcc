import { sql } from 'drizzle-orm';
import { genesisHash, sealHashInput, type SealContent } from '../../../domain/audit/canonical.ts';
import { withDates, type Db, type Tx } from '../../db/client.ts';
import { sm3Hex } from '../../lib/crypto.ts';

// The seal chain (审计封存): audited writes insert their entry (and queue it)
// and nothing else; the sealer links committed entries into one SM3 hash chain
// (`audit_seals`) shortly after. Entries reach the sealer through
// `audit_pending`, filled by the statement that inserts the entry, so entries
// that commit out of id order are still found, and each is sealed once (a
// unique entry_id; the queue row goes in the seal's transaction).

/** Key of the advisory lock that makes one sealer at a time, across every instance. */
const SEALER_LOCK = 0x4c554f5348; // "LUOSH"

type EntryColumns = {
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
};

const entryColumns = sql`a.id AS "entryId", a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.ip,
  a.action, a.object_type AS "objectType", a.object_id AS "objectId", a.before, a.after`;

function sealContent(seq: number, sealedAt: Date, e: EntryColumns): SealContent {
  return {
    seq,
    sealedAt,
    entryId: Number(e.entryId),
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    ip: e.ip,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before,
    after: e.after,
  };
}

/**
 * Seals one batch in one transaction, holding the sealer lock; returns how
 * many entries it sealed, or null when another sealer holds the lock and
 * `wait` is false.
 */
async function sealBatch(db: Db, batch: number, wait: boolean): Promise<number | null> {
  // READ COMMITTED: every statement after the lock sees what the previous
  // sealer committed before it let go of the lock.
  return db.transaction(async (tx) => {
    if (wait) await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
    else {
      const r = await tx.execute<{ ok: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS ok`,
      );
      if (!r.rows[0]?.ok) return null;
    }
    const last = await tx.execute<{ seq: number; hash: string }>(
      sql`SELECT seq, hash FROM audit_seals ORDER BY seq DESC LIMIT 1`,
    );
    const entries = await tx.execute<EntryColumns>(sql`
      SELECT ${entryColumns} FROM audit_pending p JOIN audit_log a ON a.id = p.entry_id
       WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = p.entry_id)
       ORDER BY a.id LIMIT ${batch}`);
    if (entries.rows.length === 0) return 0;
    let seq = Number(last.rows[0]?.seq ?? 0);
    let prev = last.rows[0]?.hash ?? genesisHash;
    const sealedAt = new Date();
    const seqs: number[] = [];
    const ids: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const e of withDates(entries.rows, 'at')) {
      seq++;
      const hash = sm3Hex(sealHashInput(prev, sealContent(seq, sealedAt, e)));
      seqs.push(seq);
      ids.push(Number(e.entryId));
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.execute(sql`
      INSERT INTO audit_seals (seq, entry_id, sealed_at, prev_hash, hash)
      SELECT seq, entry_id, ${sealedAt}::timestamptz, prev_hash, hash
        FROM unnest(${sql.param(seqs)}::bigint[], ${sql.param(ids)}::bigint[],
                    ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[]) AS x(seq, entry_id, prev_hash, hash)`);
    await tx.execute(sql`DELETE FROM audit_pending WHERE entry_id = ANY(${sql.param(ids)}::bigint[])`);
    return ids.length;
  });
}

/**
 * 审计封存: links every committed, unsealed audit entry into the seal chain, in
 * id order, batch by batch; returns how many it sealed. One sealer runs at a
 * time across every instance (a transaction-level advisory lock): with `wait`
 * (the default) a call waits for a running one and then seals what is left;
 * without, it returns 0 at once (the scheduled job: the other instance is
 * sealing).
 */
export async function sealPending(db: Db, opts: { batch?: number; wait?: boolean } = {}): Promise<number> {
  const batch = opts.batch ?? 1000;
  let total = 0;
  for (;;) {
    const n = await sealBatch(db, batch, opts.wait ?? true);
    if (n === null) return total;
    total += n;
    if (n < batch) return total;
  }
}

export type VerifyReason =
  'hash_mismatch' | 'prev_mismatch' | 'missing_seal' | 'missing_entry' | 'unsealed_entry' | 'sealing_overdue';

export type VerifyResult = {
  ok: boolean;
  /** Entries in the log. */
  entries: number;
  /** Seals checked (one per sealed entry). */
  sealed: number;
  /** Entries committed but not sealed yet; `stale` of them have waited longer than allowed. */
  pending: { count: number; stale: number; oldestQueuedAt: string | null };
  /** The first problem found, if any. */
  broken?: { seq: number | null; id: number | null; reason: VerifyReason };
};

type SealRow = EntryColumns & {
  seq: number;
  sealedAt: Date;
  prevHash: string;
  hash: string;
  present: boolean;
};

/** Walks the seal chain in order; returns the seals seen and the first break. */
async function walkSeals(
  tx: Tx,
  batch: number,
): Promise<{ sealed: number; broken?: VerifyResult['broken'] }> {
  let prev = genesisHash;
  let expected = 1;
  for (;;) {
    const r = await tx.execute<SealRow>(sql`
      SELECT s.seq, s.sealed_at AS "sealedAt", s.prev_hash AS "prevHash", s.hash, s.entry_id AS "entryId",
             a.id IS NOT NULL AS present, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.ip,
             a.action, a.object_type AS "objectType", a.object_id AS "objectId", a.before, a.after
        FROM audit_seals s LEFT JOIN audit_log a ON a.id = s.entry_id
       WHERE s.seq >= ${expected} ORDER BY s.seq LIMIT ${batch}`);
    for (const row of withDates(r.rows, 'at', 'sealedAt')) {
      const seq = Number(row.seq);
      const id = Number(row.entryId);
      if (seq !== expected)
        return { sealed: expected - 1, broken: { seq: expected, id: null, reason: 'missing_seal' } };
      if (!row.present) return { sealed: expected - 1, broken: { seq, id, reason: 'missing_entry' } };
      if (row.prevHash !== prev)
        return { sealed: expected - 1, broken: { seq, id, reason: 'prev_mismatch' } };
      if (sm3Hex(sealHashInput(prev, sealContent(seq, row.sealedAt, row))) !== row.hash)
        return { sealed: expected - 1, broken: { seq, id, reason: 'hash_mismatch' } };
      prev = row.hash;
      expected++;
    }
    if (r.rows.length < batch) return { sealed: expected - 1 };
  }
}

type UnsealedSummary = {
  entries: number;
  count: number;
  stale: number;
  oldest: string | null;
  firstOrphan: number | null;
  firstStale: number | null;
  firstLost: number | null;
};

/**
 * 审计日志校验: recomputes every seal's SM3 link in order (an altered entry or
 * seal, a removed seal, or a seal whose entry is gone breaks it), then checks
 * that every entry without a seal is still queued for one and has not waited
 * longer than `staleSeconds`. Reads one consistent snapshot.
 */
export async function verifyAudit(
  db: Db,
  opts: { staleSeconds?: number; batch?: number } = {},
): Promise<VerifyResult> {
  const staleSeconds = opts.staleSeconds ?? 5;
  return db.transaction(
    async (tx) => {
      const walk = await walkSeals(tx, opts.batch ?? 5_000);
      const u = (
        await tx.execute<UnsealedSummary>(sql`
        SELECT (SELECT count(*)::int FROM audit_log) AS entries,
               count(*)::int AS count,
               (count(*) FILTER (WHERE p.queued_at < now() - make_interval(secs => ${staleSeconds})))::int AS stale,
               min(p.queued_at)::text AS oldest,
               min(a.id) FILTER (WHERE p.entry_id IS NULL) AS "firstOrphan",
               min(a.id) FILTER (WHERE p.queued_at < now() - make_interval(secs => ${staleSeconds})) AS "firstStale",
               (SELECT min(q.entry_id) FROM audit_pending q
                 WHERE NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.id = q.entry_id)) AS "firstLost"
          FROM audit_log a LEFT JOIN audit_pending p ON p.entry_id = a.id
         WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = a.id)`)
      ).rows[0]!;
      const pending = {
        count: u.count,
        stale: u.stale,
        oldestQueuedAt: u.oldest === null ? null : new Date(u.oldest).toISOString(),
      };
      const result = (broken?: VerifyResult['broken']): VerifyResult => ({
        ok: broken === undefined,
        entries: u.entries,
        sealed: walk.sealed,
        pending,
        ...(broken ? { broken } : {}),
      });
      if (walk.broken) return result(walk.broken);
      // An entry neither sealed nor queued will never be sealed: its seal was removed, or its queue row.
      if (u.firstOrphan !== null)
        return result({ seq: null, id: Number(u.firstOrphan), reason: 'unsealed_entry' });
      if (u.firstLost !== null)
        return result({ seq: null, id: Number(u.firstLost), reason: 'missing_entry' });
      if (u.firstStale !== null)
        return result({ seq: null, id: Number(u.firstStale), reason: 'sealing_overdue' });
      return result();
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
