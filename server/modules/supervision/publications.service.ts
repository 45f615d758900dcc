import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import { fail, invalid } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/roles.ts';
import {
  cardColourLabels,
  circularToneLabels,
  isWarningInForce,
  nextPublicationStatus,
  validateCircular,
  validateWarning,
  type CardColour,
  type CircularTone,
  type PublicationAction,
  type PublicationStatus,
} from '../../../domain/supervision/publication.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import type { Call } from './notices.service.ts';

/**
 * 黄牌警告 and 通报: both drafted by the office, approved by a second person
 * (office or leader, never the drafter), then published internally or to the
 * public, withdrawn before or revoked after. The life cycle is
 * domain/supervision/publication's. Published ones are seen by every role
 * that reads supervision; drafts only by the office and the leaders who approve.
 */
type Kind = 'warning' | 'circular';
const table = (k: Kind) => sql.raw(k === 'warning' ? 'warnings' : 'circulars');
const published = sql`('published_internal','published_public')`;

interface PublicationRow extends Record<string, unknown> {
  id: number;
  status: PublicationStatus;
  campaignId: number | null;
  draftedBy: number;
  draftedByName: string;
  draftedAt: Date;
  approvedBy: number | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  publishedBy: number | null;
  publishedByName: string | null;
  publishedAt: Date | null;
  endReason: string | null;
}

const common = sql`x.id, x.status, x.campaign_id AS "campaignId", x.drafted_by AS "draftedBy",
  dp.name AS "draftedByName", x.drafted_at AS "draftedAt", x.approved_by AS "approvedBy",
  ap.name AS "approvedByName", x.approved_at AS "approvedAt", x.published_by AS "publishedBy",
  pp.name AS "publishedByName", x.published_at AS "publishedAt", x.end_reason AS "endReason"`;
const commonJoins = sql`JOIN people dp ON dp.id = x.drafted_by LEFT JOIN people ap ON ap.id = x.approved_by
  LEFT JOIN people pp ON pp.id = x.published_by`;
const dated = <T extends PublicationRow>(rows: T[]) =>
  withDates(rows, 'draftedAt', 'approvedAt', 'publishedAt');

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/** The roles the actor holds on a publication, for the life-cycle table. */
function rolesOn(actor: Actor, unitPaths: readonly string[]): Role[] {
  const held: Role[] = [];
  const office = scopeOf(actor, ['office']);
  if (office.length && unitPaths.every((p) => inScope(office, p))) held.push('office');
  if (actor.roles.some((g) => g.role === 'leader')) held.push('leader');
  return held;
}

function abilities(actor: Actor, row: PublicationRow, paths: readonly string[]) {
  const held = rolesOn(actor, paths);
  const may = (a: PublicationAction) =>
    nextPublicationStatus(row.status, a, held, { actorId: actor.id, draftedBy: row.draftedBy }).ok;
  return {
    approve: may('approve'),
    publishInternal: may('publish_internal'),
    publishPublic: may('publish_public'),
    withdraw: may('withdraw'),
    revoke: may('revoke'),
  };
}

function presentCommon(actor: Actor, row: PublicationRow, paths: readonly string[]) {
  return {
    id: row.id,
    status: row.status,
    campaignId: row.campaignId,
    draftedBy: { id: row.draftedBy, name: row.draftedByName },
    draftedAt: row.draftedAt.toISOString(),
    approvedBy: ref(row.approvedBy, row.approvedByName),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    publishedBy: ref(row.publishedBy, row.publishedByName),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    endReason: row.endReason,
    abilities: abilities(actor, row, paths),
  };
}

/** Published ones for every reader; the rest for the office (in scope) and leaders. */
function visible(actor: Actor, unitCondition: (scope: string[]) => SQL): SQL {
  const drafters = scopeOf(actor, ['office']);
  const leader = actor.roles.some((g) => g.role === 'leader');
  return sql`(x.status IN ${published} OR ${leader ? sql`true` : unitCondition(drafters)})`;
}

