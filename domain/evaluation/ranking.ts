import { Ratio } from './ratio.ts';
import type { Grade, Grading } from './scheme.ts';

/**
 * Competition ranking (1, 2, 2, 4): each value's rank is one more than the
 * number of values strictly better. `better(a, b) > 0` when `a` is better.
 * Returns the ranks in the order of `values`.
 */
export function competitionRanks<T>(values: readonly T[], better: (a: T, b: T) => number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => better(b.v, a.v));
  const ranks = new Array<number>(values.length);
  order.forEach((x, k) => {
    const prev = order[k - 1];
    ranks[x.i] = prev && better(prev.v, x.v) === 0 ? ranks[prev.i]! : k + 1;
  });
  return ranks;
}

/**
 * Quota seats, cumulative: how many units may be graded A, A-or-B, A-to-C, out
 * of `n`. Rounded down so that no quota is exceeded: 30% of 12 is 3 seats.
 */
export function quotaSeats(
  n: number,
  quotas: Readonly<Record<'A' | 'B' | 'C', Ratio>>,
): [number, number, number] {
  const seats = (pct: Ratio) => Number(Ratio.of(n).times(pct).div(Ratio.hundred).floor());
  const a = quotas.A;
  const ab = a.plus(quotas.B);
  return [seats(a), seats(ab), seats(ab.plus(quotas.C))];
}

/**
 * Grades by quota from competition ranks. A unit of rank `r` in a tie of `g`
 * units holds places r … r+g−1. With `share_lower` the tie is graded by its
 * last place (it gets A only if every tied unit fits in the A seats), with
 * `share_higher` by its first place. The order of the input never matters.
 */
export function gradesByQuota(
  ranks: readonly number[],
  quotas: Readonly<Record<'A' | 'B' | 'C', Ratio>>,
  ties: 'share_lower' | 'share_higher' = 'share_lower',
): Grade[] {
  const [a, ab, abc] = quotaSeats(ranks.length, quotas);
  const tieSize = new Map<number, number>();
  for (const r of ranks) tieSize.set(r, (tieSize.get(r) ?? 0) + 1);
  return ranks.map((r) => {
    const place = ties === 'share_lower' ? r + tieSize.get(r)! - 1 : r;
    return place <= a ? 'A' : place <= ab ? 'B' : place <= abc ? 'C' : 'D';
  });
}

/** The grade of a total by thresholds: A from `min.A` (inclusive), B from `min.B`, C from `min.C`, else D. */
export function gradeByThresholds(total: Ratio, min: Readonly<Record<'A' | 'B' | 'C', Ratio>>): Grade {
  if (total.cmp(min.A) >= 0) return 'A';
  if (total.cmp(min.B) >= 0) return 'B';
  if (total.cmp(min.C) >= 0) return 'C';
  return 'D';
}

/** Grades for totals under a scheme's grading (ranks are needed for quotas). */
export function gradesFor(totals: readonly Ratio[], ranks: readonly number[], grading: Grading): Grade[] {
  if (grading.kind === 'quota') {
    const q = { A: Ratio.of(grading.quotas.A), B: Ratio.of(grading.quotas.B), C: Ratio.of(grading.quotas.C) };
    return gradesByQuota(ranks, q, grading.ties ?? 'share_lower');
  }
  const min = { A: Ratio.of(grading.min.A), B: Ratio.of(grading.min.B), C: Ratio.of(grading.min.C) };
  return totals.map((t) => gradeByThresholds(t, min));
}

/** 占比: how many of `items` are `grade`, and the share, e.g. 7 of 12 → 58.33%. */
export interface GradeShare {
  count: number;
  of: number;
  /** 0–100, the nearest double; null when there is nothing to count. */
  percent: number | null;
  /** Rounded to 2 decimals half away from zero, with a percent sign: "58.33%"; null when empty. */
  text: string | null;
}

/** The share of `grade` among `items` ("A档占比"). An empty list has no share, not 0%. */
export function gradeShare(items: readonly Grade[], grade: Grade = 'A'): GradeShare {
  const count = items.filter((g) => g === grade).length;
  if (items.length === 0) return { count, of: 0, percent: null, text: null };
  const p = Ratio.frac(BigInt(count) * 100n, BigInt(items.length));
  return { count, of: items.length, percent: p.toNumber(), text: `${p.toFixed(2)}%` };
}

/** 环比: the change of rank against the previous published period. */
export interface RankChange {
  previousRank: number;
  /** Places gained: positive when the unit moved up (from 12th to 3rd is +9). */
  change: number;
  text: { zh: string; en: string };
}

/** "环比上升9位" / "环比下降2位" / "环比持平"; null when the unit was not ranked last period. */
export function rankChange(rank: number, previousRank: number | null | undefined): RankChange | null {
  if (previousRank === null || previousRank === undefined) return null;
  const change = previousRank - rank;
  const n = Math.abs(change);
  const places = n === 1 ? 'place' : 'places';
  const text =
    change > 0
      ? { zh: `环比上升${n}位`, en: `Up ${n} ${places} on the last period` }
      : change < 0
        ? { zh: `环比下降${n}位`, en: `Down ${n} ${places} on the last period` }
        : { zh: '环比持平', en: 'Same place as the last period' };
  return { previousRank, change, text };
}
