import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/holidays.ts';
import { addDays, type IsoDate } from '../calendar/shanghai-date.ts';
import { WorkCalendar } from '../calendar/working-days.ts';
import type { EscalationRules, EscalationStep } from './escalation-rules.ts';
import {
  planEscalation,
  type EscalationObject,
  type EscalationPlan,
  type ExistingNotice,
} from './escalation.ts';
import { levelRank, type NoticeLevel } from './notice-levels.ts';
import { nextNoticeStatus } from './notice-lifecycle.ts';

const cal = new WorkCalendar(shippedCalendar);
const step = (afterWorkingDays: number, level: NoticeLevel, answer = 3): EscalationStep => ({
  afterWorkingDays,
  level,
  answerWithinWorkingDays: answer,
});
const rules: EscalationRules = {
  problem_overdue: {
    steps: [step(1, 'reminder'), step(3, 'urge'), step(5, 'supervise', 5), step(10, 'listed', 2)],
  },
  task_overdue: { steps: [step(1, 'reminder', 2)] },
};

interface Problem extends EscalationObject {
  unitId: number;
}
const problem = (id: string, dueOn: IsoDate, state: EscalationObject['state'] = 'slipping'): Problem => ({
  kind: 'problem_overdue',
  id,
  dueOn,
  state,
  unitId: 7,
});

/** The escalation job with a database of one array: applies each plan through the life-cycle guard. */
class Job {
  notices: ExistingNotice[] = [];
  log: { day: IsoDate; objectId: string; level: NoticeLevel; skipped: NoticeLevel[] }[] = [];
  private nextId = 1;
  constructor(private readonly r: EscalationRules = rules) {}

  run(objects: readonly EscalationObject[], today: IsoDate): EscalationPlan {
    const plan = planEscalation({ rules: this.r, calendar: cal, objects, notices: this.notices, today });
    for (const e of plan.end) {
      const n = this.notices.find((x) => x.id === e.noticeId)!;
      const next = nextNoticeStatus(n.status, e.action, ['system']);
      if (!next.ok) throw new Error(`illegal ${e.action} on ${n.status}`);
      n.status = next.to;
    }
    for (const r of plan.raise) {
      this.notices.push({
        id: this.nextId++,
        objectKind: r.object.kind,
        objectId: r.object.id,
        dueOn: r.object.dueOn,
        level: r.level,
        status: 'open',
        answerBy: r.answerBy,
      });
      this.log.push({ day: today, objectId: r.object.id, level: r.level, skipped: r.skippedLevels });
    }
    return plan;
  }

  /** Runs every day from `from` to `to` inclusive; `answer` decides whether the unit answers at once. */
  daily(objects: readonly EscalationObject[], from: IsoDate, to: IsoDate, answer = false) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      this.run(objects, d);
      if (answer) for (const n of this.notices) if (n.status === 'open') n.status = 'answered';
    }
  }

  highest(objectId: string): NoticeLevel | null {
    const mine = this.notices.filter((n) => n.objectId === objectId).sort((a, b) => b.id - a.id);
    return mine[0]?.level ?? null;
  }
}

describe('boundaries in working days (due Friday 2026-03-06, steps 1/3/5/10)', () => {
  it.each<[IsoDate, NoticeLevel | null, number]>([
    ['2026-03-06', null, 0],
    ['2026-03-07', null, 0], // Saturday
    ['2026-03-08', null, 0], // Sunday
    ['2026-03-09', 'reminder', 1],
    ['2026-03-10', 'reminder', 2],
    ['2026-03-11', 'urge', 3],
    ['2026-03-12', 'urge', 4],
    ['2026-03-13', 'supervise', 5],
    ['2026-03-19', 'supervise', 9],
    ['2026-03-20', 'listed', 10],
  ])('on %s the first run raises %s (%i working days late)', (today, level, days) => {
    const plan = planEscalation({
      rules,
      calendar: cal,
      objects: [problem('p1', '2026-03-06')],
      notices: [],
      today,
    });
    expect(plan.raise.map((r) => r.level)).toEqual(level ? [level] : []);
    if (level) expect(plan.raise[0]!.workingDaysLate).toBe(days);
  });
});

