import { addDays, shanghaiDate, type IsoDate } from '../../../domain/calendar/shanghai-date.ts';
import { WorkCalendar } from '../../../domain/calendar/working-days.ts';
import { isOverdue } from '../../../domain/problems/problem-schedule.ts';
import {
  planEscalation,
  type EscalationObject,
  type ExistingNotice,
} from '../../../domain/supervision/escalation.ts';
import { nextNoticeStatus } from '../../../domain/supervision/notice-lifecycle.ts';
import { dueDateOf, periodsBetween } from '../../../domain/tasks/cadence.ts';
import type { Database, Db, Tx } from '../../db/client.ts';
import { jobLocks } from '../../jobs/periodic.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { listCalendarDays } from '../calendar/calendar.repository.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import * as repo from './escalation.repository.ts';

/** Advisory lock key of the escalation job, whoever runs it (the schedule, the CLI, the endpoint). */
export const ESCALATION_LOCK = jobLocks.escalation;

/**
 * Something that can slip, as the planner sees it, with what a notice on it
 * names: its unit, its responsible leader, its campaign and a title.
 */
export interface SlipObject extends EscalationObject {
  unitId: number;
  leaderId: number | null;
  campaignId: number | null;
  title: string;
}

/**
 * A candidate before its notices are known: `open` means still open but not
 * slipping now (a claim for completion waits, or the due date moved later).
 */
type Candidate = Omit<SlipObject, 'state'> & { state: SlipObject['state'] | 'open' };

const TITLE_MAX = 120;
const clip = (s: string) => (s.length > TITLE_MAX ? `${s.slice(0, TITLE_MAX - 1)}…` : s);

/** The working-day calendar from `from` to a year after `today`, from the calendar table. */
export async function calendarBetween(db: Tx, from: IsoDate, today: IsoDate): Promise<WorkCalendar> {
  return new WorkCalendar(await listCalendarDays(db, from < today ? from : today, addDays(today, 400)));
}

/** The days a task owes reports for: from its start (or issue) to its deadline or today. */
function reportingRange(t: repo.TaskFacts, today: IsoDate): { start: IsoDate; end: IsoDate } | null {
  if (!t.issuedAt) return null;
  const issued = shanghaiDate(t.issuedAt);
  const start = issued > t.startOn ? issued : t.startOn;
  const end = t.deadline < today ? t.deadline : today;
  return end >= start ? { start, end } : null;
}

/** 任务逾期: an issued task past its deadline and not done; done resolves it, a closed campaign dismisses it. */
export function taskCandidate(t: repo.TaskFacts, today: IsoDate): Candidate {
  const state =
    t.status === 'done'
      ? 'resolved'
      : t.campaignClosed
        ? 'dismissed'
        : ['issued', 'signed', 'in_progress'].includes(t.status) && t.deadline < today
          ? 'slipping'
          : 'open';
  return {
    kind: 'task_overdue',
    id: String(t.id),
    dueOn: t.deadline,
    state,
    unitId: t.unitId,
    leaderId: t.leaderId,
    campaignId: t.campaignId,
    title: clip(`${t.code} ${t.title}`),
  };
}

/**
 * 进度报送逾期: each period of a working task whose report is not in (approved)
 * after its due date. A report can only be written for the current period, so
 * a missed period is resolved once a report for it or for any later period is
 * received (the unit is reporting again; the miss stays counted as late on the
 * task), and by a finished task.
 */
