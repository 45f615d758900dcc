import { sql, type SQL } from 'drizzle-orm';
import {
  defaultRoundSource,
  roundKindLabels,
  type FindingBody,
  type RoundBody,
  type TeamBody,
} from '../../../domain/contracts/supervision.ts';
import { fail } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Transaction, Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { attachmentsOf, claimAttachments } from '../attachments/attachments.repository.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import { insertProblemLocked } from '../problems/problems.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import type { Call } from './notices.service.ts';
import * as repo from './rounds.repository.ts';

/**
 * 督查轮次: the office plans a round (kind, period, units, teams); its teams
 * visit the units and record findings, each a problem under the round's
 * source. Rounds are for the office and inspectors only: a unit is not told
 * in advance that it will be visited (明察暗访).
 */
const inspectors: readonly Role[] = ['office', 'inspector'];

/** Rounds covering a unit in the caller's office or inspector scope, and rounds the caller is on a team of. */
function visibleRounds(actor: Actor): SQL {
  return sql`(EXISTS (SELECT 1 FROM inspection_round_units ru WHERE ru.round_id = r.id
      AND ${unitColumnInScope(sql`ru.unit_id`, scopeOf(actor, inspectors))})
    OR EXISTS (SELECT 1 FROM inspection_team_members m JOIN inspection_teams t ON t.id = m.team_id
      WHERE t.round_id = r.id AND m.person_id = ${actor.id}))`;
}

