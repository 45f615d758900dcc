import type { WorkCalendar } from '../calendar/working-days.ts';
import type { IsoDate } from '../calendar/shanghai-date.ts';
import { defaultAnswerWorkingDays, levelRank, noticeLevelLabels, type NoticeLevel } from './notice-levels.ts';

/** What can slip and be escalated; one rule per kind. */
export const escalationObjectKinds = [
  'task_overdue', // 任务逾期: past its deadline, not done
  'report_late', // 进度报送逾期: a period's progress report not in by its due date
  'problem_overdue', // 问题整改逾期: past its rectification deadline, not closed
  'ticket_overdue', // 诉求超时: a public ticket past its time limit
] as const;
export type EscalationObjectKind = (typeof escalationObjectKinds)[number];

export const escalationObjectKindLabels: Readonly<Record<EscalationObjectKind, { zh: string; en: string }>> =
  {
    task_overdue: { zh: '任务逾期', en: 'Task overdue' },
    report_late: { zh: '进度报送逾期', en: 'Progress report late' },
    problem_overdue: { zh: '问题整改逾期', en: 'Problem overdue' },
    ticket_overdue: { zh: '诉求办理超时', en: 'Public ticket past its time limit' },
  };

/** One rung of a rule: once the object is `afterWorkingDays` working days late, raise `level`. */
export interface EscalationStep {
  /** Working days after the due date (the due date itself not counted); a whole number ≥ 1. */
  afterWorkingDays: number;
  level: NoticeLevel;
  /** Working days the unit has to answer a notice raised by this step (the day it is raised not counted). */
  answerWithinWorkingDays: number;
}

/** 督办升级规则 for one kind of object: its steps, in increasing days and increasing level. */
export interface EscalationRule {
  steps: readonly EscalationStep[];
}

/** The office's rules; a kind without a rule is never escalated by schedule (only by unanswered notices). */
export type EscalationRules = Readonly<Partial<Record<EscalationObjectKind, EscalationRule>>>;

/** A suggested starting point for the office; every figure is a setting. */
export const defaultEscalationRules: EscalationRules = {
  task_overdue: {
    steps: [
      { afterWorkingDays: 1, level: 'reminder', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 5, level: 'urge', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 10, level: 'supervise', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 20, level: 'listed', answerWithinWorkingDays: 2 },
    ],
  },
  report_late: {
    steps: [
      { afterWorkingDays: 1, level: 'reminder', answerWithinWorkingDays: 2 },
      { afterWorkingDays: 3, level: 'urge', answerWithinWorkingDays: 2 },
      { afterWorkingDays: 10, level: 'supervise', answerWithinWorkingDays: 3 },
    ],
  },
  problem_overdue: {
    steps: [
      { afterWorkingDays: 1, level: 'reminder', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 5, level: 'urge', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 10, level: 'supervise', answerWithinWorkingDays: 3 },
      { afterWorkingDays: 20, level: 'listed', answerWithinWorkingDays: 2 },
    ],
  },
  ticket_overdue: {
    steps: [
      { afterWorkingDays: 1, level: 'urge', answerWithinWorkingDays: 1 },
      { afterWorkingDays: 3, level: 'supervise', answerWithinWorkingDays: 2 },
    ],
  },
};

export type EscalationRuleIssueCode =
  | 'unknown_kind'
  | 'no_steps'
  | 'days_invalid'
  | 'answer_days_invalid'
  | 'days_overlap'
  | 'level_repeated'
  | 'level_order';

/** Why a rule is refused: a code, the offending field (e.g. `problem_overdue.steps[2].afterWorkingDays`), a message. */
export interface EscalationRuleIssue {
  code: EscalationRuleIssueCode;
  field: string;
  message: { zh: string; en: string };
}

const isWholeAtLeast = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min;

/**
 * Checks one kind's rule. Refused: no steps; days or answer days that are not
 * whole numbers ≥ 1 (negative ranges); two steps on the same day (overlapping
 * ranges); the same level twice; a later step at a lower or equal level than an
 * earlier one (the ladder only climbs). Steps may be given in any order.
 */
