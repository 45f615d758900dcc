import type { IsoDate } from '../calendar/shanghai-date.ts';
import { formOf, measures, type Form, type MeasureCode } from './forms.ts';
import { validateLeniency, type Leniency, type LeniencyIssueCode } from './leniency.ts';

/** Who is held to account: a person (with the unit he served in), or a unit (its 党组织). */
export type AccountabilitySubject =
  { kind: 'person'; personId: number; unitId: number } | { kind: 'unit'; unitId: number };

/**
 * 问责记录: one subject's outcome in one case (案件). A case with three people
 * is three records sharing a `caseId`. The decision text is not here: it is
 * stored encrypted (SM4) and never reaches the domain rules.
 */
export interface AccountabilityRecord {
  caseId: number;
  subject: AccountabilitySubject;
  /** 问责依据: the problems it rests on. */
  basisProblemIds: readonly number[];
  /** Free-text basis when no problem record exists (a petition, an audit finding not yet entered). */
  basisText?: string | null;
  /** The measure applied; null only when exempt (免责). */
  measure: MeasureCode | null;
  /** 决定日期 (Shanghai date). */
  decidedOn: IsoDate;
  leniency: Leniency | null;
}

export interface RecordIssue {
  code: LeniencyIssueCode | 'no_basis' | 'measure_required' | 'measure_wrong_subject';
  field: string;
  message: { zh: string; en: string };
}

/**
 * Checks a record before it is saved: a basis (a linked problem or a text), a
 * measure that fits the subject (the four forms for people, 检查/通报/改组 for
 * units), a measure unless exempt, and the leniency rules.
 */
export function validateAccountabilityRecord(r: AccountabilityRecord): RecordIssue[] {
  const issues: RecordIssue[] = [];
  if (r.basisProblemIds.length === 0 && !r.basisText?.trim())
    issues.push({
      code: 'no_basis',
      field: 'basisProblemIds',
      message: {
        zh: '请关联问责所依据的问题，或写明依据',
        en: 'Link the problems it rests on, or state the basis',
      },
    });
  if (r.measure !== null && measures[r.measure].subject !== r.subject.kind)
    issues.push({
      code: 'measure_wrong_subject',
      field: 'measure',
      message:
        r.subject.kind === 'unit'
          ? {
              zh: `“${measures[r.measure].zh}”不适用于单位`,
              en: `“${measures[r.measure].en}” does not apply to a unit`,
            }
          : {
              zh: `“${measures[r.measure].zh}”只适用于单位`,
              en: `“${measures[r.measure].en}” applies to units only`,
            },
    });
  if (r.leniency) issues.push(...validateLeniency(r.leniency, r.measure));
  else if (r.measure === null)
    issues.push({
      code: 'measure_required',
      field: 'measure',
      message: { zh: '请选择处理措施', en: 'Choose the measure' },
    });
  return issues;
}

/** The record's form (四种形态), or null for a unit or an exempt person with no measure. */
export function formOfRecord(r: Pick<AccountabilityRecord, 'measure'>): Form | null {
  return r.measure === null ? null : formOf(r.measure);
}

/** Was the subject held to account (not exempt)? */
export function isHeldToAccount(r: Pick<AccountabilityRecord, 'leniency'>): boolean {
  return r.leniency?.kind !== 'exempt';
}
