import { sql, type SQL } from 'drizzle-orm';
import { followUpDates, needsFollowUp } from '../../../domain/accountability/follow-up.ts';
import { formOf, measures } from '../../../domain/accountability/forms.ts';
import { leniencyLabels } from '../../../domain/accountability/leniency.ts';
import {
  validateAccountabilityRecord,
  type AccountabilityRecord,
} from '../../../domain/accountability/record.ts';
import { accountabilityStatistics } from '../../../domain/accountability/statistics.ts';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { RecordBody } from '../../../domain/contracts/accountability.ts';
import { fail, invalid } from '../../../domain/errors.ts';
import type { Sm4Keys } from '../../config.ts';
import type { AppDeps } from '../../deps.ts';
import type { Transaction, Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { Sm4DecryptError, sm4Open, sm4Seal } from '../../lib/sm4.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { canSeeProblem } from '../problems/problems.service.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import * as repo from './accountability.repository.ts';

export type Call = CallContext & { actor: Actor };

/** The discipline role's unit scope: a district commission sees the district, a town's its town. */
const scope = (actor: Actor) => scopeOf(actor, ['discipline']);
const inDisciplineScope = (actor: Actor, column: SQL) => unitColumnInScope(column, scope(actor));

/** The associated data a decision text is sealed with: it opens only on its own record. */
const aad = (recordId: number) => `accountability_record:${recordId}`;

function keys(deps: AppDeps): Sm4Keys {
  if (!deps.config.sm4) throw fail('not_ready');
  return deps.config.sm4;
}

/**
 * Runs a read of accountability data and audits it in one transaction: the
 * data is returned only if the audit entry is written (每次查阅留痕).
 */
async function auditedRead<T>(
  deps: AppDeps,
  c: Call,
  objectType: string,
  objectId: number | null,
  what: Record<string, unknown>,
  read: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const result = await read(tx);
    await recordChange(tx, c, objectType, 'accountability.read', objectId, null, what);
    return result;
  });
}

// ─── Register of persons ──────────────────────────────────────────────────────

/** Checks a unit for accountability: it exists and lies in the discipline scope; else 404 on `field`. */
async function checkUnit(tx: Tx, actor: Actor, unitId: number, field: string) {
  const unit = (await unitsByIds(tx, [unitId])).get(unitId);
  if (!unit || !inScope(scope(actor), unit.path)) throw fail('not_found', field);
  return unit;
}

const presentPerson = (p: repo.PersonRow) => ({
  id: p.id,
  name: p.name,
  unit: { id: p.unitId, name: p.unitName },
  post: p.post,
  personId: p.personId,
});

/** 登记问责对象: a person the commission deals with, with or without a Luoshi account. */
export async function createPerson(
  deps: AppDeps,
  c: Call,
  body: { name: string; unitId: number; post: string; personId: number | null },
) {
  return deps.database.db.transaction(async (tx) => {
    await checkUnit(tx, c.actor, body.unitId, 'body.unitId');
    if (body.personId !== null) {
      const p = await tx.execute<{ id: number; registered: number | null }>(sql`SELECT p.id,
          (SELECT ap.id FROM accountability_persons ap WHERE ap.person_id = p.id) AS registered
        FROM people p WHERE p.id = ${body.personId}`);
      if (!p.rows[0]) throw fail('not_found', 'body.personId');
      if (p.rows[0].registered !== null)
        throw fail('validation_failed', 'body.personId', { registeredAs: p.rows[0].registered });
    }
    const id = await repo.insertPerson(tx, { ...body, by: c.actor.id, now: c.now });
    await recordChange(tx, c, 'accountability_person', 'accountability.person_create', id, null, {
      unitId: body.unitId,
      personId: body.personId,
    });
    return presentPerson((await repo.getPerson(tx, id))!);
  });
}

