import type { IsoDate } from '../calendar/shanghai-date.ts';
import type { WorkCalendar } from '../calendar/working-days.ts';
import type { Form } from './forms.ts';
import { formOfRecord, isHeldToAccount, type AccountabilityRecord } from './record.ts';

/** 回访教育 policy: when, after the decision, a sanctioned person is visited, and whom it covers. */
export interface FollowUpPolicy {
  /** Calendar months after the decision date, increasing; by default 3 and 6. */
  monthsAfter: readonly number[];
  /** The forms whose people are visited; by default those sanctioned (处分) or adjusted: forms 2 and 3. */
  forms: readonly Form[];
  /** Move a visit that falls on a non-working day to the next working day (needs a calendar). */
  onWorkingDay: boolean;
}

/**
 * The default: visits at 3 and 6 months, for forms 2 and 3. First-form measures
 * (talks, admonishment) are not sanctions (处分) and are not visited; the fourth
 * form ends in the courts, outside the unit's reach.
 */
export const defaultFollowUpPolicy: FollowUpPolicy = {
  monthsAfter: [3, 6],
  forms: [2, 3],
  onWorkingDay: false,
};

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The same day `months` calendar months later, clamped to the end of a shorter
 * month: 2026-11-30 + 3 → 2027-02-28; 2027-11-30 + 3 → 2028-02-29; 2026-08-31 + 1
 * → 2026-09-30. Dates are Asia/Shanghai calendar dates (convert an instant with
 * `shanghaiDate` first). `months` may be negative.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return `${String(ny).padStart(4, '0')}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

export interface FollowUpPolicyIssue {
  code: 'no_months' | 'months_invalid' | 'months_order' | 'no_forms';
  field: string;
  message: { zh: string; en: string };
}

/** Checks a policy: at least one visit, whole months from 1 to 60 in increasing order, at least one form. */
export function validateFollowUpPolicy(p: FollowUpPolicy): FollowUpPolicyIssue[] {
  const issues: FollowUpPolicyIssue[] = [];
  if (p.monthsAfter.length === 0)
    issues.push({
      code: 'no_months',
      field: 'monthsAfter',
      message: { zh: '请至少设置一次回访', en: 'Set at least one visit' },
    });
  p.monthsAfter.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1 || n > 60)
      issues.push({
        code: 'months_invalid',
        field: `monthsAfter[${i}]`,
        message: {
          zh: '回访时间须为 1 到 60 之间的整数个月',
          en: 'A visit is 1 to 60 whole months after the decision',
        },
      });
    else if (i > 0 && n <= p.monthsAfter[i - 1]!)
      issues.push({
        code: 'months_order',
        field: `monthsAfter[${i}]`,
        message: { zh: '回访时间须逐次递增', en: 'Each visit must come after the one before' },
      });
  });
  if (p.forms.length === 0)
    issues.push({
      code: 'no_forms',
      field: 'forms',
      message: { zh: '请至少选择一种需要回访的形态', en: 'Choose at least one form to visit' },
    });
  return issues;
}

/**
 * The dates of the follow-up visits after a decision on `decidedOn`: one per
 * `monthsAfter`, clamped to the month's end; with `onWorkingDay` and a
 * calendar, moved to the next working day.
 */
export function followUpDates(
  decidedOn: IsoDate,
  policy: FollowUpPolicy = defaultFollowUpPolicy,
  calendar?: WorkCalendar,
): IsoDate[] {
  return policy.monthsAfter.map((n) => {
    const d = addMonthsClamped(decidedOn, n);
    return policy.onWorkingDay && calendar ? calendar.addWorkingDays(d, 0) : d;
  });
}

/** Does the record's person get follow-up visits under the policy? Only a person held to account in a covered form. */
export function needsFollowUp(
  r: Pick<AccountabilityRecord, 'subject' | 'measure' | 'leniency'>,
  policy: FollowUpPolicy = defaultFollowUpPolicy,
): boolean {
  if (r.subject.kind !== 'person' || !isHeldToAccount(r)) return false;
  const form = formOfRecord(r);
  return form !== null && policy.forms.includes(form);
}

/** One follow-up visit to schedule. */
export interface ScheduledVisit {
  personId: number;
  caseId: number;
  /** 1 for the first visit, 2 for the second… */
  sequence: number;
  dueOn: IsoDate;
}

/**
 * The visits to schedule after a decision: none when the record's person is
 * not covered by the policy (a unit, an exempt person, an uncovered form),
 * otherwise one per `monthsAfter`, dated by {@link followUpDates}.
 */
export function scheduleFollowUps(
  r: Pick<AccountabilityRecord, 'caseId' | 'subject' | 'measure' | 'leniency' | 'decidedOn'>,
  policy: FollowUpPolicy = defaultFollowUpPolicy,
  calendar?: WorkCalendar,
): ScheduledVisit[] {
  if (r.subject.kind !== 'person' || !needsFollowUp(r, policy)) return [];
  const personId = r.subject.personId;
  return followUpDates(r.decidedOn, policy, calendar).map((dueOn, i) => ({
    personId,
    caseId: r.caseId,
    sequence: i + 1,
    dueOn,
  }));
}
