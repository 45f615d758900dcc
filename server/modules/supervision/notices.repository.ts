import { sql, type SQL } from 'drizzle-orm';
import type { NoticeListQuery } from '../../../domain/contracts/supervision.ts';
import type { EscalationObjectKind } from '../../../domain/supervision/escalation-rules.ts';
import type { NoticeLevel } from '../../../domain/supervision/notice-levels.ts';
import type { NoticeStatus } from '../../../domain/supervision/notice-lifecycle.ts';
import { withDates, type Tx } from '../../db/client.ts';

/** One notice with the names it shows. */
export interface NoticeRow extends Record<string, unknown> {
  id: number;
  objectKind: EscalationObjectKind;
  objectId: string;
  dueOn: string;
  campaignId: number | null;
  title: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  leaderId: number | null;
  leaderName: string | null;
  level: NoticeLevel;
  cause: 'schedule' | 'unanswered' | 'manual';
  unansweredNoticeId: number | null;
  skippedLevels: NoticeLevel[];
  workingDaysLate: number;
  note: string;
  raisedBy: number | null;
  raisedByName: string | null;
  raisedOn: string;
  raisedAt: Date;
  answerBy: string;
  status: NoticeStatus;
  answer: string | null;
  answeredBy: number | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  returnCount: number;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  endedAt: Date | null;
  endReason: string | null;
}

const columns = sql`n.id, n.object_kind AS "objectKind", n.object_id AS "objectId",
  to_char(n.due_on, 'YYYY-MM-DD') AS "dueOn", n.campaign_id AS "campaignId", n.title,
  n.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath",
  n.leader_id AS "leaderId", lp.name AS "leaderName", n.level, n.cause,
  n.unanswered_notice_id AS "unansweredNoticeId", n.skipped_levels AS "skippedLevels",
  n.working_days_late AS "workingDaysLate", n.note, n.raised_by AS "raisedBy", rp.name AS "raisedByName",
  to_char(n.raised_on, 'YYYY-MM-DD') AS "raisedOn", n.raised_at AS "raisedAt",
  to_char(n.answer_by, 'YYYY-MM-DD') AS "answerBy", n.status, n.answer, n.answered_by AS "answeredBy",
  ap.name AS "answeredByName", n.answered_at AS "answeredAt", n.return_count AS "returnCount",
  n.decided_by AS "decidedBy", dp.name AS "decidedByName", n.decided_at AS "decidedAt",
  n.decision_note AS "decisionNote", n.ended_at AS "endedAt", n.end_reason AS "endReason"`;

const from = sql`FROM supervision_notices n JOIN units u ON u.id = n.unit_id
  LEFT JOIN people lp ON lp.id = n.leader_id LEFT JOIN people rp ON rp.id = n.raised_by
  LEFT JOIN people ap ON ap.id = n.answered_by LEFT JOIN people dp ON dp.id = n.decided_by`;

const dated = (rows: NoticeRow[]) => withDates(rows, 'raisedAt', 'answeredAt', 'decidedAt', 'endedAt');

/** The list filters as conditions over `n`; `lastWorkingDay` decides which answers are overdue. */
export function noticeFilters(q: Partial<NoticeListQuery>, actorId: number, lastWorkingDay: string): SQL[] {
  const conds: SQL[] = [];
  if (q.for === 'leader') conds.push(sql`n.leader_id = ${actorId}`);
  if (q.live === true) conds.push(sql`n.status IN ('open','answered')`);
  if (q.live === false) conds.push(sql`n.status NOT IN ('open','answered')`);
  if (q.status) conds.push(sql`n.status = ${q.status}`);
  if (q.level) conds.push(sql`n.level = ${q.level}`);
  if (q.objectKind) conds.push(sql`n.object_kind = ${q.objectKind}`);
  if (q.unitId) conds.push(sql`n.unit_id = ${q.unitId}`);
  if (q.campaignId) conds.push(sql`n.campaign_id = ${q.campaignId}`);
  if (q.answerOverdue === true) conds.push(sql`n.status = 'open' AND n.answer_by < ${lastWorkingDay}::date`);
  if (q.answerOverdue === false)
    conds.push(sql`NOT (n.status = 'open' AND n.answer_by < ${lastWorkingDay}::date)`);
  return conds;
}

export async function findNotices(
  db: Tx,
  where: SQL,
  page: { limit: number; offset: number },
): Promise<{ items: NoticeRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.execute<NoticeRow>(
      sql`SELECT ${columns} ${from} WHERE ${where} ORDER BY n.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM supervision_notices n WHERE ${where}`),
  ]);
  return { items: dated(rows.rows), total: count.rows[0]!.n };
}

/** Reads one notice; with `lock`, locks it for a change. */
export async function getNotice(db: Tx, id: number, lock = false): Promise<NoticeRow | undefined> {
  const r = await db.execute<NoticeRow>(
    sql`SELECT ${columns} ${from} WHERE n.id = ${id} ${lock ? sql`FOR UPDATE OF n` : sql``}`,
  );
  return dated(r.rows)[0];
}

/** The notices of one object and due date, locked (the episode a notice raised by hand joins). */
export async function lockEpisode(
  tx: Tx,
  kind: EscalationObjectKind,
  objectId: string,
  dueOn: string,
): Promise<{ id: number; level: NoticeLevel; status: NoticeStatus }[]> {
  const r = await tx.execute<{ id: number; level: NoticeLevel; status: NoticeStatus }>(
    sql`SELECT id, level, status FROM supervision_notices
        WHERE object_kind = ${kind} AND object_id = ${objectId} AND due_on = ${dueOn}::date
        ORDER BY id FOR UPDATE`,
  );
  return r.rows;
}

type NoticeColumn =
  | 'status'
  | 'answer'
  | 'answered_by'
  | 'answered_at'
  | 'return_count'
  | 'decided_by'
  | 'decided_at'
  | 'decision_note'
  | 'ended_at'
  | 'end_reason';

/** Sets the given columns of one notice. */
export async function updateNotice(
  tx: Tx,
  id: number,
  changes: Partial<Record<NoticeColumn, unknown>>,
  now: Date,
): Promise<void> {
  const sets = Object.entries(changes).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
  sets.push(sql`updated_at = ${now}`);
  await tx.execute(sql`UPDATE supervision_notices SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/** Is the person active and holding the leader role somewhere? */
export async function isActiveLeader(db: Tx, personId: number): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM grants g JOIN people p
      ON p.id = g.person_id WHERE g.person_id = ${personId} AND g.role = 'leader' AND p.active) AS ok`);
  return r.rows[0]!.ok;
}
