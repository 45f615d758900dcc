import type { SchemeContent } from '../../api/evaluation.ts';
import {
  computedMetrics,
  defaultEventPoints,
  defaultGradePoints,
} from '../../../../domain/evaluation/scheme.ts';

export type Source = 'computed' | 'entered' | 'events';
type Num = number | string | undefined;

/** One indicator as the editor holds it (flat, so every field is a form field). */
export interface IndicatorForm {
  id: string;
  name: string;
  source: Source;
  metric?: keyof typeof computedMetrics;
  weight?: Num;
  direction?: 'higher_better' | 'lower_better';
  normKind?: 'min_max' | 'rank' | 'target';
  target?: Num;
  floor?: Num;
  missing?: 'zero' | 'peer_average';
  graded?: boolean;
  gradeA?: Num;
  gradeB?: Num;
  gradeC?: Num;
  gradeD?: Num;
  events?: { kind: string; points: Num }[];
  bonusCap?: Num;
  penaltyCap?: Num;
}

export interface SchemeForm {
  campaignId?: number;
  peerGroupId?: number;
  periodKind?: 'month' | 'quarter' | 'year';
  name: string;
  note?: string;
  indicators: IndicatorForm[];
  gradingKind: 'quota' | 'thresholds';
  quotaA?: Num;
  quotaB?: Num;
  quotaC?: Num;
  ties?: 'share_lower' | 'share_higher';
  minA?: Num;
  minB?: Num;
  minC?: Num;
  recordScope: 'campaign' | 'all';
}

const n = (v: Num) => (v === undefined || v === '' ? '' : typeof v === 'number' ? v : v.trim());

/** A new indicator id, not used yet in the scheme (entered values keep to ids, so ids never change). */
export function newIndicatorId(existing: readonly IndicatorForm[], source: Source): string {
  for (let i = existing.length + 1; ; i++) {
    const id = `${source}_${i}`;
    if (!existing.some((x) => x.id === id)) return id;
  }
}

export function computedIndicator(
  id: string,
  metric: keyof typeof computedMetrics,
  name: string,
  weight: number,
): IndicatorForm {
  const lower = computedMetrics[metric] === 'lower_better';
  return {
    id,
    name,
    source: 'computed',
    metric,
    weight,
    direction: computedMetrics[metric],
    normKind: lower ? 'min_max' : 'target',
    target: lower ? undefined : 100,
    floor: lower ? undefined : 0,
    missing: 'zero',
  };
}

/** What the editor starts with: a sound scheme the office adjusts (weights add up to 100). */
export function starterForm(): SchemeForm {
  return {
    name: '',
    recordScope: 'campaign',
    gradingKind: 'quota',
    quotaA: 30,
    quotaB: 40,
    quotaC: 20,
    ties: 'share_lower',
    indicators: [
      computedIndicator('on_time', 'task_on_time_rate', '任务按期完成率', 25),
      computedIndicator('reports', 'report_timeliness_rate', '报送及时率', 15),
      computedIndicator('closing', 'problem_closing_rate', '问题整改销号率', 25),
      computedIndicator('overdue', 'overdue_count', '问题逾期数', 15),
      {
        id: 'cards',
        name: '八张报表',
        source: 'entered',
        weight: 20,
        direction: 'higher_better',
        normKind: 'target',
        target: 100,
        floor: 55,
        missing: 'zero',
        graded: true,
        gradeA: defaultGradePoints.A,
        gradeB: defaultGradePoints.B,
        gradeC: defaultGradePoints.C,
        gradeD: defaultGradePoints.D,
      },
      {
        id: 'bonus',
        name: '加减分',
        source: 'events',
        events: Object.entries(defaultEventPoints).map(([kind, points]) => ({ kind, points })),
        bonusCap: 5,
        penaltyCap: 5,
      },
    ],
  };
}

