import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { OneTimePassword, Page, Paging, Person, Role } from './types.ts';

export interface PeopleFilter {
  unitId?: number;
  subtree?: boolean;
  q?: string;
  includeInactive?: boolean;
  /** Only holders of this role, e.g. `leader`. */
  role?: Role;
}

export function usePeople(filter: PeopleFilter, paging: Paging, enabled = true) {
  return useQuery({
    queryKey: ['people', 'list', filter, paging],
    queryFn: () =>
      api.get<Page<Person>>('/people', {
        unitId: filter.unitId,
        subtree: filter.unitId && filter.subtree ? 'true' : undefined,
        q: filter.q,
        includeInactive: filter.includeInactive ? 'true' : undefined,
        role: filter.role,
        ...paging,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface PersonCreate {
  username: string;
  name: string;
  unitId: number;
  phone?: string | null;
  email?: string | null;
}

export type PersonUpdate = Partial<Omit<PersonCreate, 'username'>>;

export function usePeopleMutations() {
  const qc = useQueryClient();
  const onSuccess = () => {
    void qc.invalidateQueries({ queryKey: ['people'] });
    void qc.invalidateQueries({ queryKey: ['units'] });
    void qc.invalidateQueries({ queryKey: ['grants'] });
  };
  return {
    create: useMutation({
      mutationFn: (b: PersonCreate) => api.post<OneTimePassword>('/people', b),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...b }: PersonUpdate & { id: number }) => api.patch<Person>(`/people/${id}`, b),
      onSuccess,
    }),
    deactivate: useMutation({
      mutationFn: (id: number) => api.post<Person>(`/people/${id}/deactivate`),
      onSuccess,
    }),
    reactivate: useMutation({
      mutationFn: (id: number) => api.post<Person>(`/people/${id}/reactivate`),
      onSuccess,
    }),
    resetPassword: useMutation({
      mutationFn: (id: number) => api.post<OneTimePassword>(`/people/${id}/reset-password`),
      onSuccess,
    }),
  };
}
