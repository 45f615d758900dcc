import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Meeting, TaskDetail, TaskDraftBody } from './types.ts';

/** 调度会 of a campaign. */
export function useMeetings(campaignId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['meetings', campaignId],
    queryFn: () => api.get<Meeting[]>(`/campaigns/${campaignId}/meetings`),
    enabled: enabled && campaignId !== undefined,
  });
}

export interface MeetingBody {
  title: string;
  heldOn: string;
  place: string;
  attendeeIds: number[];
  otherAttendees: string;
  notes: string;
  taskIds: number[];
  decisions: { text: string }[];
}

export function useMeetingMutations() {
  const qc = useQueryClient();
  return {
    create: useMutation({
      mutationFn: ({ campaignId, ...b }: MeetingBody & { campaignId: number }) =>
        api.post<Meeting>(`/campaigns/${campaignId}/meetings`, b),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['meetings'] }),
    }),
    /** 议定事项转为任务: the decision becomes an issued task in one step. */
    decisionToTask: useMutation({
      mutationFn: ({
        meetingId,
        decisionId,
        ...b
      }: TaskDraftBody & { meetingId: number; decisionId: number }) =>
        api.post<TaskDetail>(`/meetings/${meetingId}/decisions/${decisionId}/task`, b),
      onSuccess: (d) => {
        qc.setQueryData(['tasks', 'one', d.id], d);
        void qc.invalidateQueries({ queryKey: ['meetings'] });
        void qc.invalidateQueries({ queryKey: ['tasks'] });
        void qc.invalidateQueries({ queryKey: ['campaigns'] });
      },
    }),
  };
}
