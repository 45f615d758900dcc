import { sql, type SQL } from 'drizzle-orm';
import type { ProblemListQuery, ProblemSeverity } from '../../../domain/contracts/problems.ts';
import type { ProblemStatus } from '../../../domain/problems/problem-lifecycle.ts';
import { executeNamed, intArray, withDates, type Tx } from '../../db/client.ts';
import { changeWithAudit, type CallContext } from '../audit/audit.repository.ts';

/** One problem row with the names the services and presenters need alongside it. */
export interface ProblemRow extends Record<string, unknown> {
  id: number;
  campaignId: number | null;
  campaignName: string | null;
  campaignClosed: boolean | null;
  description: string;
  sourceId: number;
  sourceName: string;
  foundOn: string;
  foundBy: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  personId: number | null;
  personName: string | null;
  severity: ProblemSeverity;
  deadline: string;
  longTerm: boolean;
  progress: number;
  behindFrom: string | null;
  status: ProblemStatus;
  claimedOn: string | null;
  closedAt: Date | null;
  returnCount: number;
  reboundCount: number;
  claimCount: number;
  mergedIntoId: number | null;
  selfReported: boolean;
  recordedBy: number;
  recorderName: string;
  createdAt: Date;
}

const problemColumns = sql`p.id, p.campaign_id AS "campaignId", c.name AS "campaignName", c.closed AS "campaignClosed",
  p.description, p.source_id AS "sourceId", s.name_zh AS "sourceName", p.found_on AS "foundOn", p.found_by AS "foundBy",
  p.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath", p.person_id AS "personId", pp.name AS "personName",
  p.severity, p.deadline, p.long_term AS "longTerm", p.progress, p.behind_from AS "behindFrom", p.status,
  p.claimed_on AS "claimedOn", p.closed_at AS "closedAt", p.return_count AS "returnCount",
  p.rebound_count AS "reboundCount", p.claim_count AS "claimCount", p.merged_into_id AS "mergedIntoId",
  p.self_reported AS "selfReported", p.recorded_by AS "recordedBy", rp.name AS "recorderName", p.created_at AS "createdAt"`;

const problemFrom = sql`FROM problems p
  JOIN problem_sources s ON s.id = p.source_id
  JOIN units u ON u.id = p.unit_id
  JOIN people rp ON rp.id = p.recorded_by
  LEFT JOIN people pp ON pp.id = p.person_id
  LEFT JOIN campaigns c ON c.id = p.campaign_id`;

const dated = (rows: ProblemRow[]) => withDates(rows, 'closedAt', 'createdAt');

const WORKING = sql.raw(`('assigned','rectifying','returned')`);
const OPEN = sql.raw(`('assigned','rectifying','returned','closing_claimed')`);

/** 超期, as SQL over `p` (domain/problems/problem-schedule `isOverdue`). */
export function overdueSql(today: string): SQL {
  return sql`(p.deadline < ${today}::date AND (p.status IN ${WORKING}
    OR (p.status = 'closing_claimed' AND (p.claimed_on IS NULL OR p.claimed_on > p.deadline))))`;
}

/** Behind its stage targets and not overdue, as SQL over `p` (`scheduleOf` = 'behind'). */
export function behindSql(today: string): SQL {
  return sql`(p.status IN ${WORKING} AND p.behind_from <= ${today}::date AND p.deadline >= ${today}::date)`;
}

export const openSql = sql`(p.status IN ${OPEN})`;

