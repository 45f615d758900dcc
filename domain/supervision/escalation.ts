import type { IsoDate } from '../calendar/shanghai-date.ts';
import type { WorkCalendar } from '../calendar/working-days.ts';
import {
  answerByDate,
  answerWorkingDaysFor,
  isAnswerOverdue,
  scheduledLevel,
  type EscalationObjectKind,
  type EscalationRules,
} from './escalation-rules.ts';
import { compareLevels, maxLevel, nextLevel, noticeLevels, type NoticeLevel } from './notice-levels.ts';
import { isNoticeLive, type NoticeStatus } from './notice-lifecycle.ts';

/**
 * Something that can slip: an overdue task, a late report, an overdue problem,
 * a ticket past its time limit. The caller may add its own fields (unit,
 * responsible leader); the plan hands the object back unchanged.
 */
export interface EscalationObject {
  kind: EscalationObjectKind;
  /**
   * Stable identity within the kind: a task id, a problem id, a ticket id, or
   * `${taskId}/${periodKey}` for one period's report.
   */
  id: string;
  /**
   * The last day the object was on time: the deadline, the report's due date,
   * the time limit's Shanghai date. Working days late are counted after it.
   * A new due date (an approved deadline change, a reopened problem) starts a
   * new episode with its own notices.
   */
  dueOn: IsoDate;
  /**
   * `slipping`: still late and unresolved; `resolved`: done, submitted or
   * closed; `dismissed`: cancelled, merged, withdrawn.
   */
  state: 'slipping' | 'resolved' | 'dismissed';
}

/** A notice that already exists, raised by the job or by hand. */
export interface ExistingNotice {
  id: number;
  objectKind: EscalationObjectKind;
  objectId: string;
  /** The object's due date when the notice was raised: its episode. */
  dueOn: IsoDate;
  level: NoticeLevel;
  status: NoticeStatus;
  answerBy: IsoDate;
}

/** A notice the job must create. */
export interface NoticeToRaise<O extends EscalationObject = EscalationObject> {
  object: O;
  level: NoticeLevel;
  /** `schedule`: the rule's step for the days late; `unanswered`: a lower notice went unanswered past its date. */
  cause: 'schedule' | 'unanswered';
  /** The unanswered notice that caused it, when `cause` is `unanswered`. */
  unansweredNoticeId: number | null;
  /** Working days late on `today`. */
  workingDaysLate: number;
  /**
   * Levels the rule had made due since the last notice but that are not raised
   * because a higher one is (catching up after the job did not run); kept on
   * the notice so a reader sees why it starts high.
   */
  skippedLevels: NoticeLevel[];
  /** The day it is raised (today) and the last day for the answer. */
  raisedOn: IsoDate;
  answerBy: IsoDate;
}

/** A live notice that must end, and why. */
export interface NoticeToEnd {
  noticeId: number;
  /** `escalate`: replaced by the raised level; `resolve` / `dismiss`: the object's state; a moved due date resolves the old episode. */
  action: 'escalate' | 'resolve' | 'dismiss';
  reason: 'higher_level_raised' | 'object_resolved' | 'object_dismissed' | 'due_date_moved';
}

export interface EscalationPlan<O extends EscalationObject = EscalationObject> {
  raise: NoticeToRaise<O>[];
  end: NoticeToEnd[];
}

export interface EscalationInput<O extends EscalationObject> {
  rules: EscalationRules;
  calendar: WorkCalendar;
  objects: readonly O[];
  notices: readonly ExistingNotice[];
  /** The district's date (Asia/Shanghai) the job runs for. */
  today: IsoDate;
}

const key = (kind: string, id: string) => `${kind}\u0000${id}`;

