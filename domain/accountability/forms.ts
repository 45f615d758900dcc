/**
 * 监督执纪"四种形态" (党内监督条例 art. 7) and the concrete measures under each:
 *  1. 批评和自我批评、约谈函询 — talks, criticism, written inquiry, ordered self-examination, admonishment;
 *  2. 党纪轻处分、组织调整 — light party or government sanctions, organisational adjustment;
 *  3. 党纪重处分、重大职务调整 — heavy party or government sanctions, major post changes;
 *  4. 严重违纪涉嫌违法立案审查 — investigation, referral to the judiciary.
 * A unit (党组织) is held to account with its own measures (问责条例: 检查、通报、改组),
 * which belong to no form: the four forms apply to people.
 */
export type Form = 1 | 2 | 3 | 4;
export const forms: readonly Form[] = [1, 2, 3, 4];

export const formLabels: Readonly<Record<Form, { zh: string; en: string }>> = {
  1: { zh: '第一种形态', en: 'First form' },
  2: { zh: '第二种形态', en: 'Second form' },
  3: { zh: '第三种形态', en: 'Third form' },
  4: { zh: '第四种形态', en: 'Fourth form' },
};

/**
 * Severity ladders for measures that can be compared: the party sanctions
 * (党纪处分, 纪律处分条例) and the government sanctions (政务处分, 政务处分法),
 * each lightest first. Other measures compare by form only.
 */
export type SanctionLadder = 'party' | 'government';

interface MeasureDef {
  zh: string;
  en: string;
  /** Null for a unit's measures. */
  form: Form | null;
  subject: 'person' | 'unit';
  /** Place on its ladder (1 = lightest), for the sanctions that have one. */
  ladder?: { name: SanctionLadder; step: number };
}

const person = (form: Form, zh: string, en: string, ladder?: MeasureDef['ladder']): MeasureDef => ({
  zh,
  en,
  form,
  subject: 'person',
  ...(ladder ? { ladder } : {}),
});
const party = (step: number) => ({ name: 'party', step }) as const;
const gov = (step: number) => ({ name: 'government', step }) as const;

/** Every measure, with its form. The catalogue is data: a district that classifies a measure differently edits it here. */
export const measures = {
  talk_reminder: person(1, '谈话提醒', 'Reminder talk'),
  criticism: person(1, '批评教育', 'Criticism and education'),
  written_inquiry: person(1, '函询', 'Written inquiry'),
  self_examination: person(1, '责令检查', 'Ordered self-examination'),
  circular_criticism: person(1, '通报批评', 'Criticism by circular'),
  admonishment: person(1, '诫勉', 'Admonishment'),
  party_warning: person(2, '党内警告', 'Party warning', party(1)),
  party_serious_warning: person(2, '党内严重警告', 'Serious party warning', party(2)),
  gov_warning: person(2, '政务警告', 'Government warning', gov(1)),
  gov_demerit: person(2, '记过', 'Demerit', gov(2)),
  gov_major_demerit: person(2, '记大过', 'Major demerit', gov(3)),
  suspension_for_inspection: person(2, '停职检查', 'Suspension pending inspection'),
  post_adjustment: person(2, '调整职务', 'Post adjustment'),
  ordered_resignation: person(2, '责令辞职', 'Ordered to resign'),
  removal_from_office: person(2, '免职', 'Removal from office'),
  party_post_removal: person(3, '撤销党内职务', 'Removal from party posts', party(3)),
  party_probation: person(3, '留党察看', 'Party probation', party(4)),
  party_expulsion: person(3, '开除党籍', 'Expulsion from the party', party(5)),
  gov_demotion: person(3, '降级', 'Demotion in grade', gov(4)),
  gov_dismissal: person(3, '撤职', 'Dismissal from post', gov(5)),
  gov_expulsion: person(3, '开除', 'Expulsion from public employment', gov(6)),
  demotion: person(3, '降职', 'Demotion (major post change)'),
  case_investigation: person(
    4,
    '立案审查调查（严重违纪涉嫌违法）',
    'Investigation for serious violations suspected to be crimes',
  ),
  unit_self_examination: {
    zh: '责令检查（党组织）',
    en: 'Ordered self-examination (organisation)',
    form: null,
    subject: 'unit',
  },
  unit_circular: { zh: '通报（党组织）', en: 'Circular (organisation)', form: null, subject: 'unit' },
  unit_reorganisation: { zh: '改组', en: 'Reorganisation', form: null, subject: 'unit' },
} as const satisfies Record<string, MeasureDef>;

export type MeasureCode = keyof typeof measures;
export const measureCodes = Object.keys(measures) as MeasureCode[];

/** The form a measure belongs to; null for a unit's measures. */
export function formOf(measure: MeasureCode): Form | null {
  return measures[measure].form;
}

/** The measures available for a form (or, with `unit`, for a unit). */
export function measuresOf(form: Form | 'unit'): MeasureCode[] {
  return measureCodes.filter((m) =>
    form === 'unit' ? measures[m].subject === 'unit' : measures[m].form === form,
  );
}

/**
 * Compares two person measures by severity: negative when `a` is lighter.
 * On the same sanction ladder by step; otherwise by form; null when they
 * cannot be told apart (two different measures of the same form off a common
 * ladder, e.g. 诫勉 and 函询, or 调整职务 and 记过).
 */
export function compareSeverity(a: MeasureCode, b: MeasureCode): number | null {
  const ma: MeasureDef = measures[a];
  const mb: MeasureDef = measures[b];
  if (ma.form === null || mb.form === null) return null;
  if (a === b) return 0;
  if (ma.ladder && mb.ladder && ma.ladder.name === mb.ladder.name) return ma.ladder.step - mb.ladder.step;
  if (ma.form !== mb.form) return ma.form - mb.form;
  return null;
}
