import { sql, type SQL } from 'drizzle-orm';
import {
  clueDisposalLabels,
  nextClueStatus,
  type ClueAction,
  type ClueDisposal,
  type ClueStatus,
} from '../../../domain/accountability/clue-transfer.ts';
import { fail } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, withDates, type Transaction, type Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { canSeeProblem } from '../problems/problems.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import type { Call } from './accountability.service.ts';

/**
 * 线索移送: the office or an inspector drafts a clue and hands it to the
 * discipline commission, which accepts or returns it and disposes of it. The
 * senders see their clues and the status; the commission sees what was sent.
 */

interface ClueRow extends Record<string, unknown> {
  id: number;
  summary: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  visitId: number | null;
  status: ClueStatus;
  disposal: ClueDisposal | null;
  decisionNote: string | null;
  caseId: number | null;
  createdBy: number;
  createdByName: string;
  createdAt: Date;
  transferredAt: Date | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  problemIds: number[];
}

const columns = sql`c.id, c.summary, c.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath",
  c.visit_id AS "visitId", c.status, c.disposal, c.decision_note AS "decisionNote", c.case_id AS "caseId",
  c.created_by AS "createdBy", cp.name AS "createdByName", c.created_at AS "createdAt",
  c.transferred_at AS "transferredAt", c.decided_by AS "decidedBy", dp.name AS "decidedByName",
  c.decided_at AS "decidedAt",
  ARRAY(SELECT problem_id FROM clue_transfer_problems x WHERE x.clue_id = c.id ORDER BY problem_id) AS "problemIds"`;

const from = sql`FROM clue_transfers c JOIN units u ON u.id = c.unit_id JOIN people cp ON cp.id = c.created_by
  LEFT JOIN people dp ON dp.id = c.decided_by`;

const dated = (rows: ClueRow[]) => withDates(rows, 'createdAt', 'transferredAt', 'decidedAt');

const senders: readonly Role[] = ['office', 'inspector'];

