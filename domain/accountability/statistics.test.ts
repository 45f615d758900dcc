import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/shanghai-date.ts';
import type { MeasureCode } from './forms.ts';
import type { Leniency } from './leniency.ts';
import { validateAccountabilityRecord, type AccountabilityRecord } from './record.ts';
import { accountabilityStatistics, type FollowUpVisit } from './statistics.ts';

const period = { from: '2025-03-01', to: '2025-12-31' };
const reasoning = '推进项目审批改革中先行先试，程序存在疏漏，未造成重大损失且未谋取私利';

/**
 * 开州: "严肃查处'四困'负面典型14件21人 … 全覆盖跟踪回访教育受处分人员123人，从轻或减轻处理7人，
 * 提出不影响使用意见20人次". Built record by record, with noise that must not count.
 */
function kaizhou(): { records: AccountabilityRecord[]; visits: FollowUpVisit[] } {
  const records: AccountabilityRecord[] = [];
  const cycle: MeasureCode[] = [
    'admonishment',
    'party_warning',
    'gov_demerit',
    'party_serious_warning',
    'removal_from_office',
    'party_probation',
    'criticism',
  ];
  let person = 100;
  for (let c = 1; c <= 14; c++) {
    const size = c <= 7 ? 2 : 1; // 7 cases of two people, 7 of one: 21 people
    for (let k = 0; k < size; k++) {
      const n = person - 100;
      const leniency: Leniency | null =
        n < 4
          ? { kind: 'lenient', distinctions: ['reform_inexperience'], reasoning }
          : n < 7
            ? { kind: 'reduced', distinctions: ['unintended_for_development'], reasoning }
            : null;
      records.push({
        caseId: c,
        subject: { kind: 'person', personId: person++, unitId: 10 + c },
        basisProblemIds: [1000 + c],
        measure: leniency?.kind === 'reduced' ? 'admonishment' : cycle[n % cycle.length]!,
        decidedOn: addDays('2025-03-10', c * 15),
        leniency,
      });
    }
  }
  // A unit held to account in case 1, an exempted cadre in case 14: neither is one of the 21 people.
  records.push({
    caseId: 1,
    subject: { kind: 'unit', unitId: 11 },
    basisProblemIds: [1001],
    measure: 'unit_circular',
    decidedOn: '2025-03-25',
    leniency: null,
  });
  records.push({
    caseId: 14,
    subject: { kind: 'person', personId: 900, unitId: 24 },
    basisProblemIds: [1014],
    measure: null,
    decidedOn: '2025-08-17',
    leniency: { kind: 'exempt', distinctions: ['unrestricted_exploration'], reasoning },
  });
  // A case from the year before: outside the period.
  records.push({
    caseId: 99,
    subject: { kind: 'person', personId: 901, unitId: 30 },
    basisProblemIds: [999],
    measure: 'party_warning',
    decidedOn: '2024-11-02',
    leniency: null,
  });

  // 123 people visited in the period (sanctioned in earlier years too), 40 of them twice: 163 visits.
  const visits: FollowUpVisit[] = [];
  for (let i = 0; i < 123; i++) {
    const personId = 5000 + i;
    visits.push({ personId, caseId: null, visitedOn: addDays('2025-03-05', i), noEffectOnUseOpinion: false });
    if (i < 40)
      visits.push({
        personId,
        caseId: null,
        visitedOn: addDays('2025-09-01', i),
        noEffectOnUseOpinion: i < 20, // 20 opinions, each on a second visit
      });
  }
  // visits and an opinion outside the period
  visits.push({ personId: 5000, caseId: null, visitedOn: '2025-02-28', noEffectOnUseOpinion: true });
  visits.push({ personId: 7777, caseId: null, visitedOn: '2026-01-01', noEffectOnUseOpinion: true });
  return { records, visits };
}

describe('accountability statistics', () => {
  it('gives back the Kaizhou figures exactly: 14 cases 21 people, 123 visited, 7 lenient, 20 opinions', () => {
    const { records, visits } = kaizhou();
    for (const r of records) expect(validateAccountabilityRecord(r)).toEqual([]);
    const s = accountabilityStatistics(records, visits, period);
    expect(s).toEqual({
      cases: 14,
      people: 21,
      units: 1,
      byForm: { 1: 8, 2: 11, 3: 2, 4: 0 },
      leniency: { lenient: 4, reduced: 3, exempt: 1, lenientOrReduced: 7 },
      visited: 123,
      visits: 163,
      opinions: 20,
    });
    expect(s.byForm[1] + s.byForm[2] + s.byForm[3] + s.byForm[4]).toBe(s.people);
  });

  it('does not depend on the order of the records', () => {
    const { records, visits } = kaizhou();
    expect(accountabilityStatistics([...records].reverse(), [...visits].reverse(), period)).toEqual(
      accountabilityStatistics(records, visits, period),
    );
  });

  it('counts a person once, by the heaviest form, and an exempted person who was also sanctioned as sanctioned', () => {
    const p = (
      measure: MeasureCode | null,
      caseId: number,
      leniency: Leniency | null = null,
    ): AccountabilityRecord => ({
      caseId,
      subject: { kind: 'person', personId: 1, unitId: 1 },
      basisProblemIds: [1],
      measure,
      decidedOn: '2025-05-01',
      leniency,
    });
    const s = accountabilityStatistics(
      [
        p('admonishment', 1),
        p('party_probation', 2),
        p(null, 3, { kind: 'exempt', distinctions: ['reform_inexperience'], reasoning }),
      ],
      [],
    );
    expect(s).toMatchObject({ cases: 3, people: 1, byForm: { 1: 0, 2: 0, 3: 1, 4: 0 } });
    expect(s.leniency.exempt).toBe(0);
  });

  it('is all zeros with nothing recorded', () => {
    expect(accountabilityStatistics([], [])).toEqual({
      cases: 0,
      people: 0,
      units: 0,
      byForm: { 1: 0, 2: 0, 3: 0, 4: 0 },
      leniency: { lenient: 0, reduced: 0, exempt: 0, lenientOrReduced: 0 },
      visited: 0,
      visits: 0,
      opinions: 0,
    });
  });
});