/** The form's indicators and grading as the API's scheme content. */
export function toContent(f: SchemeForm): SchemeContent {
  const indicators = f.indicators.map((i): SchemeContent['indicators'][number] => {
    if (i.source === 'events')
      return {
        id: i.id,
        name: i.name,
        source: 'events',
        eventPoints: Object.fromEntries((i.events ?? []).map((e) => [e.kind, n(e.points)])),
        bonusCap: n(i.bonusCap),
        penaltyCap: n(i.penaltyCap),
      };
    const normalisation =
      i.normKind === 'target'
        ? { kind: 'target' as const, target: n(i.target), floor: n(i.floor) }
        : { kind: i.normKind ?? ('min_max' as const) };
    const common = {
      id: i.id,
      name: i.name,
      weight: n(i.weight),
      direction: i.direction ?? 'higher_better',
      normalisation,
      missing: i.missing ?? 'zero',
    };
    if (i.source === 'computed') return { ...common, source: 'computed', metric: i.metric! };
    return {
      ...common,
      source: 'entered',
      ...(i.graded
        ? { gradePoints: { A: n(i.gradeA), B: n(i.gradeB), C: n(i.gradeC), D: n(i.gradeD) } }
        : {}),
    };
  });
  const grading: SchemeContent['grading'] =
    f.gradingKind === 'quota'
      ? {
          kind: 'quota',
          quotas: { A: n(f.quotaA), B: n(f.quotaB), C: n(f.quotaC) },
          ties: f.ties ?? 'share_lower',
        }
      : { kind: 'thresholds', min: { A: n(f.minA), B: n(f.minB), C: n(f.minC) } };
  return { indicators, grading, recordScope: f.recordScope };
}

/** A stored scheme's content as the editor holds it. */
export function fromContent(
  c: SchemeContent,
  base: Omit<SchemeForm, 'indicators' | 'gradingKind' | 'recordScope'>,
): SchemeForm {
  const indicators = c.indicators.map((i): IndicatorForm => {
    if (i.source === 'events')
      return {
        id: i.id,
        name: i.name,
        source: 'events',
        events: Object.entries(i.eventPoints).map(([kind, points]) => ({ kind, points })),
        bonusCap: i.bonusCap,
        penaltyCap: i.penaltyCap,
      };
    const norm = i.normalisation;
    return {
      id: i.id,
      name: i.name,
      source: i.source,
      ...(i.source === 'computed' ? { metric: i.metric } : {}),
      weight: i.weight,
      direction: i.direction,
      normKind: norm.kind,
      ...(norm.kind === 'target' ? { target: norm.target, floor: norm.floor } : {}),
      missing: i.missing ?? 'zero',
      ...(i.source === 'entered' && i.gradePoints
        ? {
            graded: true,
            gradeA: i.gradePoints.A,
            gradeB: i.gradePoints.B,
            gradeC: i.gradePoints.C,
            gradeD: i.gradePoints.D,
          }
        : {}),
    };
  });
  const g = c.grading;
  return {
    ...base,
    indicators,
    recordScope: c.recordScope,
    gradingKind: g.kind,
    ...(g.kind === 'quota'
      ? { quotaA: g.quotas.A, quotaB: g.quotas.B, quotaC: g.quotas.C, ties: g.ties ?? 'share_lower' }
      : { minA: g.min.A, minB: g.min.B, minC: g.min.C }),
  };
}

/**
 * Where the API's field (`body.content.indicators[2].normalisation.floor`, or
 * Zod's `body.content.indicators.2.metric`) sits in the form, or null when it
 * is about the whole scheme (the weights' total).
 */
export function formFieldOf(field: string): (string | number)[] | null {
  const path = field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\.(content\.)?/, '')
    .split('.');
  if (path[0] === 'indicators' && path.length >= 3) {
    const i = Number(path[1]);
    const [k, sub] = [path[2]!, path[3]];
    const name =
      k === 'normalisation'
        ? sub === 'floor'
          ? 'floor'
          : 'target'
        : k === 'gradePoints'
          ? `grade${sub ?? 'A'}`
          : k === 'eventPoints'
            ? 'events'
            : k;
    return ['indicators', i, name];
  }
  if (path[0] === 'grading') {
    if (path[1] === 'quotas') return [`quota${path[2] ?? 'A'}`];
    if (path[1] === 'min') return [`min${path[2] ?? 'A'}`];
    return null;
  }
  if (['name', 'campaignId', 'peerGroupId', 'periodKind', 'note'].includes(path[0]!)) return [path[0]!];
  return null;
}
