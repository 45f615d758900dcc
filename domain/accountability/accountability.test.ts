import { describe, expect, it } from 'vitest';
import { itWalksTheLifecycle } from '../lifecycle.testkit.ts';
import { terminalStatuses } from '../lifecycle.ts';
import { roles } from '../roles.ts';
import { clueActions, clueStatuses, clueTransitions, nextClueStatus } from './clue-transfer.ts';
import { compareSeverity, formOf, measureCodes, measures, measuresOf, type MeasureCode } from './forms.ts';
import { validateLeniency, type Leniency } from './leniency.ts';
import { formOfRecord, validateAccountabilityRecord, type AccountabilityRecord } from './record.ts';

describe('the four forms and their measures', () => {
  it('puts every person measure in one form and no unit measure in any', () => {
    for (const m of measureCodes) {
      const def = measures[m];
      if (def.subject === 'unit') expect(formOf(m)).toBeNull();
      else expect([1, 2, 3, 4]).toContain(formOf(m));
    }
    expect(measuresOf(1)).toEqual([
      'talk_reminder',
      'criticism',
      'written_inquiry',
      'self_examination',
      'circular_criticism',
      'admonishment',
    ]);
    expect(measuresOf(4)).toEqual(['case_investigation']);
    expect(measuresOf('unit')).toEqual(['unit_self_examination', 'unit_circular', 'unit_reorganisation']);
    expect(measuresOf(2)).toContain('party_serious_warning');
    expect(measuresOf(3)).toEqual(
      expect.arrayContaining(['party_probation', 'party_expulsion', 'gov_dismissal']),
    );
  });

  it.each<[MeasureCode, MeasureCode, number | null]>([
    ['party_warning', 'party_serious_warning', -1],
    ['party_expulsion', 'party_warning', 4],
    ['gov_demerit', 'gov_dismissal', -3],
    ['party_warning', 'gov_warning', null], // different ladders, same form
    ['admonishment', 'party_probation', -2], // by form
    ['admonishment', 'written_inquiry', null], // same form, no common ladder
    ['post_adjustment', 'gov_demerit', null],
    ['criticism', 'criticism', 0],
    ['unit_circular', 'criticism', null],
  ])('%s vs %s → %s', (a, b, cmp) => {
    const r = compareSeverity(a, b);
    if (cmp === null) expect(r).toBeNull();
    else expect(Math.sign(r!)).toBe(Math.sign(cmp));
  });
});

describe('leniency under the three distinctions (三个区分开来)', () => {
  const base: Leniency = {
    kind: 'lenient',
    distinctions: ['reform_inexperience'],
    reasoning: '先行先试推进审批改革，缺乏经验导致程序疏漏，未谋取私利，事后主动整改',
  };
  it.each<[string, Leniency, MeasureCode | null, string[]]>([
    ['从轻 with a reason', base, 'party_warning', []],
    [
      '从轻, lighter than ordinary',
      { ...base, ordinaryMeasure: 'party_serious_warning' },
      'party_warning',
      [],
    ],
    ['从轻 at the ordinary measure', { ...base, ordinaryMeasure: 'party_warning' }, 'party_warning', []],
    [
      '从轻 heavier than ordinary',
      { ...base, ordinaryMeasure: 'party_warning' },
      'party_serious_warning',
      ['heavier_than_ordinary'],
    ],
    [
      '减轻 below the ordinary form',
      { ...base, kind: 'reduced', ordinaryMeasure: 'party_probation' },
      'admonishment',
      [],
    ],
    [
      '减轻 not lighter',
      { ...base, kind: 'reduced', ordinaryMeasure: 'gov_demerit' },
      'gov_demerit',
      ['not_lighter_than_ordinary'],
    ],
    [
      '减轻 incomparable measures (only the reasoning is checked)',
      { ...base, kind: 'reduced', ordinaryMeasure: 'post_adjustment' },
      'gov_warning',
      [],
    ],
    ['免责 with nothing', { ...base, kind: 'exempt' }, null, []],
    ['免责 still spoken to', { ...base, kind: 'exempt' }, 'talk_reminder', []],
    ['免责 yet sanctioned', { ...base, kind: 'exempt' }, 'party_warning', ['exempt_with_sanction']],
    ['从轻 without a measure', base, null, ['measure_required']],
    ['no distinction', { ...base, distinctions: [] }, 'party_warning', ['no_distinction']],
    [
      'a distinction twice',
      { ...base, distinctions: ['reform_inexperience', 'reform_inexperience'] },
      'party_warning',
      ['repeated_distinction'],
    ],
    ['no real reasoning', { ...base, reasoning: '  情节轻微  ' }, 'party_warning', ['reasoning_too_short']],
  ])('%s', (_name, leniency, measure, codes) => {
    expect(validateLeniency(leniency, measure).map((i) => i.code)).toEqual(codes);
  });
});