function reportCandidates(
  tasks: readonly repo.TaskFacts[],
  approved: ReadonlyMap<number, ReadonlySet<string>>,
  live: readonly string[],
  today: IsoDate,
  graceDays: number,
): Candidate[] {
  const out = new Map<string, Candidate>();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  // Period keys of one cadence sort as their periods do (2026-W09 < 2026-W10, 2026-03 < 2026-Q2 never mix).
  const latest = new Map([...approved].map(([id, keys]) => [id, [...keys].sort().pop() ?? '']));
  const received = (taskId: number, key: string) => (latest.get(taskId) ?? '') >= key;
  const base = (t: repo.TaskFacts, key: string, dueOn: IsoDate, state: Candidate['state']): Candidate => ({
    kind: 'report_late',
    id: `${t.id}/${key}`,
    dueOn,
    state,
    unitId: t.unitId,
    leaderId: t.leaderId,
    campaignId: t.campaignId,
    title: clip(`${t.code} ${t.title}（${key} 进度报送）`),
  });
  for (const t of tasks) {
    if (!['issued', 'signed', 'in_progress'].includes(t.status) || t.campaignClosed) continue;
    const range = reportingRange(t, today);
    if (!range) continue;
    for (const p of periodsBetween(t.cadence, range.start, range.end)) {
      const due = dueDateOf(p, graceDays);
      if (due < today && !received(t.id, p.key)) out.set(`${t.id}/${p.key}`, base(t, p.key, due, 'slipping'));
    }
  }
  for (const id of live) {
    if (out.has(id)) continue;
    const [taskId, key] = id.split('/') as [string, string];
    const t = byId.get(Number(taskId));
    if (!t) continue;
    const state: Candidate['state'] =
      received(t.id, key) || t.status === 'done' ? 'resolved' : t.campaignClosed ? 'dismissed' : 'open';
    const period = periodsBetween(t.cadence, t.startOn, t.deadline).find((p) => p.key === key);
    out.set(id, base(t, key, period ? dueDateOf(period, graceDays) : t.deadline, state));
  }
  return [...out.values()];
}

/** 问题整改逾期: an open problem past its deadline (a claim made in time stops the clock). */
export function problemCandidate(p: repo.ProblemFacts, today: IsoDate): Candidate {
  const state =
    p.status === 'closed'
      ? 'resolved'
      : p.status === 'dismissed' || p.status === 'merged'
        ? 'dismissed'
        : isOverdue(p, today)
          ? 'slipping'
          : 'open';
  return {
    kind: 'problem_overdue',
    id: String(p.id),
    dueOn: p.deadline,
    state,
    unitId: p.unitId,
    leaderId: p.leaderId,
    campaignId: p.campaignId,
    title: clip(p.description.replace(/\s+/g, ' ')),
  };
}

/**
 * Decides what to hand the planner. Slipping, resolved and dismissed objects
 * go as they are. An object still open but not slipping (a claim waits for
 * the office, or the due date moved later) goes as resolved when its live
 * notices all belong to an earlier due date (that episode is over), and not
 * at all when one belongs to the current due date: a notice raised by hand
 * before the due date, or one waiting while a claim is decided, is left alone.
 */
export function objectsToPlan(candidates: readonly Candidate[], notices: readonly ExistingNotice[]) {
  const live = new Map<string, ExistingNotice[]>();
  for (const n of notices) {
    if (n.status !== 'open' && n.status !== 'answered') continue;
    const k = `${n.objectKind}/${n.objectId}`;
    live.set(k, [...(live.get(k) ?? []), n]);
  }
  const out: SlipObject[] = [];
  for (const c of candidates) {
    const mine = live.get(`${c.kind}/${c.id}`) ?? [];
    if (c.state === 'slipping') out.push({ ...c, state: 'slipping' });
    else if (mine.length === 0) continue;
    else if (c.state !== 'open') out.push({ ...c, state: c.state });
    else if (!mine.some((n) => n.dueOn === c.dueOn)) out.push({ ...c, state: 'resolved' });
  }
  return out;
}

export interface EscalationRunResult {
  today: IsoDate;
  objects: number;
  raised: number;
  ended: number;
}

const SYSTEM = { actorId: null, actorName: 'system', ip: null } as const;

/**
 * 督办升级: one run of the escalation job for `now`'s Shanghai date. Gathers
 * every overdue task, late report and overdue problem (and every object with
 * a live notice), plans with domain/supervision's `planEscalation`, and
 * applies the plan: each raise is an insert the unique key (object, due
 * date, level) lets through once; each end changes only a notice still live.
 * Run twice, or on two instances at once, it raises nothing twice. Every
 * change is audited as done by the system, in the change's transaction.
 * Public tickets (`ticket_overdue`) have a rule but no objects yet.
 */
