/**
 * The problem sources and categories a new installation starts with (seeded
 * by migration 0008; a test checks the migration and this list agree). The
 * administrator adds and renames them afterwards.
 */

export interface DefaultSource {
  code: string;
  zh: string;
  en: string;
  /** A unit may record problems of this source about itself (自查自纠). */
  unitMayRecord: boolean;
}

/** The eight problem lists (八张问题清单), then self-inspection, unannounced visits, public and grid reports. */
export const defaultProblemSources: readonly DefaultSource[] = [
  { code: 'inspection_tour', zh: '巡视', en: 'Inspection tours', unitMayRecord: false },
  { code: 'supervision', zh: '督查', en: 'Supervision', unitMayRecord: false },
  { code: 'audit', zh: '审计', en: 'Audit', unitMayRecord: false },
  {
    code: 'environment',
    zh: '生态环保督察',
    en: 'Environmental inspection',
    unitMayRecord: false,
  },
  { code: 'online_opinion', zh: '网络舆情', en: 'Online opinion', unitMayRecord: false },
  {
    code: 'safety',
    zh: '安全生产和自然灾害',
    en: 'Work safety and natural disasters',
    unitMayRecord: false,
  },
  { code: 'petition', zh: '群众信访', en: 'Petitions', unitMayRecord: false },
  { code: 'stability', zh: '平安稳定', en: 'Public safety and stability', unitMayRecord: false },
  { code: 'self_inspection', zh: '自查自纠', en: 'Self-inspection', unitMayRecord: true },
  { code: 'unannounced_visit', zh: '明察暗访', en: 'Unannounced visits', unitMayRecord: false },
  { code: 'public_report', zh: '群众举报', en: 'Public reports', unitMayRecord: false },
  { code: 'grid_report', zh: '网格上报', en: 'Grid reports', unitMayRecord: false },
];

export interface DefaultCategory {
  code: string;
  zh: string;
  en: string;
  children?: readonly DefaultCategory[];
}

/** The category tree: 四困 with its items, 不作为/慢作为/乱作为, 庸懒散拖, 形式主义/官僚主义. */
export const defaultProblemCategories: readonly DefaultCategory[] = [
  {
    code: 'four_plights',
    zh: '四困',
    en: 'The four plights',
    children: [
      {
        code: 'lying_flat',
        zh: '躺平',
        en: 'Lying flat',
        children: [
          { code: 'lying_flat_content', zh: '安于现状、不思进取', en: 'Content with things as they are' },
          { code: 'lying_flat_passive', zh: '推一推动一动、不推不动', en: 'Moves only when pushed' },
        ],
      },
      {
        code: 'holding_on',
        zh: '守成',
        en: 'Merely holding on',
        children: [
          { code: 'holding_on_old_ways', zh: '因循守旧、不敢创新', en: 'Sticks to old ways' },
          {
            code: 'holding_on_good_enough',
            zh: '满足于过得去、不求过得硬',
            en: 'Satisfied with "good enough"',
          },
        ],
      },
      {
        code: 'fearing_difficulty',
        zh: '畏难',
        en: 'Fearing difficulty',
        children: [
          { code: 'fearing_detour', zh: '遇到困难绕道走', en: 'Goes around difficulties' },
          {
            code: 'fearing_hard_cases',
            zh: '不敢碰硬、不愿担责',
            en: 'Avoids hard cases and responsibility',
          },
        ],
      },
      {
        code: 'nice_guy',
        zh: '好人',
        en: 'Being a "nice guy"',
        children: [
          { code: 'nice_guy_no_offence', zh: '怕得罪人、不敢较真', en: 'Afraid to offend anyone' },
          { code: 'nice_guy_no_criticism', zh: '批评与自我批评不开展', en: 'No criticism or self-criticism' },
        ],
      },
    ],
  },
  {
    code: 'inaction',
    zh: '不作为、慢作为、乱作为',
    en: 'Inaction, slow action, wrong action',
    children: [
      { code: 'inaction_none', zh: '不作为', en: 'Inaction' },
      { code: 'inaction_slow', zh: '慢作为', en: 'Slow action' },
      { code: 'inaction_wrong', zh: '乱作为', en: 'Wrong action' },
    ],
  },
  { code: 'mediocre_lazy', zh: '庸懒散拖', en: 'Mediocre, lazy, lax, dilatory' },
  {
    code: 'formalism',
    zh: '形式主义、官僚主义',
    en: 'Formalism and bureaucratism',
    children: [
      { code: 'formalism_form', zh: '形式主义', en: 'Formalism' },
      { code: 'formalism_bureaucracy', zh: '官僚主义', en: 'Bureaucratism' },
    ],
  },
];

/** The tree flattened parents first, each with its parent's code and its sort within the parent. */
export function flattenCategories(
  tree: readonly DefaultCategory[] = defaultProblemCategories,
  parent: string | null = null,
): { code: string; zh: string; en: string; parent: string | null; sort: number }[] {
  return tree.flatMap((c, i) => [
    { code: c.code, zh: c.zh, en: c.en, parent, sort: i },
    ...flattenCategories(c.children ?? [], c.code),
  ]);
}