/** Senders see the clues of units in their scope; the commission the ones sent to it (never drafts). */
function visibleClues(actor: Actor): SQL {
  const parts = [unitColumnInScope(sql`c.unit_id`, scopeOf(actor, senders))];
  const discipline = scopeOf(actor, ['discipline']);
  if (discipline.length)
    parts.push(sql`(c.status <> 'draft' AND ${unitColumnInScope(sql`c.unit_id`, discipline)})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

function canSee(actor: Actor, c: ClueRow): boolean {
  return (
    inScope(scopeOf(actor, senders), c.unitPath) ||
    (c.status !== 'draft' && inScope(scopeOf(actor, ['discipline']), c.unitPath))
  );
}

function rolesOn(actor: Actor, c: Pick<ClueRow, 'unitPath'>): Role[] {
  return (['office', 'inspector', 'discipline'] as const).filter((r) =>
    inScope(scopeOf(actor, [r]), c.unitPath),
  );
}

const may = (actor: Actor, c: ClueRow, a: ClueAction) => nextClueStatus(c.status, a, rolesOn(actor, c)).ok;

function present(actor: Actor, c: ClueRow) {
  const discipline = rolesOn(actor, c).includes('discipline');
  const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
  return {
    id: c.id,
    summary: c.summary,
    unit: { id: c.unitId, name: c.unitName },
    problemIds: c.problemIds,
    visitId: c.visitId,
    status: c.status,
    disposal: c.disposal,
    disposalLabel: c.disposal ? clueDisposalLabels[c.disposal] : null,
    decisionNote: c.decisionNote,
    // The case it became is accountability data: for the commission's eyes only.
    caseId: discipline ? c.caseId : null,
    createdBy: { id: c.createdBy, name: c.createdByName },
    createdAt: c.createdAt.toISOString(),
    transferredAt: c.transferredAt?.toISOString() ?? null,
    decidedBy: ref(c.decidedBy, c.decidedByName),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    abilities: {
      transfer: may(actor, c, 'transfer'),
      withdraw: may(actor, c, 'withdraw'),
      return: may(actor, c, 'return'),
      accept: may(actor, c, 'accept'),
      conclude: may(actor, c, 'conclude'),
    },
  };
}

async function getClue(db: Tx, id: number, lock = false): Promise<ClueRow | undefined> {
  const r = await db.execute<ClueRow>(
    sql`SELECT ${columns} ${from} WHERE c.id = ${id} ${lock ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return dated(r.rows)[0];
}

/** Clues the caller may see, newest first; every read audited. */
export async function listClues(
  deps: AppDeps,
  c: Call,
  q: { status?: ClueStatus | undefined; limit: number; offset: number },
) {
  const where = sql.join(
    [visibleClues(c.actor), ...(q.status ? [sql`c.status = ${q.status}`] : [])],
    sql` AND `,
  );
  return deps.database.db.transaction(async (tx) => {
    const [rows, count] = await Promise.all([
      tx.execute<ClueRow>(
        sql`SELECT ${columns} ${from} WHERE ${where} ORDER BY c.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
      ),
      tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM clue_transfers c WHERE ${where}`),
    ]);
    const items = dated(rows.rows);
    await recordChange(tx, c, 'clue_transfer', 'accountability.read', null, null, {
      list: 'clues',
      query: q,
      ids: items.map((x) => x.id),
    });
    return { items: items.map((x) => present(c.actor, x)), total: count.rows[0]!.n };
  });
}

/** One clue the caller may see; else 404. Audited. */
export async function clueDetail(deps: AppDeps, c: Call, id: number) {
  return deps.database.db.transaction(async (tx) => {
    const x = await getClue(tx, id);
    if (!x || !canSee(c.actor, x)) throw fail('not_found', 'params.id');
    await recordChange(tx, c, 'clue_transfer', 'accountability.read', id, null, { read: 'clue' });
    return present(c.actor, x);
  });
}

/** 起草线索: a clue about a unit, with the problems (and the visit) it comes from. */
export async function createClue(
  deps: AppDeps,
  c: Call,
  body: { summary: string; unitId: number; problemIds: number[]; visitId: number | null },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const unit = (await unitsByIds(tx, [body.unitId])).get(body.unitId);
    if (!unit || !inScope(scopeOf(c.actor, senders), unit.path)) throw fail('not_found', 'body.unitId');
    for (const [i, pid] of body.problemIds.entries())
      if (!(await canSeeProblem(tx, c.actor, pid))) throw fail('not_found', `body.problemIds.${i}`);
    if (body.visitId !== null) {
      const v = await tx.execute(sql`SELECT 1 FROM inspection_visits WHERE id = ${body.visitId}`);
      if (v.rows.length === 0) throw fail('not_found', 'body.visitId');
    }
    const r = await tx.execute<{
      id: number;
    }>(sql`INSERT INTO clue_transfers (summary, unit_id, visit_id, status,
        created_by, created_at, updated_at)
      VALUES (${body.summary}, ${body.unitId}, ${body.visitId}, 'draft', ${c.actor.id}, ${c.now}, ${c.now})
      RETURNING id`);
    const id = r.rows[0]!.id;
    if (body.problemIds.length)
      await tx.execute(sql`INSERT INTO clue_transfer_problems (clue_id, problem_id)
        SELECT ${id}, unnest(${intArray(body.problemIds)})`);
    await recordChange(tx, c, 'clue_transfer', 'clue.create', id, null, {
      unitId: body.unitId,
      problemIds: body.problemIds,
      visitId: body.visitId,
    });
    return id;
  });
}

/** One move of a clue: transfer, withdraw, return, accept, conclude (with a disposal). */
export async function moveClue(
  deps: AppDeps,
  c: Call,
  id: number,
  action: ClueAction,
  input: { note?: string; disposal?: ClueDisposal; caseId?: number | null } = {},
): Promise<void> {
  await deps.database.db.transaction(async (tx: Transaction) => {
    const x = await getClue(tx, id, true);
    if (!x || !canSee(c.actor, x)) throw fail('not_found', 'params.id');
    const step = nextClueStatus(x.status, action, rolesOn(c.actor, x));
    if (!step.ok)
      throw fail(step.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', undefined, {
        status: x.status,
      });
    if (input.caseId) {
      const k = await tx.execute(sql`SELECT 1 FROM accountability_cases WHERE id = ${input.caseId}`);
      if (k.rows.length === 0) throw fail('not_found', 'body.caseId');
    }
    const decided = action === 'return' || action === 'accept' || action === 'conclude';
    await tx.execute(sql`UPDATE clue_transfers SET status = ${step.to}, updated_at = ${c.now}
      ${action === 'transfer' ? sql`, transferred_at = ${c.now}, decision_note = NULL` : sql``}
      ${decided ? sql`, decided_by = ${c.actor.id}, decided_at = ${c.now}, decision_note = ${input.note ?? null}` : sql``}
      ${input.disposal ? sql`, disposal = ${input.disposal}` : sql``}
      ${input.caseId ? sql`, case_id = ${input.caseId}` : sql``}
      WHERE id = ${id}`);
    await recordChange(
      tx,
      c,
      'clue_transfer',
      `clue.${action}`,
      id,
      { status: x.status },
      { status: step.to, ...input },
    );
  });
}
