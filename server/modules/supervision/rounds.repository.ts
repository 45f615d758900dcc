import { sql, type SQL } from 'drizzle-orm';
import type { RoundKind } from '../../../domain/contracts/supervision.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';

export interface RoundRow extends Record<string, unknown> {
  id: number;
  campaignId: number | null;
  campaignName: string | null;
  name: string;
  kind: RoundKind;
  description: string;
  startOn: string;
  endOn: string;
  sourceId: number;
  sourceName: string;
  status: 'open' | 'closed';
  unitCount: number;
  teamCount: number;
  visitCount: number;
  findingCount: number;
}

const columns = sql`r.id, r.campaign_id AS "campaignId", c.name AS "campaignName", r.name, r.kind, r.description,
  to_char(r.start_on, 'YYYY-MM-DD') AS "startOn", to_char(r.end_on, 'YYYY-MM-DD') AS "endOn",
  r.source_id AS "sourceId", s.name_zh AS "sourceName", r.status,
  (SELECT count(*)::int FROM inspection_round_units x WHERE x.round_id = r.id) AS "unitCount",
  (SELECT count(*)::int FROM inspection_teams x WHERE x.round_id = r.id) AS "teamCount",
  (SELECT count(*)::int FROM inspection_visits x WHERE x.round_id = r.id) AS "visitCount",
  (SELECT count(*)::int FROM inspection_findings f JOIN inspection_visits v ON v.id = f.visit_id
    WHERE v.round_id = r.id) AS "findingCount"`;

const from = sql`FROM inspection_rounds r LEFT JOIN campaigns c ON c.id = r.campaign_id
  JOIN problem_sources s ON s.id = r.source_id`;

export async function insertRound(
  tx: Tx,
  r: {
    campaignId: number | null;
    name: string;
    kind: RoundKind;
    description: string;
    startOn: string;
    endOn: string;
    sourceId: number;
    by: number;
    now: Date;
  },
): Promise<number> {
  const x = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO inspection_rounds (campaign_id, name, kind, description,
      start_on, end_on, source_id, status, created_by, created_at, updated_at)
    VALUES (${r.campaignId}, ${r.name}, ${r.kind}, ${r.description}, ${r.startOn}::date, ${r.endOn}::date,
      ${r.sourceId}, 'open', ${r.by}, ${r.now}, ${r.now}) RETURNING id`);
  return x.rows[0]!.id;
}

export async function insertRoundUnits(tx: Tx, roundId: number, unitIds: readonly number[]) {
  await tx.execute(sql`INSERT INTO inspection_round_units (round_id, unit_id)
    SELECT ${roundId}, unnest(${intArray(unitIds)})`);
}

export async function insertTeam(
  tx: Tx,
  roundId: number,
  t: { name: string; leaderId: number | null; memberIds: readonly number[]; unitIds: readonly number[] },
  sort: number,
): Promise<number> {
  const x = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO inspection_teams (round_id, name, leader_id, sort)
    VALUES (${roundId}, ${t.name}, ${t.leaderId}, ${sort}) RETURNING id`);
  const id = x.rows[0]!.id;
  await tx.execute(sql`INSERT INTO inspection_team_members (team_id, person_id)
    SELECT ${id}, unnest(${intArray(t.memberIds)})`);
  if (t.unitIds.length)
    await tx.execute(sql`UPDATE inspection_round_units SET team_id = ${id}
      WHERE round_id = ${roundId} AND unit_id = ANY(${intArray(t.unitIds)})`);
  return id;
}

