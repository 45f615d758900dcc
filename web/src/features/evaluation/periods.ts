import {
  periodContaining,
  periodLabel,
  previousPeriod,
  type EvaluationPeriod,
  type PeriodKind,
} from '../../../../domain/evaluation/period.ts';

const today = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
};

/** The periods one may compute: the running one and those before it (12 months, 8 quarters or 4 years). */
export function periodOptions(kind: PeriodKind): EvaluationPeriod[] {
  const out: EvaluationPeriod[] = [];
  let p = periodContaining(kind, today());
  const n = kind === 'month' ? 12 : kind === 'quarter' ? 8 : 4;
  for (let i = 0; i < n; i++) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

/** The last period that has ended: what an office usually publishes. */
export function defaultPeriod(kind: PeriodKind): string {
  return previousPeriod(periodContaining(kind, today())).key;
}

export { periodLabel };