/**
 * 督办升级: what the escalation job must do today. Pure and idempotent: feeding
 * its own output back as existing notices gives an empty plan.
 *
 * For each slipping object, the level due today is the higher of
 *  - the rule's step for the working days late (after the due date), and
 *  - one rung above any live notice of the same episode left unanswered past
 *    its answer-by date (only from the first working day after that date).
 * If that level is above every notice the episode already has (whatever their
 * status, raised by the job or by hand), one notice is raised at that level
 * and the episode's lower live notices end as escalated. So there are never
 * two notices for the same object, episode and level, and levels only climb.
 *
 * Catching up (the job did not run for a week): only the highest level due is
 * raised, once, with the levels it jumped over listed in `skippedLevels`.
 * Raising every missed level at once would hand the unit several notices for
 * one slip, each with an answer date, all but one already superseded. The
 * answer date counts from today, never back-dated, so the unit gets its full
 * time to answer. And only notices that were really raised escalate for want
 * of an answer: a unit is never escalated for not answering a notice the
 * stopped job never sent, so a catch-up never goes above what the schedule and
 * the real notices justify.
 *
 * Objects no longer slipping end their live notices (resolved or dismissed);
 * live notices of an earlier due date end as resolved (`due_date_moved`).
 * Pass every slipping object and every object that still has a live notice;
 * notices of objects not passed are left alone. `raise` is sorted by kind and
 * object id, `end` by notice id, whatever the input order.
 */
export function planEscalation<O extends EscalationObject>(input: EscalationInput<O>): EscalationPlan<O> {
  const { rules, calendar, today } = input;
  const byObject = new Map<string, ExistingNotice[]>();
  for (const n of input.notices) {
    const k = key(n.objectKind, n.objectId);
    const list = byObject.get(k);
    if (list) list.push(n);
    else byObject.set(k, [n]);
  }
  const seen = new Set<string>();
  const raise: NoticeToRaise<O>[] = [];
  const end: NoticeToEnd[] = [];
  const objects = [...input.objects].sort((a, b) =>
    a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  for (const object of objects) {
    const k = key(object.kind, object.id);
    if (seen.has(k)) throw new RangeError(`object ${object.kind} ${object.id} is listed twice`);
    seen.add(k);
    const notices = [...(byObject.get(k) ?? [])].sort((a, b) => a.id - b.id);
    const live = notices.filter((n) => isNoticeLive(n.status));
    if (object.state !== 'slipping') {
      const resolved = object.state === 'resolved';
      for (const n of live)
        end.push({
          noticeId: n.id,
          action: resolved ? 'resolve' : 'dismiss',
          reason: resolved ? 'object_resolved' : 'object_dismissed',
        });
      continue;
    }
    for (const n of live)
      if (n.dueOn !== object.dueOn) end.push({ noticeId: n.id, action: 'resolve', reason: 'due_date_moved' });
    const episode = notices.filter((n) => n.dueOn === object.dueOn);
    const highest = episode.reduce<NoticeLevel | null>((m, n) => maxLevel(m, n.level), null);

    const rule = rules[object.kind];
    const workingDaysLate = calendar.workingDaysBetween(object.dueOn, today);
    const bySchedule = scheduledLevel(rule, workingDaysLate);
    let byUnanswered: NoticeLevel | null = null;
    let unansweredNoticeId: number | null = null;
    for (const n of episode) {
      if (n.status !== 'open' || !isAnswerOverdue(n.answerBy, today, calendar)) continue;
      const up = nextLevel(n.level);
      if (up && (byUnanswered === null || compareLevels(up, byUnanswered) > 0)) {
        byUnanswered = up;
        unansweredNoticeId = n.id;
      }
    }
    const target = maxLevel(bySchedule, byUnanswered);
    if (target === null || (highest !== null && compareLevels(target, highest) <= 0)) continue;

    const cause = bySchedule !== null && compareLevels(bySchedule, target) === 0 ? 'schedule' : 'unanswered';
    const skippedLevels = noticeLevels.filter(
      (l) =>
        compareLevels(l, target) < 0 &&
        (highest === null || compareLevels(l, highest) > 0) &&
        (rule?.steps ?? []).some((s) => s.level === l && s.afterWorkingDays <= workingDaysLate),
    );
    raise.push({
      object,
      level: target,
      cause,
      unansweredNoticeId: cause === 'unanswered' ? unansweredNoticeId : null,
      workingDaysLate,
      skippedLevels,
      raisedOn: today,
      answerBy: answerByDate(today, answerWorkingDaysFor(rule, target), calendar),
    });
    for (const n of episode)
      if (isNoticeLive(n.status) && compareLevels(n.level, target) < 0)
        end.push({ noticeId: n.id, action: 'escalate', reason: 'higher_level_raised' });
  }
  end.sort((a, b) => a.noticeId - b.noticeId);
  return { raise, end };
}
