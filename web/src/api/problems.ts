import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  ClaimReceipt,
  NegativeList,
  Page,
  Paging,
  ProblemCategory,
  ProblemCreateInput,
  ProblemDetail,
  ProblemListCounts,
  ProblemSeverity,
  ProblemSource,
  ProblemStatistics,
  ProblemStatus,
  ProblemSummary,
  StatisticsGroup,
} from './types.ts';

/** The filters of a problem list (问题清单), as the URL keeps them. */
export interface ProblemFilter {
  campaignId?: number;
  sourceId?: number;
  categoryId?: number;
  unitId?: number;
  includeSubunits?: boolean;
  status?: ProblemStatus;
  /** Only open problems (the negative list's states). */
  open?: boolean;
  schedule?: 'on_schedule' | 'behind' | 'overdue';
  longTerm?: boolean;
  severity?: ProblemSeverity;
  foundFrom?: string;
  foundTo?: string;
  q?: string;
}

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'true' : 'false');

/** The query string of a problem filter (the list, its counts and its export share it). */
export function problemQuery(f: ProblemFilter) {
  return {
    campaignId: f.campaignId,
    sourceId: f.sourceId,
    categoryId: f.categoryId,
    unitId: f.unitId,
    includeSubunits: f.unitId ? bool(f.includeSubunits) : undefined,
    status: f.status,
    open: bool(f.open),
    schedule: f.schedule,
    longTerm: bool(f.longTerm),
    severity: f.severity,
    foundFrom: f.foundFrom,
    foundTo: f.foundTo,
    q: f.q,
  };
}

export function useProblems(filter: ProblemFilter, paging: Paging, enabled = true) {
  return useQuery({
    queryKey: ['problems', 'list', filter, paging],
    queryFn: () => api.get<Page<ProblemSummary>>('/problems', { ...problemQuery(filter), ...paging }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How many problems a filter matches (one row asked for, the total read). */
export function useProblemCount(filter: ProblemFilter, enabled = true) {
  return useQuery({
    queryKey: ['problems', 'list', filter, { limit: 1, offset: 0 }],
    queryFn: () =>
      api.get<Page<ProblemSummary>>('/problems', { ...problemQuery(filter), limit: 1, offset: 0 }),
    select: (d) => d.total,
    enabled,
  });
}

/** The counts per status (and overdue) over a filter, its `status` and `open` dropped: one request. */
export function useProblemStatusCounts(filter: ProblemFilter) {
  return useQuery({
    queryKey: ['problems', 'list', filter, { limit: 1, offset: 0 }],
    queryFn: () =>
      api.get<Page<ProblemSummary> & { counts: ProblemListCounts }>('/problems', {
        ...problemQuery(filter),
        limit: 1,
        offset: 0,
      }),
    select: (d) => d.counts,
  });
}

export function useProblem(id: number | undefined) {
  return useQuery({
    queryKey: ['problems', 'one', id],
    queryFn: () => api.get<ProblemDetail>(`/problems/${id}`),
    enabled: id !== undefined,
  });
}

export interface MeasureInput {
  text: string;
  owner: string;
  dueOn: string;
  done: boolean;
}

/**
 * Every change to a problem: one verb, one endpoint. A change that answers
 * with the problem puts it into the detail cache; all refresh the lists, the
 * negative lists and the statistics.
 */
export function useProblemMutations() {
  const qc = useQueryClient();
  const refresh = (detail?: ProblemDetail) => {
    if (detail) qc.setQueryData(['problems', 'one', detail.id], detail);
    void qc.invalidateQueries({ queryKey: ['problems'] });
  };
  const onProblem = { onSuccess: (d: ProblemDetail) => refresh(d) };
  const onOther = { onSuccess: () => refresh() };
  const verb =
    (name: string) =>
    ({ id, ...body }: { id: number } & Record<string, unknown>) =>
      api.post<ProblemDetail>(`/problems/${id}/${name}`, body);
  return {
    create: useMutation({
      mutationFn: (b: ProblemCreateInput) => api.post<ProblemDetail>('/problems', b),
      ...onProblem,
    }),
    assign: useMutation({
      mutationFn: (b: {
        id: number;
        unitId: number;
        personId: number | null;
        deadline?: string;
        note: string;
      }) => verb('assign')(b),
      ...onProblem,
    }),
    fileMeasures: useMutation({
      mutationFn: (b: { id: number; measures: MeasureInput[] }) => verb('measures')(b),
      ...onProblem,
    }),
    reportProgress: useMutation({
      mutationFn: (b: { id: number; percent: number; note: string }) => verb('progress')(b),
      ...onProblem,
    }),
    claimClosing: useMutation({
      // The claim answers a small receipt, not the problem: the detail is fetched afresh.
      mutationFn: (b: { id: number; evidence: string; attachmentIds: number[] }) =>
        api.post<ClaimReceipt>(`/problems/${b.id}/claim-closing`, {
          evidence: b.evidence,
          attachmentIds: b.attachmentIds,
        }),
      ...onOther,
    }),
    close: useMutation({
      mutationFn: (b: { id: number; note: string }) => verb('close')(b),
      ...onProblem,
    }),
    returnIt: useMutation({
      mutationFn: (b: { id: number; reason: string }) => verb('return')(b),
      ...onProblem,
    }),
    reopen: useMutation({
      mutationFn: (b: { id: number; reason: string }) => verb('reopen')(b),
      ...onProblem,
    }),
    dismiss: useMutation({
      mutationFn: (b: { id: number; reason: string }) => verb('dismiss')(b),
      ...onProblem,
    }),
    merge: useMutation({
      mutationFn: (b: { id: number; intoId: number; note: string }) => verb('merge')(b),
      ...onProblem,
    }),
    bulkAssign: useMutation({
      mutationFn: (b: { ids: number[]; unitId: number; personId: number | null }) =>
        api.post<{ updated: number; ids: number[] }>('/problems/bulk-assign', b),
      ...onOther,
    }),
    bulkDeadline: useMutation({
      mutationFn: (b: { ids: number[]; deadline: string; note: string }) =>
        api.post<{ updated: number; ids: number[] }>('/problems/bulk-deadline', b),
      ...onOther,
    }),
  };
}

/** 导入问题清单: every row becomes a problem, or none (422 `sheet_rows_invalid` with `detail.problems`). */
export function useProblemImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, file }: { campaignId?: number; file: File }) =>
      api.upload<{ imported: number; problemIds: number[] }>(
        `/problems/import${campaignId ? `?campaignId=${campaignId}` : ''}`,
        file,
        file.name,
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['problems'] }),
  });
}

