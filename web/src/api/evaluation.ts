import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BoardResponse,
  BoardSummary,
  enteredValuesResponse,
  EventResponse,
  ExplainRecord,
  ExplainResponse,
  PublicBoardResponse,
  publicBoardList,
  publicSurveyResponse,
  recordsResponse,
  SchemeContent,
  SchemeDetail,
  SchemeSummary,
  surveyLinkResponse,
  SurveyAnswerBody,
} from '../../../domain/contracts/evaluation.ts';
import type { PeriodKind } from '../../../domain/evaluation/period.ts';
import { api } from './client.ts';
import type { Page, Paging } from './types.ts';

export type {
  BoardResponse,
  BoardSummary,
  EventResponse,
  ExplainRecord,
  ExplainResponse,
  PublicBoardResponse,
  SchemeContent,
  SchemeDetail,
  SchemeSummary,
  PeriodKind,
};
export type BoardResult = BoardResponse['results'][number];
export type ExplainLine = ExplainResponse['lines'][number];
export type RecordsPage = z.infer<typeof recordsResponse>;
export type EnteredValues = z.infer<typeof enteredValuesResponse>;
export type SurveyLink = z.infer<typeof surveyLinkResponse>;
export type PublicBoardList = z.infer<typeof publicBoardList>;
export type PublicSurvey = z.infer<typeof publicSurveyResponse>;

/** Where a board's explanation comes from: a published board, or the office's live computation of a period. */
export type BoardSource = { boardId: number } | { schemeId: number; period: string };

const base = (s: BoardSource) =>
  'boardId' in s ? `/evaluation/boards/${s.boardId}` : `/evaluation/schemes/${s.schemeId}/preview`;
const periodOf = (s: BoardSource) => ('boardId' in s ? {} : { period: s.period });

export function useSchemes(campaignId?: number) {
  return useQuery({
    queryKey: ['evaluation', 'schemes', campaignId],
    queryFn: () => api.get<{ items: SchemeSummary[] }>('/evaluation/schemes', { campaignId }),
    select: (d) => d.items,
  });
}

export function useScheme(id: number) {
  return useQuery({
    queryKey: ['evaluation', 'scheme', id],
    queryFn: () => api.get<SchemeDetail>(`/evaluation/schemes/${id}`),
  });
}

export interface SchemeCreate {
  campaignId: number;
  peerGroupId: number;
  periodKind: PeriodKind;
  name: string;
  content: SchemeContent;
}

export function useSchemeMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['evaluation'] });
  return {
    create: useMutation({
      mutationFn: (b: SchemeCreate) => api.post<SchemeDetail>('/evaluation/schemes', b),
      onSuccess,
    }),
    revise: useMutation({
      mutationFn: ({ id, ...b }: { id: number; name: string; content: SchemeContent; note: string }) =>
        api.post<SchemeDetail>(`/evaluation/schemes/${id}/versions`, b),
      onSuccess,
    }),
    archive: useMutation({
      mutationFn: (id: number) => api.post<SchemeDetail>(`/evaluation/schemes/${id}/archive`),
      onSuccess,
    }),
    publish: useMutation({
      mutationFn: ({ id, period }: { id: number; period: string }) =>
        api.post<BoardResponse>(`/evaluation/schemes/${id}/publish`, { period }),
      onSuccess,
    }),
    correct: useMutation({
      mutationFn: ({ boardId, reason }: { boardId: number; reason: string }) =>
        api.post<BoardResponse>(`/evaluation/boards/${boardId}/correct`, { reason }),
      onSuccess,
    }),
  };
}