export async function listPersons(
  deps: AppDeps,
  c: Call,
  q: { q?: string | undefined; unitId?: number | undefined; limit: number; offset: number },
) {
  const conds = [inDisciplineScope(c.actor, sql`ap.unit_id`)];
  if (q.unitId) conds.push(sql`ap.unit_id = ${q.unitId}`);
  if (q.q) conds.push(sql`ap.name ILIKE ${'%' + q.q.replace(/[\\%_]/g, '\\$&') + '%'}`);
  return auditedRead(deps, c, 'accountability_person', null, { list: 'persons', query: q }, async (tx) => {
    const r = await repo.findPersons(tx, sql.join(conds, sql` AND `), q);
    return { items: r.items.map(presentPerson), total: r.total };
  });
}

// ─── Cases and records ────────────────────────────────────────────────────────

/** 问责案件 */
export async function createCase(deps: AppDeps, c: Call, body: { number: string; title: string }) {
  return deps.database.db.transaction(async (tx) => {
    const id = await repo.insertCase(tx, { ...body, by: c.actor.id, now: c.now });
    await recordChange(tx, c, 'accountability_case', 'accountability.case_create', id, null, {
      number: body.number,
    });
    return id;
  });
}

const presentCase = (x: repo.CaseRow) => ({
  id: x.id,
  number: x.number,
  title: x.title,
  recordCount: x.recordCount,
  firstDecidedOn: x.firstDecidedOn,
  lastDecidedOn: x.lastDecidedOn,
  createdAt: x.createdAt.toISOString(),
});

export async function listCases(
  deps: AppDeps,
  c: Call,
  q: { from?: string | undefined; to?: string | undefined; limit: number; offset: number },
) {
  const conds: SQL[] = [sql`true`];
  if (q.from || q.to)
    conds.push(sql`EXISTS (SELECT 1 FROM accountability_records r WHERE r.case_id = c.id
      ${q.from ? sql`AND r.decided_on >= ${q.from}::date` : sql``} ${q.to ? sql`AND r.decided_on <= ${q.to}::date` : sql``})`);
  return auditedRead(deps, c, 'accountability_case', null, { list: 'cases', query: q }, async (tx) => {
    const r = await repo.findCases(tx, sql.join(conds, sql` AND `), q);
    return { items: r.items.map(presentCase), total: r.total };
  });
}

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

function presentFollowUp(f: repo.FollowUpRow) {
  return {
    id: f.id,
    person: { id: f.accountabilityPersonId, name: f.personName },
    recordId: f.recordId,
    caseId: f.caseId,
    dueOn: f.dueOn,
    status: f.status,
    visitedOn: f.visitedOn,
    notes: f.notes,
    noEffectOnUse: f.noEffectOnUse,
    visitedBy: ref(f.visitedBy, f.visitedByName),
  };
}

function presentRecord(r: repo.RecordRow, problemIds: number[]) {
  return {
    id: r.id,
    caseId: r.caseId,
    subject: {
      kind: r.subjectKind,
      person: ref(r.accountabilityPersonId, r.personName),
      unit: { id: r.unitId, name: r.unitName },
    },
    measure: r.measure,
    measureLabel: r.measure ? { zh: measures[r.measure].zh, en: measures[r.measure].en } : null,
    form: r.form,
    decidedOn: r.decidedOn,
    basisProblemIds: problemIds,
    basisText: r.basisText,
    leniency: r.leniencyKind
      ? {
          kind: r.leniencyKind,
          label: leniencyLabels[r.leniencyKind],
          distinctions: r.leniencyDistinctions,
          reasoning: r.leniencyReasoning ?? '',
          ordinaryMeasure: r.ordinaryMeasure,
        }
      : null,
    createdBy: { id: r.createdBy, name: r.createdByName },
    createdAt: r.createdAt.toISOString(),
  };
}

/** Opens a decision text with the configured keys; a text that cannot be opened says why. */
function openDecision(k: Sm4Keys, r: repo.RecordRow) {
  try {
    return { decisionText: sm4Open(r.decisionSealed, k.all, aad(r.id)), decisionUnreadable: null };
  } catch (e) {
    if (e instanceof Sm4DecryptError) return { decisionText: null, decisionUnreadable: e.reason };
    return { decisionText: null, decisionUnreadable: 'authentication_failed' as const };
  }
}

