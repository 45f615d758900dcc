import { sql, type SQL } from 'drizzle-orm';
import type { EventResponse } from '../../../domain/contracts/evaluation.ts';
import { fail } from '../../../domain/errors.ts';
import { withDates, type Db, type Transaction, type Tx } from '../../db/client.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import type { Call } from './schemes.service.ts';

interface EventRow extends Record<string, unknown> {
  id: number;
  unitId: number;
  unitName: string;
  campaignId: number | null;
  kind: string;
  title: string;
  occurredOn: string;
  note: string;
  origin: EventResponse['origin'];
  originId: number | null;
  recordedAt: Date;
  recordedBy: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
}

const present = (r: EventRow): EventResponse => ({
  id: r.id,
  unit: { id: r.unitId, name: r.unitName },
  campaignId: r.campaignId,
  kind: r.kind,
  title: r.title,
  occurredOn: r.occurredOn,
  note: r.note,
  origin: r.origin,
  originId: r.originId,
  recordedAt: r.recordedAt.toISOString(),
  recordedBy: r.recordedBy,
  withdrawn: r.withdrawnAt
    ? { at: r.withdrawnAt.toISOString(), by: r.withdrawnBy, reason: r.withdrawReason ?? '' }
    : null,
});

async function findEvents(db: Tx, where: SQL, page = { limit: 500, offset: 0 }) {
  const r = await db.execute<
    EventRow & { total: number }
  >(sql`SELECT e.id, e.unit_id AS "unitId", u.name AS "unitName",
      e.campaign_id AS "campaignId", e.kind, e.title, e.occurred_on AS "occurredOn", e.note, e.origin,
      e.origin_id AS "originId", e.recorded_at AS "recordedAt", rb.name AS "recordedBy",
      e.withdrawn_at AS "withdrawnAt", wb.name AS "withdrawnBy", e.withdraw_reason AS "withdrawReason",
      count(*) OVER ()::int AS total
    FROM evaluation_events e JOIN units u ON u.id = e.unit_id
    LEFT JOIN people rb ON rb.id = e.recorded_by LEFT JOIN people wb ON wb.id = e.withdrawn_by
    WHERE ${where} ORDER BY e.occurred_on DESC, e.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`);
  return { rows: withDates(r.rows, 'recordedAt', 'withdrawnAt'), total: r.rows[0]?.total ?? 0 };
}