/** The conditions of a problem list query, as SQL over `p`. */
export function problemFilters(q: Partial<ProblemListQuery>, today: string): SQL[] {
  const conds: SQL[] = [];
  if (q.campaignId) conds.push(sql`p.campaign_id = ${q.campaignId}`);
  if (q.sourceId) conds.push(sql`p.source_id = ${q.sourceId}`);
  if (q.categoryId) {
    conds.push(
      sql`p.id IN (SELECT l.problem_id FROM problem_category_links l WHERE l.category_id = ${q.categoryId})`,
    );
  }
  if (q.unitId) {
    conds.push(
      q.includeSubunits
        ? sql`p.unit_id = ANY (ARRAY(SELECT su.id FROM units su
            WHERE su.path LIKE (SELECT pu.path FROM units pu WHERE pu.id = ${q.unitId}) || '%'))`
        : sql`p.unit_id = ${q.unitId}`,
    );
  }
  if (q.status) conds.push(sql`p.status = ${q.status}`);
  if (q.open === true) conds.push(openSql);
  if (q.open === false) conds.push(sql`NOT ${openSql}`);
  if (q.schedule === 'overdue') conds.push(overdueSql(today));
  if (q.schedule === 'behind') conds.push(behindSql(today));
  if (q.schedule === 'on_schedule')
    conds.push(sql`${openSql} AND NOT ${overdueSql(today)} AND NOT ${behindSql(today)}`);
  if (q.longTerm !== undefined) conds.push(sql`p.long_term = ${q.longTerm}`);
  if (q.severity) conds.push(sql`p.severity = ${q.severity}`);
  if (q.foundFrom) conds.push(sql`p.found_on >= ${q.foundFrom}::date`);
  if (q.foundTo) conds.push(sql`p.found_on <= ${q.foundTo}::date`);
  if (q.q) {
    const like = '%' + q.q.replace(/[\\%_]/g, '\\$&') + '%';
    conds.push(sql`p.description ILIKE ${like}`);
  }
  return conds;
}

/** Reads one problem; with `lock`, locks its row for a change. */
export async function getProblem(db: Tx, id: number, lock = false): Promise<ProblemRow | undefined> {
  const r = await db.execute<ProblemRow>(
    sql`SELECT ${problemColumns} ${problemFrom} WHERE p.id = ${id} ${lock ? sql`FOR UPDATE OF p` : sql``}`,
  );
  return dated(r.rows)[0];
}

/**
 * A page of the problems matching a condition over `p`, in a stable order
 * (over `p`): the page's ids are chosen on the problems table alone, and only
 * those rows are joined to their names.
 */
export async function findProblems(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
  order: SQL = sql`p.id DESC`,
): Promise<ProblemRow[]> {
  const r = await db.execute<ProblemRow>(
    sql`SELECT ${problemColumns} ${problemFrom}
        WHERE p.id IN (SELECT p.id FROM problems p WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset})
        ORDER BY ${order}`,
  );
  return dated(r.rows);
}