describe('across 春节 and its 调休 make-up days', () => {
  it('moves only on working days: the make-up Saturdays count, the holiday does not', () => {
    const job = new Job();
    // Due Friday 2026-02-13; the unit answers every notice at once, so only the schedule moves.
    job.daily([problem('p1', '2026-02-13')], '2026-02-13', '2026-03-10', true);
    expect(job.log.map((l) => [l.day, l.level])).toEqual([
      ['2026-02-14', 'reminder'], // make-up Saturday: 1 working day late
      ['2026-02-25', 'urge'], // 02-15…23 off; 02-24 is 2, 02-25 is 3
      ['2026-02-27', 'supervise'], // 5
      ['2026-03-05', 'listed'], // 02-28 (make-up Saturday) is 6, 03-02…05 are 7…10
    ]);
    expect(job.log.every((l) => l.skipped.length === 0)).toBe(true);
  });

  it('counts the Sunday make-up day before 国庆 and skips the holiday week', () => {
    const job = new Job();
    job.daily([problem('p1', '2026-09-30')], '2026-09-30', '2026-10-15', true);
    expect(job.log.map((l) => [l.day, l.level])).toEqual([
      ['2026-10-08', 'reminder'],
      ['2026-10-10', 'urge'], // make-up Saturday: 3 working days late
      ['2026-10-13', 'supervise'],
    ]);
    const before = new Job();
    before.daily([problem('p2', '2026-09-18')], '2026-09-18', '2026-09-21', true);
    expect(before.log.map((l) => [l.day, l.level])).toEqual([['2026-09-20', 'reminder']]);
  });
});

