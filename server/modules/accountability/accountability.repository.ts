import { sql, type SQL } from 'drizzle-orm';
import type { MeasureCode } from '../../../domain/accountability/forms.ts';
import type { Distinction, LeniencyKind } from '../../../domain/accountability/leniency.ts';
import { intArray, withDates, type Tx } from '../../db/client.ts';

// ─── 问责对象 register ─────────────────────────────────────────────────────────

export interface PersonRow extends Record<string, unknown> {
  id: number;
  name: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  post: string;
  personId: number | null;
}

const personColumns = sql`ap.id, ap.name, ap.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath",
  ap.post, ap.person_id AS "personId"`;

export async function insertPerson(
  tx: Tx,
  p: { name: string; unitId: number; post: string; personId: number | null; by: number; now: Date },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO accountability_persons
      (name, unit_id, post, person_id, created_by, created_at)
    VALUES (${p.name}, ${p.unitId}, ${p.post}, ${p.personId}, ${p.by}, ${p.now}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function getPerson(db: Tx, id: number): Promise<PersonRow | undefined> {
  const r = await db.execute<PersonRow>(
    sql`SELECT ${personColumns} FROM accountability_persons ap JOIN units u ON u.id = ap.unit_id WHERE ap.id = ${id}`,
  );
  return r.rows[0];
}

export async function findPersons(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: PersonRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<PersonRow>(sql`SELECT ${personColumns} FROM accountability_persons ap JOIN units u ON u.id = ap.unit_id
      WHERE ${where} ORDER BY ap.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM accountability_persons ap JOIN units u ON u.id = ap.unit_id WHERE ${where}`,
    ),
  ]);
  return { items: rows.rows, total: count.rows[0]!.n };
}

// ─── Cases ────────────────────────────────────────────────────────────────────

export interface CaseRow extends Record<string, unknown> {
  id: number;
  number: string;
  title: string;
  recordCount: number;
  firstDecidedOn: string | null;
  lastDecidedOn: string | null;
  createdAt: Date;
}

const caseColumns = sql`c.id, c.number, c.title, c.created_at AS "createdAt",
  (SELECT count(*)::int FROM accountability_records r WHERE r.case_id = c.id) AS "recordCount",
  (SELECT to_char(min(r.decided_on), 'YYYY-MM-DD') FROM accountability_records r WHERE r.case_id = c.id) AS "firstDecidedOn",
  (SELECT to_char(max(r.decided_on), 'YYYY-MM-DD') FROM accountability_records r WHERE r.case_id = c.id) AS "lastDecidedOn"`;