export async function getRound(db: Tx, id: number, lock = false): Promise<RoundRow | undefined> {
  const r = await db.execute<RoundRow>(
    sql`SELECT ${columns} ${from} WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
  return r.rows[0];
}

export async function findRounds(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: RoundRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<RoundRow>(
      sql`SELECT ${columns} ${from} WHERE ${where} ORDER BY r.start_on DESC, r.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM inspection_rounds r WHERE ${where}`),
  ]);
  return { items: rows.rows, total: count.rows[0]!.n };
}

export async function setRoundStatus(tx: Tx, id: number, status: 'open' | 'closed', now: Date) {
  await tx.execute(
    sql`UPDATE inspection_rounds SET status = ${status}, updated_at = ${now} WHERE id = ${id}`,
  );
}

/** The round's units with their paths and teams. */
export async function roundUnits(db: Tx, roundId: number) {
  const r = await db.execute<{
    id: number;
    name: string;
    path: string;
    teamId: number | null;
  }>(sql`SELECT u.id,
      u.name, u.path, ru.team_id AS "teamId" FROM inspection_round_units ru JOIN units u ON u.id = ru.unit_id
     WHERE ru.round_id = ${roundId} ORDER BY u.sort, u.id`);
  return r.rows;
}

export async function roundTeams(db: Tx, roundId: number) {
  const r = await db.execute<{
    id: number;
    name: string;
    leaderId: number | null;
    leaderName: string | null;
    members: { id: number; name: string }[];
  }>(sql`SELECT t.id, t.name, t.leader_id AS "leaderId", lp.name AS "leaderName",
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.id)
        FROM inspection_team_members m JOIN people p ON p.id = m.person_id WHERE m.team_id = t.id), '[]') AS members
    FROM inspection_teams t LEFT JOIN people lp ON lp.id = t.leader_id
    WHERE t.round_id = ${roundId} ORDER BY t.sort, t.id`);
  return r.rows;
}

export interface VisitRow extends Record<string, unknown> {
  id: number;
  roundId: number;
  teamId: number | null;
  teamName: string | null;
  unitId: number;
  unitName: string;
  visitedOn: string;
  notes: string;
  createdBy: number;
  createdByName: string;
  createdAt: Date;
  problemIds: number[];
}

const visitColumns = sql`v.id, v.round_id AS "roundId", v.team_id AS "teamId", t.name AS "teamName",
  v.unit_id AS "unitId", u.name AS "unitName", to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn", v.notes,
  v.created_by AS "createdBy", cp.name AS "createdByName", v.created_at AS "createdAt",
  ARRAY(SELECT f.problem_id FROM inspection_findings f WHERE f.visit_id = v.id ORDER BY f.problem_id) AS "problemIds"`;

const visitFrom = sql`FROM inspection_visits v JOIN units u ON u.id = v.unit_id JOIN people cp ON cp.id = v.created_by
  LEFT JOIN inspection_teams t ON t.id = v.team_id`;

export async function visitsOf(db: Tx, roundId: number): Promise<VisitRow[]> {
  const r = await db.execute<VisitRow>(
    sql`SELECT ${visitColumns} ${visitFrom} WHERE v.round_id = ${roundId} ORDER BY v.visited_on, v.id`,
  );
  return withDates(r.rows, 'createdAt');
}

export async function getVisit(db: Tx, id: number, lock = false): Promise<VisitRow | undefined> {
  const r = await db.execute<VisitRow>(
    sql`SELECT ${visitColumns} ${visitFrom} WHERE v.id = ${id} ${lock ? sql`FOR UPDATE OF v` : sql``}`,
  );
  return withDates(r.rows, 'createdAt')[0];
}

export async function insertVisit(
  tx: Tx,
  v: {
    roundId: number;
    teamId: number | null;
    unitId: number;
    visitedOn: string;
    notes: string;
    by: number;
    now: Date;
  },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO inspection_visits (round_id, team_id, unit_id,
      visited_on, notes, created_by, created_at)
    VALUES (${v.roundId}, ${v.teamId}, ${v.unitId}, ${v.visitedOn}::date, ${v.notes}, ${v.by}, ${v.now})
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function insertFinding(tx: Tx, visitId: number, problemId: number) {
  await tx.execute(
    sql`INSERT INTO inspection_findings (visit_id, problem_id) VALUES (${visitId}, ${problemId})`,
  );
}

/** Is the person on one of the round's teams (on `teamId` when given)? */
export async function isMember(db: Tx, roundId: number, personId: number, teamId?: number | null) {
  const r = await db.execute<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM inspection_team_members m
      JOIN inspection_teams t ON t.id = m.team_id
     WHERE t.round_id = ${roundId} AND m.person_id = ${personId}
       ${teamId ? sql`AND t.id = ${teamId}` : sql``}) AS ok`);
  return r.rows[0]!.ok;
}

/** Active people by id, with their units' paths. */
export async function activePeople(db: Tx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { id: number; active: boolean }>();
  const r = await db.execute<{ id: number; active: boolean }>(
    sql`SELECT id, active FROM people WHERE id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((x) => [x.id, x]));
}

export async function sourceByCode(db: Tx, code: string) {
  const r = await db.execute<{ id: number; active: boolean }>(
    sql`SELECT id, active FROM problem_sources WHERE code = ${code}`,
  );
  return r.rows[0];
}

export async function sourceById(db: Tx, id: number) {
  const r = await db.execute<{ id: number; active: boolean }>(
    sql`SELECT id, active FROM problem_sources WHERE id = ${id}`,
  );
  return r.rows[0];
}