async function recordDetails(tx: Tx, k: Sm4Keys, rows: readonly repo.RecordRow[]) {
  const ids = rows.map((r) => r.id);
  const [problems, followUps] = await Promise.all([
    repo.problemIdsOf(tx, ids),
    repo.followUpsOfRecords(tx, ids),
  ]);
  return rows.map((r) => ({
    ...presentRecord(r, problems.get(r.id) ?? []),
    ...openDecision(k, r),
    followUps: followUps.filter((f) => f.recordId === r.id).map(presentFollowUp),
  }));
}

/** A case with its records, decision texts decrypted; every read audited. */
export async function caseDetail(deps: AppDeps, c: Call, id: number) {
  const k = keys(deps);
  return auditedRead(deps, c, 'accountability_case', id, { read: 'case' }, async (tx) => {
    const x = await repo.getCase(tx, id);
    if (!x) throw fail('not_found', 'params.id');
    const rows = await repo.findRecords(
      tx,
      sql`r.case_id = ${id} AND ${inDisciplineScope(c.actor, sql`r.unit_id`)}`,
      { limit: 500, offset: 0 },
    );
    return { ...presentCase(x), records: await recordDetails(tx, k, rows.items) };
  });
}

/** One record with its decision text (decrypted for the discipline role only); every read audited. */
export async function recordDetail(deps: AppDeps, c: Call, id: number) {
  const k = keys(deps);
  return auditedRead(deps, c, 'accountability_record', id, { read: 'record' }, async (tx) => {
    const r = await repo.getRecord(tx, id);
    if (!r || !inScope(scope(c.actor), r.unitPath)) throw fail('not_found', 'params.id');
    return (await recordDetails(tx, k, [r]))[0]!;
  });
}

