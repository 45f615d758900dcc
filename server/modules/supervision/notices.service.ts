import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate, type IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import type { WorkCalendar } from '../../../domain/calendar/working-days.ts';
import type { NoticeBody, NoticeListQuery } from '../../../domain/contracts/supervision.ts';
import { fail } from '../../../domain/errors.ts';
import {
  answerByDate,
  answerWorkingDaysFor,
  isAnswerOverdue,
} from '../../../domain/supervision/escalation-rules.ts';
import { compareLevels, noticeLevelLabels } from '../../../domain/supervision/notice-levels.ts';
import {
  isNoticeLive,
  nextNoticeStatus,
  type NoticeAction,
  type NoticeStatus,
} from '../../../domain/supervision/notice-lifecycle.ts';
import { dueDateOf, periodsBetween } from '../../../domain/tasks/cadence.ts';
import type { AppDeps } from '../../deps.ts';
import type { Transaction, Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { unitColumnInScope } from '../tasks/tasks.policy.ts';
import * as esc from './escalation.repository.ts';
import { calendarBetween } from './escalation.service.ts';
import { canSeeNotice, noticeAbilities, rolesOnNotice, visibleNotices } from './notices.policy.ts';
import * as repo from './notices.repository.ts';

export type Call = CallContext & { actor: Actor };

/** The last working day on or before `today`: answers due before it are overdue. */
function lastWorkingDay(calendar: WorkCalendar, today: IsoDate): IsoDate {
  let d = today;
  for (let i = 0; i < 40 && !calendar.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

/** A notice as the API shows it, with the caller's abilities. */
export function presentNotice(actor: Actor, n: repo.NoticeRow, today: IsoDate, calendar: WorkCalendar) {
  const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
  const objectNumber = Number(n.objectId.split('/')[0]);
  const type = (
    {
      task_overdue: 'task',
      report_late: 'report',
      problem_overdue: 'problem',
      ticket_overdue: 'ticket',
    } as const
  )[n.objectKind];
  return {
    id: n.id,
    objectKind: n.objectKind,
    objectId: n.objectId,
    object: { type, id: objectNumber },
    dueOn: n.dueOn,
    campaignId: n.campaignId,
    title: n.title,
    unit: { id: n.unitId, name: n.unitName },
    leader: ref(n.leaderId, n.leaderName),
    level: n.level,
    levelLabel: noticeLevelLabels[n.level],
    cause: n.cause,
    unansweredNoticeId: n.unansweredNoticeId,
    skippedLevels: n.skippedLevels,
    workingDaysLate: n.workingDaysLate,
    note: n.note,
    raisedBy: ref(n.raisedBy, n.raisedByName),
    raisedOn: n.raisedOn,
    raisedAt: n.raisedAt.toISOString(),
    answerBy: n.answerBy,
    answerOverdue: n.status === 'open' && isAnswerOverdue(n.answerBy, today, calendar),
    status: n.status,
    answer: n.answer,
    answeredBy: ref(n.answeredBy, n.answeredByName),
    answeredAt: n.answeredAt?.toISOString() ?? null,
    returnCount: n.returnCount,
    decidedBy: ref(n.decidedBy, n.decidedByName),
    decidedAt: n.decidedAt?.toISOString() ?? null,
    decisionNote: n.decisionNote,
    endedAt: n.endedAt?.toISOString() ?? null,
    endReason: n.endReason,
    abilities: noticeAbilities(actor, n),
  };
}

/**
 * 督办单 list: what the caller may see (a unit its own, a leader those naming
 * him, the office its scope), filtered, newest first.
 */
export async function listNotices(db: Tx, actor: Actor, now: Date, q: NoticeListQuery) {
  const today = shanghaiDate(now);
  const calendar = await calendarBetween(db, addDays(today, -60), today);
  const conds = [visibleNotices(actor), ...repo.noticeFilters(q, actor.id, lastWorkingDay(calendar, today))];
  if (q.for === 'unit') conds.push(unitColumnInScope(sql`n.unit_id`, scopeOf(actor, ['liaison', 'head'])));
  const { items, total } = await repo.findNotices(db, sql.join(conds, sql` AND `), q);
  return { items: items.map((n) => presentNotice(actor, n, today, calendar)), total };
}

/** One notice the caller may see; else 404. */
export async function noticeDetail(db: Tx, actor: Actor, id: number, now: Date) {
  const n = await repo.getNotice(db, id);
  if (!n || !canSeeNotice(actor, n)) throw fail('not_found', 'params.id');
  const today = shanghaiDate(now);
  return presentNotice(actor, n, today, await calendarBetween(db, n.answerBy, today));
}

/** The object a notice is raised on: its due date (the episode) and what the notice names. */
interface ResolvedObject {
  dueOn: IsoDate;
  unitId: number;
  unitPath: string;
  leaderId: number | null;
  campaignId: number | null;
  title: string;
}

const WORKING = ['issued', 'signed', 'in_progress', 'completion_claimed'];

/**
 * Finds the object of a notice raised by hand, as the office sees it: a task
 * still being worked on, one of its reports not yet received, or an open
 * problem. Another unit's object (outside the office's scope) is 404; a
 * finished one is 409 `wrong_state`.
 */
async function resolveObject(tx: Tx, actor: Actor, body: NoticeBody): Promise<ResolvedObject> {
  const office = scopeOf(actor, ['office']);
  const notFound = () => fail('not_found', 'body.objectId');
  const [first, periodKey] = body.objectId.split('/') as [string, string | undefined];
  const id = Number(first);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw notFound();
  if (body.objectKind === 'problem_overdue') {
    if (periodKey !== undefined) throw notFound();
    const p = await esc.problemFactsOf(tx, id);
    if (!p || !inScope(office, p.unitPath)) throw notFound();
    if (!['assigned', 'rectifying', 'returned', 'closing_claimed'].includes(p.status))
      throw fail('wrong_state', 'body.objectId', { status: p.status });
    return { ...p, dueOn: p.deadline, title: p.description.replace(/\s+/g, ' ').slice(0, 120) };
  }
  const t = await esc.taskFactsOf(tx, id);
  if (!t || !inScope(office, t.unitPath) || t.status === 'draft') throw notFound();
  if (t.campaignClosed) throw fail('campaign_closed', 'body.objectId');
  if (!WORKING.includes(t.status)) throw fail('wrong_state', 'body.objectId', { status: t.status });
  const named = { unitId: t.unitId, unitPath: t.unitPath, leaderId: t.leaderId, campaignId: t.campaignId };
  if (body.objectKind === 'task_overdue') {
    if (periodKey !== undefined) throw notFound();
    return { ...named, dueOn: t.deadline, title: `${t.code} ${t.title}` };
  }
  if (periodKey === undefined) throw notFound();
  const period = periodsBetween(t.cadence, t.startOn, t.deadline).find((p) => p.key === periodKey);
  if (!period) throw notFound();
  const received = [...((await esc.approvedPeriods(tx, [t.id])).get(t.id) ?? [])];
  if (received.some((k) => k >= periodKey))
    throw fail('wrong_state', 'body.objectId', { report: 'received' });
  const grace = (await getTaskSettings(tx)).reportGraceDays;
  return {
    ...named,
    dueOn: dueDateOf(period, grace),
    title: `${t.code} ${t.title}（${periodKey} 进度报送）`,
  };
}

/**
 * 人工督办: the office raises a notice on a task, a report or a problem at a
 * level of its choosing. It joins the object's current episode (its due
 * date), so the escalation job counts it and never raises that level again;
 * a level the episode already has, or a lower one, is refused
 * (`notice_level_taken`). Live lower notices of the episode end as escalated.
 */
export async function raiseNotice(deps: AppDeps, c: Call, body: NoticeBody): Promise<number> {
  const today = shanghaiDate(c.now);
  return deps.database.db.transaction(async (tx) => {
    const object = await resolveObject(tx, c.actor, body);
    let leaderId = object.leaderId;
    if (body.leaderId !== undefined && body.leaderId !== null) {
      if (!(await repo.isActiveLeader(tx, body.leaderId))) throw fail('not_a_leader', 'body.leaderId');
      leaderId = body.leaderId;
    }
    const calendar = await calendarBetween(tx, today, today);
    const rules = await esc.loadRules(tx);
    const answerBy =
      body.answerBy ??
      answerByDate(today, answerWorkingDaysFor(rules[body.objectKind], body.level), calendar);
    if (answerBy < today) throw fail('validation_failed', 'body.answerBy', { today });
    const episode = await repo.lockEpisode(tx, body.objectKind, body.objectId, object.dueOn);
    if (episode.some((n) => compareLevels(n.level, body.level) >= 0))
      throw fail('notice_level_taken', 'body.level', {
        levels: episode.map((n) => n.level),
        dueOn: object.dueOn,
      });
    const id = await esc.insertNotice(tx, {
      objectKind: body.objectKind,
      objectId: body.objectId,
      dueOn: object.dueOn,
      campaignId: object.campaignId,
      title: object.title,
      unitId: object.unitId,
      leaderId,
      level: body.level,
      cause: 'manual',
      unansweredNoticeId: null,
      skippedLevels: [],
      workingDaysLate: calendar.workingDaysBetween(object.dueOn, today),
      note: body.note,
      raisedBy: c.actor.id,
      raisedOn: today,
      answerBy,
      now: c.now,
    });
    if (id === undefined) throw fail('notice_level_taken', 'body.level', { dueOn: object.dueOn });
    for (const n of episode) {
      if (!isNoticeLive(n.status)) continue;
      const step = nextNoticeStatus(n.status, 'escalate', rolesOnNotice(c.actor, object));
      if (!step.ok) continue;
      await repo.updateNotice(
        tx,
        n.id,
        { status: step.to, ended_at: c.now, end_reason: 'higher_level_raised' },
        c.now,
      );
      await recordChange(
        tx,
        c,
        'supervision_notice',
        'notice.escalate',
        n.id,
        { status: n.status },
        { status: step.to, reason: 'higher_level_raised', by: id },
      );
    }
    await recordChange(tx, c, 'supervision_notice', 'notice.raise', id, null, {
      ...body,
      dueOn: object.dueOn,
      unitId: object.unitId,
      leaderId,
      answerBy,
      cause: 'manual',
    });
    return id;
  });
}

/** Loads a notice the actor may see, locked; else 404. */
async function lockVisibleNotice(tx: Tx, actor: Actor, id: number): Promise<repo.NoticeRow> {
  const n = await repo.getNotice(tx, id, true);
  if (!n || !canSeeNotice(actor, n)) throw fail('not_found', 'params.id');
  return n;
}

/** One move of a notice: 409 `wrong_state` (with the status), 403 for a role that may not make it. */
function guard(actor: Actor, n: repo.NoticeRow, action: NoticeAction): NoticeStatus {
  const r = nextNoticeStatus(n.status, action, rolesOnNotice(actor, n));
  if (!r.ok)
    throw fail(r.reason === 'wrong_state' ? 'wrong_state' : 'forbidden', undefined, { status: n.status });
  return r.to;
}

function change<T>(deps: AppDeps, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return deps.database.db.transaction(fn);
}

/**
 * 督办答复: the unit's written answer (its liaison or head). Only the notice's
 * unit (or a unit above it) may answer; to anyone else of another unit the
 * notice does not exist (404).
 */
export async function answerNotice(deps: AppDeps, c: Call, id: number, answer: string): Promise<void> {
  await change(deps, async (tx) => {
    const n = await lockVisibleNotice(tx, c.actor, id);
    const to = guard(c.actor, n, 'answer');
    await repo.updateNotice(
      tx,
      id,
      { status: to, answer, answered_by: c.actor.id, answered_at: c.now },
      c.now,
    );
    await recordChange(
      tx,
      c,
      'supervision_notice',
      'notice.answer',
      id,
      { status: n.status, answer: n.answer },
      { status: to, answer },
    );
  });
}

/** 认可答复: the office accepts the answer; the notice ends. */
export async function acceptNotice(deps: AppDeps, c: Call, id: number, note: string): Promise<void> {
  await change(deps, async (tx) => {
    const n = await lockVisibleNotice(tx, c.actor, id);
    const to = guard(c.actor, n, 'accept');
    await repo.updateNotice(
      tx,
      id,
      {
        status: to,
        decided_by: c.actor.id,
        decided_at: c.now,
        decision_note: note || null,
        ended_at: c.now,
        end_reason: 'accepted',
      },
      c.now,
    );
    await recordChange(
      tx,
      c,
      'supervision_notice',
      'notice.accept',
      id,
      { status: n.status },
      { status: to, note },
    );
  });
}

/** 退回答复: the answer is not good enough; the unit answers again (the date stays). */
export async function returnAnswer(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await change(deps, async (tx) => {
    const n = await lockVisibleNotice(tx, c.actor, id);
    const to = guard(c.actor, n, 'return_answer');
    await repo.updateNotice(
      tx,
      id,
      {
        status: to,
        return_count: n.returnCount + 1,
        decided_by: c.actor.id,
        decided_at: c.now,
        decision_note: reason,
      },
      c.now,
    );
    await recordChange(
      tx,
      c,
      'supervision_notice',
      'notice.return_answer',
      id,
      { status: n.status, returnCount: n.returnCount },
      { status: to, returnCount: n.returnCount + 1, reason },
    );
  });
}

/** 撤回: the office withdraws a live notice (raised in error), with a reason. */
export async function withdrawNotice(deps: AppDeps, c: Call, id: number, reason: string): Promise<void> {
  await change(deps, async (tx) => {
    const n = await lockVisibleNotice(tx, c.actor, id);
    const to = guard(c.actor, n, 'dismiss');
    await repo.updateNotice(
      tx,
      id,
      {
        status: to,
        decided_by: c.actor.id,
        decided_at: c.now,
        decision_note: reason,
        ended_at: c.now,
        end_reason: 'withdrawn',
      },
      c.now,
    );
    await recordChange(
      tx,
      c,
      'supervision_notice',
      'notice.withdraw',
      id,
      { status: n.status },
      { status: to, reason },
    );
  });
}
