import { addDays, isIsoDate, type IsoDate } from '../calendar/shanghai-date.ts';

/** 考评周期: a scheme ranks units by month, quarter or year. */
export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** One evaluation period: `2026-03`, `2026-Q1` or `2026`, with its first and last day (Shanghai dates). */
export interface EvaluationPeriod {
  kind: PeriodKind;
  key: string;
  start: IsoDate;
  end: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const patterns: Record<PeriodKind, RegExp> = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

function build(kind: PeriodKind, y: number, n: number): EvaluationPeriod {
  switch (kind) {
    case 'month':
      return {
        kind,
        key: `${y}-${pad(n)}`,
        start: `${y}-${pad(n)}-01`,
        end: `${y}-${pad(n)}-${pad(lastDay(y, n))}`,
      };
    case 'quarter': {
      const last = n * 3;
      return {
        kind,
        key: `${y}-Q${n}`,
        start: `${y}-${pad(last - 2)}-01`,
        end: `${y}-${pad(last)}-${pad(lastDay(y, last))}`,
      };
    }
    case 'year':
      return { kind, key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** The period of `kind` named by `key`, or null when the key is not of that kind (`2026-Q5`, `2026-3`). */
export function parsePeriod(kind: PeriodKind, key: string): EvaluationPeriod | null {
  const m = patterns[kind].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 2000 || y > 2100) return null;
  return build(kind, y, kind === 'year' ? 1 : Number(m[2]));
}

/** The period of `kind` containing a date. */
export function periodContaining(kind: PeriodKind, date: IsoDate): EvaluationPeriod {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return build(kind, y, kind === 'month' ? m : kind === 'quarter' ? Math.ceil(m / 3) : 1);
}

/** The period just before (环比 compares with it). */
export function previousPeriod(p: EvaluationPeriod): EvaluationPeriod {
  return periodContaining(p.kind, addDays(p.start, -1));
}

/**
 * The window a period's figures are taken over: from its first day to its
 * last, or to `today` while it is still running (`asOf`). Null before it starts.
 */
export function periodWindow(
  p: EvaluationPeriod,
  today: IsoDate,
): { start: IsoDate; asOf: IsoDate; complete: boolean } | null {
  if (today < p.start) return null;
  return today > p.end
    ? { start: p.start, asOf: p.end, complete: true }
    : { start: p.start, asOf: today, complete: false };
}

/** "2026年3月" / "2026年第一季度" / "2026年度", and the English. */
export function periodLabel(p: EvaluationPeriod): { zh: string; en: string } {
  const y = p.key.slice(0, 4);
  if (p.kind === 'year') return { zh: `${y}年度`, en: y };
  if (p.kind === 'quarter') {
    const q = Number(p.key.slice(6));
    return { zh: `${y}年第${'一二三四'[q - 1]}季度`, en: `Q${q} ${y}` };
  }
  const m = Number(p.key.slice(5, 7));
  const en = new Date(Date.UTC(Number(y), m - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return { zh: `${y}年${m}月`, en: `${en} ${y}` };
}