/** 试算: today's records through the scheme, for a period (nothing is written). */
export function usePreview(schemeId: number, period: string | undefined) {
  return useQuery({
    queryKey: ['evaluation', 'preview', schemeId, period],
    queryFn: () => api.get<BoardResponse>(`/evaluation/schemes/${schemeId}/preview`, { period }),
    enabled: period !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBoards(filter: { schemeId?: number; includeSuperseded?: boolean } = {}) {
  return useQuery({
    queryKey: ['evaluation', 'boards', filter],
    queryFn: () =>
      api.get<{ items: BoardSummary[] }>('/evaluation/boards', {
        schemeId: filter.schemeId,
        includeSuperseded: filter.includeSuperseded ? 'true' : undefined,
      }),
    select: (d) => d.items,
  });
}

export function useBoard(id: number) {
  return useQuery({
    queryKey: ['evaluation', 'board', id],
    queryFn: () => api.get<BoardResponse>(`/evaluation/boards/${id}`),
  });
}

export function useExplain(source: BoardSource, unitId: number) {
  return useQuery({
    queryKey: ['evaluation', 'explain', source, unitId],
    queryFn: () => api.get<ExplainResponse>(`${base(source)}/units/${unitId}`, periodOf(source)),
  });
}

export function useRecords(source: BoardSource, unitId: number, indicatorId: string | null, paging: Paging) {
  return useQuery({
    queryKey: ['evaluation', 'records', source, unitId, indicatorId, paging],
    queryFn: () =>
      api.get<RecordsPage>(`${base(source)}/units/${unitId}/indicators/${indicatorId}/records`, {
        ...periodOf(source),
        ...paging,
      }),
    enabled: indicatorId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useVerify(boardId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['evaluation', 'verify', boardId],
    queryFn: () =>
      api.get<{ boardId: number; inputHash: string; hashMatches: boolean; resultsMatch: boolean }>(
        `/evaluation/boards/${boardId}/verify`,
      ),
    enabled,
  });
}

// ─── Entered values ───────────────────────────────────────────────────────────

export function useValues(schemeId: number, period: string | undefined) {
  return useQuery({
    queryKey: ['evaluation', 'values', schemeId, period],
    queryFn: () => api.get<EnteredValues>(`/evaluation/schemes/${schemeId}/values`, { period }),
    enabled: period !== undefined,
  });
}

export interface ValueInput {
  unitId: number;
  indicatorId: string;
  value: string | null;
}

export function useValueMutations(schemeId: number) {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['evaluation'] });
  return {
    save: useMutation({
      mutationFn: ({ period, values }: { period: string; values: ValueInput[] }) =>
        api.post<{ imported: number; cleared: number }>(`/evaluation/schemes/${schemeId}/values`, {
          period,
          values,
        }),
      onSuccess,
    }),
    importSheet: useMutation({
      mutationFn: ({ period, file }: { period: string; file: File }) =>
        api.upload<{ imported: number; cleared: number }>(
          `/evaluation/schemes/${schemeId}/values/import?period=${encodeURIComponent(period)}`,
          file,
          file.name,
        ),
      onSuccess,
    }),
    template: (period: string) =>
      api.download(`/evaluation/schemes/${schemeId}/values.xlsx`, { period }, 'scores.xlsx'),
  };
}

// ─── Events ───────────────────────────────────────────────────────────────────

export function useEvents(filter: { campaignId?: number; unitId?: number }, paging: Paging) {
  return useQuery({
    queryKey: ['evaluation', 'events', filter, paging],
    queryFn: () => api.get<Page<EventResponse>>('/evaluation/events', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export interface EventBody {
  unitId: number;
  campaignId: number | null;
  kind: string;
  title: string;
  occurredOn: string;
  note: string;
}

export function useEventMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['evaluation'] });
  return {
    record: useMutation({
      mutationFn: (b: EventBody) => api.post<EventResponse>('/evaluation/events', b),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) =>
        api.post<EventResponse>(`/evaluation/events/${id}/withdraw`, { reason }),
      onSuccess,
    }),
  };
}

// ─── Survey ───────────────────────────────────────────────────────────────────

export function useSurveyLinks(peerGroupId?: number) {
  return useQuery({
    queryKey: ['evaluation', 'survey-links', peerGroupId],
    queryFn: () => api.get<{ items: SurveyLink[] }>('/evaluation/survey-links', { peerGroupId }),
    select: (d) => d.items,
  });
}

export function useSurveyLinkMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { unitId: number; rotate?: boolean }) =>
      api.post<SurveyLink>('/evaluation/survey-links', b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation', 'survey-links'] }),
  });
}

// ─── Public (no sign-in) ──────────────────────────────────────────────────────

export function usePublicBoards() {
  return useQuery({
    queryKey: ['public', 'boards'],
    queryFn: () => api.get<PublicBoardList>('/public/boards'),
    select: (d) => d.items,
  });
}

export function usePublicBoard(id: number | undefined) {
  return useQuery({
    queryKey: ['public', 'board', id],
    queryFn: () => api.get<PublicBoardResponse>(`/public/boards/${id}`),
    enabled: id !== undefined,
  });
}

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public', 'survey', token],
    queryFn: () => api.get<PublicSurvey>(`/public/surveys/${token}`),
  });
}

export function useSurveyAnswer(token: string) {
  return useMutation({
    mutationFn: (b: SurveyAnswerBody) =>
      api.post<{ accepted: boolean; period: string }>(`/public/surveys/${token}/answers`, b),
  });
}
