import { compareSeverity, formOf, measures, type MeasureCode } from './forms.ts';

/** 从轻 / 减轻 / 免责 */
export const leniencyKinds = [
  'lenient', // 从轻: the lighter end of the range the rules give
  'reduced', // 减轻: below that range
  'exempt', // 免责 (容错免责): not held to account
] as const;
export type LeniencyKind = (typeof leniencyKinds)[number];

export const leniencyLabels: Readonly<Record<LeniencyKind, { zh: string; en: string }>> = {
  lenient: { zh: '从轻处理', en: 'Lenient' },
  reduced: { zh: '减轻处理', en: 'Reduced' },
  exempt: { zh: '免责', en: 'Exempt' },
};

/**
 * 三个区分开来: the three distinctions under which a mistake may be treated
 * leniently. At least one must be claimed, with the reasoning.
 */
export const threeDistinctions = [
  // 把干部在推进改革中因缺乏经验、先行先试出现的失误错误，同明知故犯的违纪违法行为区分开来
  'reform_inexperience',
  // 把上级尚无明确限制的探索性试验中的失误错误，同上级明令禁止后依然我行我素的违纪违法行为区分开来
  'unrestricted_exploration',
  // 把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来
  'unintended_for_development',
] as const;
export type Distinction = (typeof threeDistinctions)[number];

export const distinctionLabels: Readonly<Record<Distinction, { zh: string; en: string }>> = {
  reform_inexperience: {
    zh: '推进改革中因缺乏经验、先行先试出现的失误错误',
    en: 'A mistake made for lack of experience while pioneering a reform',
  },
  unrestricted_exploration: {
    zh: '上级尚无明确限制的探索性试验中的失误错误',
    en: 'A mistake in an exploratory trial the higher level had not restricted',
  },
  unintended_for_development: {
    zh: '为推动发展的无意过失',
    en: 'An unintended fault while promoting development',
  },
};

export interface Leniency {
  kind: LeniencyKind;
  /** Which of the three distinctions apply; at least one. */
  distinctions: readonly Distinction[];
  /** 理由: why the distinction applies to this case. Kept with the record. */
  reasoning: string;
  /** The measure the rules would ordinarily have given; when known it is checked against the one applied. */
  ordinaryMeasure?: MeasureCode | null;
}

/** The shortest reasoning accepted, in characters after trimming: a reason, not a word. */
export const minReasoningLength = 10;

export type LeniencyIssueCode =
  | 'no_distinction'
  | 'repeated_distinction'
  | 'reasoning_too_short'
  | 'exempt_with_sanction'
  | 'measure_required'
  | 'heavier_than_ordinary'
  | 'not_lighter_than_ordinary';

export interface LeniencyIssue {
  code: LeniencyIssueCode;
  field: string;
  message: { zh: string; en: string };
}

/**
 * Checks a leniency against the measure applied (null when none):
 *  - at least one of the three distinctions, none twice, and a reasoning of at least
 *    {@link minReasoningLength} characters;
 *  - 免责 leaves no sanction: no measure, or only a first-form one (谈话提醒, 批评教育…),
 *    which is how an exempted cadre is still spoken to;
 *  - 从轻 and 减轻 still apply a measure; against the ordinary measure, when given and
 *    comparable, neither may be heavier, and 减轻 must be strictly lighter.
 */
export function validateLeniency(leniency: Leniency, measure: MeasureCode | null): LeniencyIssue[] {
  const issues: LeniencyIssue[] = [];
  if (leniency.distinctions.length === 0)
    issues.push({
      code: 'no_distinction',
      field: 'leniency.distinctions',
      message: {
        zh: '从轻、减轻或免责须依据“三个区分开来”中的至少一项',
        en: 'Leniency must rest on at least one of the three distinctions',
      },
    });
  if (new Set(leniency.distinctions).size !== leniency.distinctions.length)
    issues.push({
      code: 'repeated_distinction',
      field: 'leniency.distinctions',
      message: { zh: '同一项区分不能重复选择', en: 'A distinction is listed twice' },
    });
  if ([...leniency.reasoning.trim()].length < minReasoningLength)
    issues.push({
      code: 'reasoning_too_short',
      field: 'leniency.reasoning',
      message: {
        zh: `请写明适用理由（至少 ${minReasoningLength} 个字）`,
        en: `Write the reasoning (at least ${minReasoningLength} characters)`,
      },
    });
  if (leniency.kind === 'exempt') {
    if (measure !== null && formOf(measure) !== 1)
      issues.push({
        code: 'exempt_with_sanction',
        field: 'measure',
        message: {
          zh: `免责的不能再给予“${measures[measure].zh}”`,
          en: `An exempted person cannot also receive “${measures[measure].en}”`,
        },
      });
    return issues;
  }
  if (measure === null) {
    issues.push({
      code: 'measure_required',
      field: 'measure',
      message: {
        zh: '从轻或减轻处理须写明给予的处理措施',
        en: 'Lenient or reduced treatment still names a measure',
      },
    });
    return issues;
  }
  const ordinary = leniency.ordinaryMeasure;
  if (!ordinary) return issues;
  const cmp = compareSeverity(measure, ordinary);
  if (cmp === null) return issues;
  if (cmp > 0)
    issues.push({
      code: 'heavier_than_ordinary',
      field: 'measure',
      message: {
        zh: `“${measures[measure].zh}”重于通常应给予的“${measures[ordinary].zh}”`,
        en: `“${measures[measure].en}” is heavier than the ordinary “${measures[ordinary].en}”`,
      },
    });
  else if (leniency.kind === 'reduced' && cmp === 0)
    issues.push({
      code: 'not_lighter_than_ordinary',
      field: 'measure',
      message: {
        zh: `减轻处理须轻于通常应给予的“${measures[ordinary].zh}”`,
        en: `A reduced measure must be lighter than the ordinary “${measures[ordinary].en}”`,
      },
    });
  return issues;
}