export async function countProblems(db: Tx, where: SQL): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems p WHERE ${where}`);
  return r.rows[0]?.n ?? 0;
}

export type NamedRef = { id: number; name: string };

/** The categories a problem was given (not their ancestors), by problem id. */
export async function categoriesOf(db: Tx, ids: readonly number[]): Promise<Map<number, NamedRef[]>> {
  const out = new Map<number, NamedRef[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const r = await db.execute<{ problemId: number; id: number; name: string }>(
    sql`SELECT l.problem_id AS "problemId", c.id, c.name_zh AS name FROM problem_category_links l
        JOIN problem_categories c ON c.id = l.category_id
        WHERE l.problem_id = ANY(${intArray(ids)}) AND l.direct ORDER BY c.path`,
  );
  for (const row of r.rows) out.get(row.problemId)?.push({ id: row.id, name: row.name });
  return out;
}

export interface MeasureRow extends Record<string, unknown> {
  id: number;
  problemId: number;
  text: string;
  owner: string;
  dueOn: string;
  done: boolean;
}

/** 整改措施 of several problems, by problem id, in their order. */
export async function measuresOf(db: Tx, ids: readonly number[]): Promise<Map<number, MeasureRow[]>> {
  const out = new Map<number, MeasureRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const r = await db.execute<MeasureRow>(
    sql`SELECT id, problem_id AS "problemId", text, owner, due_on AS "dueOn", done FROM problem_measures
        WHERE problem_id = ANY(${intArray(ids)}) ORDER BY problem_id, seq`,
  );
  for (const m of r.rows) out.get(m.problemId)?.push(m);
  return out;
}

export interface StageRow extends Record<string, unknown> {
  id: number;
  date: string;
  title: string;
  percent: number;
}

export async function stagesOf(db: Tx, problemId: number): Promise<StageRow[]> {
  const r = await db.execute<StageRow>(
    sql`SELECT id, due_on AS date, title, percent FROM problem_stages WHERE problem_id = ${problemId}
        ORDER BY due_on, id`,
  );
  return r.rows;
}

export interface EvidenceRow extends Record<string, unknown> {
  id: number;
  text: string;
  submittedById: number;
  submittedByName: string;
  submittedAt: Date;
  decision: 'closed' | 'returned' | 'dismissed' | 'merged' | null;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** 销号申请 of a problem, newest first. */
export async function evidenceOf(db: Tx, problemId: number): Promise<EvidenceRow[]> {
  const r = await db.execute<EvidenceRow>(
    sql`SELECT e.id, e.text, e.submitted_by AS "submittedById", sp.name AS "submittedByName",
          e.submitted_at AS "submittedAt", e.decision, e.decided_by AS "decidedById", dp.name AS "decidedByName",
          e.decided_at AS "decidedAt", e.reason
        FROM problem_evidence e JOIN people sp ON sp.id = e.submitted_by LEFT JOIN people dp ON dp.id = e.decided_by
        WHERE e.problem_id = ${problemId} ORDER BY e.id DESC`,
  );
  return withDates(r.rows, 'submittedAt', 'decidedAt');
}

export interface EventRow extends Record<string, unknown> {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  fromStatus: ProblemStatus | null;
  toStatus: ProblemStatus | null;
  note: string | null;
}

/** 整改历程 of a problem, oldest first. */
export async function eventsOf(db: Tx, problemId: number): Promise<EventRow[]> {
  const r = await db.execute<EventRow>(
    sql`SELECT e.at, e.actor_id AS "actorId", ap.name AS "actorName", e.action, e.from_status AS "fromStatus",
          e.to_status AS "toStatus", e.note
        FROM problem_events e LEFT JOIN people ap ON ap.id = e.actor_id
        WHERE e.problem_id = ${problemId} ORDER BY e.id`,
  );
  return withDates(r.rows, 'at');
}

export interface NewProblem {
  campaignId: number | null;
  description: string;
  sourceId: number;
  foundOn: string;
  foundBy: string;
  unitId: number;
  personId: number | null;
  severity: ProblemSeverity;
  deadline: string;
  longTerm: boolean;
  behindFrom: string | null;
  selfReported: boolean;
  recordedBy: number;
  now: Date;
}

/** Inserts a problem (assigned); returns its id. */
export async function insertProblem(tx: Tx, p: NewProblem): Promise<number> {
  const r = await tx.execute<{ id: number }>(
    sql`INSERT INTO problems (campaign_id, description, source_id, found_on, found_by, unit_id, person_id, severity,
          deadline, long_term, behind_from, status, self_reported, recorded_by, created_at, updated_at)
        VALUES (${p.campaignId}, ${p.description}, ${p.sourceId}, ${p.foundOn}::date, ${p.foundBy}, ${p.unitId},
          ${p.personId}, ${p.severity}, ${p.deadline}::date, ${p.longTerm}, ${p.behindFrom}::date, 'assigned',
          ${p.selfReported}, ${p.recordedBy}, ${p.now}, ${p.now})
        RETURNING id`,
  );
  return r.rows[0]!.id;
}

/** Links a problem to its categories and to every ancestor of them (`direct` marks the ones given). */
export async function insertCategoryLinks(
  tx: Tx,
  problemId: number,
  categoryIds: readonly number[],
): Promise<void> {
  if (categoryIds.length === 0) return;
  await tx.execute(sql`INSERT INTO problem_category_links (problem_id, category_id, direct)
    SELECT ${problemId}, a.id, bool_or(a.id = c.id)
    FROM problem_categories c JOIN problem_categories a ON c.path LIKE a.path || '%'
    WHERE c.id = ANY(${intArray(categoryIds)}) GROUP BY a.id`);
}

export async function insertStages(
  tx: Tx,
  problemId: number,
  stages: readonly { date: string; title: string; percent: number }[],
): Promise<void> {
  for (const s of stages) {
    await tx.execute(sql`INSERT INTO problem_stages (problem_id, due_on, title, percent)
      VALUES (${problemId}, ${s.date}::date, ${s.title}, ${s.percent})`);
  }
}

const columnList = [
  'unit_id',
  'person_id',
  'deadline',
  'progress',
  'behind_from',
  'status',
  'claimed_on',
  'closed_at',
  'return_count',
  'rebound_count',
  'claim_count',
  'merged_into_id',
] as const;
export type ProblemColumn = (typeof columnList)[number];
const columnNames = new Set<string>(columnList);
const dateColumns = new Set<string>(['deadline', 'behind_from', 'claimed_on']);

/** Sets columns of a problem (snake_case names from a fixed list), and `updated_at`. */
export async function updateProblem(
  tx: Tx,
  id: number,
  changes: Partial<Record<ProblemColumn, unknown>>,
  now: Date,
): Promise<void> {
  const sets = Object.entries(changes).map(([k, v]) => {
    if (!columnNames.has(k)) throw new Error(`not a problem column: ${k}`);
    return sql`${sql.identifier(k)} = ${v}${dateColumns.has(k) ? sql`::date` : sql``}`;
  });
  if (!sets.length) return;
  await tx.execute(sql`UPDATE problems SET ${sql.join(sets, sql`, `)}, updated_at = ${now} WHERE id = ${id}`);
}

/** Replaces a problem's measures with the list given, in its order. */
export async function replaceMeasures(
  tx: Tx,
  problemId: number,
  measures: readonly { text: string; owner: string; dueOn: string; done: boolean }[],
): Promise<void> {
  await tx.execute(sql`DELETE FROM problem_measures WHERE problem_id = ${problemId}`);
  for (const [i, m] of measures.entries()) {
    await tx.execute(sql`INSERT INTO problem_measures (problem_id, seq, text, owner, due_on, done)
      VALUES (${problemId}, ${i + 1}, ${m.text}, ${m.owner}, ${m.dueOn}::date, ${m.done})`);
  }
}

export async function insertEvidence(
  tx: Tx,
  e: { problemId: number; text: string; by: number; at: Date },
): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO problem_evidence (problem_id, text, submitted_by, submitted_at)
    VALUES (${e.problemId}, ${e.text}, ${e.by}, ${e.at}) RETURNING id`);
  return r.rows[0]!.id;
}

