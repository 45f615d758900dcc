import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/holidays.ts';
import { shanghaiDate } from '../calendar/shanghai-date.ts';
import { WorkCalendar } from '../calendar/working-days.ts';
import {
  addMonthsClamped,
  defaultFollowUpPolicy,
  followUpDates,
  needsFollowUp,
  scheduleFollowUps,
  validateFollowUpPolicy,
} from './follow-up.ts';
import type { AccountabilityRecord } from './record.ts';

const cal = new WorkCalendar(shippedCalendar);

describe('calendar months with end-of-month clamping', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'], // leap year
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-12-31', 6, '2027-06-30'],
    ['2026-10-31', 3, '2027-01-31'], // across the year, no clamp needed
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-31', -2, '2025-11-30'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('refuses fractions of a month', () => {
    expect(() => addMonthsClamped('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('follow-up visits (回访教育)', () => {
  it('by default at 3 and 6 months after the decision', () => {
    expect(followUpDates('2026-11-30')).toEqual(['2027-02-28', '2027-05-30']);
    expect(followUpDates('2026-08-31')).toEqual(['2026-11-30', '2027-02-28']);
  });

  it('counts from the Shanghai date of a decision signed late in the evening (UTC the day before)', () => {
    const decidedOn = shanghaiDate(new Date('2026-08-31T16:30:00Z')); // 2026-09-01 00:30 in Shanghai
    expect(followUpDates(decidedOn)).toEqual(['2026-12-01', '2027-03-01']);
  });

  it('is configurable, and can move to the next working day', () => {
    const policy = { ...defaultFollowUpPolicy, monthsAfter: [1, 3, 12] };
    expect(followUpDates('2026-06-30', policy)).toEqual(['2026-07-30', '2026-09-30', '2027-06-30']);
    const working = { ...defaultFollowUpPolicy, onWorkingDay: true };
    // 2026-07-01 + 3 months = 2026-10-01 (国庆) → 2026-10-08; + 6 = 2027-01-01 (元旦) → 2027-01-04
    expect(followUpDates('2026-07-01', working, cal)).toEqual(['2026-10-08', '2027-01-04']);
    // 2026-05-10 + 3 = 2026-08-10 (Monday) stays
    expect(followUpDates('2026-05-10', working, cal)).toEqual(['2026-08-10', '2026-11-10']);
  });

  it.each([
    [[3, 6], []],
    [[], ['no_months']],
    [[0, 6], ['months_invalid']],
    [[3, 2.5], ['months_invalid']],
    [[6, 3], ['months_order']],
    [[3, 3], ['months_order']],
    [[61], ['months_invalid']],
  ])('policy months %j → %j', (monthsAfter, codes) => {
    expect(validateFollowUpPolicy({ ...defaultFollowUpPolicy, monthsAfter }).map((i) => i.code)).toEqual(
      codes,
    );
  });

  it('refuses a policy that visits nobody', () => {
    expect(validateFollowUpPolicy({ ...defaultFollowUpPolicy, forms: [] }).map((i) => i.code)).toEqual([
      'no_forms',
    ]);
  });

  const person = { kind: 'person', personId: 1, unitId: 2 } as const;
  const r = (
    measure: AccountabilityRecord['measure'],
    leniency: AccountabilityRecord['leniency'] = null,
  ) => ({
    subject: person,
    measure,
    leniency,
  });
  it.each([
    ['admonishment (form 1)', r('admonishment'), false],
    ['party warning (form 2)', r('party_warning'), true],
    ['removal from office (form 2)', r('removal_from_office'), true],
    ['probation (form 3)', r('party_probation'), true],
    ['investigation (form 4)', r('case_investigation'), false],
    [
      'lenient warning',
      r('party_warning', {
        kind: 'lenient',
        distinctions: ['reform_inexperience'],
        reasoning: 'x'.repeat(12),
      }),
      true,
    ],
    [
      'exempt',
      r(null, { kind: 'exempt', distinctions: ['reform_inexperience'], reasoning: 'x'.repeat(12) }),
      false,
    ],
  ] as const)('%s → visited=%s', (_name, rec, visited) => {
    expect(needsFollowUp(rec)).toBe(visited);
  });
  it('covers the forms the policy names', () => {
    expect(needsFollowUp(r('admonishment'), { ...defaultFollowUpPolicy, forms: [1, 2, 3] })).toBe(true);
    expect(
      needsFollowUp({ subject: { kind: 'unit', unitId: 2 }, measure: 'unit_circular', leniency: null }),
    ).toBe(false);
  });

  it('schedules the visits of a sanctioned person, and none for others', () => {
    const rec = {
      caseId: 4,
      subject: person,
      measure: 'party_warning' as const,
      leniency: null,
      decidedOn: '2026-11-30',
    };
    expect(scheduleFollowUps(rec)).toEqual([
      { personId: 1, caseId: 4, sequence: 1, dueOn: '2027-02-28' },
      { personId: 1, caseId: 4, sequence: 2, dueOn: '2027-05-30' },
    ]);
    expect(scheduleFollowUps({ ...rec, measure: 'talk_reminder' })).toEqual([]);
    expect(
      scheduleFollowUps({ ...rec, subject: { kind: 'unit', unitId: 2 }, measure: 'unit_circular' }),
    ).toEqual([]);
  });
});
