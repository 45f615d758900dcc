import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Cadence, ReportItem } from './types.ts';

/** 报送事项 of a campaign: all of them for the office, the unit's own for a liaison or head. */
export function useReportItems(campaignId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['report-items', 'campaign', campaignId],
    queryFn: () => api.get<ReportItem[]>(`/campaigns/${campaignId}/report-items`),
    enabled: enabled && campaignId !== undefined,
  });
}

/** The items of several campaigns at once (a unit's items across the campaigns it takes part in). */
export function useReportItemsOf(campaignIds: readonly number[]) {
  return useQueries({
    queries: campaignIds.map((id) => ({
      queryKey: ['report-items', 'campaign', id],
      queryFn: () => api.get<ReportItem[]>(`/campaigns/${id}/report-items`),
    })),
    combine: (results) => ({
      items: results.flatMap((r) => r.data ?? []),
      pending: results.some((r) => r.isPending),
    }),
  });
}

export interface ReportItemBody {
  title: string;
  description: string;
  cadence: Cadence;
  graceDays: number;
  unitIds: number[];
  start: string;
  end: string;
}

export function useReportItemMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['report-items'] });
  return {
    create: useMutation({
      mutationFn: ({ campaignId, ...b }: ReportItemBody & { campaignId: number }) =>
        api.post<ReportItem>(`/campaigns/${campaignId}/report-items`, b),
      onSuccess,
    }),
    submit: useMutation({
      mutationFn: ({
        id,
        text,
        attachmentIds = [],
      }: {
        id: number;
        text: string;
        attachmentIds?: number[];
      }) => api.post<ReportItem>(`/report-items/${id}/submissions`, { text, attachmentIds }),
      onSuccess,
    }),
    approve: useMutation({
      mutationFn: (reportId: number) => api.post<unknown>(`/reports/${reportId}/approve`),
      onSuccess,
    }),
    return: useMutation({
      mutationFn: ({ reportId, reason }: { reportId: number; reason: string }) =>
        api.post<unknown>(`/reports/${reportId}/return`, { reason }),
      onSuccess,
    }),
  };
}
