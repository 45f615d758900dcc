import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/holidays.ts';
import { WorkCalendar } from '../calendar/working-days.ts';
import {
  answerByDate,
  answerWorkingDaysFor,
  defaultEscalationRules,
  isAnswerOverdue,
  scheduledLevel,
  validateEscalationRule,
  validateEscalationRules,
  type EscalationRule,
  type EscalationStep,
} from './escalation-rules.ts';

const cal = new WorkCalendar(shippedCalendar);
const step = (afterWorkingDays: number, level: EscalationStep['level'], answer = 3): EscalationStep => ({
  afterWorkingDays,
  level,
  answerWithinWorkingDays: answer,
});
const rule: EscalationRule = {
  steps: [step(1, 'reminder'), step(3, 'urge'), step(5, 'supervise', 5), step(10, 'listed', 2)],
};

describe('validating a rule', () => {
  it('accepts the defaults and a rule given out of order', () => {
    expect(validateEscalationRules(defaultEscalationRules)).toEqual([]);
    expect(validateEscalationRule('task_overdue', { steps: [step(5, 'urge'), step(2, 'reminder')] })).toEqual(
      [],
    );
  });

  it.each<[string, EscalationStep[], string, string]>([
    ['no steps', [], 'no_steps', 'problem_overdue.steps'],
    ['negative days', [step(-2, 'reminder')], 'days_invalid', 'problem_overdue.steps[0].afterWorkingDays'],
    ['zero days', [step(0, 'reminder')], 'days_invalid', 'problem_overdue.steps[0].afterWorkingDays'],
    ['fractional days', [step(1.5, 'reminder')], 'days_invalid', 'problem_overdue.steps[0].afterWorkingDays'],
    [
      'no time to answer',
      [step(1, 'reminder', 0)],
      'answer_days_invalid',
      'problem_overdue.steps[0].answerWithinWorkingDays',
    ],
    [
      'two steps on the same day (overlapping ranges)',
      [step(1, 'reminder'), step(3, 'urge'), step(3, 'supervise')],
      'days_overlap',
      'problem_overdue.steps[2].afterWorkingDays',
    ],
    [
      'the same level twice',
      [step(1, 'reminder'), step(4, 'reminder')],
      'level_repeated',
      'problem_overdue.steps[1].level',
    ],
    [
      'a later step lower than an earlier one',
      [step(1, 'urge'), step(4, 'reminder')],
      'level_order',
      'problem_overdue.steps[1].level',
    ],
  ])('refuses %s', (_name, steps, code, field) => {
    const issues = validateEscalationRule('problem_overdue', { steps });
    expect(issues.map((i) => [i.code, i.field])).toContainEqual([code, field]);
    for (const i of issues) {
      expect(i.message.zh.length).toBeGreaterThan(0);
      expect(i.message.en.length).toBeGreaterThan(0);
    }
  });

  it('names both steps of an overlap, in both languages', () => {
    const [issue] = validateEscalationRule('task_overdue', { steps: [step(3, 'reminder'), step(3, 'urge')] });
    expect(issue?.message.zh).toBe('第 1 步和第 2 步的逾期工作日数相同（3 天），时间段重叠');
    expect(issue?.message.en).toContain('Steps 1 and 2');
  });

  it('refuses a kind it does not know', () => {
    expect(validateEscalationRules({ lunch_late: rule }).map((i) => i.code)).toEqual(['unknown_kind']);
  });
});

describe('the level a rule has reached', () => {
  it.each([
    [0, null],
    [1, 'reminder'],
    [2, 'reminder'],
    [3, 'urge'],
    [4, 'urge'],
    [5, 'supervise'],
    [9, 'supervise'],
    [10, 'listed'],
    [400, 'listed'],
  ])('%i working days late → %s', (days, level) => {
    expect(scheduledLevel(rule, days)).toBe(level);
  });
  it('is null without a rule', () => {
    expect(scheduledLevel(undefined, 30)).toBeNull();
  });
});

describe('answer-by dates in working days', () => {
  it.each([
    ['2026-03-09', 3, '2026-03-12', 'Monday + 3'],
    ['2026-03-13', 3, '2026-03-18', 'Friday + 3 skips the weekend'],
    ['2026-03-14', 3, '2026-03-18', 'raised on a Saturday counts from Monday'],
    ['2026-02-13', 3, '2026-02-25', 'over 春节: the make-up Saturday 02-14 counts, 02-15…23 do not'],
    ['2026-09-30', 2, '2026-10-09', 'over 国庆'],
    ['2026-10-09', 1, '2026-10-10', 'the make-up Saturday 10-10 is a working day'],
  ])('raised %s, %i days → %s (%s)', (raised, days, due) => {
    expect(answerByDate(raised, days, cal)).toBe(due);
  });

  it('takes the step’s answer period, else the level’s default', () => {
    expect(answerWorkingDaysFor(rule, 'supervise')).toBe(5);
    expect(answerWorkingDaysFor({ steps: [step(1, 'reminder')] }, 'urge')).toBe(3);
    expect(answerWorkingDaysFor(undefined, 'listed')).toBe(2);
  });

  it.each([
    ['2026-03-12', '2026-03-12', false, 'on the day'],
    ['2026-03-13', '2026-03-14', false, 'the Saturday after a Friday'],
    ['2026-03-13', '2026-03-15', false, 'the Sunday after'],
    ['2026-03-13', '2026-03-16', true, 'the Monday after'],
    ['2026-02-13', '2026-02-14', true, 'a make-up Saturday is a working day'],
    ['2026-02-14', '2026-02-23', false, 'the 春节 days are not'],
    ['2026-02-14', '2026-02-24', true, 'the first day back'],
  ])('answer due %s, on %s overdue=%s (%s)', (answerBy, today, overdue) => {
    expect(isAnswerOverdue(answerBy, today, cal)).toBe(overdue);
  });
});
