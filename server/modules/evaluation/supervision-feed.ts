import { sql } from 'drizzle-orm';
import type { Transaction } from '../../db/client.ts';
import { registerEventFeed, type EventFeed, type FeedEvent } from './events.service.ts';

/** A warning or circular counts once published (internally or to the public); withdrawn or revoked, it stops. */
const COUNTS = sql.raw(`('published_internal','published_public')`);
const ENDED = sql.raw(`('withdrawn','revoked')`);

interface Row extends Record<string, unknown> {
  originId: number;
  unitId: number;
  campaignId: number | null;
  kind: string;
  title: string;
  occurredOn: string;
  counts: boolean;
}

function split(origin: FeedEvent['origin'], rows: readonly Row[]) {
  return {
    events: rows.filter((r) => r.counts).map((r): FeedEvent => ({ ...r, origin })),
    withdrawn: [...new Set(rows.filter((r) => !r.counts).map((r) => r.originId))],
  };
}

/** 黄牌/红牌警告 (supervision's warnings) as `yellow_card` / `red_card` events on the unit, dated from when they apply. */
export const warningsFeed: EventFeed = {
  origin: 'warning',
  async read(tx: Transaction) {
    const r =
      await tx.execute<Row>(sql`SELECT w.id AS "originId", w.unit_id AS "unitId", w.campaign_id AS "campaignId",
        w.colour || '_card' AS kind,
        CASE w.colour WHEN 'yellow' THEN '黄牌警告：' ELSE '红牌警告：' END || w.reason AS title,
        w.from_on::text AS "occurredOn", w.status IN ${COUNTS} AS counts
      FROM warnings w WHERE w.status IN ${COUNTS} OR w.status IN ${ENDED}`);
    return split('warning', r.rows);
  },
};

/** 通报表扬/通报批评 as `praise_circular` / `criticism_circular` events on every unit a circular names, dated when published. */
export const circularsFeed: EventFeed = {
  origin: 'circular',
  async read(tx: Transaction) {
    const r =
      await tx.execute<Row>(sql`SELECT c.id AS "originId", cu.unit_id AS "unitId", c.campaign_id AS "campaignId",
        CASE c.tone WHEN 'praise' THEN 'praise_circular' ELSE 'criticism_circular' END AS kind, c.title, (
        coalesce(c.published_at, c.drafted_at) AT TIME ZONE 'Asia/Shanghai')::date::text AS "occurredOn",
        c.status IN ${COUNTS} AS counts
      FROM circulars c JOIN circular_units cu ON cu.circular_id = c.id
      WHERE c.status IN ${COUNTS} OR c.status IN ${ENDED}`);
    return split('circular', r.rows);
  },
};

/** Lets the office's sync copy supervision's warnings and circulars into the bonus and penalty events. */
export function registerSupervisionFeeds(): void {
  registerEventFeed(warningsFeed);
  registerEventFeed(circularsFeed);
}
