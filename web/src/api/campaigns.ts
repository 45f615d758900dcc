import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Campaign, Page, Paging } from './types.ts';

export interface CampaignFilter {
  q?: string;
  includeClosed?: boolean;
}

export function useCampaigns(filter: CampaignFilter, paging: Paging, enabled = true) {
  return useQuery({
    queryKey: ['campaigns', 'list', filter, paging],
    queryFn: () =>
      api.get<Page<Campaign>>('/campaigns', {
        q: filter.q,
        includeClosed: filter.includeClosed ? 'true' : undefined,
        ...paging,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCampaign(id: number | undefined) {
  return useQuery({
    queryKey: ['campaigns', 'one', id],
    queryFn: () => api.get<Campaign>(`/campaigns/${id}`),
    enabled: id !== undefined,
  });
}

export interface CampaignBody {
  name: string;
  leadingGroup: string;
  description: string;
  start: string;
  end: string;
}

export function useCampaignMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['campaigns'] });
  return {
    create: useMutation({ mutationFn: (b: CampaignBody) => api.post<Campaign>('/campaigns', b), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, ...b }: Partial<CampaignBody> & { closed?: boolean; id: number }) =>
        api.patch<Campaign>(`/campaigns/${id}`, b),
      onSuccess,
    }),
  };
}
