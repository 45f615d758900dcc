import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type {
  ProblemDetail,
  ProblemListCounts,
  ProblemListQuery,
  ProblemSummary,
} from '../../../domain/contracts/problems.ts';
import { problemStatuses } from '../../../domain/problems/problem-lifecycle.ts';
import { fail } from '../../../domain/errors.ts';
import { expectedStagePercent, isOverdue, scheduleOf } from '../../../domain/problems/problem-schedule.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { AttachmentsOf } from '../tasks/task-detail.service.ts';
import { problemAbilities, visibleProblems } from './problems.policy.ts';
import * as repo from './problems.repository.ts';
import { canSee } from './problems.service.ts';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/** Maps problem rows to the list shape, with their categories and schedule on `today`. */
export async function presentSummaries(
  db: Tx,
  rows: readonly repo.ProblemRow[],
  today: string,
): Promise<ProblemSummary[]> {
  const cats = await repo.categoriesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    campaign: ref(r.campaignId, r.campaignName),
    description: r.description,
    source: { id: r.sourceId, name: r.sourceName },
    categories: cats.get(r.id) ?? [],
    foundOn: r.foundOn,
    foundBy: r.foundBy,
    unit: { id: r.unitId, name: r.unitName },
    person: ref(r.personId, r.personName),
    severity: r.severity,
    deadline: r.deadline,
    longTerm: r.longTerm,
    progress: r.progress,
    status: r.status,
    schedule: scheduleOf(r, today),
    overdue: isOverdue(r, today),
    returnCount: r.returnCount,
    reboundCount: r.reboundCount,
    mergedIntoId: r.mergedIntoId,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A page of the problems the actor may see under a condition, newest first unless told. */
export async function listProblems(
  db: Tx,
  actor: Actor,
  now: Date,
  q: Partial<ProblemListQuery> & { limit: number; offset: number },
  base: SQL = sql`true`,
  order?: SQL,
): Promise<{ items: ProblemSummary[]; total: number }> {
  const today = shanghaiDate(now);
  const where = sql.join([base, visibleProblems(actor), ...repo.problemFilters(q, today)], sql` AND `);
  const [rows, total] = await Promise.all([
    repo.findProblems(db, where, q, order),
    repo.countProblems(db, where),
  ]);
  return { items: await presentSummaries(db, rows, today), total };
}

/**
 * The counts beside a list (per status, and overdue), over the list's filters
 * without `status` and `open`: one grouped count on the problems table.
 */
export async function listCounts(
  db: Tx,
  actor: Actor,
  now: Date,
  q: Partial<ProblemListQuery>,
): Promise<ProblemListCounts> {
  const today = shanghaiDate(now);
  const conds = [
    visibleProblems(actor),
    ...repo.problemFilters({ ...q, status: undefined, open: undefined }, today),
  ];
  const r = await db.execute<{ status: ProblemSummary['status']; n: number; overdue: number }>(sql`
    SELECT p.status, count(*)::int AS n, (count(*) FILTER (WHERE ${repo.overdueSql(today)}))::int AS overdue
      FROM problems p WHERE ${sql.join(conds, sql` AND `)} GROUP BY p.status`);
  const byStatus = Object.fromEntries(problemStatuses.map((s) => [s, 0])) as ProblemListCounts['byStatus'];
  let overdue = 0;
  for (const x of r.rows) {
    byStatus[x.status] = x.n;
    overdue += x.overdue;
  }
  return { byStatus, overdue };
}

/** One problem with everything a person opening it sees, and what they may do with it. */
export async function problemDetail(
  db: Tx,
  actor: Actor,
  id: number,
  now: Date,
  attachmentsOf: AttachmentsOf,
): Promise<ProblemDetail> {
  const row = await repo.getProblem(db, id);
  if (!row || !canSee(actor, row)) throw fail('not_found', 'params.id');
  const today = shanghaiDate(now);
  const [summary] = await presentSummaries(db, [row], today);
  const stages = await repo.stagesOf(db, id);
  const measures = (await repo.measuresOf(db, [id])).get(id) ?? [];
  const evidence = await repo.evidenceOf(db, id);
  const files = await attachmentsOf(
    db,
    'problem_evidence',
    evidence.map((e) => e.id),
  );
  const own = await attachmentsOf(db, 'problem', [id]);
  const events = await repo.eventsOf(db, id);
  return {
    ...summary!,
    stages: stages.map((s) => ({ id: s.id, date: s.date, title: s.title, percent: s.percent })),
    expectedPercent: row.longTerm ? expectedStagePercent(stages, today) : null,
    measures: measures.map((m) => ({ id: m.id, text: m.text, owner: m.owner, dueOn: m.dueOn, done: m.done })),
    attachments: own.get(id) ?? [],
    evidence: evidence.map((e) => ({
      id: e.id,
      text: e.text,
      attachments: files.get(e.id) ?? [],
      submittedBy: { id: e.submittedById, name: e.submittedByName },
      submittedAt: e.submittedAt.toISOString(),
      decision: e.decision,
      decidedBy: ref(e.decidedById, e.decidedByName),
      decidedAt: e.decidedAt?.toISOString() ?? null,
      reason: e.reason,
    })),
    history: events.map((e) => ({
      at: e.at.toISOString(),
      actor: ref(e.actorId, e.actorName),
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
    })),
    recordedBy: { id: row.recordedBy, name: row.recorderName },
    abilities: problemAbilities(actor, {
      status: row.status,
      unitPath: row.unitPath,
      longTerm: row.longTerm,
    }),
  };
}
