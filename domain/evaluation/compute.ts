import { Ratio, sum } from './ratio.ts';
import {
  competitionRanks,
  gradeShare,
  gradesFor,
  rankChange,
  type GradeShare,
  type RankChange,
} from './ranking.ts';
import {
  grades,
  SchemeError,
  validateScheme,
  type EventsIndicator,
  type Grade,
  type Scheme,
  type WeightedIndicator,
} from './scheme.ts';

/** One unit's raw value for one weighted indicator, with the records it was computed from. */
export interface RawValue {
  unitId: number;
  indicatorId: string;
  /** A number, a letter grade for a graded indicator, or null when there is none. */
  value: number | string | Grade | null;
  /** The records behind the value (the 12 overdue problems), so a unit can open them. */
  recordIds?: readonly number[];
}

/** One bonus or penalty event of a unit on an events indicator. */
export interface ScoreEvent {
  unitId: number;
  indicatorId: string;
  /** One of the indicator's `eventPoints` kinds. */
  kind: string;
  recordId: number;
}

/** A period's inputs for one peer group. */
export interface EvaluationInput {
  /** The peer group (赛道): every unit ranked, with or without values. */
  units: readonly number[];
  values: readonly RawValue[];
  events?: readonly ScoreEvent[];
  /** Ranks on the previous published board, for 环比. */
  previousRanks?: readonly { unitId: number; rank: number }[];
}

/** The input does not fit the scheme (an unknown unit or indicator, a grade where a number belongs, a value twice). */
export class EvaluationInputError extends Error {
  constructor(
    message: string,
    readonly unitId?: number,
    readonly indicatorId?: string,
  ) {
    super(message);
    this.name = 'EvaluationInputError';
  }
}

/** 得分说明: one line of a unit's explanation, one per indicator. */
export interface ExplainLine {
  indicatorId: string;
  name: string;
  source: 'computed' | 'entered' | 'events';
  /** The value as given: a number, a grade letter, or for events the points before caps. Null when missing. */
  raw: number | string | null;
  /** The number scored: the raw number, a grade's points, the event points before caps. Null when missing. */
  points: number | null;
  missing: boolean;
  /** How a missing value was scored, when it was. */
  missingRule: 'zero' | 'peer_average' | null;
  /** 0–100 after normalisation; null for events. */
  normalised: number | null;
  /** The weight (of 100); null for events. */
  weight: number | null;
  /** What it adds to the total: normalised × weight ÷ 100, or the capped event points. */
  contribution: number;
  /** For events: whether the bonus or penalty was cut by its cap. */
  capped: 'bonus' | 'penalty' | 'both' | null;
  /** Display forms, rounded to 2 decimals only here. */
  text: { normalised: string | null; contribution: string };
  /** The records behind the value, sorted, no repeats. */
  recordIds: number[];
}

export interface UnitResult {
  unitId: number;
  /** The nearest double of the exact total; ranks and grades are decided on the exact value. */
  total: number;
  totalText: string;
  /** Competition rank, 1 = best; ties share it and the next rank skips. */
  rank: number;
  grade: Grade;
  change: RankChange | null;
  lines: ExplainLine[];
}

/** 排名榜: one peer group's results for a period. */
export interface Board {
  schemeId: number;
  schemeVersion: number;
  /** By rank, then unit id. */
  results: UnitResult[];
  gradeCounts: Record<Grade, number>;
  /** A档占比 of this board. */
  aShare: GradeShare;
}

interface Cell {
  raw: number | string | null;
  points: Ratio | null;
  recordIds: number[];
}

const uniqueSorted = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

function pointsOf(ind: WeightedIndicator, v: RawValue): Ratio | null {
  if (v.value === null) return null;
  if (ind.gradePoints) {
    if (typeof v.value !== 'string' || !(grades as readonly string[]).includes(v.value))
      throw new EvaluationInputError(
        `unit ${v.unitId}: indicator ${ind.id} takes a grade A–D, got ${JSON.stringify(v.value)}`,
        v.unitId,
        ind.id,
      );
    return Ratio.of(ind.gradePoints[v.value as Grade]);
  }
  const r = Ratio.tryOf(v.value);
  if (!r)
    throw new EvaluationInputError(
      `unit ${v.unitId}: indicator ${ind.id} takes a number, got ${JSON.stringify(v.value)}`,
      v.unitId,
      ind.id,
    );
  return r;
}

