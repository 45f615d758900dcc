import { sql, type SQL } from 'drizzle-orm';
import { executeNamed, withDates, type Db, type Transaction, type Tx } from '../../db/client.ts';

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

/** Strips values a JSON column would not keep (undefined, Date objects → ISO strings). */
function jsonValue(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v) ?? 'null';
}

/**
 * Appends one audit entry inside the caller's transaction: one statement, no
 * lock shared with other writers. The change and its entry commit together.
 * The same statement queues the entry for the sealer (`audit_pending`), which
 * links it into the SM3 seal chain within about a second of the commit
 * (`audit-seal.repository.ts`). Only this module writes `audit_log`, and every
 * insert queues its entry: `verify` reports an entry neither sealed nor queued.
 */
export async function appendAudit(tx: Transaction, entry: AuditEntryInput, now: Date): Promise<void> {
  await executeNamed(
    tx,
    'append_audit',
    sql`WITH entry AS (
          INSERT INTO audit_log (at, actor_id, actor_name, ip, action, object_type, object_id, before, after)
          VALUES (${now}, ${entry.actorId}, ${entry.actorName}, ${entry.ip}, ${entry.action}, ${entry.objectType},
                  ${entry.objectId === null ? null : String(entry.objectId)},
                  ${jsonValue(entry.before)}::jsonb, ${jsonValue(entry.after)}::jsonb)
          RETURNING id)
        INSERT INTO audit_pending (entry_id) SELECT id FROM entry`,
  );
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

/**
 * Makes a change and its audit entries in one statement (so in one implicit
 * transaction, without BEGIN and COMMIT round trips). `change` is a
 * data-modifying statement, typically `UPDATE … FROM (SELECT … FOR UPDATE) old
 * … RETURNING`, that returns for every row it changed `object_id` and the
 * true `before` and `after` as jsonb; each returned row gets one entry. The
 * rows it returns are returned; none means nothing changed and nothing was
 * recorded. Each entry is queued for the sealer in the same statement. `name`
 * names the prepared statement and must always go with the same SQL text.
 * `steps` are CTEs placed before `change` (`a AS (…), b AS (…)`), for a
 * change that writes several tables: data-modifying statements may only sit
 * at the top level of a WITH, so they cannot go inside `change`.
 */
export async function changeWithAudit<T extends Record<string, unknown>>(
  db: Tx,
  name: string,
  c: CallContext,
  objectType: string,
  action: string,
  change: SQL,
  steps?: SQL,
): Promise<T[]> {
  const r = await executeNamed<T>(
    db,
    name,
    sql`WITH ${steps ? sql`${steps}, ` : sql``}change AS (${change}),
      entry AS (
        INSERT INTO audit_log (at, actor_id, actor_name, ip, action, object_type, object_id, before, after)
        SELECT ${c.now}::timestamptz, ${c.actor.id}::int, ${c.actor.username}::text, ${c.ip}::text,
               ${action}::text, ${objectType}::text, change.object_id::text, change.before, change.after
          FROM change
        RETURNING id),
      queued AS (INSERT INTO audit_pending (entry_id) SELECT id FROM entry)
      SELECT * FROM change`,
  );
  return r.rows;
}

export type AuditRow = {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  /** The entry's seal, once the sealer has linked it into the chain. */
  sealSeq: number | null;
  sealHash: string | null;
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

const rowSelect = sql`a.id, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.ip, a.action,
  a.object_type AS "objectType", a.object_id AS "objectId", a.before, a.after,
  s.seq AS "sealSeq", s.hash AS "sealHash"`;

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
      sql`(a.actor_name ILIKE ${like} OR a.actor_id IN (SELECT id FROM people WHERE name ILIKE ${like}))`,
    );
  }
  if (f.action) conds.push(sql`a.action = ${f.action}`);
  if (f.objectType) conds.push(sql`a.object_type = ${f.objectType}`);
  if (f.objectId) conds.push(sql`a.object_id = ${f.objectId}`);
  if (f.from) conds.push(sql`a.at >= ${f.from}`);
  if (f.to) conds.push(sql`a.at < ${f.to}`);
  if (f.q) conds.push(sql`(a.before::text ILIKE ${`%${f.q}%`} OR a.after::text ILIKE ${`%${f.q}%`})`);
  const where = sql.join(conds, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute<AuditRow>(
      sql`SELECT ${rowSelect} FROM audit_log a LEFT JOIN audit_seals s ON s.entry_id = a.id
          WHERE ${where} ORDER BY a.at DESC, a.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log a WHERE ${where}`),
  ]);
  return { items: withDates(items.rows, 'at'), total: count.rows[0]?.n ?? 0 };
}

/** The distinct actions seen in the log, for the filter's drop-down. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const r = await db.execute<{ action: string }>(sql`SELECT DISTINCT action FROM audit_log ORDER BY action`);
  return r.rows.map((x) => x.action);
}

export { verifyAudit, sealPending, type VerifyResult } from './audit-seal.repository.ts';
