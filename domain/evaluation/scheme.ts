import { Ratio, sum } from './ratio.ts';

/**
 * A decimal as the office typed it or the database returned it: a number or a
 * decimal string (`33.33`). Compared and added exactly.
 */
export type Decimal = number | string;

/** 档次 */
export const grades = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof grades)[number];

export type Direction = 'higher_better' | 'lower_better';

/**
 * How a raw value becomes a 0–100 score within the peer group (赛道):
 *  - `min_max`: the best value 100, the worst 0, linear between; all equal → 100 each;
 *  - `rank`: by place, 100 for the first, 0 for the last, ties sharing the place; one unit → 100;
 *  - `target`: 100 at the target or beyond, 0 at the floor or beyond, linear between
 *    (for lower-is-better the floor is above the target). target 100 / floor 0 uses a
 *    0–100 score as it is.
 */
export type Normalisation =
  { kind: 'min_max' } | { kind: 'rank' } | { kind: 'target'; target: Decimal; floor: Decimal };

/** What the platform computes from its own records, with the direction that makes sense for each. */
export const computedMetrics = {
  task_on_time_rate: 'higher_better', // 任务按期完成率
  report_timeliness_rate: 'higher_better', // 报送及时率
  problem_closing_rate: 'higher_better', // 问题整改销号率
  overdue_count: 'lower_better', // 逾期数
  return_count: 'lower_better', // 退回次数
  response_hours: 'lower_better', // 诉求响应时长
  closing_hours: 'lower_better', // 诉求办结时长
  satisfaction: 'higher_better', // 满意度
} as const satisfies Record<string, Direction>;
export type ComputedMetric = keyof typeof computedMetrics;

/** A weighted indicator: computed from the records, or entered / imported (a score, or a letter grade mapped to points). */
export interface WeightedIndicator {
  id: string;
  name: string;
  source: 'computed' | 'entered';
  /** Required for `computed`. */
  metric?: ComputedMetric;
  /** For `entered` values that are letter grades (八张报表 A/B/C/D): the points of each grade. */
  gradePoints?: Readonly<Record<Grade, Decimal>>;
  /** 权重 > 0; the weights of all weighted indicators add up to exactly 100. */
  weight: Decimal;
  direction: Direction;
  normalisation: Normalisation;
  /** A unit with no value scores 0 (`zero`, the default) or the mean score of the units that have one (`peer_average`). */
  missing?: 'zero' | 'peer_average';
}

/**
 * 加减分: bonus and penalty events (awards by level, yellow cards, circulars
 * of criticism), outside the 100 weighted points: their points are added to the
 * total, the bonus up to `bonusCap`, the penalty down to −`penaltyCap`.
 */
export interface EventsIndicator {
  id: string;
  name: string;
  source: 'events';
  /** Points per kind of event: positive for a bonus, negative for a penalty. */
  eventPoints: Readonly<Record<string, Decimal>>;
  bonusCap: Decimal;
  penaltyCap: Decimal;
}

export type Indicator = WeightedIndicator | EventsIndicator;

/**
 * 定档: by quota (the top `A`% get A, the next `B`% B, the next `C`% C, the rest D;
 * seats are whole units rounded down, so a quota is never exceeded) or by
 * thresholds on the total (A from `A` points, B from `B`, C from `C`, else D).
 *
 * `ties` decides a tie that straddles a quota boundary: `share_lower` (default)
 * gives the whole tie the lower grade, so the quota holds ("A档不超过30%");
 * `share_higher` gives it the higher grade and lets the quota be exceeded by
 * the tied units. Never by input order or unit id: equal totals, equal grades.
 */
export type Grading =
  | {
      kind: 'quota';
      quotas: Readonly<Record<'A' | 'B' | 'C', Decimal>>;
      ties?: 'share_lower' | 'share_higher';
    }
  | { kind: 'thresholds'; min: Readonly<Record<'A' | 'B' | 'C', Decimal>> };

/** 考评方案: one version, for one campaign, period kind and peer group. */
export interface Scheme {
  id: number;
  version: number;
  name: string;
  indicators: readonly Indicator[];
  grading: Grading;
}

/** Example bonus and penalty points ("国家级、市级牌子帽子", 黄牌, 通报批评); the office sets its own. */
export const defaultEventPoints: Readonly<Record<string, number>> = {
  award_national: 3, // 国家级表彰、牌子
  award_provincial: 2, // 省（市）级
  award_city: 1, // 市级
  praise_circular: 0.5, // 通报表扬
  yellow_card: -2, // 黄牌警告
  red_card: -4, // 红牌警告
  criticism_circular: -1, // 通报批评
};

/** Points of the letter grades when the office has no other mapping. */
export const defaultGradePoints: Readonly<Record<Grade, number>> = { A: 100, B: 85, C: 70, D: 55 };