/** 加减分事项, newest first, filtered by campaign (its own and those of every campaign), unit and dates. */
export async function listEvents(
  db: Tx,
  q: {
    campaignId?: number | undefined;
    unitId?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const conds = [sql`true`];
  if (q.campaignId) conds.push(sql`(e.campaign_id IS NULL OR e.campaign_id = ${q.campaignId})`);
  if (q.unitId) conds.push(sql`e.unit_id = ${q.unitId}`);
  if (q.from) conds.push(sql`e.occurred_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`e.occurred_on <= ${q.to}::date`);
  const { rows, total } = await findEvents(db, sql.join(conds, sql` AND `), q);
  return { items: rows.map(present), total };
}

async function loadEvent(db: Tx, id: number): Promise<EventRow> {
  const { rows } = await findEvents(db, sql`e.id = ${id}`);
  if (!rows[0]) throw fail('not_found', 'params.id');
  return rows[0];
}

/** 录入加减分事项: an award, a yellow card, a circular… on a unit, entered by hand; audited. */
export async function recordEvent(
  db: Db,
  c: Call,
  body: {
    unitId: number;
    campaignId: number | null;
    kind: string;
    title: string;
    occurredOn: string;
    note: string;
  },
): Promise<EventResponse> {
  return db.transaction(async (tx) => {
    const unit = (await unitsByIds(tx, [body.unitId])).get(body.unitId);
    if (!unit) throw fail('not_found', 'body.unitId');
    if (!unit.active) throw fail('unit_inactive', 'body.unitId');
    if (body.campaignId !== null) {
      const r = await tx.execute(sql`SELECT 1 FROM campaigns WHERE id = ${body.campaignId}`);
      if (r.rows.length === 0) throw fail('not_found', 'body.campaignId');
    }
    const r = await tx.execute<{ id: number }>(sql`INSERT INTO evaluation_events
        (unit_id, campaign_id, kind, title, occurred_on, note, origin, recorded_by, recorded_at)
      VALUES (${body.unitId}, ${body.campaignId}, ${body.kind}, ${body.title}, ${body.occurredOn}::date, ${body.note},
        'manual', ${c.actor.id}, ${c.now}) RETURNING id`);
    const id = r.rows[0]!.id;
    await recordChange(tx, c, 'evaluation_event', 'evaluation.event.record', id, null, body);
    return present(await loadEvent(tx, id));
  });
}

/** Withdraws an event with a reason: it no longer counts; it stays listed, marked. */
export async function withdrawEvent(db: Db, c: Call, id: number, reason: string): Promise<EventResponse> {
  return db.transaction(async (tx) => {
    const lock = await tx.execute<{ withdrawn: boolean; origin: string }>(
      sql`SELECT withdrawn_at IS NOT NULL AS withdrawn, origin FROM evaluation_events WHERE id = ${id} FOR UPDATE`,
    );
    const row = lock.rows[0];
    if (!row) throw fail('not_found', 'params.id');
    if (row.withdrawn) throw fail('wrong_state', 'params.id', { withdrawn: true });
    await tx.execute(sql`UPDATE evaluation_events SET withdrawn_at = ${c.now}, withdrawn_by = ${c.actor.id},
      withdraw_reason = ${reason} WHERE id = ${id}`);
    await recordChange(
      tx,
      c,
      'evaluation_event',
      'evaluation.event.withdraw',
      id,
      { withdrawn: false },
      {
        withdrawn: true,
        reason,
      },
    );
    return present(await loadEvent(tx, id));
  });
}

// ─── The seam for supervision 督查督办 ─────────────────────────────────────────
//
// Computing reads only `evaluation_events`. A yellow card or a circular of
// criticism published by supervision reaches the scores as a row here with
// its `origin` ('warning' | 'circular') and `origin_id`, one per origin record
// and unit. Supervision either calls `upsertFeedEvent` / `withdrawFeedEvents`
// inside its own publish and revoke transactions, or registers an `EventFeed`
// that copies from its tables when the office syncs (POST
// /api/v1/evaluation/events/sync) — both, at no cost, for safety.

/** One event as a feed delivers it. */
export interface FeedEvent {
  origin: 'warning' | 'circular';
  originId: number;
  unitId: number;
  campaignId: number | null;
  /** e.g. `yellow_card`, `red_card`, `criticism_circular`, `praise_circular`. */
  kind: string;
  title: string;
  occurredOn: string;
}

/** Adds or refreshes a fed event (matched by origin, origin id and unit); a withdrawn one is restored. */
export async function upsertFeedEvent(
  tx: Transaction,
  e: FeedEvent,
  at: Date,
  by: number | null,
): Promise<void> {
  await tx.execute(sql`INSERT INTO evaluation_events (unit_id, campaign_id, kind, title, occurred_on, origin, origin_id,
      recorded_by, recorded_at)
    VALUES (${e.unitId}, ${e.campaignId}, ${e.kind}, ${e.title}, ${e.occurredOn}::date, ${e.origin}, ${e.originId},
      ${by}, ${at})
    ON CONFLICT (origin, origin_id, unit_id) WHERE origin <> 'manual' DO UPDATE
      SET kind = EXCLUDED.kind, title = EXCLUDED.title, occurred_on = EXCLUDED.occurred_on,
          campaign_id = EXCLUDED.campaign_id, withdrawn_at = NULL, withdrawn_by = NULL, withdraw_reason = NULL`);
}

/** Withdraws every event fed from one origin record (a warning revoked, a circular withdrawn). */
export async function withdrawFeedEvents(
  tx: Transaction,
  origin: FeedEvent['origin'],
  originId: number,
  reason: string,
  at: Date,
  by: number | null,
): Promise<number> {
  const r = await tx.execute(sql`UPDATE evaluation_events SET withdrawn_at = ${at}, withdrawn_by = ${by},
      withdraw_reason = ${reason}
    WHERE origin = ${origin} AND origin_id = ${originId} AND withdrawn_at IS NULL`);
  return r.rowCount ?? 0;
}

/** A source of events kept elsewhere: what it holds now, and the origin ids it no longer counts. */
export interface EventFeed {
  origin: FeedEvent['origin'];
  read(tx: Transaction): Promise<{ events: FeedEvent[]; withdrawn: number[] }>;
}

const feeds: EventFeed[] = [];

/** Registers a feed (supervision's warnings and circulars, once their tables exist). */
export function registerEventFeed(feed: EventFeed): void {
  if (!feeds.some((f) => f.origin === feed.origin)) feeds.push(feed);
}

/** 同步督查事项: copies every registered feed into the events, audited; returns what each feed did. */
export async function syncEventFeeds(db: Db, c: Call) {
  return db.transaction(async (tx) => {
    const out: { origin: string; events: number; withdrawn: number }[] = [];
    for (const feed of feeds) {
      const { events, withdrawn } = await feed.read(tx);
      for (const e of events) await upsertFeedEvent(tx, e, c.now, c.actor.id);
      let n = 0;
      for (const id of withdrawn)
        n += await withdrawFeedEvents(tx, feed.origin, id, 'withdrawn at the source', c.now, c.actor.id);
      out.push({ origin: feed.origin, events: events.length, withdrawn: n });
    }
    await recordChange(tx, c, 'evaluation_event', 'evaluation.event.sync', null, null, { feeds: out });
    return { feeds: out };
  });
}
