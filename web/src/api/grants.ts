import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Grant, Page, Paging, Role } from './types.ts';

export interface GrantFilter {
  personId?: number;
  role?: Role;
  unitId?: number;
  q?: string;
}

export function useGrants(filter: GrantFilter, paging: Paging) {
  return useQuery({
    queryKey: ['grants', 'list', filter, paging],
    queryFn: () => api.get<Page<Grant>>('/grants', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useGrantMutations() {
  const qc = useQueryClient();
  const onSuccess = () => {
    void qc.invalidateQueries({ queryKey: ['grants'] });
    void qc.invalidateQueries({ queryKey: ['people'] });
  };
  return {
    create: useMutation({
      mutationFn: (b: { personId: number; role: Role; unitId: number }) => api.post<Grant>('/grants', b),
      onSuccess,
    }),
    revoke: useMutation({ mutationFn: (id: number) => api.del(`/grants/${id}`), onSuccess }),
  };
}