describe('an accountability record', () => {
  const rec: AccountabilityRecord = {
    caseId: 1,
    subject: { kind: 'person', personId: 10, unitId: 3 },
    basisProblemIds: [55],
    measure: 'admonishment',
    decidedOn: '2026-04-10',
    leniency: null,
  };
  it.each<[string, Partial<AccountabilityRecord>, [string, string][]]>([
    ['a person admonished over a problem', {}, []],
    ['a basis in words only', { basisProblemIds: [], basisText: '群众信访反映' }, []],
    ['no basis', { basisProblemIds: [], basisText: ' ' }, [['no_basis', 'basisProblemIds']]],
    ['no measure and no leniency', { measure: null }, [['measure_required', 'measure']]],
    [
      'a unit measure on a person',
      { measure: 'unit_reorganisation' },
      [['measure_wrong_subject', 'measure']],
    ],
    [
      'a person measure on a unit',
      { subject: { kind: 'unit', unitId: 3 } },
      [['measure_wrong_subject', 'measure']],
    ],
    ['a unit circulated', { subject: { kind: 'unit', unitId: 3 }, measure: 'unit_circular' }, []],
    [
      'an exemption without reasoning',
      {
        measure: null,
        leniency: { kind: 'exempt', distinctions: ['unintended_for_development'], reasoning: '' },
      },
      [['reasoning_too_short', 'leniency.reasoning']],
    ],
  ])('%s', (_name, change, issues) => {
    expect(validateAccountabilityRecord({ ...rec, ...change }).map((i) => [i.code, i.field])).toEqual(issues);
  });

  it('has the form of its measure', () => {
    expect(formOfRecord(rec)).toBe(1);
    expect(formOfRecord({ measure: 'party_probation' })).toBe(3);
    expect(formOfRecord({ measure: null })).toBeNull();
  });
});

describe('clue transfer (线索移送)', () => {
  itWalksTheLifecycle({
    statuses: clueStatuses,
    actions: clueActions,
    actors: roles,
    table: clueTransitions,
    guard: nextClueStatus,
    legal: [
      ['draft', 'transfer', 'transferred', ['office', 'inspector']],
      ['returned', 'transfer', 'transferred', ['office', 'inspector']],
      ['transferred', 'return', 'returned', ['discipline']],
      ['transferred', 'accept', 'accepted', ['discipline']],
      ['accepted', 'conclude', 'concluded', ['discipline']],
      ['draft', 'withdraw', 'withdrawn', ['office', 'inspector']],
      ['returned', 'withdraw', 'withdrawn', ['office', 'inspector']],
    ],
  });
  it('ends concluded or withdrawn; once the commission has it, only it moves it', () => {
    expect(terminalStatuses(clueStatuses, clueTransitions)).toEqual(['concluded', 'withdrawn']);
    expect(nextClueStatus('transferred', 'withdraw', ['office']).ok).toBe(false);
  });
});