/** What deciding a claim for closing needs to know, read without a lock. */
export interface ClaimFacts extends Record<string, unknown> {
  status: ProblemStatus;
  unitId: number;
  unitPath: string;
}

/** The problem's state and responsible unit, without a lock (the one-statement claim checks them again). */
export async function claimFacts(db: Tx, id: number): Promise<ClaimFacts | undefined> {
  const r = await executeNamed<ClaimFacts>(
    db,
    'problem_claim_facts',
    sql`SELECT p.status, p.unit_id AS "unitId", u.path AS "unitPath"
          FROM problems p JOIN units u ON u.id = p.unit_id WHERE p.id = ${id}::int`,
  );
  return r.rows[0];
}

/**
 * 申请销号 in one statement (one implicit transaction: no BEGIN, no COMMIT
 * round trip): locks the problem, which must still belong to `unitId` and be
 * rectifying or returned, writes the evidence row, moves the problem to
 * closing_claimed (claimed today, one more claim), adds the history line and
 * the audit entry (`changeWithAudit`), as the transactional way does. Returns
 * the evidence id and the new claim count, or undefined when nothing was
 * written (the caller then takes the transactional way, which names the reason).
 */
export async function claimClosingAudited(
  db: Tx,
  c: CallContext,
  r: { id: number; unitId: number; evidence: string; today: string },
): Promise<{ evidenceId: number; claimCount: number } | undefined> {
  const rows = await changeWithAudit<{ evidenceId: number; claimCount: number }>(
    db,
    'problem_claim_audited',
    c,
    'problem',
    'problem.claim_closing',
    sql`SELECT old.id AS object_id, jsonb_build_object('status', old.status) AS before,
          jsonb_build_object('status', 'closing_claimed', 'evidenceId', evidence.id, 'evidence', ${r.evidence}::text,
            'attachmentIds', '[]'::jsonb, 'claimedOn', ${r.today}::text) AS after,
          evidence.id AS "evidenceId", claimed.claim_count AS "claimCount"
        FROM old JOIN evidence ON evidence.problem_id = old.id JOIN claimed ON claimed.id = old.id`,
    sql`old AS (
          SELECT p.id, p.status, p.claim_count FROM problems p
           WHERE p.id = ${r.id}::int AND p.unit_id = ${r.unitId}::int AND p.status IN ('rectifying', 'returned')
           FOR UPDATE),
        evidence AS (
          INSERT INTO problem_evidence (problem_id, text, submitted_by, submitted_at)
          SELECT old.id, ${r.evidence}::text, ${c.actor.id}::int, ${c.now}::timestamptz FROM old
          RETURNING id, problem_id),
        claimed AS (
          UPDATE problems p SET status = 'closing_claimed', claimed_on = ${r.today}::date,
            claim_count = old.claim_count + 1, updated_at = ${c.now}::timestamptz
          FROM old WHERE p.id = old.id
          RETURNING p.id, p.claim_count),
        history AS (
          INSERT INTO problem_events (problem_id, at, actor_id, action, from_status, to_status, note)
          SELECT old.id, ${c.now}::timestamptz, ${c.actor.id}::int, 'claim_closing', old.status, 'closing_claimed',
            ${r.evidence}::text
          FROM old)`,
  );
  const row = rows[0];
  return row && { evidenceId: row.evidenceId, claimCount: row.claimCount };
}