export async function insertCase(
  tx: Tx,
  c: { number: string; title: string; by: number; now: Date },
): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO accountability_cases (number, title, created_by, created_at)
    VALUES (${c.number}, ${c.title}, ${c.by}, ${c.now}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function getCase(db: Tx, id: number, lock = false): Promise<CaseRow | undefined> {
  const r = await db.execute<CaseRow>(
    sql`SELECT ${caseColumns} FROM accountability_cases c WHERE c.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return withDates(r.rows, 'createdAt')[0];
}

export async function findCases(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: CaseRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<CaseRow>(
      sql`SELECT ${caseColumns} FROM accountability_cases c WHERE ${where} ORDER BY c.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM accountability_cases c WHERE ${where}`),
  ]);
  return { items: withDates(rows.rows, 'createdAt'), total: count.rows[0]!.n };
}

// ─── Records ──────────────────────────────────────────────────────────────────

export interface RecordRow extends Record<string, unknown> {
  id: number;
  caseId: number;
  subjectKind: 'person' | 'unit';
  accountabilityPersonId: number | null;
  personName: string | null;
  unitId: number;
  unitName: string;
  unitPath: string;
  measure: MeasureCode | null;
  form: 1 | 2 | 3 | 4 | null;
  decidedOn: string;
  basisText: string;
  leniencyKind: LeniencyKind | null;
  leniencyDistinctions: Distinction[];
  leniencyReasoning: string | null;
  ordinaryMeasure: MeasureCode | null;
  decisionSealed: string;
  createdBy: number;
  createdByName: string;
  createdAt: Date;
}

const recordColumns = sql`r.id, r.case_id AS "caseId", r.subject_kind AS "subjectKind",
  r.accountability_person_id AS "accountabilityPersonId", ap.name AS "personName",
  r.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath", r.measure, r.form,
  to_char(r.decided_on, 'YYYY-MM-DD') AS "decidedOn", r.basis_text AS "basisText",
  r.leniency_kind AS "leniencyKind", r.leniency_distinctions AS "leniencyDistinctions",
  r.leniency_reasoning AS "leniencyReasoning", r.ordinary_measure AS "ordinaryMeasure",
  r.decision_sealed AS "decisionSealed", r.created_by AS "createdBy", cp.name AS "createdByName",
  r.created_at AS "createdAt"`;

const recordFrom = sql`FROM accountability_records r JOIN units u ON u.id = r.unit_id
  JOIN people cp ON cp.id = r.created_by LEFT JOIN accountability_persons ap ON ap.id = r.accountability_person_id`;

/** Takes the id a new record will have, so its decision text can be sealed to it before the insert. */
export async function nextRecordId(tx: Tx): Promise<number> {
  const r = await tx.execute<{ id: number }>(
    sql`SELECT nextval(pg_get_serial_sequence('accountability_records', 'id'))::int AS id`,
  );
  return r.rows[0]!.id;
}

export interface NewRecord {
  id: number;
  caseId: number;
  subjectKind: 'person' | 'unit';
  accountabilityPersonId: number | null;
  unitId: number;
  measure: MeasureCode | null;
  form: number | null;
  decidedOn: string;
  basisText: string;
  leniencyKind: LeniencyKind | null;
  leniencyDistinctions: readonly Distinction[];
  leniencyReasoning: string | null;
  ordinaryMeasure: MeasureCode | null;
  decisionSealed: string;
  by: number;
  now: Date;
}

export async function insertRecord(tx: Tx, r: NewRecord): Promise<void> {
  await tx.execute(sql`INSERT INTO accountability_records (id, case_id, subject_kind, accountability_person_id,
      unit_id, measure, form, decided_on, basis_text, leniency_kind, leniency_distinctions, leniency_reasoning,
      ordinary_measure, decision_sealed, created_by, created_at)
    VALUES (${r.id}, ${r.caseId}, ${r.subjectKind}, ${r.accountabilityPersonId}, ${r.unitId}, ${r.measure},
      ${r.form}, ${r.decidedOn}::date, ${r.basisText}, ${r.leniencyKind},
      ${sql.param([...r.leniencyDistinctions])}::text[], ${r.leniencyReasoning}, ${r.ordinaryMeasure},
      ${r.decisionSealed}, ${r.by}, ${r.now})`);
}

export async function insertRecordProblems(tx: Tx, recordId: number, problemIds: readonly number[]) {
  if (problemIds.length === 0) return;
  await tx.execute(sql`INSERT INTO accountability_record_problems (record_id, problem_id)
    SELECT ${recordId}, unnest(${intArray(problemIds)})`);
}

export async function getRecord(db: Tx, id: number): Promise<RecordRow | undefined> {
  const r = await db.execute<RecordRow>(sql`SELECT ${recordColumns} ${recordFrom} WHERE r.id = ${id}`);
  return withDates(r.rows, 'createdAt')[0];
}

export async function findRecords(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: RecordRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<RecordRow>(
      sql`SELECT ${recordColumns} ${recordFrom} WHERE ${where} ORDER BY r.decided_on DESC, r.id DESC
          LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM accountability_records r WHERE ${where}`),
  ]);
  return { items: withDates(rows.rows, 'createdAt'), total: count.rows[0]!.n };
}

export async function problemIdsOf(db: Tx, recordIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(recordIds.map((id) => [id, []]));
  if (recordIds.length === 0) return out;
  const r = await db.execute<{ recordId: number; problemId: number }>(sql`SELECT record_id AS "recordId",
      problem_id AS "problemId" FROM accountability_record_problems
     WHERE record_id = ANY(${intArray(recordIds)}) ORDER BY problem_id`);
  for (const x of r.rows) out.get(x.recordId)?.push(x.problemId);
  return out;
}

// ─── Follow-up visits ─────────────────────────────────────────────────────────

export interface FollowUpRow extends Record<string, unknown> {
  id: number;
  accountabilityPersonId: number;
  personName: string;
  unitPath: string;
  recordId: number | null;
  caseId: number | null;
  dueOn: string | null;
  status: 'scheduled' | 'done' | 'cancelled';
  visitedOn: string | null;
  notes: string;
  noEffectOnUse: boolean;
  visitedBy: number | null;
  visitedByName: string | null;
}

const followUpColumns = sql`f.id, f.accountability_person_id AS "accountabilityPersonId", ap.name AS "personName",
  u.path AS "unitPath", f.record_id AS "recordId", f.case_id AS "caseId",
  to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn", f.status, to_char(f.visited_on, 'YYYY-MM-DD') AS "visitedOn",
  f.notes, f.no_effect_on_use AS "noEffectOnUse", f.visited_by AS "visitedBy", vp.name AS "visitedByName"`;

const followUpFrom = sql`FROM accountability_follow_ups f
  JOIN accountability_persons ap ON ap.id = f.accountability_person_id JOIN units u ON u.id = ap.unit_id
  LEFT JOIN people vp ON vp.id = f.visited_by`;

export async function insertFollowUp(
  tx: Tx,
  f: {
    personId: number;
    recordId: number | null;
    caseId: number | null;
    dueOn: string | null;
    visitedOn: string | null;
    notes: string;
    noEffectOnUse: boolean;
    visitedBy: number | null;
    now: Date;
  },
): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO accountability_follow_ups (accountability_person_id,
      record_id, case_id, due_on, status, visited_on, notes, no_effect_on_use, visited_by, created_at, updated_at)
    VALUES (${f.personId}, ${f.recordId}, ${f.caseId}, ${f.dueOn}::date,
      ${f.visitedOn === null ? 'scheduled' : 'done'}, ${f.visitedOn}::date, ${f.notes}, ${f.noEffectOnUse},
      ${f.visitedBy}, ${f.now}, ${f.now}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function followUpsOfRecords(db: Tx, recordIds: readonly number[]): Promise<FollowUpRow[]> {
  if (recordIds.length === 0) return [];
  const r = await db.execute<FollowUpRow>(
    sql`SELECT ${followUpColumns} ${followUpFrom} WHERE f.record_id = ANY(${intArray(recordIds)}) ORDER BY f.due_on, f.id`,
  );
  return r.rows;
}

export async function getFollowUp(db: Tx, id: number, lock = false): Promise<FollowUpRow | undefined> {
  const r = await db.execute<FollowUpRow>(
    sql`SELECT ${followUpColumns} ${followUpFrom} WHERE f.id = ${id} ${lock ? sql`FOR UPDATE OF f` : sql``}`,
  );
  return r.rows[0];
}

export async function findFollowUps(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: FollowUpRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<FollowUpRow>(sql`SELECT ${followUpColumns} ${followUpFrom} WHERE ${where}
      ORDER BY coalesce(f.due_on, f.visited_on), f.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n ${followUpFrom} WHERE ${where}`),
  ]);
  return { items: rows.rows, total: count.rows[0]!.n };
}

export async function recordVisit(
  tx: Tx,
  id: number,
  v: { visitedOn: string; notes: string; noEffectOnUse: boolean; by: number; now: Date },
): Promise<void> {
  await tx.execute(sql`UPDATE accountability_follow_ups SET status = 'done', visited_on = ${v.visitedOn}::date,
      notes = ${v.notes}, no_effect_on_use = ${v.noEffectOnUse}, visited_by = ${v.by}, updated_at = ${v.now}
    WHERE id = ${id}`);
}

// ─── Statistics input ─────────────────────────────────────────────────────────

const within = (column: SQL, from?: string, to?: string): SQL[] => [
  ...(from ? [sql`${column} >= ${from}::date`] : []),
  ...(to ? [sql`${column} <= ${to}::date`] : []),
];

/** The records decided in the period under `scope` (over `r`), with only what statistics read. */
export async function statisticsRecords(db: Tx, scope: SQL, from?: string, to?: string) {
  const r = await db.execute<{
    caseId: number;
    subjectKind: 'person' | 'unit';
    personId: number | null;
    unitId: number;
    measure: MeasureCode | null;
    decidedOn: string;
    leniencyKind: LeniencyKind | null;
  }>(sql`SELECT r.case_id AS "caseId", r.subject_kind AS "subjectKind", r.accountability_person_id AS "personId",
      r.unit_id AS "unitId", r.measure, to_char(r.decided_on, 'YYYY-MM-DD') AS "decidedOn",
      r.leniency_kind AS "leniencyKind"
    FROM accountability_records r WHERE ${sql.join([scope, ...within(sql`r.decided_on`, from, to)], sql` AND `)}`);
  return r.rows;
}

/** The visits made in the period to people whose unit is under `scope` (over `u`). */
export async function statisticsVisits(db: Tx, scope: SQL, from?: string, to?: string) {
  const r = await db.execute<{
    personId: number;
    caseId: number | null;
    visitedOn: string;
    noEffectOnUse: boolean;
  }>(sql`SELECT f.accountability_person_id AS "personId", f.case_id AS "caseId",
      to_char(f.visited_on, 'YYYY-MM-DD') AS "visitedOn", f.no_effect_on_use AS "noEffectOnUse"
    FROM accountability_follow_ups f JOIN accountability_persons ap ON ap.id = f.accountability_person_id
    JOIN units u ON u.id = ap.unit_id
    WHERE ${sql.join([sql`f.status = 'done'`, scope, ...within(sql`f.visited_on`, from, to)], sql` AND `)}`);
  return r.rows;
}
