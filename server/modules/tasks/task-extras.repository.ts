import { sql } from 'drizzle-orm';
import { withDates, type Tx } from '../../db/client.ts';

export interface ChangeRequestRow extends Record<string, unknown> {
  id: number;
  taskId: number;
  kind: 'deadline' | 'target';
  reason: string;
  currentDeadline: string | null;
  currentTargetText: string | null;
  currentTargetValue: number | null;
  proposedDeadline: string | null;
  proposedTargetText: string | null;
  proposedTargetValue: number | null;
  status: 'pending' | 'approved' | 'rejected';
  requestedById: number;
  requestedByName: string;
  requestedAt: Date;
  decidedById: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

const crColumns = sql`cr.id, cr.task_id AS "taskId", cr.kind, cr.reason, cr.current_deadline AS "currentDeadline",
  cr.current_target_text AS "currentTargetText", cr.current_target_value AS "currentTargetValue",
  cr.proposed_deadline AS "proposedDeadline", cr.proposed_target_text AS "proposedTargetText",
  cr.proposed_target_value AS "proposedTargetValue", cr.status, cr.requested_by AS "requestedById",
  rp.name AS "requestedByName", cr.requested_at AS "requestedAt", cr.decided_by AS "decidedById",
  dp.name AS "decidedByName", cr.decided_at AS "decidedAt", cr.decision_note AS "decisionNote"`;
const crFrom = sql`FROM change_requests cr JOIN people rp ON rp.id = cr.requested_by
  LEFT JOIN people dp ON dp.id = cr.decided_by`;

export async function changeRequestsOf(db: Tx, taskId: number): Promise<ChangeRequestRow[]> {
  const r = await db.execute<ChangeRequestRow>(
    sql`SELECT ${crColumns} ${crFrom} WHERE cr.task_id = ${taskId} ORDER BY cr.requested_at DESC, cr.id DESC`,
  );
  return withDates(r.rows, 'requestedAt', 'decidedAt');
}

export async function getChangeRequest(
  db: Tx,
  id: number,
  lock = false,
): Promise<ChangeRequestRow | undefined> {
  const r = await db.execute<ChangeRequestRow>(
    sql`SELECT ${crColumns} ${crFrom} WHERE cr.id = ${id} ${lock ? sql`FOR UPDATE OF cr` : sql``}`,
  );
  return withDates(r.rows, 'requestedAt', 'decidedAt')[0];
}

export async function insertChangeRequest(
  tx: Tx,
  c: {
    taskId: number;
    kind: 'deadline' | 'target';
    reason: string;
    current: { deadline: string; targetText: string; targetValue: number | null };
    proposed: { deadline: string | null; targetText: string | null; targetValue: number | null };
    by: number;
    at: Date;
  },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO change_requests (task_id, kind, reason, current_deadline, current_target_text, current_target_value,
      proposed_deadline, proposed_target_text, proposed_target_value, status, requested_by, requested_at)
    VALUES (${c.taskId}, ${c.kind}, ${c.reason}, ${c.current.deadline}::date, ${c.current.targetText},
      ${c.current.targetValue}, ${c.proposed.deadline}::date, ${c.proposed.targetText}, ${c.proposed.targetValue},
      'pending', ${c.by}, ${c.at})
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function decideChangeRequest(
  tx: Tx,
  id: number,
  d: { status: 'approved' | 'rejected'; by: number; at: Date; note: string },
): Promise<void> {
  await tx.execute(sql`UPDATE change_requests SET status = ${d.status}, decided_by = ${d.by}, decided_at = ${d.at},
    decision_note = ${d.note} WHERE id = ${id}`);
}

export interface InstructionRow extends Record<string, unknown> {
  id: number;
  taskId: number;
  leaderId: number;
  leaderName: string;
  text: string;
  at: Date;
  answer: string | null;
  answeredById: number | null;
  answeredByName: string | null;
  answeredAt: Date | null;
}

const insColumns = sql`i.id, i.task_id AS "taskId", i.leader_id AS "leaderId", l.name AS "leaderName", i.text, i.at,
  i.answer, i.answered_by AS "answeredById", a.name AS "answeredByName", i.answered_at AS "answeredAt"`;
const insFrom = sql`FROM instructions i JOIN people l ON l.id = i.leader_id LEFT JOIN people a ON a.id = i.answered_by`;

export async function instructionsOf(db: Tx, taskId: number): Promise<InstructionRow[]> {
  const r = await db.execute<InstructionRow>(
    sql`SELECT ${insColumns} ${insFrom} WHERE i.task_id = ${taskId} ORDER BY i.at DESC, i.id DESC`,
  );
  return withDates(r.rows, 'at', 'answeredAt');
}

export async function getInstruction(db: Tx, id: number, lock = false): Promise<InstructionRow | undefined> {
  const r = await db.execute<InstructionRow>(
    sql`SELECT ${insColumns} ${insFrom} WHERE i.id = ${id} ${lock ? sql`FOR UPDATE OF i` : sql``}`,
  );
  return withDates(r.rows, 'at', 'answeredAt')[0];
}

export async function insertInstruction(
  tx: Tx,
  i: { taskId: number; leaderId: number; text: string; at: Date },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO instructions (task_id, leader_id, text, at)
    VALUES (${i.taskId}, ${i.leaderId}, ${i.text}, ${i.at}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function answerInstruction(
  tx: Tx,
  id: number,
  a: { answer: string; by: number; at: Date },
): Promise<void> {
  await tx.execute(sql`UPDATE instructions SET answer = ${a.answer}, answered_by = ${a.by}, answered_at = ${a.at}
    WHERE id = ${id}`);
}
