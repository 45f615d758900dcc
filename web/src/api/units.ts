import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { CatalogueItem, Page, Paging, Unit, UnitTreeNode } from './types.ts';

export interface UnitFilter {
  parentId?: number;
  q?: string;
  includeInactive?: boolean;
}

/** The whole unit tree within my scope (compact nodes). */
export function useUnitTree(includeInactive = false, enabled = true) {
  return useQuery({
    queryKey: ['units', 'tree', includeInactive],
    queryFn: () =>
      api.get<{ items: UnitTreeNode[] }>('/units/tree', {
        includeInactive: includeInactive ? 'true' : undefined,
      }),
    select: (d) => d.items,
    staleTime: 60_000,
    enabled,
  });
}

export function useUnits(filter: UnitFilter, paging: Paging, enabled = true) {
  return useQuery({
    queryKey: ['units', 'list', filter, paging],
    queryFn: () =>
      api.get<Page<Unit>>('/units', {
        parentId: filter.parentId,
        q: filter.q,
        includeInactive: filter.includeInactive ? 'true' : undefined,
        ...paging,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnit(id: number | undefined) {
  return useQuery({
    queryKey: ['units', 'one', id],
    queryFn: () => api.get<Unit>(`/units/${id}`),
    enabled: id !== undefined,
  });
}

export type CatalogueKind = 'unit-types' | 'peer-groups';

export function useCatalogue(kind: CatalogueKind, enabled = true) {
  return useQuery({
    queryKey: ['catalogue', kind],
    queryFn: () => api.get<{ items: CatalogueItem[] }>(`/${kind}`),
    select: (d) => d.items,
    staleTime: 60_000,
    enabled,
  });
}

export interface UnitCreate {
  parentId: number;
  name: string;
  code: string;
  typeId: number;
  peerGroupId?: number | null;
}

/** Every change to a unit: one verb, one endpoint; all refresh the unit caches. */
export function useUnitMutations() {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['units'] });
    void qc.invalidateQueries({ queryKey: ['catalogue'] });
    void qc.invalidateQueries({ queryKey: ['people'] });
  };
  const m = <V, R>(fn: (v: V) => Promise<R>) => ({ mutationFn: fn, onSuccess: done });
  return {
    create: useMutation(m((b: UnitCreate) => api.post<Unit>('/units', b))),
    rename: useMutation(
      m(({ id, name }: { id: number; name: string }) => api.post<Unit>(`/units/${id}/rename`, { name })),
    ),
    classify: useMutation(
      m(({ id, typeId, peerGroupId }: { id: number; typeId: number; peerGroupId: number | null }) =>
        api.post<Unit>(`/units/${id}/classify`, { typeId, peerGroupId }),
      ),
    ),
    move: useMutation(
      m(({ id, parentId }: { id: number; parentId: number }) =>
        api.post<Unit>(`/units/${id}/move`, { parentId }),
      ),
    ),
    deactivate: useMutation(m((id: number) => api.post<Unit>(`/units/${id}/deactivate`))),
    reactivate: useMutation(m((id: number) => api.post<Unit>(`/units/${id}/reactivate`))),
    remove: useMutation(m((id: number) => api.del(`/units/${id}`))),
  };
}

export function useCatalogueMutations(kind: CatalogueKind) {
  const qc = useQueryClient();
  const onSuccess = () => {
    void qc.invalidateQueries({ queryKey: ['catalogue', kind] });
    void qc.invalidateQueries({ queryKey: ['units'] });
  };
  return {
    create: useMutation({
      mutationFn: (b: { code: string; nameZh: string; nameEn: string }) =>
        api.post<CatalogueItem>(`/${kind}`, b),
      onSuccess,
    }),
    rename: useMutation({
      mutationFn: ({ id, ...b }: { id: number; nameZh: string; nameEn: string }) =>
        api.post<CatalogueItem>(`/${kind}/${id}/rename`, b),
      onSuccess,
    }),
  };
}
