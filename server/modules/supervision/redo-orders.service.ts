import { sql, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import { fail } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/roles.ts';
import {
  nextRedoStatus,
  type RedoAction,
  type RedoStatus,
  type RedoSubject,
} from '../../../domain/supervision/redo-order.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { canSeeProblem } from '../problems/problems.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import { isActiveLeader } from './notices.repository.ts';
import type { Call } from './notices.service.ts';

/**
 * 返工整改 / 责令重新检视: the office orders a unit, or a leader of it, to
 * re-inspect itself. The order opens a self-inspection: the unit records what
 * it finds as problems under a source units may use (自查自纠) through the
 * problems API, then submits its report with those problems; the office or an
 * inspector accepts it or sends it back (the return count is kept).
 */

interface OrderRow extends Record<string, unknown> {
  id: number;
  subjectKind: 'unit' | 'leader';
  unitId: number;
  unitName: string;
  unitPath: string;
  personId: number | null;
  personName: string | null;
  roundId: number | null;
  reason: string;
  issuedOn: string;
  dueOn: string;
  status: RedoStatus;
  returnCount: number;
  report: string | null;
  submittedBy: number | null;
  submittedByName: string | null;
  submittedAt: Date | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  issuedBy: number;
  issuedByName: string;
  basisProblemIds: number[];
  foundProblemIds: number[];
}

const columns = sql`o.id, o.subject_kind AS "subjectKind", o.unit_id AS "unitId", u.name AS "unitName",
  u.path AS "unitPath", o.person_id AS "personId", pp.name AS "personName", o.round_id AS "roundId", o.reason,
  to_char(o.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(o.due_on, 'YYYY-MM-DD') AS "dueOn", o.status,
  o.return_count AS "returnCount", o.report, o.submitted_by AS "submittedBy", sp.name AS "submittedByName",
  o.submitted_at AS "submittedAt", o.decided_by AS "decidedBy", dp.name AS "decidedByName",
  o.decided_at AS "decidedAt", o.decision_note AS "decisionNote", o.issued_by AS "issuedBy",
  ip.name AS "issuedByName",
  ARRAY(SELECT problem_id FROM redo_order_problems x WHERE x.order_id = o.id AND x.role = 'basis' ORDER BY 1)
    AS "basisProblemIds",
  ARRAY(SELECT problem_id FROM redo_order_problems x WHERE x.order_id = o.id AND x.role = 'found' ORDER BY 1)
    AS "foundProblemIds"`;

const from = sql`FROM redo_orders o JOIN units u ON u.id = o.unit_id JOIN people ip ON ip.id = o.issued_by
  LEFT JOIN people pp ON pp.id = o.person_id LEFT JOIN people sp ON sp.id = o.submitted_by
  LEFT JOIN people dp ON dp.id = o.decided_by`;

const readers: readonly Role[] = ['office', 'inspector', 'liaison', 'head', 'discipline'];

/** Orders on units in the caller's scope, and orders naming the caller as the leader ordered. */
function visibleOrders(actor: Actor): SQL {
  return sql`(${unitColumnInScope(sql`o.unit_id`, scopeOf(actor, readers))} OR o.person_id = ${actor.id})`;
}

function rolesOn(actor: Actor, o: Pick<OrderRow, 'unitPath'>): Role[] {
  const held = (['office', 'inspector', 'liaison', 'head'] as const).filter((r) =>
    inScope(scopeOf(actor, [r]), o.unitPath),
  ) as Role[];
  if (actor.roles.some((g) => g.role === 'leader')) held.push('leader');
  return held;
}

const subjectOf = (o: OrderRow): RedoSubject =>
  o.subjectKind === 'leader'
    ? { kind: 'leader', personId: o.personId!, unitId: o.unitId }
    : { kind: 'unit', unitId: o.unitId };

const step = (actor: Actor, o: OrderRow, a: RedoAction) =>
  nextRedoStatus(o.status, a, rolesOn(actor, o), subjectOf(o), actor.id);

async function selfInspectionSource(db: Tx): Promise<number> {
  const r = await db.execute<{ id: number }>(
    sql`SELECT id FROM problem_sources WHERE unit_may_record AND active ORDER BY (code = 'self_inspection') DESC, id LIMIT 1`,
  );
  return r.rows[0]?.id ?? 0;
}

function present(actor: Actor, o: OrderRow, sourceId: number) {
  const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
  return {
    id: o.id,
    subject: {
      kind: o.subjectKind,
      unit: { id: o.unitId, name: o.unitName },
      person: ref(o.personId, o.personName),
    },
    roundId: o.roundId,
    reason: o.reason,
    issuedOn: o.issuedOn,
    dueOn: o.dueOn,
    status: o.status,
    returnCount: o.returnCount,
    report: o.report,
    submittedBy: ref(o.submittedBy, o.submittedByName),
    submittedAt: o.submittedAt?.toISOString() ?? null,
    decidedBy: ref(o.decidedBy, o.decidedByName),
    decidedAt: o.decidedAt?.toISOString() ?? null,
    decisionNote: o.decisionNote,
    issuedBy: { id: o.issuedBy, name: o.issuedByName },
    basisProblemIds: o.basisProblemIds,
    foundProblemIds: o.foundProblemIds,
    selfInspection: { sourceId, from: o.issuedOn, open: o.status === 'issued' },
    abilities: {
      submit: step(actor, o, 'submit').ok,
      accept: step(actor, o, 'accept').ok,
      sendBack: step(actor, o, 'send_back').ok,
      cancel: step(actor, o, 'cancel').ok,
    },
  };
}

const dated = (rows: OrderRow[]) => withDates(rows, 'submittedAt', 'decidedAt');

async function getOrder(db: Tx, actor: Actor, id: number, lock = false): Promise<OrderRow> {
  const r = await db.execute<OrderRow>(sql`SELECT ${columns} ${from}
    WHERE o.id = ${id} AND ${visibleOrders(actor)} ${lock ? sql`FOR UPDATE OF o` : sql``}`);
  const o = dated(r.rows)[0];
  if (!o) throw fail('not_found', 'params.id');
  return o;
}

export async function redoDetail(db: Tx, actor: Actor, id: number) {
  return present(actor, await getOrder(db, actor, id), await selfInspectionSource(db));
}

export async function listRedoOrders(
  db: Tx,
  actor: Actor,
  q: { status?: string | undefined; unitId?: number | undefined; limit: number; offset: number },
) {
  const conds = [visibleOrders(actor)];
  if (q.status) conds.push(sql`o.status = ${q.status}`);
  if (q.unitId) conds.push(sql`o.unit_id = ${q.unitId}`);
  const where = sql.join(conds, sql` AND `);
  const [rows, count, sourceId] = await Promise.all([
    db.execute<OrderRow>(
      sql`SELECT ${columns} ${from} WHERE ${where} ORDER BY o.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM redo_orders o WHERE ${where}`),
    selfInspectionSource(db),
  ]);
  return { items: dated(rows.rows).map((o) => present(actor, o, sourceId)), total: count.rows[0]!.n };
}

/** 责令重新检视: the office orders a unit in its scope, or one of its leaders, to re-inspect itself. */
export async function issueRedoOrder(
  deps: AppDeps,
  c: Call,
  body: {
    subject: { kind: 'unit'; unitId: number } | { kind: 'leader'; personId: number };
    reason: string;
    dueOn: string;
    roundId: number | null;
    basisProblemIds: number[];
  },
): Promise<number> {
  const today = shanghaiDate(c.now);
  return deps.database.db.transaction(async (tx) => {
    let unitId: number;
    let personId: number | null = null;
    if (body.subject.kind === 'leader') {
      const p = await tx.execute<{ unitId: number }>(
        sql`SELECT unit_id AS "unitId" FROM people WHERE id = ${body.subject.personId}`,
      );
      if (!p.rows[0]) throw fail('not_found', 'body.subject.personId');
      if (!(await isActiveLeader(tx, body.subject.personId)))
        throw fail('not_a_leader', 'body.subject.personId');
      unitId = p.rows[0].unitId;
      personId = body.subject.personId;
    } else unitId = body.subject.unitId;
    const unit = (await unitsByIds(tx, [unitId])).get(unitId);
    const field = body.subject.kind === 'leader' ? 'body.subject.personId' : 'body.subject.unitId';
    if (!unit || !inScope(scopeOf(c.actor, ['office']), unit.path)) throw fail('not_found', field);
    if (!unit.active) throw fail('unit_inactive', field);
    if (body.dueOn <= today) throw fail('validation_failed', 'body.dueOn', { today });
    if (body.roundId !== null) {
      const r = await tx.execute(sql`SELECT 1 FROM inspection_rounds WHERE id = ${body.roundId}`);
      if (r.rows.length === 0) throw fail('not_found', 'body.roundId');
    }
    for (const [i, pid] of body.basisProblemIds.entries())
      if (!(await canSeeProblem(tx, c.actor, pid))) throw fail('not_found', `body.basisProblemIds.${i}`);
    const r = await tx.execute<{ id: number }>(sql`INSERT INTO redo_orders (subject_kind, unit_id, person_id,
        round_id, reason, issued_on, due_on, status, issued_by, issued_at, updated_at)
      VALUES (${body.subject.kind}, ${unitId}, ${personId}, ${body.roundId}, ${body.reason}, ${today}::date,
        ${body.dueOn}::date, 'issued', ${c.actor.id}, ${c.now}, ${c.now}) RETURNING id`);
    const id = r.rows[0]!.id;
    if (body.basisProblemIds.length)
      await tx.execute(sql`INSERT INTO redo_order_problems (order_id, problem_id, role)
        SELECT ${id}, unnest(${intArray(body.basisProblemIds)}), 'basis'`);
    await recordChange(tx, c, 'redo_order', 'redo.issue', id, null, { ...body, unitId, issuedOn: today });
    return id;
  });
}

/**
 * 提交自查报告: the unit (or the leader ordered) submits its report and the
 * self-inspection problems it recorded since the order: each must be the
 * unit's (or below it), of a source units may record, found on or after the
 * day of the order (409 `problem_not_self_inspection` on the offending one).
 */
export async function submitRedo(
  deps: AppDeps,
  c: Call,
  id: number,
  body: { report: string; problemIds: number[] },
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const o = await getOrder(tx, c.actor, id, true);
    const s = step(c.actor, o, 'submit');
    if (!s.ok)
      throw fail(s.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', undefined, { status: o.status });
    if (body.problemIds.length) {
      const r = await tx.execute<{ id: number; ok: boolean }>(sql`SELECT p.id,
          (ps.unit_may_record AND p.found_on >= ${o.issuedOn}::date AND u.path LIKE ${o.unitPath + '%'}) AS ok
        FROM problems p JOIN problem_sources ps ON ps.id = p.source_id JOIN units u ON u.id = p.unit_id
        WHERE p.id = ANY(${intArray(body.problemIds)})`);
      const ok = new Map(r.rows.map((x) => [x.id, x.ok]));
      for (const [i, pid] of body.problemIds.entries()) {
        if (!ok.has(pid) || !(await canSeeProblem(tx, c.actor, pid)))
          throw fail('not_found', `body.problemIds.${i}`);
        if (!ok.get(pid)) throw fail('problem_not_self_inspection', `body.problemIds.${i}`);
      }
    }
    await tx.execute(sql`DELETE FROM redo_order_problems WHERE order_id = ${id} AND role = 'found'`);
    if (body.problemIds.length)
      await tx.execute(sql`INSERT INTO redo_order_problems (order_id, problem_id, role)
        SELECT ${id}, unnest(${intArray(body.problemIds)}), 'found'`);
    await tx.execute(sql`UPDATE redo_orders SET status = ${s.to}, report = ${body.report},
        submitted_by = ${c.actor.id}, submitted_at = ${c.now}, updated_at = ${c.now} WHERE id = ${id}`);
    await recordChange(
      tx,
      c,
      'redo_order',
      'redo.submit',
      id,
      { status: o.status },
      { status: s.to, ...body },
    );
  });
}

/** 验收 / 退回重改 / 撤销 by the office or an inspector (cancel: the office). */
export async function decideRedo(
  deps: AppDeps,
  c: Call,
  id: number,
  action: 'accept' | 'send_back' | 'cancel',
  note: string,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const o = await getOrder(tx, c.actor, id, true);
    const s = step(c.actor, o, action);
    if (!s.ok)
      throw fail(s.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', undefined, { status: o.status });
    const returnCount = action === 'send_back' ? o.returnCount + 1 : o.returnCount;
    await tx.execute(sql`UPDATE redo_orders SET status = ${s.to}, return_count = ${returnCount},
        decided_by = ${c.actor.id}, decided_at = ${c.now}, decision_note = ${note || null}, updated_at = ${c.now}
      WHERE id = ${id}`);
    await recordChange(
      tx,
      c,
      'redo_order',
      `redo.${action}`,
      id,
      { status: o.status, returnCount: o.returnCount },
      { status: s.to, returnCount, note },
    );
  });
}