// ─── Warnings ─────────────────────────────────────────────────────────────────

interface WarningRow extends PublicationRow {
  unitId: number;
  unitName: string;
  unitPath: string;
  colour: CardColour;
  reason: string;
  startOn: string;
  endOn: string;
}

const warningColumns = sql`${common}, x.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath", x.colour,
  x.reason, to_char(x.from_on, 'YYYY-MM-DD') AS "startOn", to_char(x.to_on, 'YYYY-MM-DD') AS "endOn"`;
const warningFrom = sql`FROM warnings x JOIN units u ON u.id = x.unit_id ${commonJoins}`;

function presentWarning(actor: Actor, w: WarningRow, today: string) {
  return {
    ...presentCommon(actor, w, [w.unitPath]),
    unit: { id: w.unitId, name: w.unitName },
    colour: w.colour,
    colourLabel: cardColourLabels[w.colour],
    reason: w.reason,
    startOn: w.startOn,
    endOn: w.endOn,
    inForce: isWarningInForce({ from: w.startOn, to: w.endOn, status: w.status }, today),
  };
}

const visibleWarnings = (actor: Actor) => visible(actor, (scope) => unitColumnInScope(sql`x.unit_id`, scope));

export async function listWarnings(
  db: Tx,
  actor: Actor,
  now: Date,
  q: {
    status?: string | undefined;
    unitId?: number | undefined;
    campaignId?: number | undefined;
    limit: number;
    offset: number;
  },
) {
  const conds = [visibleWarnings(actor)];
  if (q.status) conds.push(sql`x.status = ${q.status}`);
  if (q.unitId) conds.push(sql`x.unit_id = ${q.unitId}`);
  if (q.campaignId) conds.push(sql`x.campaign_id = ${q.campaignId}`);
  const where = sql.join(conds, sql` AND `);
  const [rows, count] = await Promise.all([
    db.execute<WarningRow>(
      sql`SELECT ${warningColumns} ${warningFrom} WHERE ${where} ORDER BY x.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM warnings x WHERE ${where}`),
  ]);
  const today = shanghaiDate(now);
  return { items: dated(rows.rows).map((w) => presentWarning(actor, w, today)), total: count.rows[0]!.n };
}

async function getWarning(db: Tx, actor: Actor, id: number, lock = false): Promise<WarningRow> {
  const r = await db.execute<WarningRow>(sql`SELECT ${warningColumns} ${warningFrom}
    WHERE x.id = ${id} AND ${visibleWarnings(actor)} ${lock ? sql`FOR UPDATE OF x` : sql``}`);
  const w = dated(r.rows)[0];
  if (!w) throw fail('not_found', 'params.id');
  return w;
}

export async function warningDetail(db: Tx, actor: Actor, id: number, now: Date) {
  return presentWarning(actor, await getWarning(db, actor, id), shanghaiDate(now));
}

/** 黄牌/红牌警告: drafted by the office on a unit in its scope, with a reason and a period. */
export async function createWarning(
  deps: AppDeps,
  c: Call,
  body: {
    unitId: number;
    colour: CardColour;
    reason: string;
    startOn: string;
    endOn: string;
    campaignId: number | null;
  },
): Promise<number> {
  const issues = validateWarning({
    unitId: body.unitId,
    colour: body.colour,
    reason: body.reason,
    from: body.startOn,
    to: body.endOn,
  });
  if (issues.length)
    throw invalid(
      issues.map((i) => ({
        field: `body.${i.field === 'to' ? 'endOn' : i.field}`,
        code: i.code,
        message: i.message,
      })),
    );
  return deps.database.db.transaction(async (tx) => {
    if (body.campaignId !== null) await openCampaignForTasks(tx, body.campaignId, 'body.campaignId');
    const unit = (await unitsByIds(tx, [body.unitId])).get(body.unitId);
    if (!unit || !inScope(scopeOf(c.actor, ['office']), unit.path)) throw fail('not_found', 'body.unitId');
    const r = await tx.execute<{
      id: number;
    }>(sql`INSERT INTO warnings (unit_id, colour, reason, from_on, to_on,
        status, campaign_id, drafted_by, drafted_at, updated_at)
      VALUES (${body.unitId}, ${body.colour}, ${body.reason}, ${body.startOn}::date, ${body.endOn}::date, 'draft',
        ${body.campaignId}, ${c.actor.id}, ${c.now}, ${c.now}) RETURNING id`);
    const id = r.rows[0]!.id;
    await recordChange(tx, c, 'warning', 'warning.create', id, null, body);
    return id;
  });
}

