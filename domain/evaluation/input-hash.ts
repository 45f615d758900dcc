import { canonicalJson } from '../audit/canonical.ts';
import type { EvaluationInput } from './compute.ts';
import { Ratio } from './ratio.ts';
import type { Decimal, Indicator, Scheme } from './scheme.ts';

/** What a published board's input hash covers besides the scheme and the inputs: which period and peer group. */
export interface PeriodKey {
  campaignId: number;
  /** e.g. `2026-Q1`, `2026-03`, `2026`. */
  period: string;
  peerGroup: string;
}

/** A decimal in one spelling: 33.33, "33.330" and "3.333e1" all become "33.33". */
const dec = (d: Decimal): string => {
  const r = Ratio.of(d);
  return r.toDecimal() ?? r.toString();
};

const decRecord = (r: Readonly<Record<string, Decimal>>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, dec(v)]));

function canonicalIndicator(ind: Indicator): unknown {
  if (ind.source === 'events')
    return {
      ...ind,
      eventPoints: decRecord(ind.eventPoints),
      bonusCap: dec(ind.bonusCap),
      penaltyCap: dec(ind.penaltyCap),
    };
  return {
    ...ind,
    weight: dec(ind.weight),
    missing: ind.missing ?? 'zero',
    ...(ind.gradePoints ? { gradePoints: decRecord(ind.gradePoints) } : {}),
    normalisation:
      ind.normalisation.kind === 'target'
        ? { kind: 'target', target: dec(ind.normalisation.target), floor: dec(ind.normalisation.floor) }
        : ind.normalisation,
  };
}

const byKeys =
  <T>(...keys: ((x: T) => string | number)[]) =>
  (a: T, b: T): number => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };

/**
 * The canonical text of a period's inputs, to be hashed with SM3 (`sm3Hex` in
 * server/lib/crypto.ts) when a board is published: the period, the whole
 * scheme version (weights, normalisations, grading), the peer group, every raw
 * value with the records behind it, every event, and the previous ranks the
 * 环比 column compares with. Stable under key order, row order and the
 * spelling of decimals, so the same inputs always hash the same and any change
 * of an input changes the hash.
 */
export function canonicalEvaluationInput(period: PeriodKey, scheme: Scheme, input: EvaluationInput): string {
  const grading =
    scheme.grading.kind === 'quota'
      ? {
          kind: 'quota',
          quotas: decRecord(scheme.grading.quotas),
          ties: scheme.grading.ties ?? 'share_lower',
        }
      : { kind: 'thresholds', min: decRecord(scheme.grading.min) };
  const values = input.values
    .map((v) => ({
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      value:
        typeof v.value === 'number' || (typeof v.value === 'string' && Ratio.tryOf(v.value))
          ? dec(v.value)
          : v.value,
      recordIds: [...new Set(v.recordIds ?? [])].sort((a, b) => a - b),
    }))
    .sort(
      byKeys(
        (v) => v.unitId,
        (v) => v.indicatorId,
      ),
    );
  const events = [...(input.events ?? [])]
    .map((e) => ({ unitId: e.unitId, indicatorId: e.indicatorId, kind: e.kind, recordId: e.recordId }))
    .sort(
      byKeys(
        (e) => e.unitId,
        (e) => e.indicatorId,
        (e) => e.kind,
        (e) => e.recordId,
      ),
    );
  return canonicalJson({
    format: 'luoshi-evaluation-input/1',
    period,
    scheme: {
      id: scheme.id,
      version: scheme.version,
      name: scheme.name,
      indicators: scheme.indicators.map(canonicalIndicator),
      grading,
    },
    units: [...input.units].sort((a, b) => a - b),
    values,
    events,
    previousRanks: [...(input.previousRanks ?? [])]
      .map((p) => ({ unitId: p.unitId, rank: p.rank }))
      .sort(byKeys((p) => p.unitId)),
  });
}
