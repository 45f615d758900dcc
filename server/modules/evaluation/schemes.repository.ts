import { sql, type SQL } from 'drizzle-orm';
import type { SchemeContent } from '../../../domain/contracts/evaluation.ts';
import type { PeriodKind } from '../../../domain/evaluation/period.ts';
import { withDates, type Tx } from '../../db/client.ts';

/** A scheme with its newest version's content and what the pages show beside it. */
export interface SchemeRow extends Record<string, unknown> {
  id: number;
  campaignId: number;
  campaignName: string;
  campaignClosed: boolean;
  peerGroupId: number;
  peerGroupCode: string;
  peerGroupNameZh: string;
  peerGroupNameEn: string;
  periodKind: PeriodKind;
  name: string;
  version: number;
  archived: boolean;
  content: SchemeContent;
  unitCount: number;
  publishedCount: number;
  updatedAt: Date;
}

const columns = sql`s.id, s.campaign_id AS "campaignId", c.name AS "campaignName", c.closed AS "campaignClosed",
  s.peer_group_id AS "peerGroupId", g.code AS "peerGroupCode", g.name_zh AS "peerGroupNameZh",
  g.name_en AS "peerGroupNameEn", s.period_kind AS "periodKind", s.name, s.version, s.archived, v.content,
  (SELECT count(*)::int FROM units u WHERE u.peer_group_id = s.peer_group_id AND u.active) AS "unitCount",
  (SELECT count(DISTINCT b.period)::int FROM evaluation_boards b WHERE b.scheme_id = s.id) AS "publishedCount",
  s.updated_at AS "updatedAt"`;

const from = sql`evaluation_schemes s JOIN campaigns c ON c.id = s.campaign_id
  JOIN peer_groups g ON g.id = s.peer_group_id
  JOIN evaluation_scheme_versions v ON v.scheme_id = s.id AND v.version = s.version`;

async function find(db: Tx, where: SQL, lock = false): Promise<SchemeRow[]> {
  const r = await db.execute<SchemeRow>(
    sql`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY s.campaign_id DESC, g.sort, s.period_kind, s.id ${
      lock ? sql`FOR UPDATE OF s` : sql``
    }`,
  );
  return withDates(r.rows, 'updatedAt');
}

/** One scheme, optionally locked for a change. */
export async function getScheme(db: Tx, id: number, lock = false): Promise<SchemeRow | undefined> {
  return (await find(db, sql`s.id = ${id}`, lock))[0];
}

export function listSchemes(
  db: Tx,
  q: { campaignId?: number | undefined; includeArchived?: boolean },
): Promise<SchemeRow[]> {
  const conds = [sql`true`];
  if (q.campaignId) conds.push(sql`s.campaign_id = ${q.campaignId}`);
  if (!q.includeArchived) conds.push(sql`NOT s.archived`);
  return find(db, sql.join(conds, sql` AND `));
}

export async function insertScheme(
  tx: Tx,
  s: { campaignId: number; peerGroupId: number; periodKind: PeriodKind; name: string; by: number; at: Date },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO evaluation_schemes
      (campaign_id, peer_group_id, period_kind, name, version, created_by, created_at, updated_at)
    VALUES (${s.campaignId}, ${s.peerGroupId}, ${s.periodKind}, ${s.name}, 1, ${s.by}, ${s.at}, ${s.at})
    RETURNING id`);
  return r.rows[0]!.id;
}

/** Appends a version (versions are never changed) and makes it the scheme's current one. */
export async function insertVersion(
  tx: Tx,
  v: {
    schemeId: number;
    version: number;
    name: string;
    content: SchemeContent;
    note: string;
    by: number;
    at: Date;
  },
): Promise<void> {
  await tx.execute(sql`INSERT INTO evaluation_scheme_versions (scheme_id, version, name, content, note, created_by, created_at)
    VALUES (${v.schemeId}, ${v.version}, ${v.name}, ${JSON.stringify(v.content)}::jsonb, ${v.note}, ${v.by}, ${v.at})`);
  await tx.execute(
    sql`UPDATE evaluation_schemes SET version = ${v.version}, name = ${v.name}, updated_at = ${v.at} WHERE id = ${v.schemeId}`,
  );
}

export async function archiveScheme(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.execute(sql`UPDATE evaluation_schemes SET archived = true, updated_at = ${at} WHERE id = ${id}`);
}

export interface VersionRow extends Record<string, unknown> {
  version: number;
  name: string;
  content: SchemeContent;
  note: string;
  createdAt: Date;
  createdBy: string | null;
}

/** Every version of a scheme, newest first. */
export async function versionsOf(db: Tx, schemeId: number): Promise<VersionRow[]> {
  const r =
    await db.execute<VersionRow>(sql`SELECT v.version, v.name, v.content, v.note, v.created_at AS "createdAt",
      p.name AS "createdBy"
    FROM evaluation_scheme_versions v LEFT JOIN people p ON p.id = v.created_by
    WHERE v.scheme_id = ${schemeId} ORDER BY v.version DESC`);
  return withDates(r.rows, 'createdAt');
}

export async function getVersion(db: Tx, schemeId: number, version: number): Promise<VersionRow | undefined> {
  return (await versionsOf(db, schemeId)).find((v) => v.version === version);
}

/** The peer group, if it exists. */
export async function peerGroup(
  db: Tx,
  id: number,
): Promise<{ id: number; code: string; nameZh: string; nameEn: string } | undefined> {
  const r = await db.execute<{ id: number; code: string; nameZh: string; nameEn: string }>(
    sql`SELECT id, code, name_zh AS "nameZh", name_en AS "nameEn" FROM peer_groups WHERE id = ${id}`,
  );
  return r.rows[0];
}

/** The active members of a peer group, by id. */
export async function membersOf(
  db: Tx,
  peerGroupId: number,
): Promise<{ id: number; name: string; path: string }[]> {
  const r = await db.execute<{ id: number; name: string; path: string }>(
    sql`SELECT id, name, path FROM units WHERE peer_group_id = ${peerGroupId} AND active ORDER BY id`,
  );
  return r.rows;
}
