import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ProblemFilter } from '../../api/problems.ts';
import type { ProblemSeverity, ProblemStatus } from '../../api/types.ts';
import { problemStatuses } from '../../../../domain/problems/problem-lifecycle.ts';

// Not imported from the contracts: they would bring Zod into the bundle.
export const severities: readonly ProblemSeverity[] = ['general', 'major', 'severe'];
export const schedules = ['on_schedule', 'behind', 'overdue'] as const;
type Schedule = (typeof schedules)[number];

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], s: string | null): T | undefined =>
  s !== null && (list as readonly string[]).includes(s) ? (s as T) : undefined;
const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);
const flag = (s: string | null) => (s === '1' ? true : s === '0' ? false : undefined);

/** URL parameter ↔ filter field, so that a link reproduces the view. */
const paramOf: Record<keyof ProblemFilter, string> = {
  campaignId: 'campaign',
  sourceId: 'source',
  categoryId: 'category',
  unitId: 'unit',
  includeSubunits: 'sub',
  status: 'status',
  open: 'open',
  schedule: 'schedule',
  longTerm: 'longTerm',
  severity: 'severity',
  foundFrom: 'from',
  foundTo: 'to',
  q: 'q',
};

export function problemFilterFromParams(p: URLSearchParams): ProblemFilter {
  return {
    campaignId: positive(p.get('campaign')),
    sourceId: positive(p.get('source')),
    categoryId: positive(p.get('category')),
    unitId: positive(p.get('unit')),
    // Under a unit, its lower units count too unless asked (`sub=0`).
    includeSubunits: p.get('sub') !== '0',
    status: oneOf<ProblemStatus>(problemStatuses, p.get('status')),
    open: flag(p.get('open')),
    schedule: oneOf<Schedule>(schedules, p.get('schedule')),
    longTerm: flag(p.get('longTerm')),
    severity: oneOf(severities, p.get('severity')),
    foundFrom: date(p.get('from')),
    foundTo: date(p.get('to')),
    q: p.get('q')?.trim() || undefined,
  };
}

/** The problem-list filters kept in the URL; changing one keeps the others (and the open problem). */
export function useProblemFilterParams(): [ProblemFilter, (f: Partial<ProblemFilter>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => problemFilterFromParams(params), [params]);
  const update = useCallback(
    (f: Partial<ProblemFilter>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(f) as [keyof ProblemFilter, unknown][]) {
            const name = paramOf[k];
            if (k === 'includeSubunits') {
              if (v === false) next.set(name, '0');
              else next.delete(name);
            } else if (v === undefined || v === '' || v === null) next.delete(name);
            else if (typeof v === 'boolean') next.set(name, v ? '1' : '0');
            else next.set(name, String(v));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const reset = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams();
          for (const keep of ['problem', 'tab']) {
            const v = prev.get(keep);
            if (v) next.set(keep, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update, reset];
}

/** The problem shown in the detail drawer (`?problem=12`), so a link opens it. */
export function useOpenProblem(): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const id = positive(params.get('problem'));
  const open = useCallback(
    (next: number | undefined) =>
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        if (next === undefined) p.delete('problem');
        else p.set('problem', String(next));
        return p;
      }),
    [setParams],
  );
  return [id, open];
}