export interface RecordListQuery {
  caseId?: number | undefined;
  accountabilityPersonId?: number | undefined;
  unitId?: number | undefined;
  form?: number | undefined;
  leniency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** Records (without decision texts), newest decision first; every read audited with the ids it returned. */
export async function listRecords(deps: AppDeps, c: Call, q: RecordListQuery) {
  const conds = [inDisciplineScope(c.actor, sql`r.unit_id`)];
  if (q.caseId) conds.push(sql`r.case_id = ${q.caseId}`);
  if (q.accountabilityPersonId) conds.push(sql`r.accountability_person_id = ${q.accountabilityPersonId}`);
  if (q.unitId) conds.push(sql`r.unit_id = ${q.unitId}`);
  if (q.form) conds.push(sql`r.form = ${q.form}`);
  if (q.leniency) conds.push(sql`r.leniency_kind = ${q.leniency}`);
  if (q.from) conds.push(sql`r.decided_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`r.decided_on <= ${q.to}::date`);
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findRecords(tx, sql.join(conds, sql` AND `), q);
    const problems = await repo.problemIdsOf(
      tx,
      r.items.map((x) => x.id),
    );
    await recordChange(tx, c, 'accountability_record', 'accountability.read', null, null, {
      list: 'records',
      query: q,
      ids: r.items.map((x) => x.id),
    });
    return { items: r.items.map((x) => presentRecord(x, problems.get(x.id) ?? [])), total: r.total };
  });
}

/**
 * 录入问责记录: one subject's outcome in a case. Checked by
 * domain/accountability (a basis, a measure that fits the subject, leniency
 * under the three distinctions with its reasoning); the decision text is
 * sealed with SM4 to the record's id before it reaches the database; the
 * follow-up visits the policy calls for (3 and 6 months after a sanction)
 * are scheduled in the same transaction.
 */
export async function addRecord(deps: AppDeps, c: Call, caseId: number, body: RecordBody): Promise<number> {
  const k = keys(deps);
  const today = shanghaiDate(c.now);
  return deps.database.db.transaction(async (tx) => {
    if (!(await repo.getCase(tx, caseId, true))) throw fail('not_found', 'params.id');
    let subject: AccountabilityRecord['subject'];
    if (body.subject.kind === 'person') {
      const p = await repo.getPerson(tx, body.subject.accountabilityPersonId);
      if (!p || !inScope(scope(c.actor), p.unitPath))
        throw fail('not_found', 'body.subject.accountabilityPersonId');
      subject = { kind: 'person', personId: p.id, unitId: p.unitId };
    } else {
      await checkUnit(tx, c.actor, body.subject.unitId, 'body.subject.unitId');
      subject = { kind: 'unit', unitId: body.subject.unitId };
    }
    for (const [i, pid] of body.basisProblemIds.entries())
      if (!(await canSeeProblem(tx, c.actor, pid))) throw fail('not_found', `body.basisProblemIds.${i}`);
    if (body.decidedOn > today) throw fail('validation_failed', 'body.decidedOn', { today });
    const record: AccountabilityRecord = {
      caseId,
      subject,
      basisProblemIds: body.basisProblemIds,
      basisText: body.basisText,
      measure: body.measure,
      decidedOn: body.decidedOn,
      leniency: body.leniency,
    };
    const issues = validateAccountabilityRecord(record);
    if (issues.length > 0)
      throw invalid(issues.map((i) => ({ field: `body.${i.field}`, code: i.code, message: i.message })));
    const id = await repo.nextRecordId(tx);
    await repo.insertRecord(tx, {
      id,
      caseId,
      subjectKind: subject.kind,
      accountabilityPersonId: subject.kind === 'person' ? subject.personId : null,
      unitId: subject.unitId,
      measure: body.measure,
      form: body.measure ? formOf(body.measure) : null,
      decidedOn: body.decidedOn,
      basisText: body.basisText,
      leniencyKind: body.leniency?.kind ?? null,
      leniencyDistinctions: body.leniency?.distinctions ?? [],
      leniencyReasoning: body.leniency?.reasoning ?? null,
      ordinaryMeasure: body.leniency?.ordinaryMeasure ?? null,
      decisionSealed: sm4Seal(body.decisionText, k.current, aad(id)),
      by: c.actor.id,
      now: c.now,
    });
    await repo.insertRecordProblems(tx, id, body.basisProblemIds);
    const visits = subject.kind === 'person' && needsFollowUp(record) ? followUpDates(body.decidedOn) : [];
    for (const dueOn of visits)
      await repo.insertFollowUp(tx, {
        personId: subject.kind === 'person' ? subject.personId : 0,
        recordId: id,
        caseId,
        dueOn,
        visitedOn: null,
        notes: '',
        noEffectOnUse: false,
        visitedBy: null,
        now: c.now,
      });
    // The audit entry names what was decided, never the decision text or the reasoning.
    await recordChange(tx, c, 'accountability_record', 'accountability.record_create', id, null, {
      caseId,
      subject,
      measure: body.measure,
      decidedOn: body.decidedOn,
      leniency: body.leniency ? { kind: body.leniency.kind, distinctions: body.leniency.distinctions } : null,
      basisProblemIds: body.basisProblemIds,
      followUps: visits,
      decisionSealedWith: k.current.id,
    });
    return id;
  });
}

// ─── Follow-up visits ─────────────────────────────────────────────────────────

export async function listFollowUps(
  deps: AppDeps,
  c: Call,
  q: {
    status?: string | undefined;
    dueBefore?: string | undefined;
    accountabilityPersonId?: number | undefined;
    limit: number;
    offset: number;
  },
) {
  const conds = [inDisciplineScope(c.actor, sql`ap.unit_id`)];
  if (q.status) conds.push(sql`f.status = ${q.status}`);
  if (q.dueBefore) conds.push(sql`f.due_on <= ${q.dueBefore}::date`);
  if (q.accountabilityPersonId) conds.push(sql`f.accountability_person_id = ${q.accountabilityPersonId}`);
  return auditedRead(
    deps,
    c,
    'accountability_follow_up',
    null,
    { list: 'follow_ups', query: q },
    async (tx) => {
      const r = await repo.findFollowUps(tx, sql.join(conds, sql` AND `), q);
      return { items: r.items.map(presentFollowUp), total: r.total };
    },
  );
}

/** 回访: records a scheduled visit as made, with the opinion "不影响使用" where given. */
export async function recordFollowUp(
  deps: AppDeps,
  c: Call,
  id: number,
  v: { visitedOn: string; notes: string; noEffectOnUse: boolean },
) {
  return deps.database.db.transaction(async (tx) => {
    const f = await repo.getFollowUp(tx, id, true);
    if (!f || !inScope(scope(c.actor), f.unitPath)) throw fail('not_found', 'params.id');
    if (f.status !== 'scheduled') throw fail('wrong_state', undefined, { status: f.status });
    if (v.visitedOn > shanghaiDate(c.now)) throw fail('validation_failed', 'body.visitedOn');
    await repo.recordVisit(tx, id, { ...v, by: c.actor.id, now: c.now });
    await recordChange(
      tx,
      c,
      'accountability_follow_up',
      'accountability.visit',
      id,
      { status: f.status },
      { status: 'done', visitedOn: v.visitedOn, noEffectOnUse: v.noEffectOnUse },
    );
    return presentFollowUp((await repo.getFollowUp(tx, id))!);
  });
}

/** A visit made without a schedule: to a person sanctioned before Luoshi, or an extra visit. */
export async function addVisit(
  deps: AppDeps,
  c: Call,
  v: {
    accountabilityPersonId: number;
    caseId: number | null;
    visitedOn: string;
    notes: string;
    noEffectOnUse: boolean;
  },
) {
  return deps.database.db.transaction(async (tx) => {
    const p = await repo.getPerson(tx, v.accountabilityPersonId);
    if (!p || !inScope(scope(c.actor), p.unitPath)) throw fail('not_found', 'body.accountabilityPersonId');
    if (v.caseId !== null && !(await repo.getCase(tx, v.caseId))) throw fail('not_found', 'body.caseId');
    if (v.visitedOn > shanghaiDate(c.now)) throw fail('validation_failed', 'body.visitedOn');
    const id = await repo.insertFollowUp(tx, {
      personId: p.id,
      recordId: null,
      caseId: v.caseId,
      dueOn: null,
      visitedOn: v.visitedOn,
      notes: v.notes,
      noEffectOnUse: v.noEffectOnUse,
      visitedBy: c.actor.id,
      now: c.now,
    });
    await recordChange(tx, c, 'accountability_follow_up', 'accountability.visit', id, null, {
      accountabilityPersonId: p.id,
      caseId: v.caseId,
      visitedOn: v.visitedOn,
      noEffectOnUse: v.noEffectOnUse,
    });
    return presentFollowUp((await repo.getFollowUp(tx, id))!);
  });
}

// ─── Statistics ───────────────────────────────────────────────────────────────

/**
 * 问责统计 over a period, by domain/accountability's `accountabilityStatistics`
 * (cases, people, by form, lenient, visited, opinions), on the records and
 * visits the database selects for the period and the caller's scope. Only
 * the few columns statistics read leave the database; the decision texts
 * never do. Audited like every read.
 */
export async function statistics(
  deps: AppDeps,
  c: Call,
  q: { from?: string | undefined; to?: string | undefined },
) {
  return auditedRead(deps, c, 'accountability_statistics', null, { query: q }, async (tx) => {
    const [records, visits] = await Promise.all([
      repo.statisticsRecords(tx, inDisciplineScope(c.actor, sql`r.unit_id`), q.from, q.to),
      repo.statisticsVisits(tx, inDisciplineScope(c.actor, sql`u.id`), q.from, q.to),
    ]);
    const s = accountabilityStatistics(
      records.map((r) => ({
        caseId: r.caseId,
        subject:
          r.subjectKind === 'person'
            ? { kind: 'person' as const, personId: r.personId!, unitId: r.unitId }
            : { kind: 'unit' as const, unitId: r.unitId },
        basisProblemIds: [],
        measure: r.measure,
        decidedOn: r.decidedOn,
        leniency: r.leniencyKind ? { kind: r.leniencyKind, distinctions: [], reasoning: '' } : null,
      })),
      visits.map((v) => ({
        personId: v.personId,
        caseId: v.caseId,
        visitedOn: v.visitedOn,
        noEffectOnUseOpinion: v.noEffectOnUse,
      })),
    );
    return { from: q.from ?? null, to: q.to ?? null, ...s };
  });
}