describe('never two notices for the same object and level', () => {
  it('is idempotent: a second run on the same day raises nothing', () => {
    const job = new Job();
    const objects = [problem('p1', '2026-03-06'), problem('p2', '2026-03-02')];
    expect(job.run(objects, '2026-03-11').raise).toHaveLength(2);
    expect(job.run(objects, '2026-03-11')).toEqual({ raise: [], end: [] });
  });

  it('runs twice a day for two months without a duplicate', () => {
    const job = new Job();
    const objects = [problem('a', '2026-03-06'), problem('b', '2026-03-20'), problem('c', '2026-04-30')];
    for (let d = '2026-03-01'; d <= '2026-06-30'; d = addDays(d, 1)) {
      job.run(objects, d);
      job.run(objects, d);
    }
    const keys = job.notices.map((n) => `${n.objectId} ${n.dueOn} ${n.level}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(job.notices.filter((n) => n.status === 'open')).toHaveLength(3);
    for (const id of ['a', 'b', 'c']) expect(job.highest(id)).toBe('listed');
  });

  it('never raises below or at a level already raised by hand', () => {
    const byHand: ExistingNotice = {
      id: 50,
      objectKind: 'problem_overdue',
      objectId: 'p1',
      dueOn: '2026-03-06',
      level: 'supervise',
      status: 'accepted',
      answerBy: '2026-03-10',
    };
    const plan = (today: IsoDate) =>
      planEscalation({
        rules,
        calendar: cal,
        objects: [problem('p1', '2026-03-06')],
        notices: [byHand],
        today,
      });
    expect(plan('2026-03-13')).toEqual({ raise: [], end: [] });
    expect(plan('2026-03-20').raise.map((r) => r.level)).toEqual(['listed']);
  });
});

describe('catching up after the job did not run for a week', () => {
  // Due Friday 03-06. The job raised the reminder on Monday 03-09 (answer by 03-12), then stopped until Tuesday 03-17.
  it('raises only the highest level due, once, and says which it skipped', () => {
    const job = new Job();
    const objects = [problem('p1', '2026-03-06')];
    job.run(objects, '2026-03-09');
    const plan = job.run(objects, '2026-03-17'); // 7 working days late
    expect(plan.raise).toHaveLength(1);
    expect(plan.raise[0]).toMatchObject({
      level: 'supervise',
      cause: 'schedule',
      skippedLevels: ['urge'],
      workingDaysLate: 7,
      raisedOn: '2026-03-17',
      answerBy: '2026-03-24', // counted from today, never back-dated: 5 working days
    });
    expect(plan.end).toEqual([{ noticeId: 1, action: 'escalate', reason: 'higher_level_raised' }]);
    expect(job.run(objects, '2026-03-17')).toEqual({ raise: [], end: [] });
  });

  it('after two idle weeks from nothing, starts at the top with every lower step skipped', () => {
    const job = new Job();
    const plan = job.run([problem('p1', '2026-03-06')], '2026-03-23');
    expect(plan.raise.map((r) => [r.level, r.skippedLevels])).toEqual([
      ['listed', ['reminder', 'urge', 'supervise']],
    ]);
  });

  it('ends at the level the daily job would have reached, never higher, for every idle window in March', () => {
    // Rule with a short answer period so unanswered notices also climb.
    const fast: EscalationRules = {
      problem_overdue: {
        steps: [step(1, 'reminder', 1), step(4, 'urge', 1), step(8, 'supervise', 1), step(15, 'listed', 1)],
      },
    };
    const objects = [problem('p1', '2026-03-06')];
    const end = '2026-03-31';
    const daily = new Job(fast);
    daily.daily(objects, '2026-03-06', end);
    for (let stop = '2026-03-07'; stop < end; stop = addDays(stop, 1))
      for (let resume = addDays(stop, 1); resume <= end; resume = addDays(resume, 1)) {
        const job = new Job(fast);
        job.daily(objects, '2026-03-06', addDays(stop, -1));
        const plan = job.run(objects, resume);
        expect(plan.raise.length).toBeLessThanOrEqual(1);
        job.daily(objects, addDays(resume, 1), end);
        const caughtUp = job.highest('p1')!;
        const reference = new Job(fast);
        reference.daily(objects, '2026-03-06', resume);
        // Not above the daily job on the day it resumed, nor at the end of the month.
        const raised = plan.raise[0]?.level;
        if (raised) expect(levelRank(raised)).toBeLessThanOrEqual(levelRank(reference.highest('p1')!));
        expect(levelRank(caughtUp)).toBeLessThanOrEqual(levelRank(daily.highest('p1')!));
        expect(new Set(job.notices.map((n) => n.level)).size).toBe(job.notices.length);
      }
  });
});

describe('an unanswered notice escalates one rung', () => {
  const taskRules: EscalationRules = { task_overdue: { steps: [step(1, 'reminder', 2)] } };
  const task: EscalationObject = { kind: 'task_overdue', id: 't9', dueOn: '2026-03-06', state: 'slipping' };

  it('from the first working day after its answer-by date', () => {
    const job = new Job(taskRules);
    job.run([task], '2026-03-09'); // reminder, answer by 03-11
    expect(job.notices[0]!.answerBy).toBe('2026-03-11');
    expect(job.run([task], '2026-03-11').raise).toEqual([]);
    const plan = job.run([task], '2026-03-12');
    expect(plan.raise[0]).toMatchObject({
      level: 'urge',
      cause: 'unanswered',
      unansweredNoticeId: 1,
      skippedLevels: [],
      answerBy: '2026-03-17', // no urge step in the rule: the level's default, 3 working days
    });
    expect(plan.end).toEqual([{ noticeId: 1, action: 'escalate', reason: 'higher_level_raised' }]);
    // and on up the ladder, one rung per missed answer, to the top and no further
    job.daily([task], '2026-03-13', '2026-04-30');
    expect(job.notices.map((n) => n.level)).toEqual(['reminder', 'urge', 'supervise', 'listed']);
    expect(job.notices.map((n) => n.status)).toEqual(['escalated', 'escalated', 'escalated', 'open']);
  });

  it('not when answered and waiting for the office, but again when the office returns the answer', () => {
    const job = new Job(taskRules);
    job.run([task], '2026-03-09');
    job.notices[0]!.status = 'answered';
    expect(job.run([task], '2026-03-20').raise).toEqual([]);
    const back = nextNoticeStatus('answered', 'return_answer', ['office']);
    if (back.ok) job.notices[0]!.status = back.to;
    expect(job.run([task], '2026-03-20').raise.map((r) => r.level)).toEqual(['urge']);
  });

  it('never above the rule when the answer was accepted, but the schedule goes on while the object slips', () => {
    const job = new Job();
    const objects = [problem('p1', '2026-03-06')];
    job.run(objects, '2026-03-09');
    job.notices[0]!.status = 'accepted';
    expect(job.run(objects, '2026-03-10').raise).toEqual([]);
    expect(job.run(objects, '2026-03-11').raise.map((r) => [r.level, r.cause])).toEqual([
      ['urge', 'schedule'],
    ]);
  });

  it('also escalates notices raised by hand on kinds without a rule', () => {
    const ticket: EscalationObject = {
      kind: 'ticket_overdue',
      id: 'T-1',
      dueOn: '2026-03-02',
      state: 'slipping',
    };
    const byHand: ExistingNotice = {
      id: 4,
      objectKind: 'ticket_overdue',
      objectId: 'T-1',
      dueOn: '2026-03-02',
      level: 'urge',
      status: 'open',
      answerBy: '2026-03-04',
    };
    const plan = planEscalation({
      rules,
      calendar: cal,
      objects: [ticket],
      notices: [byHand],
      today: '2026-03-05',
    });
    expect(plan.raise.map((r) => [r.level, r.cause, r.unansweredNoticeId])).toEqual([
      ['supervise', 'unanswered', 4],
    ]);
  });
});

describe('what ends a notice', () => {
  const notice = (id: number, level: NoticeLevel, status: ExistingNotice['status'], dueOn = '2026-03-06') =>
    ({
      id,
      objectKind: 'problem_overdue',
      objectId: 'p1',
      dueOn,
      level,
      status,
      answerBy: '2026-03-12',
    }) as const;

  it('the object resolved: its live notices end, ended ones are left alone, nothing is raised', () => {
    const plan = planEscalation({
      rules,
      calendar: cal,
      objects: [problem('p1', '2026-03-06', 'resolved')],
      notices: [
        notice(1, 'reminder', 'escalated'),
        notice(2, 'urge', 'answered'),
        notice(3, 'supervise', 'open'),
      ],
      today: '2026-04-01',
    });
    expect(plan).toEqual({
      raise: [],
      end: [
        { noticeId: 2, action: 'resolve', reason: 'object_resolved' },
        { noticeId: 3, action: 'resolve', reason: 'object_resolved' },
      ],
    });
  });

  it('the object dismissed', () => {
    const plan = planEscalation({
      rules,
      calendar: cal,
      objects: [problem('p1', '2026-03-06', 'dismissed')],
      notices: [notice(1, 'reminder', 'open')],
      today: '2026-04-01',
    });
    expect(plan.end).toEqual([{ noticeId: 1, action: 'dismiss', reason: 'object_dismissed' }]);
  });

  it('the due date moved (deadline change approved): the old episode ends, the new one starts from nothing', () => {
    const objects = [problem('p1', '2026-04-30')];
    const old = [notice(1, 'reminder', 'escalated'), notice(2, 'urge', 'open')];
    const today = '2026-03-16';
    expect(planEscalation({ rules, calendar: cal, objects, notices: old, today })).toEqual({
      raise: [],
      end: [{ noticeId: 2, action: 'resolve', reason: 'due_date_moved' }],
    });
    // When the new date slips too, the ladder starts again at the bottom.
    const later = planEscalation({
      rules,
      calendar: cal,
      objects,
      notices: [notice(1, 'reminder', 'escalated'), notice(2, 'urge', 'resolved')],
      today: '2026-05-07',
    });
    expect(later.raise.map((r) => [r.level, r.object.dueOn])).toEqual([['reminder', '2026-04-30']]);
  });

  it('the answer accepted (by the office, through the life cycle)', () => {
    expect(nextNoticeStatus('answered', 'accept', ['office'])).toEqual({ ok: true, to: 'accepted' });
  });
});

describe('the plan', () => {
  it('hands back the caller’s object and does not depend on the order of its input', () => {
    const objects = [problem('b', '2026-03-02'), problem('a', '2026-03-06'), problem('c', '2026-03-05')];
    const plan = planEscalation({ rules, calendar: cal, objects, notices: [], today: '2026-03-11' });
    expect(plan.raise.map((r) => [r.object.id, r.level, r.object.unitId])).toEqual([
      ['a', 'urge', 7],
      ['b', 'supervise', 7],
      ['c', 'urge', 7],
    ]);
    const reversed = planEscalation({
      rules,
      calendar: cal,
      objects: [...objects].reverse(),
      notices: [],
      today: '2026-03-11',
    });
    expect(reversed).toEqual(plan);
  });

  it('refuses an object listed twice', () => {
    const p = problem('p1', '2026-03-06');
    expect(() =>
      planEscalation({ rules, calendar: cal, objects: [p, p], notices: [], today: '2026-03-11' }),
    ).toThrow(/listed twice/);
  });
});
