import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accountabilityPersonBody,
  accountabilityPersonResponse,
  accountabilityStatisticsResponse,
  caseDetail,
  caseSummary,
  clueBody,
  clueResponse,
  followUpResponse,
  recordBody,
  recordDetail,
  recordSummary,
  unscheduledVisitBody,
  visitRecordBody,
} from '../../../domain/contracts/accountability.ts';
import type { ClueDisposal, ClueStatus } from '../../../domain/accountability/clue-transfer.ts';
import type { LeniencyKind } from '../../../domain/accountability/leniency.ts';
import { api } from './client.ts';
import type { Page, Paging } from './types.ts';

export type AccountabilityPerson = z.infer<typeof accountabilityPersonResponse>;
export type AccountabilityPersonInput = z.input<typeof accountabilityPersonBody>;
export type CaseSummary = z.infer<typeof caseSummary>;
export type CaseDetail = z.infer<typeof caseDetail>;
export type RecordSummary = z.infer<typeof recordSummary>;
export type RecordDetail = z.infer<typeof recordDetail>;
export type RecordInput = z.input<typeof recordBody>;
export type FollowUp = z.infer<typeof followUpResponse>;
export type VisitRecordInput = z.input<typeof visitRecordBody>;
export type UnscheduledVisitInput = z.input<typeof unscheduledVisitBody>;
export type AccountabilityStatistics = z.infer<typeof accountabilityStatisticsResponse>;
export type Clue = z.infer<typeof clueResponse>;
export type ClueInput = z.input<typeof clueBody>;
export type { ClueDisposal, ClueStatus, LeniencyKind };

const KEY = 'accountability';

export function useAccountabilityPersons(q: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'persons', q],
    queryFn: () =>
      api.get<Page<AccountabilityPerson>>('/accountability/persons', { q, limit: 50, offset: 0 }),
    enabled,
  });
}

export function useCases(paging: Paging) {
  return useQuery({
    queryKey: [KEY, 'cases', paging],
    queryFn: () => api.get<Page<CaseSummary>>('/accountability/cases', { ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number | undefined) {
  return useQuery({
    queryKey: [KEY, 'case', id],
    queryFn: () => api.get<CaseDetail>(`/accountability/cases/${id}`),
    enabled: id !== undefined,
    retry: false,
  });
}

export interface RecordFilter {
  form?: number;
  leniency?: LeniencyKind;
  unitId?: number;
}

export function useRecords(filter: RecordFilter, paging: Paging) {
  return useQuery({
    queryKey: [KEY, 'records', filter, paging],
    queryFn: () => api.get<Page<RecordSummary>>('/accountability/records', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useFollowUps(status: FollowUp['status'] | undefined, paging: Paging) {
  return useQuery({
    queryKey: [KEY, 'follow-ups', status, paging],
    queryFn: () => api.get<Page<FollowUp>>('/accountability/follow-ups', { status, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useAccountabilityStatistics(range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [KEY, 'statistics', range],
    queryFn: () => api.get<AccountabilityStatistics>('/accountability/statistics', range),
    placeholderData: keepPreviousData,
  });
}

/** Every change to accountability data refreshes all of it (lists, cases, statistics). */
export function useAccountabilityMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: [KEY] });
  return {
    createPerson: useMutation({
      mutationFn: (b: AccountabilityPersonInput) =>
        api.post<AccountabilityPerson>('/accountability/persons', b),
      onSuccess: refresh,
    }),
    createCase: useMutation({
      mutationFn: (b: { number: string; title: string }) => api.post<CaseDetail>('/accountability/cases', b),
      onSuccess: refresh,
    }),
    addRecord: useMutation({
      mutationFn: ({ caseId, ...b }: RecordInput & { caseId: number }) =>
        api.post<RecordDetail>(`/accountability/cases/${caseId}/records`, b),
      onSuccess: refresh,
    }),
    recordFollowUp: useMutation({
      mutationFn: ({ id, ...b }: VisitRecordInput & { id: number }) =>
        api.post<FollowUp>(`/accountability/follow-ups/${id}/record`, b),
      onSuccess: refresh,
    }),
    addVisit: useMutation({
      mutationFn: (b: UnscheduledVisitInput) => api.post<FollowUp>('/accountability/follow-ups', b),
      onSuccess: refresh,
    }),
  };
}

// ─── 线索移送 ────────────────────────────────────────────────────────────────

export function useClues(status: ClueStatus | undefined, paging: Paging) {
  return useQuery({
    queryKey: ['clues', status, paging],
    queryFn: () => api.get<Page<Clue>>('/clue-transfers', { status, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useClueMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['clues'] });
  return {
    create: useMutation({
      mutationFn: (b: ClueInput) => api.post<Clue>('/clue-transfers', b),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: (b: {
        id: number;
        verb: 'transfer' | 'withdraw' | 'accept' | 'return' | 'conclude';
        note?: string;
        disposal?: ClueDisposal;
      }) =>
        api.post<Clue>(
          `/clue-transfers/${b.id}/${b.verb}`,
          b.verb === 'return'
            ? { reason: b.note }
            : b.verb === 'conclude'
              ? { disposal: b.disposal, note: b.note ?? '' }
              : { note: b.note ?? '' },
        ),
      onSuccess: refresh,
    }),
  };
}
