import { sql } from 'drizzle-orm';
import type { TaskDraft } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { intArray, type Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { canSeeTask, insertDrafts, issueLocked, lockVisibleTask, type Call } from '../tasks/tasks.service.ts';

export interface MeetingInput {
  title: string;
  heldOn: string;
  place: string;
  attendeeIds: number[];
  otherAttendees: string;
  notes: string;
  taskIds: number[];
  decisions: { text: string }[];
}

/** 调度会: records a dispatch meeting with its attendees, the tasks discussed and its decisions. */
export async function createMeeting(
  deps: AppDeps,
  c: Call,
  campaignId: number,
  m: MeetingInput,
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    await openCampaignForTasks(tx, campaignId);
    if (m.attendeeIds.length) {
      const found = await tx.execute<{ id: number }>(
        sql`SELECT id FROM people WHERE id = ANY(${intArray(m.attendeeIds)})`,
      );
      const ids = new Set(found.rows.map((r) => r.id));
      const missing = m.attendeeIds.findIndex((id) => !ids.has(id));
      if (missing >= 0) throw fail('not_found', `body.attendeeIds.${missing}`);
    }
    for (const [i, taskId] of m.taskIds.entries()) {
      const r = await tx.execute(
        sql`SELECT 1 FROM tasks WHERE id = ${taskId} AND campaign_id = ${campaignId}`,
      );
      if (r.rows.length === 0 || !(await canSeeTask(tx, c.actor, taskId)))
        throw fail('not_found', `body.taskIds.${i}`);
    }
    const r = await tx.execute<{ id: number }>(sql`INSERT INTO meetings (campaign_id, title, held_on, place,
        other_attendees, notes, created_by, created_at)
      VALUES (${campaignId}, ${m.title}, ${m.heldOn}::date, ${m.place}, ${m.otherAttendees}, ${m.notes},
        ${c.actor.id}, ${c.now}) RETURNING id`);
    const id = r.rows[0]!.id;
    if (m.attendeeIds.length) {
      await tx.execute(sql`INSERT INTO meeting_attendees (meeting_id, person_id)
        SELECT ${id}, unnest(${intArray(m.attendeeIds)})`);
    }
    if (m.taskIds.length) {
      await tx.execute(
        sql`INSERT INTO meeting_tasks (meeting_id, task_id) SELECT ${id}, unnest(${intArray(m.taskIds)})`,
      );
    }
    for (const d of m.decisions) {
      await tx.execute(sql`INSERT INTO meeting_decisions (meeting_id, text) VALUES (${id}, ${d.text})`);
    }
    await recordChange(tx, c, 'meeting', 'meeting.create', id, null, { campaignId, ...m });
    return id;
  });
}

async function meetingRow(db: Tx, id: number) {
  const r = await db.execute<{
    id: number;
    campaignId: number;
    title: string;
    heldOn: string;
    place: string;
    otherAttendees: string;
    notes: string;
  }>(sql`SELECT id, campaign_id AS "campaignId", title, held_on AS "heldOn", place, other_attendees AS "otherAttendees",
      notes FROM meetings WHERE id = ${id}`);
  return r.rows[0];
}

/** One meeting as the office reads it: attendees, tasks discussed, decisions and the tasks they became. */
export async function meetingDetail(db: Tx, id: number) {
  const m = await meetingRow(db, id);
  if (!m) throw fail('not_found', 'params.id');
  const attendees = await db.execute<{
    id: number;
    name: string;
  }>(sql`SELECT p.id, p.name FROM meeting_attendees a
    JOIN people p ON p.id = a.person_id WHERE a.meeting_id = ${id} ORDER BY p.name, p.id`);
  const tasks = await db.execute<{ id: number; code: string; title: string }>(sql`SELECT t.id, t.code, t.title
    FROM meeting_tasks mt JOIN tasks t ON t.id = mt.task_id WHERE mt.meeting_id = ${id} ORDER BY t.code, t.id`);
  const decisions = await db.execute<{ id: number; text: string; taskId: number | null }>(sql`SELECT id, text,
    task_id AS "taskId" FROM meeting_decisions WHERE meeting_id = ${id} ORDER BY id`);
  return { ...m, attendees: attendees.rows, tasks: tasks.rows, decisions: decisions.rows };
}

export async function listMeetings(db: Tx, campaignId: number) {
  const r = await db.execute<{ id: number }>(
    sql`SELECT id FROM meetings WHERE campaign_id = ${campaignId} ORDER BY held_on DESC, id DESC`,
  );
  return Promise.all(r.rows.map((x) => meetingDetail(db, x.id)));
}

/** 议定事项 → 任务 in one step: the decision becomes a task, issued at once, linked both ways. */
export async function decisionToTask(
  deps: AppDeps,
  c: Call & { actor: Actor },
  meetingId: number,
  decisionId: number,
  draft: TaskDraft,
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const m = await meetingRow(tx, meetingId);
    if (!m) throw fail('not_found', 'params.id');
    const d = await tx.execute<{
      taskId: number | null;
    }>(sql`SELECT task_id AS "taskId" FROM meeting_decisions
      WHERE id = ${decisionId} AND meeting_id = ${meetingId} FOR UPDATE`);
    if (!d.rows[0]) throw fail('not_found', 'params.decisionId');
    if (d.rows[0].taskId !== null) throw fail('wrong_state', 'params.decisionId');
    await openCampaignForTasks(tx, m.campaignId);
    const s = await getTaskSettings(tx);
    const [id] = await insertDrafts(tx, c, m.campaignId, [draft], s, { decisionId });
    const { task, facts } = await lockVisibleTask(tx, c.actor, id!);
    await issueLocked(tx, c, task, facts, s);
    await tx.execute(sql`UPDATE meeting_decisions SET task_id = ${id!} WHERE id = ${decisionId}`);
    await recordChange(
      tx,
      c,
      'meeting_decision',
      'meeting_decision.to_task',
      decisionId,
      { taskId: null },
      { taskId: id },
    );
    return id!;
  });
}