async function canSeeRound(db: Tx, actor: Actor, roundId: number): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM inspection_rounds r WHERE r.id = ${roundId} AND ${visibleRounds(actor)}) AS ok`,
  );
  return r.rows[0]!.ok;
}

/** May the caller see the round's visit (for its photos)? */
export async function canSeeVisit(db: Tx, actor: Actor, visitId: number): Promise<boolean> {
  const v = await repo.getVisit(db, visitId);
  return v !== undefined && canSeeRound(db, actor, v.roundId);
}

const isOffice = (actor: Actor, units: readonly { path: string }[]) =>
  units.length > 0 && units.every((u) => inScope(scopeOf(actor, ['office']), u.path));

function presentSummary(r: repo.RoundRow) {
  return {
    id: r.id,
    campaign: r.campaignId === null ? null : { id: r.campaignId, name: r.campaignName ?? '' },
    name: r.name,
    kind: r.kind,
    kindLabel: roundKindLabels[r.kind],
    startOn: r.startOn,
    endOn: r.endOn,
    source: { id: r.sourceId, name: r.sourceName },
    status: r.status,
    unitCount: r.unitCount,
    teamCount: r.teamCount,
    visitCount: r.visitCount,
    findingCount: r.findingCount,
  };
}

export async function listRounds(
  db: Tx,
  actor: Actor,
  q: {
    campaignId?: number | undefined;
    kind?: string | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const conds = [visibleRounds(actor)];
  if (q.campaignId) conds.push(sql`r.campaign_id = ${q.campaignId}`);
  if (q.kind) conds.push(sql`r.kind = ${q.kind}`);
  if (q.status) conds.push(sql`r.status = ${q.status}`);
  const r = await repo.findRounds(db, sql.join(conds, sql` AND `), q);
  return { items: r.items.map(presentSummary), total: r.total };
}

/** A round with its units, teams and visits (photos and the problems found); 404 when not the caller's. */
export async function roundDetail(db: Tx, actor: Actor, id: number) {
  const r = await repo.getRound(db, id);
  if (!r || !(await canSeeRound(db, actor, id))) throw fail('not_found', 'params.id');
  const [units, teams, visits] = await Promise.all([
    repo.roundUnits(db, id),
    repo.roundTeams(db, id),
    repo.visitsOf(db, id),
  ]);
  const photos = await attachmentsOf(
    db,
    'inspection_visit',
    visits.map((v) => v.id),
  );
  const office = isOffice(actor, units);
  const member = teams.some((t) => t.members.some((m) => m.id === actor.id));
  return {
    ...presentSummary(r),
    description: r.description,
    units: units.map((u) => ({ id: u.id, name: u.name, teamId: u.teamId })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      leader: t.leaderId === null ? null : { id: t.leaderId, name: t.leaderName ?? '' },
      members: t.members,
      unitIds: units.filter((u) => u.teamId === t.id).map((u) => u.id),
    })),
    visits: visits.map((v) => presentVisit(v, photos.get(v.id) ?? [])),
    abilities: {
      edit: office && r.status === 'open',
      close: office && r.status === 'open',
      visit: (office || member) && r.status === 'open',
    },
  };
}

function presentVisit(
  v: repo.VisitRow,
  photos: { id: number; filename: string; size: number; mime: string }[],
) {
  return {
    id: v.id,
    roundId: v.roundId,
    team: v.teamId === null ? null : { id: v.teamId, name: v.teamName ?? '' },
    unit: { id: v.unitId, name: v.unitName },
    visitedOn: v.visitedOn,
    notes: v.notes,
    photos,
    problemIds: v.problemIds,
    createdBy: { id: v.createdBy, name: v.createdByName },
    createdAt: v.createdAt.toISOString(),
  };
}

export async function visitDetail(db: Tx, actor: Actor, id: number) {
  const v = await repo.getVisit(db, id);
  if (!v || !(await canSeeRound(db, actor, v.roundId))) throw fail('not_found', 'params.id');
  return presentVisit(v, (await attachmentsOf(db, 'inspection_visit', [id])).get(id) ?? []);
}

/** Checks a team: active members, a leader among them, units of the round, each on one team only. */
async function checkTeam(
  tx: Tx,
  t: TeamBody,
  roundUnitIds: ReadonlySet<number>,
  taken: Set<number>,
  field: string,
) {
  const people = await repo.activePeople(tx, t.memberIds);
  for (const [i, pid] of t.memberIds.entries()) {
    const p = people.get(pid);
    if (!p) throw fail('not_found', `${field}.memberIds.${i}`);
    if (!p.active) throw fail('person_inactive', `${field}.memberIds.${i}`);
  }
  if (t.leaderId !== null && !t.memberIds.includes(t.leaderId))
    throw fail('validation_failed', `${field}.leaderId`, { reason: 'the leader must be a member' });
  for (const [i, uid] of t.unitIds.entries()) {
    if (!roundUnitIds.has(uid)) throw fail('unit_not_in_round', `${field}.unitIds.${i}`);
    if (taken.has(uid))
      throw fail('validation_failed', `${field}.unitIds.${i}`, { reason: 'already covered by another team' });
    taken.add(uid);
  }
}

/** 部署督查: the office plans a round over units in its scope, with its teams. */
export async function createRound(deps: AppDeps, c: Call, body: RoundBody): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    if (body.campaignId !== null) await openCampaignForTasks(tx, body.campaignId, 'body.campaignId');
    const source =
      body.sourceId !== null
        ? await repo.sourceById(tx, body.sourceId)
        : await repo.sourceByCode(tx, defaultRoundSource[body.kind]);
    if (!source) throw fail('not_found', 'body.sourceId');
    if (!source.active) throw fail('source_inactive', 'body.sourceId');
    const units = await unitsByIds(tx, body.unitIds);
    const office = scopeOf(c.actor, ['office']);
    for (const [i, uid] of body.unitIds.entries()) {
      const u = units.get(uid);
      if (!u || !inScope(office, u.path)) throw fail('not_found', `body.unitIds.${i}`);
      if (!u.active) throw fail('unit_inactive', `body.unitIds.${i}`);
    }
    const unitSet = new Set(body.unitIds);
    const taken = new Set<number>();
    const names = new Set<string>();
    for (const [i, team] of body.teams.entries()) {
      await checkTeam(tx, team, unitSet, taken, `body.teams.${i}`);
      if (names.has(team.name)) throw fail('name_taken', `body.teams.${i}.name`);
      names.add(team.name);
    }
    const id = await repo.insertRound(tx, { ...body, sourceId: source.id, by: c.actor.id, now: c.now });
    await repo.insertRoundUnits(tx, id, body.unitIds);
    for (const [i, team] of body.teams.entries()) await repo.insertTeam(tx, id, team, i);
    await recordChange(tx, c, 'inspection_round', 'inspection.round_create', id, null, {
      ...body,
      sourceId: source.id,
    });
    return id;
  });
}

async function lockOfficeRound(tx: Tx, actor: Actor, id: number) {
  const r = await repo.getRound(tx, id, true);
  if (!r || !(await canSeeRound(tx, actor, id))) throw fail('not_found', 'params.id');
  if (!isOffice(actor, await repo.roundUnits(tx, id))) throw fail('forbidden');
  if (r.status !== 'open') throw fail('round_closed');
  return r;
}

/** Adds a team (督查组) to an open round. */
export async function addTeam(deps: AppDeps, c: Call, roundId: number, body: TeamBody): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await lockOfficeRound(tx, c.actor, roundId);
    const units = await repo.roundUnits(tx, roundId);
    const taken = new Set(units.filter((u) => u.teamId !== null).map((u) => u.id));
    await checkTeam(tx, body, new Set(units.map((u) => u.id)), taken, 'body');
    const teams = await repo.roundTeams(tx, roundId);
    if (teams.some((t) => t.name === body.name)) throw fail('name_taken', 'body.name');
    const id = await repo.insertTeam(tx, roundId, body, teams.length);
    await recordChange(tx, c, 'inspection_round', 'inspection.team_add', roundId, null, {
      teamId: id,
      ...body,
    });
  });
}

/** Closes a round: no more visits. */
export async function closeRound(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await lockOfficeRound(tx, c.actor, id);
    await repo.setRoundStatus(tx, id, 'closed', c.now);
    await recordChange(
      tx,
      c,
      'inspection_round',
      'inspection.round_close',
      id,
      { status: 'open' },
      { status: 'closed' },
    );
  });
}

/** The office for the round's units, or a member of the team (any team of the round when none is named). */
async function mayRecordFor(tx: Tx, actor: Actor, roundId: number, teamId: number | null) {
  if (isOffice(actor, await repo.roundUnits(tx, roundId))) return;
  if (!(await repo.isMember(tx, roundId, actor.id, teamId))) throw fail('not_team_member');
}

/**
 * 记录走访: a visit to a unit the round covers, on a day within its period,
 * with notes and photos. The office or a member of the team records it.
 */
export async function recordVisit(
  deps: AppDeps,
  c: Call,
  roundId: number,
  body: { unitId: number; visitedOn: string; teamId: number | null; notes: string; attachmentIds: number[] },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.getRound(tx, roundId, true);
    if (!r || !(await canSeeRound(tx, c.actor, roundId))) throw fail('not_found', 'params.id');
    if (r.status !== 'open') throw fail('round_closed');
    const units = await repo.roundUnits(tx, roundId);
    if (body.teamId !== null && !(await repo.roundTeams(tx, roundId)).some((t) => t.id === body.teamId))
      throw fail('not_found', 'body.teamId');
    await mayRecordFor(tx, c.actor, roundId, body.teamId);
    if (!units.some((u) => u.id === body.unitId)) throw fail('unit_not_in_round', 'body.unitId');
    if (body.visitedOn < r.startOn || body.visitedOn > r.endOn)
      throw fail('validation_failed', 'body.visitedOn', { startOn: r.startOn, endOn: r.endOn });
    const id = await repo.insertVisit(tx, { ...body, roundId, by: c.actor.id, now: c.now });
    await claimAttachments(tx, c.actor, body.attachmentIds, 'inspection_visit', id);
    await recordChange(tx, c, 'inspection_visit', 'inspection.visit', id, null, { roundId, ...body });
    return id;
  });
}

/**
 * 发现问题: a finding of a visit becomes a problem in one step, handed to the
 * visited unit, under the round's source, found on the visit's day by its
 * team, in the round's campaign; the problems module checks and records it.
 */
export async function recordFinding(
  deps: AppDeps,
  c: Call,
  visitId: number,
  body: FindingBody,
): Promise<number> {
  return deps.database.db.transaction(async (tx: Transaction) => {
    const v = await repo.getVisit(tx, visitId, true);
    if (!v || !(await canSeeRound(tx, c.actor, v.roundId))) throw fail('not_found', 'params.id');
    const r = (await repo.getRound(tx, v.roundId))!;
    await mayRecordFor(tx, c.actor, r.id, v.teamId);
    if (body.deadline < v.visitedOn)
      throw fail('validation_failed', 'body.deadline', { foundOn: v.visitedOn });
    for (const [i, s] of body.stages.entries())
      if (s.date < v.visitedOn || s.date > body.deadline)
        throw fail('validation_failed', `body.stages.${i}.date`, { foundOn: v.visitedOn });
    const { attachmentIds, ...finding } = body;
    const problemId = await insertProblemLocked(
      tx,
      c,
      {
        ...finding,
        sourceId: r.sourceId,
        foundOn: v.visitedOn,
        foundBy: v.teamName ?? r.name,
        unitId: v.unitId,
      },
      r.campaignId,
    );
    await claimAttachments(tx, c.actor, attachmentIds, 'problem', problemId);
    await repo.insertFinding(tx, visitId, problemId);
    await recordChange(tx, c, 'inspection_visit', 'inspection.finding', visitId, null, { problemId });
    return problemId;
  });
}
