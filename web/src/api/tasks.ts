import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  Light,
  Paging,
  ReportReceipt,
  TaskDetail,
  TaskDraftBody,
  TaskList,
  TaskStatus,
} from './types.ts';

/** The filters of a campaign's task list (任务清单), as the URL keeps them. */
export interface TaskFilter {
  light?: Light;
  status?: TaskStatus;
  unitId?: number;
  leaderId?: number;
  category?: string;
  overdue?: boolean;
  topLevel?: boolean;
  q?: string;
}

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'true' : 'false');

export function useCampaignTasks(campaignId: number, filter: TaskFilter, paging: Paging) {
  return useQuery({
    queryKey: ['tasks', 'campaign', campaignId, filter, paging],
    queryFn: () =>
      api.get<TaskList>(`/campaigns/${campaignId}/tasks`, {
        ...filter,
        overdue: bool(filter.overdue),
        topLevel: filter.topLevel ? 'true' : undefined,
        ...paging,
      }),
    placeholderData: keepPreviousData,
  });
}

/** 我的任务: what the caller's unit leads or cooperates on. */
export interface MyTaskFilter {
  dueThisWeek?: boolean;
  light?: Light;
  status?: TaskStatus;
  pendingReports?: boolean;
  openInstructions?: boolean;
}

export function useMyTasks(filter: MyTaskFilter, paging: Paging) {
  return useQuery({
    queryKey: ['tasks', 'mine', filter, paging],
    queryFn: () =>
      api.get<TaskList>('/tasks/mine', {
        light: filter.light,
        status: filter.status,
        dueThisWeek: filter.dueThisWeek ? 'true' : undefined,
        pendingReports: filter.pendingReports ? 'true' : undefined,
        openInstructions: filter.openInstructions ? 'true' : undefined,
        ...paging,
      }),
    placeholderData: keepPreviousData,
  });
}

/** 包保任务: a leader's portfolio, red first. */
export function usePortfolio(filter: Pick<TaskFilter, 'light' | 'q' | 'overdue'>, paging: Paging) {
  return useQuery({
    queryKey: ['tasks', 'portfolio', filter, paging],
    queryFn: () =>
      api.get<TaskList>('/tasks/portfolio', { ...filter, overdue: bool(filter.overdue), ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: number | undefined) {
  return useQuery({
    queryKey: ['tasks', 'one', id],
    queryFn: () => api.get<TaskDetail>(`/tasks/${id}`),
    enabled: id !== undefined,
  });
}

export interface ReportBody {
  percent: number | null;
  actualValue: number | null;
  progress: string;
  gap: string;
  reason: string;
  measures: string;
  attachmentIds?: number[];
}

export interface SplitBody {
  unitIds?: number[];
  peerGroupCode?: string;
  weight?: number;
}

export interface ChangeRequestBody {
  kind: 'deadline' | 'target';
  deadline?: string;
  targetText?: string;
  targetValue?: number | null;
  reason: string;
}

/**
 * Every change to a task: one verb, one endpoint. A change that answers with
 * the task puts it straight into the detail cache; all refresh the lists and
 * the campaign counts.
 */
export function useTaskMutations() {
  const qc = useQueryClient();
  const refresh = (detail?: TaskDetail) => {
    if (detail) qc.setQueryData(['tasks', 'one', detail.id], detail);
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['campaigns'] });
  };
  const onTask = { onSuccess: (d: TaskDetail) => refresh(d) };
  const onOther = { onSuccess: () => refresh() };
  return {
    create: useMutation({
      mutationFn: ({ campaignId, ...b }: TaskDraftBody & { campaignId: number }) =>
        api.post<TaskDetail>(`/campaigns/${campaignId}/tasks`, b),
      ...onTask,
    }),
    update: useMutation({
      mutationFn: ({ id, ...b }: Partial<TaskDraftBody> & { id: number }) =>
        api.patch<TaskDetail>(`/tasks/${id}`, b),
      ...onTask,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.del(`/tasks/${id}`), ...onOther }),
    issueDrafts: useMutation({
      mutationFn: (campaignId: number) =>
        api.post<{ issued: number }>(`/campaigns/${campaignId}/issue-drafts`),
      ...onOther,
    }),
    issue: useMutation({ mutationFn: (id: number) => api.post<TaskDetail>(`/tasks/${id}/issue`), ...onTask }),
    sign: useMutation({ mutationFn: (id: number) => api.post<TaskDetail>(`/tasks/${id}/sign`), ...onTask }),
    split: useMutation({
      mutationFn: ({ id, ...b }: SplitBody & { id: number }) =>
        api.post<{ ids: number[] }>(`/tasks/${id}/split`, b),
      ...onOther,
    }),
    report: useMutation({
      mutationFn: ({ id, ...b }: ReportBody & { id: number }) =>
        api.post<ReportReceipt>(`/tasks/${id}/reports`, b),
      ...onOther,
    }),
    approveReport: useMutation({
      mutationFn: (reportId: number) => api.post<{ taskId: number | null }>(`/reports/${reportId}/approve`),
      ...onOther,
    }),
    returnReport: useMutation({
      mutationFn: ({ reportId, reason }: { reportId: number; reason: string }) =>
        api.post<{ taskId: number | null }>(`/reports/${reportId}/return`, { reason }),
      ...onOther,
    }),
    requestChange: useMutation({
      mutationFn: ({ id, ...b }: ChangeRequestBody & { id: number }) =>
        api.post<TaskDetail>(`/tasks/${id}/change-requests`, b),
      ...onTask,
    }),
    approveChange: useMutation({
      mutationFn: ({ requestId, note }: { requestId: number; note: string }) =>
        api.post<TaskDetail>(`/change-requests/${requestId}/approve`, { note }),
      ...onTask,
    }),
    rejectChange: useMutation({
      mutationFn: ({ requestId, reason }: { requestId: number; reason: string }) =>
        api.post<TaskDetail>(`/change-requests/${requestId}/reject`, { reason }),
      ...onTask,
    }),
    claimCompletion: useMutation({
      mutationFn: ({
        id,
        evidence,
        attachmentIds,
      }: {
        id: number;
        evidence: string;
        attachmentIds?: number[];
      }) => api.post<TaskDetail>(`/tasks/${id}/claim-completion`, { evidence, attachmentIds }),
      ...onTask,
    }),
    verifyCompletion: useMutation({
      mutationFn: (id: number) => api.post<TaskDetail>(`/tasks/${id}/verify-completion`),
      ...onTask,
    }),
    sendBack: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) =>
        api.post<TaskDetail>(`/tasks/${id}/send-back`, { reason }),
      ...onTask,
    }),
    instruct: useMutation({
      mutationFn: ({ id, text }: { id: number; text: string }) =>
        api.post<TaskDetail>(`/tasks/${id}/instructions`, { text }),
      ...onTask,
    }),
    answer: useMutation({
      mutationFn: ({ instructionId, answer }: { instructionId: number; answer: string }) =>
        api.post<TaskDetail>(`/instructions/${instructionId}/answer`, { answer }),
      ...onTask,
    }),
  };
}

/** One problem of an Excel import: the row and column as Excel shows them, and the closest names. */
export interface SheetRowProblem {
  row: number | null;
  column: string | null;
  message: { zh: string; en: string };
  suggestions: string[];
}

/** 导入任务清单: all rows become drafts, or none (422 `sheet_rows_invalid` with `detail.problems`). */
export function useTaskImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, file }: { campaignId: number; file: File }) =>
      api.upload<{ imported: number; taskIds: number[] }>(
        `/campaigns/${campaignId}/tasks/import`,
        file,
        file.name,
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
}