export async function runEscalation(db: Db, now: Date): Promise<EscalationRunResult> {
  const today = shanghaiDate(now);
  const [rules, settings, tasks, problems] = await Promise.all([
    repo.loadRules(db),
    getTaskSettings(db),
    repo.escalationTasks(db),
    repo.escalationProblems(db, today),
  ]);
  const approved = await repo.approvedPeriods(
    db,
    tasks.map((t) => t.id),
  );
  const liveReportIds = await repo.liveReportNoticeIds(db);
  const candidates: Candidate[] = [
    ...tasks.map((t) => taskCandidate(t, today)),
    ...reportCandidates(tasks, approved, liveReportIds, today, settings.reportGraceDays),
    ...problems.map((p) => problemCandidate(p, today)),
  ];
  const notices = await repo.noticesOfObjects(db, candidates);
  const objects = objectsToPlan(candidates, notices);
  const earliest = objects.reduce((m, o) => (o.dueOn < m ? o.dueOn : m), today);
  const calendar = await calendarBetween(db, earliest, today);
  const plan = planEscalation({ rules, calendar, objects, notices, today });

  let raised = 0;
  let ended = 0;
  // One transaction per object, so a long catch-up never holds many rows at once.
  const endsByObject = new Map<string, typeof plan.end>();
  const objectOf = new Map(notices.map((n) => [n.id, `${n.objectKind}/${n.objectId}`]));
  for (const e of plan.end) {
    const k = objectOf.get(e.noticeId)!;
    endsByObject.set(k, [...(endsByObject.get(k) ?? []), e]);
  }
  const raiseByObject = new Map(plan.raise.map((r) => [`${r.object.kind}/${r.object.id}`, r]));
  const keys = [...new Set([...raiseByObject.keys(), ...endsByObject.keys()])].sort();
  for (const k of keys) {
    await db.transaction(async (tx) => {
      const r = raiseByObject.get(k);
      if (r) {
        const id = await repo.insertNotice(tx, {
          objectKind: r.object.kind,
          objectId: r.object.id,
          dueOn: r.object.dueOn,
          campaignId: r.object.campaignId,
          title: r.object.title,
          unitId: r.object.unitId,
          leaderId: r.object.leaderId,
          level: r.level,
          cause: r.cause,
          unansweredNoticeId: r.unansweredNoticeId,
          skippedLevels: r.skippedLevels,
          workingDaysLate: r.workingDaysLate,
          note: '',
          raisedBy: null,
          raisedOn: r.raisedOn,
          answerBy: r.answerBy,
          now,
        });
        if (id !== undefined) {
          raised++;
          await appendAudit(
            tx,
            {
              ...SYSTEM,
              action: 'notice.raise',
              objectType: 'supervision_notice',
              objectId: id,
              before: null,
              after: {
                objectKind: r.object.kind,
                objectId: r.object.id,
                dueOn: r.object.dueOn,
                level: r.level,
                cause: r.cause,
                skippedLevels: r.skippedLevels,
                workingDaysLate: r.workingDaysLate,
                answerBy: r.answerBy,
                unitId: r.object.unitId,
                leaderId: r.object.leaderId,
              },
            },
            now,
          );
        }
      }
      for (const e of endsByObject.get(k) ?? []) {
        const step = nextNoticeStatus('open', e.action, ['system']);
        if (!step.ok) continue;
        const before = await repo.endLiveNotice(tx, e.noticeId, step.to, e.reason, now);
        if (before === undefined) continue;
        ended++;
        await appendAudit(
          tx,
          {
            ...SYSTEM,
            action: `notice.${e.action}`,
            objectType: 'supervision_notice',
            objectId: e.noticeId,
            before: { status: before },
            after: { status: step.to, reason: e.reason },
          },
          now,
        );
      }
    });
  }
  return { today, objects: objects.length, raised, ended };
}

/**
 * Runs the escalation now unless another instance (or the scheduled job) is
 * running it: takes the job's advisory lock on a connection of its own, and
 * answers `ran: false` when it is held.
 */
export async function runEscalationLocked(
  database: Database,
  now: Date,
): Promise<EscalationRunResult & { ran: boolean }> {
  const client = await database.pool.connect();
  try {
    const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      ESCALATION_LOCK,
    ]);
    if (!got.rows[0]?.ok) return { ran: false, today: shanghaiDate(now), objects: 0, raised: 0, ended: 0 };
    try {
      return { ran: true, ...(await runEscalation(database.db, now)) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ESCALATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
