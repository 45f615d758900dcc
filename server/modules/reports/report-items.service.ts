import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import { fail } from '../../../domain/errors.ts';
import { dueDateOf, lateReportCount, periodOf, type Cadence } from '../../../domain/tasks/cadence.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, type Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import type { Call } from '../tasks/tasks.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import * as repo from './reports.repository.ts';
import { presentReport, writeReport, type Attach } from './reports.service.ts';

interface ItemRow extends Record<string, unknown> {
  id: number;
  campaignId: number;
  campaignClosed: boolean;
  title: string;
  description: string;
  cadence: Cadence;
  graceDays: number;
  start: string;
  end: string;
}

async function getItem(db: Tx, id: number): Promise<ItemRow | undefined> {
  const r =
    await db.execute<ItemRow>(sql`SELECT i.id, i.campaign_id AS "campaignId", c.closed AS "campaignClosed",
      i.title, i.description, i.cadence, i.grace_days AS "graceDays", i.start_on AS start, i.end_on AS "end"
    FROM report_items i JOIN campaigns c ON c.id = i.campaign_id WHERE i.id = ${id}`);
  return r.rows[0];
}

async function itemUnits(db: Tx, itemId: number) {
  const r = await db.execute<{ id: number; name: string; path: string }>(sql`SELECT u.id, u.name, u.path
    FROM report_item_units iu JOIN units u ON u.id = iu.unit_id WHERE iu.item_id = ${itemId} ORDER BY u.sort, u.id`);
  return r.rows;
}

/** The office sees every unit's submissions; a unit only its own. */
const officeScope = (actor: Actor) => scopeOf(actor, ['office', 'inspector']);
const unitScope = (actor: Actor) => scopeOf(actor, ['liaison', 'head']);

/** 新建报送事项: a recurring submission for a set of units. */
export async function createItem(
  deps: AppDeps,
  c: Call,
  campaignId: number,
  input: {
    title: string;
    description: string;
    cadence: Cadence;
    graceDays: number;
    unitIds: number[];
    start: string;
    end: string;
  },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    await openCampaignForTasks(tx, campaignId);
    if (input.end < input.start) throw fail('validation_failed', 'body.end');
    const units = await unitsByIds(tx, input.unitIds);
    input.unitIds.forEach((id, i) => {
      const u = units.get(id);
      if (!u || !inScope(scopeOf(c.actor, ['office']), u.path)) throw fail('not_found', `body.unitIds.${i}`);
      if (!u.active) throw fail('unit_inactive', `body.unitIds.${i}`);
    });
    const r = await tx.execute<{
      id: number;
    }>(sql`INSERT INTO report_items (campaign_id, title, description, cadence,
        grace_days, start_on, end_on, created_by, created_at)
      VALUES (${campaignId}, ${input.title}, ${input.description}, ${input.cadence}, ${input.graceDays},
        ${input.start}::date, ${input.end}::date, ${c.actor.id}, ${c.now}) RETURNING id`);
    const id = r.rows[0]!.id;
    await tx.execute(
      sql`INSERT INTO report_item_units (item_id, unit_id) SELECT ${id}, unnest(${intArray(input.unitIds)})`,
    );
    await recordChange(tx, c, 'report_item', 'report_item.create', id, null, { campaignId, ...input });
    return id;
  });
}

/** Items of a campaign the caller takes part in (the office: all). */
export async function listItems(deps: AppDeps, actor: Actor, campaignId: number, now: Date) {
  const db = deps.database.db;
  const office = officeScope(actor);
  const units = unitScope(actor);
  const r = await db.execute<{
    id: number;
  }>(sql`SELECT i.id FROM report_items i WHERE i.campaign_id = ${campaignId}
    AND (${office.length > 0} OR EXISTS (SELECT 1 FROM report_item_units iu JOIN units u ON u.id = iu.unit_id
      WHERE iu.item_id = i.id AND (${
        units.length
          ? sql.join(
              units.map((p) => sql`u.path LIKE ${p + '%'}`),
              sql` OR `,
            )
          : sql`false`
      })))
    ORDER BY i.id`);
  return Promise.all(r.rows.map((x) => itemDetail(db, actor, x.id, now)));
}

/** One item with its units, the current period, the submissions the caller may see and the late count. */
export async function itemDetail(db: Tx, actor: Actor, id: number, now: Date) {
  const item = await getItem(db, id);
  if (!item) throw fail('not_found', 'params.id');
  const units = await itemUnits(db, id);
  const office = officeScope(actor);
  const mine = units.filter((u) => inScope(unitScope(actor), u.path));
  const seesAll = units.some((u) => inScope(office, u.path));
  if (!seesAll && mine.length === 0) throw fail('not_found', 'params.id');
  const visibleUnits = seesAll ? units : mine;
  const rows = await repo.reportsOfItem(
    db,
    id,
    sql`r.unit_id = ANY(${intArray(visibleUnits.map((u) => u.id))})
      AND (r.status = 'approved' OR ${mine.length > 0 ? sql`r.unit_id = ANY(${intArray(mine.map((u) => u.id))})` : sql`false`})`,
  );
  const today = shanghaiDate(now);
  const current = today >= item.start && today <= item.end ? periodOf(item.cadence, today) : null;
  let lateCount = 0;
  for (const u of visibleUnits) {
    const received = new Map(
      rows
        .filter((r) => r.unitId === u.id && r.status === 'approved' && r.decidedAt)
        .map((r) => [r.periodKey, r.decidedAt!]),
    );
    const k = lateReportCount(
      item.cadence,
      { start: item.start, end: item.end },
      received,
      now,
      item.graceDays,
    );
    lateCount += k.late + k.missing;
  }
  return {
    id: item.id,
    campaignId: item.campaignId,
    title: item.title,
    description: item.description,
    cadence: item.cadence,
    graceDays: item.graceDays,
    start: item.start,
    end: item.end,
    units: visibleUnits.map((u) => ({ id: u.id, name: u.name })),
    currentPeriod: current ? { key: current.key, dueOn: dueDateOf(current, item.graceDays) } : null,
    submissions: rows.map((r) => presentReport(actor, r)),
    lateCount,
  };
}

/** A unit's submission for the current period; the head approves it like a progress report. */
export async function submitItem(
  deps: AppDeps,
  c: Call,
  itemId: number,
  input: { text: string; unitId?: number | undefined },
  attach?: Attach,
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const item = await getItem(tx, itemId);
    if (!item) throw fail('not_found', 'params.id');
    const mine = (await itemUnits(tx, itemId)).filter((u) => inScope(unitScope(c.actor), u.path));
    if (mine.length === 0) throw fail('not_found', 'params.id');
    const unit =
      input.unitId === undefined
        ? mine.length === 1
          ? mine[0]
          : undefined
        : mine.find((u) => u.id === input.unitId);
    if (!unit) throw fail(input.unitId === undefined ? 'validation_failed' : 'not_found', 'body.unitId');
    if (item.campaignClosed) throw fail('campaign_closed');
    const today = shanghaiDate(c.now);
    if (today < item.start || today > item.end) throw fail('report_not_due');
    const period = periodOf(item.cadence, today);
    const written = await writeReport(
      tx,
      c,
      { itemId, unitId: unit.id },
      unit.id,
      period,
      dueDateOf(period, item.graceDays),
      { percent: null, actualValue: null, progress: input.text, gap: '', reason: '', measures: '' },
      attach,
    );
    return written.id;
  });
}