/** Records the verdict on the problem's waiting claim (if one waits). */
export async function decideEvidence(
  tx: Tx,
  problemId: number,
  d: {
    decision: 'closed' | 'returned' | 'dismissed' | 'merged';
    by: number;
    at: Date;
    reason: string | null;
  },
): Promise<void> {
  await tx.execute(sql`UPDATE problem_evidence SET decision = ${d.decision}, decided_by = ${d.by},
    decided_at = ${d.at}, reason = ${d.reason} WHERE problem_id = ${problemId} AND decision IS NULL`);
}

/** The problem of an evidence record (for the attachment policy). */
export async function problemOfEvidence(db: Tx, evidenceId: number): Promise<number | undefined> {
  const r = await db.execute<{ problemId: number }>(
    sql`SELECT problem_id AS "problemId" FROM problem_evidence WHERE id = ${evidenceId}`,
  );
  return r.rows[0]?.problemId;
}

/** Adds a line to the problem's history (整改历程). */
export async function insertEvent(
  tx: Tx,
  e: {
    problemId: number;
    at: Date;
    actorId: number | null;
    action: string;
    from: ProblemStatus | null;
    to: ProblemStatus | null;
    note?: string | null;
  },
): Promise<void> {
  await tx.execute(sql`INSERT INTO problem_events (problem_id, at, actor_id, action, from_status, to_status, note)
    VALUES (${e.problemId}, ${e.at}, ${e.actorId}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null})`);
}

// ─── Lookups for checking what a draft names ──────────────────────────────────

export async function sourcesByIds(
  db: Tx,
  ids: readonly number[],
): Promise<Map<number, { id: number; active: boolean; unitMayRecord: boolean }>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; active: boolean; unitMayRecord: boolean }>(
    sql`SELECT id, active, unit_may_record AS "unitMayRecord" FROM problem_sources WHERE id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((x) => [x.id, x]));
}

export async function categoriesByIds(
  db: Tx,
  ids: readonly number[],
): Promise<Map<number, { id: number; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; active: boolean }>(
    sql`SELECT id, active FROM problem_categories WHERE id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((x) => [x.id, x]));
}

export async function peopleByIds(
  db: Tx,
  ids: readonly number[],
): Promise<Map<number, { id: number; unitId: number; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; unitId: number; active: boolean }>(
    sql`SELECT id, unit_id AS "unitId", active FROM people WHERE id = ANY(${intArray(ids)})`,
  );
  return new Map(r.rows.map((x) => [x.id, x]));
}