/** Scores of the units that have a value, 0–100, by the indicator's normalisation. */
function normalise(
  ind: WeightedIndicator,
  present: readonly { unit: number; x: Ratio }[],
): Map<number, Ratio> {
  const out = new Map<number, Ratio>();
  if (present.length === 0) return out;
  const higher = ind.direction === 'higher_better';
  const n = ind.normalisation;
  if (n.kind === 'target') {
    const target = Ratio.of(n.target);
    const floor = Ratio.of(n.floor);
    const span = target.minus(floor); // negative when lower is better: the same formula holds
    for (const { unit, x } of present)
      out.set(unit, x.minus(floor).div(span).times(Ratio.hundred).max(Ratio.zero).min(Ratio.hundred));
    return out;
  }
  if (n.kind === 'rank') {
    const ranks = competitionRanks(
      present.map((p) => p.x),
      (a, b) => (higher ? a.cmp(b) : b.cmp(a)),
    );
    const last = BigInt(present.length - 1);
    present.forEach(({ unit }, i) =>
      out.set(unit, last === 0n ? Ratio.hundred : Ratio.frac((last - BigInt(ranks[i]! - 1)) * 100n, last)),
    );
    return out;
  }
  let min = present[0]!.x;
  let max = min;
  for (const { x } of present) {
    min = min.min(x);
    max = max.max(x);
  }
  const span = max.minus(min);
  for (const { unit, x } of present) {
    if (span.sign() === 0)
      out.set(unit, Ratio.hundred); // all equal: nobody is behind a peer
    else out.set(unit, (higher ? x.minus(min) : max.minus(x)).div(span).times(Ratio.hundred));
  }
  return out;
}

interface ExactLine {
  line: Omit<ExplainLine, 'contribution' | 'normalised' | 'text'>;
  normalised: Ratio | null;
  contribution: Ratio;
}

function eventsLine(ind: EventsIndicator, events: readonly ScoreEvent[]): ExactLine {
  let bonus = Ratio.zero;
  let penalty = Ratio.zero;
  for (const e of events) {
    const pts = ind.eventPoints[e.kind];
    if (pts === undefined)
      throw new EvaluationInputError(`indicator ${ind.id} has no event kind “${e.kind}”`, e.unitId, ind.id);
    const p = Ratio.of(pts);
    if (p.sign() > 0) bonus = bonus.plus(p);
    else penalty = penalty.plus(p);
  }
  const bonusCap = Ratio.of(ind.bonusCap);
  const penaltyFloor = Ratio.of(ind.penaltyCap).neg();
  const cutBonus = bonus.cmp(bonusCap) > 0;
  const cutPenalty = penalty.cmp(penaltyFloor) < 0;
  const raw = bonus.plus(penalty);
  return {
    line: {
      indicatorId: ind.id,
      name: ind.name,
      source: 'events',
      raw: raw.toNumber(),
      points: raw.toNumber(),
      missing: false,
      missingRule: null,
      weight: null,
      capped: cutBonus && cutPenalty ? 'both' : cutBonus ? 'bonus' : cutPenalty ? 'penalty' : null,
      recordIds: uniqueSorted(events.map((e) => e.recordId)),
    },
    normalised: null,
    contribution: bonus.min(bonusCap).plus(penalty.max(penaltyFloor)),
  };
}

/**
 * 计算排名: scores one peer group for one period under a scheme. Pure and
 * deterministic, exact to the last digit: normalises each weighted indicator
 * within the group, weights and sums, adds capped bonus and penalty points,
 * ranks with ties sharing a rank (1, 2, 2, 4), grades by quota or threshold,
 * counts the grades and the share of A, and compares ranks with the previous
 * board. Every unit gets one explanation line per indicator, with the records
 * behind the raw value.
 *
 * Missing values are scored by the indicator's `missing` rule (0 by default)
 * and flagged; normalisation uses the units that have a value. One unit alone
 * scores 100 on min–max and rank indicators; an empty group gives an empty
 * board. Throws `SchemeError` for an invalid scheme and `EvaluationInputError`
 * for input that does not fit it. Input order never changes the result.
 */