// ─── Circulars ────────────────────────────────────────────────────────────────

interface CircularRow extends PublicationRow {
  tone: CircularTone;
  title: string;
  body: string;
  units: { id: number; name: string; path: string }[];
  people: { id: number; name: string }[];
}

const circularColumns = sql`${common}, x.tone, x.title, x.body,
  coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'path', u.path) ORDER BY u.sort, u.id)
    FROM circular_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.circular_id = x.id), '[]') AS units,
  coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.id)
    FROM circular_people cp JOIN people p ON p.id = cp.person_id WHERE cp.circular_id = x.id), '[]') AS people`;
const circularFrom = sql`FROM circulars x ${commonJoins}`;

function presentCircular(actor: Actor, x: CircularRow) {
  return {
    ...presentCommon(
      actor,
      x,
      x.units.map((u) => u.path),
    ),
    tone: x.tone,
    toneLabel: circularToneLabels[x.tone],
    title: x.title,
    body: x.body,
    units: x.units.map(({ id, name }) => ({ id, name })),
    people: x.people,
  };
}

/** A circular is the district's document: drafts are for anyone in the office (and the leaders who approve). */
const visibleCirculars = (actor: Actor) => visible(actor, (scope) => (scope.length ? sql`true` : sql`false`));

export async function listCirculars(
  db: Tx,
  actor: Actor,
  q: {
    status?: string | undefined;
    unitId?: number | undefined;
    campaignId?: number | undefined;
    limit: number;
    offset: number;
  },
) {
  const conds = [visibleCirculars(actor)];
  if (q.status) conds.push(sql`x.status = ${q.status}`);
  if (q.unitId)
    conds.push(
      sql`EXISTS (SELECT 1 FROM circular_units cu WHERE cu.circular_id = x.id AND cu.unit_id = ${q.unitId})`,
    );
  if (q.campaignId) conds.push(sql`x.campaign_id = ${q.campaignId}`);
  const where = sql.join(conds, sql` AND `);
  const [rows, count] = await Promise.all([
    db.execute<CircularRow>(
      sql`SELECT ${circularColumns} ${circularFrom} WHERE ${where} ORDER BY x.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM circulars x WHERE ${where}`),
  ]);
  return { items: dated(rows.rows).map((x) => presentCircular(actor, x)), total: count.rows[0]!.n };
}

async function getCircular(db: Tx, actor: Actor, id: number, lock = false): Promise<CircularRow> {
  const r = await db.execute<CircularRow>(sql`SELECT ${circularColumns} ${circularFrom}
    WHERE x.id = ${id} AND ${visibleCirculars(actor)} ${lock ? sql`FOR UPDATE OF x` : sql``}`);
  const x = dated(r.rows)[0];
  if (!x) throw fail('not_found', 'params.id');
  return x;
}

export async function circularDetail(db: Tx, actor: Actor, id: number) {
  return presentCircular(actor, await getCircular(db, actor, id));
}

