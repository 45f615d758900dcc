import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { TaskSettings } from './types.ts';

export function useTaskSettings() {
  return useQuery({
    queryKey: ['settings', 'tasks'],
    queryFn: () => api.get<TaskSettings>('/settings/tasks'),
  });
}

export function useSaveTaskSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: TaskSettings) => api.put<TaskSettings>('/settings/tasks', b),
    onSuccess: (s) => {
      qc.setQueryData(['settings', 'tasks'], s);
      // Lights and late counts are computed with these settings.
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