export type SchemeIssueCode =
  | 'no_indicators'
  | 'required'
  | 'duplicate_id'
  | 'not_a_number'
  | 'weight_not_positive'
  | 'weights_sum'
  | 'metric_required'
  | 'direction_mismatch'
  | 'grade_points_order'
  | 'target_floor_order'
  | 'no_events'
  | 'cap_negative'
  | 'quota_invalid'
  | 'thresholds_order';

/** Why a scheme is refused: a code, the field (`indicators[2].weight`), the indicator it concerns, a message naming it. */
export interface SchemeIssue {
  code: SchemeIssueCode;
  field: string;
  indicatorId?: string;
  message: { zh: string; en: string };
}

/** A scheme is refused: its issues, every one. */
export class SchemeError extends Error {
  constructor(readonly issues: readonly SchemeIssue[]) {
    super(`scheme refused: ${issues.map((i) => `${i.field} ${i.code}`).join('; ')}`);
    this.name = 'SchemeError';
  }
}

/**
 * Checks a scheme; an empty list means it may be saved and computed. Every
 * problem is reported, each naming its indicator and field: weights that are
 * not positive decimals or do not add up to exactly 100 (decimals are added
 * exactly: 33.33 + 33.33 + 33.34 is 100), a computed indicator without a
 * metric or pointing the wrong way (fewer overdue tasks is better), grade
 * points that do not fall from A to D, a target on the wrong side of its floor,
 * events without points or with negative caps, quotas beyond 100% and
 * thresholds out of order.
 */