/** 通报表扬 / 通报批评: drafted by the office, naming units in its scope and people. */
export async function createCircular(
  deps: AppDeps,
  c: Call,
  body: {
    tone: CircularTone;
    title: string;
    body: string;
    unitIds: number[];
    personIds: number[];
    campaignId: number | null;
  },
): Promise<number> {
  const issues = validateCircular(body);
  if (issues.length)
    throw invalid(issues.map((i) => ({ field: `body.${i.field}`, code: i.code, message: i.message })));
  return deps.database.db.transaction(async (tx) => {
    if (body.campaignId !== null) await openCampaignForTasks(tx, body.campaignId, 'body.campaignId');
    const units = await unitsByIds(tx, body.unitIds);
    for (const [i, uid] of body.unitIds.entries()) {
      const u = units.get(uid);
      if (!u || !inScope(scopeOf(c.actor, ['office']), u.path)) throw fail('not_found', `body.unitIds.${i}`);
    }
    if (body.personIds.length) {
      const found = await tx.execute<{ id: number }>(
        sql`SELECT id FROM people WHERE id = ANY(${intArray(body.personIds)})`,
      );
      const ids = new Set(found.rows.map((x) => x.id));
      const i = body.personIds.findIndex((p) => !ids.has(p));
      if (i >= 0) throw fail('not_found', `body.personIds.${i}`);
    }
    const r = await tx.execute<{
      id: number;
    }>(sql`INSERT INTO circulars (tone, title, body, status, campaign_id,
        drafted_by, drafted_at, updated_at)
      VALUES (${body.tone}, ${body.title}, ${body.body}, 'draft', ${body.campaignId}, ${c.actor.id}, ${c.now}, ${c.now})
      RETURNING id`);
    const id = r.rows[0]!.id;
    if (body.unitIds.length)
      await tx.execute(
        sql`INSERT INTO circular_units (circular_id, unit_id) SELECT ${id}, unnest(${intArray(body.unitIds)})`,
      );
    if (body.personIds.length)
      await tx.execute(
        sql`INSERT INTO circular_people (circular_id, person_id) SELECT ${id}, unnest(${intArray(body.personIds)})`,
      );
    await recordChange(tx, c, 'circular', 'circular.create', id, null, { ...body, body: undefined });
    return id;
  });
}

// ─── The shared life cycle ────────────────────────────────────────────────────

/**
 * One move of a warning or circular: approve (four eyes), publish internally
 * or publicly, withdraw, revoke (with a reason). 409 `wrong_state`,
 * `approver_is_drafter`; 403 for a role that may not make it.
 */
export async function movePublication(
  deps: AppDeps,
  c: Call,
  kind: Kind,
  id: number,
  action: PublicationAction,
  reason: string | null,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const row =
      kind === 'warning' ? await getWarning(tx, c.actor, id, true) : await getCircular(tx, c.actor, id, true);
    const paths =
      'unitPath' in row ? [row.unitPath as string] : (row as CircularRow).units.map((u) => u.path);
    const step = nextPublicationStatus(row.status, action, rolesOn(c.actor, paths), {
      actorId: c.actor.id,
      draftedBy: row.draftedBy,
    });
    if (!step.ok)
      throw fail(
        step.reason === 'same_person'
          ? 'approver_is_drafter'
          : step.reason === 'wrong_state'
            ? 'wrong_state'
            : 'forbidden',
        undefined,
        { status: row.status },
      );
    const sets =
      action === 'approve'
        ? sql`approved_by = ${c.actor.id}, approved_at = ${c.now}`
        : action === 'publish_internal' || action === 'publish_public'
          ? sql`published_by = ${c.actor.id}, published_at = ${c.now}`
          : sql`ended_by = ${c.actor.id}, ended_at = ${c.now}, end_reason = ${reason}`;
    await tx.execute(
      sql`UPDATE ${table(kind)} SET status = ${step.to}, ${sets}, updated_at = ${c.now} WHERE id = ${id}`,
    );
    await recordChange(
      tx,
      c,
      kind,
      `${kind}.${action}`,
      id,
      { status: row.status },
      { status: step.to, reason },
    );
  });
}