export function validateEscalationRule(kind: string, rule: EscalationRule): EscalationRuleIssue[] {
  const issues: EscalationRuleIssue[] = [];
  const at = (i: number, f: string) => `${kind}.steps[${i}].${f}`;
  if (rule.steps.length === 0) {
    issues.push({
      code: 'no_steps',
      field: `${kind}.steps`,
      message: { zh: '升级规则至少需要一个步骤', en: 'A rule needs at least one step' },
    });
    return issues;
  }
  rule.steps.forEach((s, i) => {
    if (!isWholeAtLeast(s.afterWorkingDays, 1))
      issues.push({
        code: 'days_invalid',
        field: at(i, 'afterWorkingDays'),
        message: {
          zh: `第 ${i + 1} 步的逾期工作日数须为不小于 1 的整数`,
          en: `Step ${i + 1}: the working days late must be a whole number of at least 1`,
        },
      });
    if (!isWholeAtLeast(s.answerWithinWorkingDays, 1))
      issues.push({
        code: 'answer_days_invalid',
        field: at(i, 'answerWithinWorkingDays'),
        message: {
          zh: `第 ${i + 1} 步的答复期限须为不小于 1 的整数个工作日`,
          en: `Step ${i + 1}: the answer period must be a whole number of at least 1 working day`,
        },
      });
  });
  if (issues.length > 0) return issues;
  const order = rule.steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.afterWorkingDays - b.s.afterWorkingDays);
  const seenLevel = new Map<NoticeLevel, number>();
  for (let k = 0; k < order.length; k++) {
    const { s, i } = order[k]!;
    const prev = order[k - 1];
    const label = noticeLevelLabels[s.level];
    if (seenLevel.has(s.level)) {
      issues.push({
        code: 'level_repeated',
        field: at(i, 'level'),
        message: {
          zh: `“${label.zh}”在规则中出现了两次（第 ${seenLevel.get(s.level)! + 1} 步和第 ${i + 1} 步）`,
          en: `${label.en} appears twice (steps ${seenLevel.get(s.level)! + 1} and ${i + 1})`,
        },
      });
      continue;
    }
    seenLevel.set(s.level, i);
    if (prev && prev.s.afterWorkingDays === s.afterWorkingDays) {
      issues.push({
        code: 'days_overlap',
        field: at(i, 'afterWorkingDays'),
        message: {
          zh: `第 ${prev.i + 1} 步和第 ${i + 1} 步的逾期工作日数相同（${s.afterWorkingDays} 天），时间段重叠`,
          en: `Steps ${prev.i + 1} and ${i + 1} start on the same working day (${s.afterWorkingDays}); their ranges overlap`,
        },
      });
    } else if (prev && levelRank(prev.s.level) > levelRank(s.level)) {
      issues.push({
        code: 'level_order',
        field: at(i, 'level'),
        message: {
          zh: `第 ${i + 1} 步（${s.afterWorkingDays} 个工作日，${label.zh}）等级低于更早的第 ${prev.i + 1} 步（${noticeLevelLabels[prev.s.level].zh}）`,
          en: `Step ${i + 1} (${s.afterWorkingDays} working days, ${label.en}) is lower than the earlier step ${prev.i + 1} (${noticeLevelLabels[prev.s.level].en})`,
        },
      });
    }
  }
  return issues;
}

/** Checks every kind's rule; an empty list means the rules are accepted. */
export function validateEscalationRules(
  rules: Readonly<Record<string, EscalationRule>>,
): EscalationRuleIssue[] {
  const issues: EscalationRuleIssue[] = [];
  for (const [kind, rule] of Object.entries(rules)) {
    if (!(escalationObjectKinds as readonly string[]).includes(kind)) {
      issues.push({
        code: 'unknown_kind',
        field: kind,
        message: { zh: `未知的督办对象类型：${kind}`, en: `Unknown kind of object: ${kind}` },
      });
      continue;
    }
    issues.push(...validateEscalationRule(kind, rule));
  }
  return issues;
}

/**
 * The level a rule has reached when the object is `workingDaysLate` working
 * days late: the highest step whose day has come, or null before the first.
 */
export function scheduledLevel(
  rule: EscalationRule | undefined,
  workingDaysLate: number,
): NoticeLevel | null {
  let best: EscalationStep | null = null;
  for (const s of rule?.steps ?? [])
    if (s.afterWorkingDays <= workingDaysLate && (!best || levelRank(s.level) > levelRank(best.level)))
      best = s;
  return best?.level ?? null;
}

/**
 * 答复期限: the last day a notice raised on `raisedOn` may be answered, `workingDays`
 * working days later (the raising day not counted). A notice raised on a
 * Saturday with 3 working days is due on Wednesday; holidays and 调休 make-up
 * days count as the calendar says.
 */
export function answerByDate(raisedOn: IsoDate, workingDays: number, calendar: WorkCalendar): IsoDate {
  return calendar.addWorkingDays(raisedOn, workingDays);
}

/** The answer period for a notice of `level` under `rule`: the step's own, or the level's default. */
export function answerWorkingDaysFor(rule: EscalationRule | undefined, level: NoticeLevel): number {
  return (
    rule?.steps.find((s) => s.level === level)?.answerWithinWorkingDays ?? defaultAnswerWorkingDays[level]
  );
}

/**
 * Is an answer overdue on `today`? Only from the first working day after the
 * answer-by date: a notice due on Friday is not overdue on Saturday or Sunday
 * (the escalation ladder moves on working days only).
 */
export function isAnswerOverdue(answerBy: IsoDate, today: IsoDate, calendar: WorkCalendar): boolean {
  return calendar.workingDaysBetween(answerBy, today) >= 1;
}
