import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TaskFilter } from '../../api/tasks.ts';
import type { Light, TaskStatus } from '../../api/types.ts';
import { taskStatuses } from '../../../../domain/tasks/task-lifecycle.ts';

// Not imported from the contracts: they would bring Zod into the bundle.
const lights: readonly Light[] = ['red', 'yellow', 'green'];

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], s: string | null): T | undefined =>
  s !== null && (list as readonly string[]).includes(s) ? (s as T) : undefined;

/** URL parameter ↔ filter field, so that a link reproduces the view. */
export function filterFromParams(p: URLSearchParams): TaskFilter {
  return {
    light: oneOf<Light>(lights, p.get('light')),
    status: oneOf<TaskStatus>(taskStatuses, p.get('status')),
    unitId: positive(p.get('unit')),
    leaderId: positive(p.get('leader')),
    category: p.get('category')?.trim() || undefined,
    overdue: p.get('overdue') === '1' ? true : undefined,
    // Top-level tasks unless asked (`top=0`): the counts then match the campaign's.
    topLevel: p.get('top') !== '0',
    q: p.get('q')?.trim() || undefined,
  };
}

const paramOf: Record<keyof TaskFilter, string> = {
  light: 'light',
  status: 'status',
  unitId: 'unit',
  leaderId: 'leader',
  category: 'category',
  overdue: 'overdue',
  topLevel: 'top',
  q: 'q',
};

/** The task-list filters kept in the URL; changing one keeps the others (and the open task). */
export function useTaskFilterParams(): [TaskFilter, (f: Partial<TaskFilter>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const update = useCallback(
    (f: Partial<TaskFilter>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(f) as [keyof TaskFilter, unknown][]) {
            const name = paramOf[k];
            if (k === 'topLevel') {
              if (v === false) next.set(name, '0');
              else next.delete(name);
            } else if (v === undefined || v === '' || v === false) next.delete(name);
            else next.set(name, v === true ? '1' : String(v));
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
          const task = prev.get('task');
          if (task) next.set('task', task);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update, reset];
}

/** The task shown in the detail drawer (`?task=12`), so a link opens it. */
export function useOpenTask(): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const id = positive(params.get('task'));
  const open = useCallback(
    (next: number | undefined) =>
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        if (next === undefined) p.delete('task');
        else p.set('task', String(next));
        return p;
      }),
    [setParams],
  );
  return [id, open];
}