export function validateScheme(scheme: Scheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const push = (code: SchemeIssueCode, field: string, zh: string, en: string, indicatorId?: string) =>
    issues.push({ code, field, message: { zh, en }, ...(indicatorId !== undefined ? { indicatorId } : {}) });
  const num = (v: unknown, field: string, label: { zh: string; en: string }, id?: string): Ratio | null => {
    const r = Ratio.tryOf(v);
    if (!r) push('not_a_number', field, `${label.zh}不是有效数字`, `${label.en} is not a valid number`, id);
    return r;
  };

  if (scheme.indicators.length === 0)
    push('no_indicators', 'indicators', '方案至少需要一项指标', 'A scheme needs at least one indicator');
  const seen = new Map<string, number>();
  const weights: Ratio[] = [];
  scheme.indicators.forEach((ind, i) => {
    const f = `indicators[${i}]`;
    const who = { zh: `指标“${ind.name || ind.id}”`, en: `Indicator “${ind.name || ind.id}”` };
    if (!ind.id.trim())
      push('required', `${f}.id`, `第 ${i + 1} 项指标缺少编号`, `Indicator ${i + 1} has no id`);
    else if (seen.has(ind.id))
      push(
        'duplicate_id',
        `${f}.id`,
        `指标编号“${ind.id}”重复（第 ${seen.get(ind.id)! + 1} 项和第 ${i + 1} 项）`,
        `The id “${ind.id}” is used twice (indicators ${seen.get(ind.id)! + 1} and ${i + 1})`,
        ind.id,
      );
    else seen.set(ind.id, i);
    if (!ind.name.trim())
      push('required', `${f}.name`, `第 ${i + 1} 项指标缺少名称`, `Indicator ${i + 1} has no name`, ind.id);

    if (ind.source === 'events') {
      const kinds = Object.entries(ind.eventPoints);
      if (kinds.length === 0)
        push(
          'no_events',
          `${f}.eventPoints`,
          `${who.zh}没有设置加减分事项`,
          `${who.en} lists no events`,
          ind.id,
        );
      for (const [kind, pts] of kinds) {
        const r = num(
          pts,
          `${f}.eventPoints.${kind}`,
          { zh: `${who.zh}的“${kind}”分值`, en: `${who.en}: points of “${kind}”` },
          ind.id,
        );
        if (r?.sign() === 0)
          push(
            'not_a_number',
            `${f}.eventPoints.${kind}`,
            `${who.zh}的“${kind}”分值不能为 0`,
            `${who.en}: “${kind}” cannot be worth 0`,
            ind.id,
          );
      }
      for (const cap of ['bonusCap', 'penaltyCap'] as const) {
        const r = num(
          ind[cap],
          `${f}.${cap}`,
          { zh: `${who.zh}的${cap === 'bonusCap' ? '加分上限' : '扣分上限'}`, en: `${who.en}: ${cap}` },
          ind.id,
        );
        if (r && r.sign() < 0)
          push(
            'cap_negative',
            `${f}.${cap}`,
            `${who.zh}的${cap === 'bonusCap' ? '加分上限' : '扣分上限'}不能为负数`,
            `${who.en}: ${cap} cannot be negative`,
            ind.id,
          );
      }
      return;
    }

    const w = num(ind.weight, `${f}.weight`, { zh: `${who.zh}的权重`, en: `${who.en}: the weight` }, ind.id);
    if (w) {
      if (w.sign() <= 0)
        push(
          'weight_not_positive',
          `${f}.weight`,
          `${who.zh}的权重须大于 0`,
          `${who.en}: the weight must be above 0`,
          ind.id,
        );
      weights.push(w);
    }
    if (ind.source === 'computed') {
      if (!ind.metric || !(ind.metric in computedMetrics))
        push(
          'metric_required',
          `${f}.metric`,
          `${who.zh}须选择计算口径`,
          `${who.en}: choose what it computes`,
          ind.id,
        );
      else if (computedMetrics[ind.metric] !== ind.direction)
        push(
          'direction_mismatch',
          `${f}.direction`,
          `${who.zh}的方向应为“${computedMetrics[ind.metric] === 'higher_better' ? '越高越好' : '越低越好'}”`,
          `${who.en} should be ${computedMetrics[ind.metric] === 'higher_better' ? 'higher' : 'lower'} is better`,
          ind.id,
        );
    }
    if (ind.gradePoints) {
      const pts = grades.map((g) =>
        num(
          ind.gradePoints![g],
          `${f}.gradePoints.${g}`,
          { zh: `${who.zh}的 ${g} 档分值`, en: `${who.en}: points of ${g}` },
          ind.id,
        ),
      );
      if (pts.every((p) => p !== null) && pts.some((p, k) => k > 0 && p.cmp(pts[k - 1]!) > 0))
        push(
          'grade_points_order',
          `${f}.gradePoints`,
          `${who.zh}的档次分值须 A ≥ B ≥ C ≥ D`,
          `${who.en}: grade points must fall from A to D`,
          ind.id,
        );
      if (ind.direction !== 'higher_better')
        push(
          'direction_mismatch',
          `${f}.direction`,
          `${who.zh}按档次计分，方向应为“越高越好”`,
          `${who.en} is graded, so higher is better`,
          ind.id,
        );
    }
    if (ind.normalisation.kind === 'target') {
      const t = num(
        ind.normalisation.target,
        `${f}.normalisation.target`,
        { zh: `${who.zh}的目标值`, en: `${who.en}: the target` },
        ind.id,
      );
      const fl = num(
        ind.normalisation.floor,
        `${f}.normalisation.floor`,
        { zh: `${who.zh}的零分值`, en: `${who.en}: the floor` },
        ind.id,
      );
      if (t && fl) {
        const ok = ind.direction === 'higher_better' ? fl.cmp(t) < 0 : fl.cmp(t) > 0;
        if (!ok)
          push(
            'target_floor_order',
            `${f}.normalisation.floor`,
            ind.direction === 'higher_better'
              ? `${who.zh}越高越好，零分值须低于目标值`
              : `${who.zh}越低越好，零分值须高于目标值`,
            ind.direction === 'higher_better'
              ? `${who.en}: higher is better, so the floor must be below the target`
              : `${who.en}: lower is better, so the floor must be above the target`,
            ind.id,
          );
      }
    }
  });
  const weighted = scheme.indicators.filter((i) => i.source !== 'events');
  if (scheme.indicators.length > 0 && weights.length === weighted.length) {
    const total = sum(weights);
    if (!total.eq(Ratio.hundred))
      push(
        'weights_sum',
        'indicators',
        `各项指标权重合计为 ${total.toString()}，须恰好为 100`,
        `The weights add up to ${total.toString()}; they must add up to exactly 100`,
      );
  }

  const g = scheme.grading;
  if (g.kind === 'quota') {
    const qs = (['A', 'B', 'C'] as const).map((k) =>
      num(g.quotas[k], `grading.quotas.${k}`, { zh: `${k} 档比例`, en: `The ${k} quota` }),
    );
    qs.forEach((q, k) => {
      if (q && (q.sign() < 0 || q.cmp(Ratio.hundred) > 0))
        push(
          'quota_invalid',
          `grading.quotas.${'ABC'[k]}`,
          `${'ABC'[k]} 档比例须在 0 到 100 之间`,
          `The ${'ABC'[k]} quota must be between 0 and 100`,
        );
    });
    if (qs.every((q) => q !== null) && sum(qs).cmp(Ratio.hundred) > 0)
      push(
        'quota_invalid',
        'grading.quotas',
        'A、B、C 档比例合计不能超过 100%',
        'The A, B and C quotas cannot add up to more than 100%',
      );
  } else {
    const ts = (['A', 'B', 'C'] as const).map((k) =>
      num(g.min[k], `grading.min.${k}`, { zh: `${k} 档分数线`, en: `The ${k} threshold` }),
    );
    if (ts.every((t) => t !== null) && !(ts[0]!.cmp(ts[1]!) > 0 && ts[1]!.cmp(ts[2]!) > 0))
      push(
        'thresholds_order',
        'grading.min',
        '分数线须 A > B > C',
        'Thresholds must fall: A above B above C',
      );
  }
  return issues;
}
