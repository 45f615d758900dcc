import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AuditEntry, AuditVerify, Page, Paging } from './types.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  q?: string;
  /** ISO date-times with offset. */
  from?: string;
  to?: string;
}

export function useAudit(filter: AuditFilter, paging: Paging) {
  return useQuery({
    queryKey: ['audit', 'list', filter, paging],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions() {
  return useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api.get<{ items: string[] }>('/audit/actions'),
    select: (d) => d.items,
  });
}

/** 校验完整性: a read, but run on demand, so a mutation. */
export function useAuditVerify() {
  return useMutation({ mutationFn: () => api.get<AuditVerify>('/audit/verify') });
}