export function computeBoard(scheme: Scheme, input: EvaluationInput): Board {
  const issues = validateScheme(scheme);
  if (issues.length > 0) throw new SchemeError(issues);
  const units = [...input.units].sort((a, b) => a - b);
  const unitSet = new Set(units);
  if (unitSet.size !== units.length)
    throw new EvaluationInputError('a unit is listed twice in the peer group');
  const byId = new Map(scheme.indicators.map((i) => [i.id, i]));

  const cells = new Map<string, Map<number, Cell>>();
  for (const ind of scheme.indicators) cells.set(ind.id, new Map());
  for (const v of input.values) {
    const ind = byId.get(v.indicatorId);
    if (!ind)
      throw new EvaluationInputError(`no indicator ${v.indicatorId} in the scheme`, v.unitId, v.indicatorId);
    if (ind.source === 'events')
      throw new EvaluationInputError(`indicator ${ind.id} takes events, not values`, v.unitId, ind.id);
    if (!unitSet.has(v.unitId))
      throw new EvaluationInputError(`unit ${v.unitId} is not in the peer group`, v.unitId, ind.id);
    const m = cells.get(ind.id)!;
    if (m.has(v.unitId))
      throw new EvaluationInputError(`unit ${v.unitId} has two values for ${ind.id}`, v.unitId, ind.id);
    m.set(v.unitId, { raw: v.value, points: pointsOf(ind, v), recordIds: uniqueSorted(v.recordIds ?? []) });
  }
  const eventsOf = new Map<string, ScoreEvent[]>();
  for (const e of input.events ?? []) {
    const ind = byId.get(e.indicatorId);
    if (!ind || ind.source !== 'events')
      throw new EvaluationInputError(
        `no events indicator ${e.indicatorId} in the scheme`,
        e.unitId,
        e.indicatorId,
      );
    if (!unitSet.has(e.unitId))
      throw new EvaluationInputError(`unit ${e.unitId} is not in the peer group`, e.unitId, ind.id);
    const k = `${e.unitId}\u0000${e.indicatorId}`;
    const list = eventsOf.get(k);
    if (list) list.push(e);
    else eventsOf.set(k, [e]);
  }

  const exact = new Map<number, ExactLine[]>(units.map((u) => [u, []]));
  for (const ind of scheme.indicators) {
    if (ind.source === 'events') {
      for (const u of units) exact.get(u)!.push(eventsLine(ind, eventsOf.get(`${u}\u0000${ind.id}`) ?? []));
      continue;
    }
    const m = cells.get(ind.id)!;
    const present = units.flatMap((u) => {
      const x = m.get(u)?.points;
      return x ? [{ unit: u, x }] : [];
    });
    const scores = normalise(ind, present);
    const rule = ind.missing ?? 'zero';
    const fallback =
      rule === 'peer_average' && scores.size > 0
        ? sum([...scores.values()]).div(Ratio.of(scores.size))
        : Ratio.zero;
    const weight = Ratio.of(ind.weight);
    for (const u of units) {
      const cell = m.get(u);
      const score = scores.get(u);
      const normalised = score ?? fallback;
      exact.get(u)!.push({
        line: {
          indicatorId: ind.id,
          name: ind.name,
          source: ind.source,
          raw: cell?.raw ?? null,
          points: cell?.points ? cell.points.toNumber() : null,
          missing: score === undefined,
          missingRule: score === undefined ? rule : null,
          weight: weight.toNumber(),
          capped: null,
          recordIds: cell?.recordIds ?? [],
        },
        normalised,
        contribution: normalised.times(weight).div(Ratio.hundred),
      });
    }
  }

  const totals = units.map((u) => sum(exact.get(u)!.map((l) => l.contribution)));
  const ranks = competitionRanks(totals, (a, b) => a.cmp(b));
  const unitGrades = gradesFor(totals, ranks, scheme.grading);
  const previous = new Map((input.previousRanks ?? []).map((p) => [p.unitId, p.rank]));
  const results: UnitResult[] = units.map((u, i) => ({
    unitId: u,
    total: totals[i]!.toNumber(),
    totalText: totals[i]!.toFixed(2),
    rank: ranks[i]!,
    grade: unitGrades[i]!,
    change: rankChange(ranks[i]!, previous.get(u)),
    lines: exact.get(u)!.map(({ line, normalised, contribution }) => ({
      ...line,
      normalised: normalised?.toNumber() ?? null,
      contribution: contribution.toNumber(),
      text: { normalised: normalised?.toFixed(2) ?? null, contribution: contribution.toFixed(2) },
    })),
  }));
  results.sort((a, b) => a.rank - b.rank || a.unitId - b.unitId);
  const gradeCounts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const g of unitGrades) gradeCounts[g]++;
  return {
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    results,
    gradeCounts,
    aShare: gradeShare(unitGrades, 'A'),
  };
}

/** 得分说明: one unit's lines from a computed board, or null when the unit is not on it. */
export function explainUnit(board: Board, unitId: number): UnitResult | null {
  return board.results.find((r) => r.unitId === unitId) ?? null;
}
