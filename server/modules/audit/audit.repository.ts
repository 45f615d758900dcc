import { sql } from 'drizzle-orm';
import { auditHashInput, genesisHash, type AuditContent } from '../../../domain/audit/canonical.ts';
import { withDates, type Db, type Transaction } from '../../db/client.ts';
import { sm3Hex } from '../../lib/crypto.ts';

export type AuditEntryInput = {
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
};

type ChainHead = {
  id: number;
  seq: number;
  head_hash: string;
};

// The chain a transaction already holds, so several entries in one transaction
// append to the same chain without taking a second lock.
const heldChains = new WeakMap<object, ChainHead>();

async function lockChain(tx: Transaction): Promise<ChainHead> {
  const held = heldChains.get(tx);
  if (held) return held;
  // Any free chain will do: SKIP LOCKED spreads concurrent writers over the chains.
  let r = await tx.execute<ChainHead>(
    sql`SELECT id, seq, head_hash FROM audit_chains ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  if (r.rows.length === 0) {
    r = await tx.execute<ChainHead>(
      sql`SELECT id, seq, head_hash FROM audit_chains ORDER BY random() LIMIT 1 FOR UPDATE`,
    );
  }
  const head = r.rows[0];
  if (!head) throw new Error('audit_chains is empty; migrations not applied');
  const copy = { id: Number(head.id), seq: Number(head.seq), head_hash: head.head_hash };
  heldChains.set(tx, copy);
  return copy;
}

/** Strips values a JSON column would not keep (undefined, Date objects → ISO strings). */
function jsonValue(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/**
 * Appends one audit entry inside the caller's transaction, linking it to the
 * head of a free chain with SM3. The change and its entry commit together.
 */
export async function appendAudit(tx: Transaction, entry: AuditEntryInput, now: Date): Promise<void> {
  const head = await lockChain(tx);
  const content: AuditContent = {
    chainId: head.id,
    chainSeq: head.seq + 1,
    at: now,
    actorId: entry.actorId,
    actorName: entry.actorName,
    ip: entry.ip,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : String(entry.objectId),
    before: jsonValue(entry.before),
    after: jsonValue(entry.after),
  };
  const hash = sm3Hex(auditHashInput(head.head_hash, content));
  await tx.execute(sql`
    WITH ins AS (
      INSERT INTO audit_log (chain_id, chain_seq, at, actor_id, actor_name, ip, action, object_type,
                             object_id, before, after, prev_hash, hash)
      VALUES (${content.chainId}, ${content.chainSeq}, ${now}, ${content.actorId}, ${content.actorName},
              ${content.ip}, ${content.action}, ${content.objectType}, ${content.objectId},
              ${JSON.stringify(content.before)}::jsonb, ${JSON.stringify(content.after)}::jsonb,
              ${head.head_hash}, ${hash})
    )
    UPDATE audit_chains SET seq = ${content.chainSeq}, head_hash = ${hash} WHERE id = ${head.id}`);
  head.seq = content.chainSeq;
  head.head_hash = hash;
}

/** A signed-in call: who, from where, when. */
export interface CallContext {
  actor: { id: number; username: string };
  ip: string;
  now: Date;
}

/** Audits a change made by a signed-in person, in the change's transaction. */
export function recordChange(
  tx: Transaction,
  c: CallContext,
  objectType: string,
  action: string,
  objectId: string | number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  return appendAudit(
    tx,
    {
      actorId: c.actor.id,
      actorName: c.actor.username,
      ip: c.ip,
      action,
      objectType,
      objectId,
      before,
      after,
    },
    c.now,
  );
}

export type AuditRow = {
  id: number;
  chainId: number;
  chainSeq: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
};

export type AuditFilter = {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  q?: string;
};

const rowSelect = sql`id, chain_id AS "chainId", chain_seq AS "chainSeq", at, actor_id AS "actorId",
  actor_name AS "actorName", ip, action, object_type AS "objectType", object_id AS "objectId",
  before, after, prev_hash AS "prevHash", hash`;

/** Lists audit entries, newest first, filtered; returns the page and the total count. */
export async function listAudit(
  db: Db,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  const conds = [sql`true`];
  if (f.actor) {
    // The username recorded in the entry, or the name of the person behind it.
    const like = `%${f.actor}%`;
    conds.push(
      sql`(actor_name ILIKE ${like} OR actor_id IN (SELECT id FROM people WHERE name ILIKE ${like}))`,
    );
  }
  if (f.action) conds.push(sql`action = ${f.action}`);
  if (f.objectType) conds.push(sql`object_type = ${f.objectType}`);
  if (f.objectId) conds.push(sql`object_id = ${f.objectId}`);
  if (f.from) conds.push(sql`at >= ${f.from}`);
  if (f.to) conds.push(sql`at < ${f.to}`);
  if (f.q) conds.push(sql`(before::text ILIKE ${`%${f.q}%`} OR after::text ILIKE ${`%${f.q}%`})`);
  const where = sql.join(conds, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute<AuditRow>(
      sql`SELECT ${rowSelect} FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`),
  ]);
  return { items: withDates(items.rows, 'at'), total: count.rows[0]?.n ?? 0 };
}

/** The distinct actions seen in the log, for the filter's drop-down. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const r = await db.execute<{ action: string }>(sql`SELECT DISTINCT action FROM audit_log ORDER BY action`);
  return r.rows.map((x) => x.action);
}

export type VerifyResult = {
  ok: boolean;
  entries: number;
  chains: number;
  /** The first broken link found, if any. */
  broken?: {
    chainId: number;
    chainSeq: number;
    id: number | null;
    reason: 'hash_mismatch' | 'prev_mismatch' | 'missing_entry' | 'head_mismatch';
  };
};

/**
 * 审计日志校验: walks every chain in order, recomputing each SM3 link, and
 * reports the first entry whose stored hash, link or sequence does not hold.
 */
export async function verifyAudit(db: Db, batch = 5_000): Promise<VerifyResult> {
  const heads = await db.execute<ChainHead>(sql`SELECT id, seq, head_hash FROM audit_chains ORDER BY id`);
  let entries = 0;
  for (const head of heads.rows) {
    let prev = genesisHash;
    let expectedSeq = 1;
    for (;;) {
      const r = await db.execute<AuditRow>(sql`SELECT ${rowSelect} FROM audit_log
        WHERE chain_id = ${head.id} AND chain_seq >= ${expectedSeq} ORDER BY chain_seq LIMIT ${batch}`);
      for (const row of withDates(r.rows, 'at')) {
        entries++;
        const at = { chainId: Number(head.id), chainSeq: Number(row.chainSeq), id: Number(row.id) };
        if (Number(row.chainSeq) !== expectedSeq) {
          return {
            ok: false,
            entries,
            chains: heads.rows.length,
            broken: { ...at, chainSeq: expectedSeq, id: null, reason: 'missing_entry' },
          };
        }
        if (row.prevHash !== prev)
          return {
            ok: false,
            entries,
            chains: heads.rows.length,
            broken: { ...at, reason: 'prev_mismatch' },
          };
        const content: AuditContent = {
          chainId: Number(row.chainId),
          chainSeq: Number(row.chainSeq),
          at: row.at,
          actorId: row.actorId,
          actorName: row.actorName,
          ip: row.ip,
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          before: row.before,
          after: row.after,
        };
        if (sm3Hex(auditHashInput(prev, content)) !== row.hash) {
          return {
            ok: false,
            entries,
            chains: heads.rows.length,
            broken: { ...at, reason: 'hash_mismatch' },
          };
        }
        prev = row.hash;
        expectedSeq++;
      }
      if (r.rows.length < batch) break;
    }
    if (expectedSeq - 1 !== Number(head.seq) || prev !== head.head_hash) {
      return {
        ok: false,
        entries,
        chains: heads.rows.length,
        broken: {
          chainId: Number(head.id),
          chainSeq: expectedSeq,
          id: null,
          reason: expectedSeq - 1 < Number(head.seq) ? 'missing_entry' : 'head_mismatch',
        },
      };
    }
  }
  return { ok: true, entries, chains: heads.rows.length };
}