/** 负面清单 of one unit: its open problems with measures, owners and deadlines. */
export function useNegativeList(
  unitId: number | undefined,
  q: { campaignId?: number; includeSubunits?: boolean },
) {
  return useQuery({
    queryKey: ['problems', 'negative', unitId, q],
    queryFn: () =>
      api.get<NegativeList>(`/units/${unitId}/negative-list`, {
        campaignId: q.campaignId,
        includeSubunits: q.includeSubunits ? 'true' : undefined,
      }),
    enabled: unitId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export interface StatisticsFilter {
  groupBy: StatisticsGroup;
  campaignId?: number;
  sourceId?: number;
  categoryId?: number;
  unitId?: number;
  underUnitId?: number;
  foundFrom?: string;
  foundTo?: string;
}

/** 问题统计: found, closed, closing rate, open, overdue… per group, computed by the database. */
export function useProblemStatistics(filter: StatisticsFilter) {
  return useQuery({
    queryKey: ['problems', 'statistics', filter],
    queryFn: () => api.get<ProblemStatistics>('/problem-statistics', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

// ─── Sources and categories ────────────────────────────────────────────────────

export function useProblemSources() {
  return useQuery({
    queryKey: ['problem-settings', 'sources'],
    queryFn: () => api.get<ProblemSource[]>('/problem-sources'),
    staleTime: 60_000,
  });
}

export function useProblemCategories() {
  return useQuery({
    queryKey: ['problem-settings', 'categories'],
    queryFn: () => api.get<ProblemCategory[]>('/problem-categories'),
    staleTime: 60_000,
  });
}

export interface SourceInput {
  code: string;
  nameZh: string;
  nameEn: string;
  sort?: number;
  unitMayRecord?: boolean;
}

export interface CategoryInput {
  parentId: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  sort?: number;
}

/** Adding and changing sources and categories; each refreshes its list and the problems that name them. */
export function useProblemSettingsMutations() {
  const qc = useQueryClient();
  const onSuccess = () => {
    void qc.invalidateQueries({ queryKey: ['problem-settings'] });
    void qc.invalidateQueries({ queryKey: ['problems'] });
  };
  return {
    addSource: useMutation({
      mutationFn: (b: SourceInput) => api.post<ProblemSource>('/problem-sources', b),
      onSuccess,
    }),
    updateSource: useMutation({
      mutationFn: ({
        id,
        ...b
      }: { id: number } & Partial<Omit<SourceInput, 'code'>> & { active?: boolean }) =>
        api.patch<ProblemSource>(`/problem-sources/${id}`, b),
      onSuccess,
    }),
    addCategory: useMutation({
      mutationFn: (b: CategoryInput) => api.post<ProblemCategory>('/problem-categories', b),
      onSuccess,
    }),
    updateCategory: useMutation({
      mutationFn: ({
        id,
        ...b
      }: { id: number } & Partial<Pick<CategoryInput, 'nameZh' | 'nameEn' | 'sort'>> & {
          active?: boolean;
        }) => api.patch<ProblemCategory>(`/problem-categories/${id}`, b),
      onSuccess,
    }),
  };
}
