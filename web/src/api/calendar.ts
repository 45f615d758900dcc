import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { CalendarYear } from './types.ts';

/** 工作日历 of one year: holidays and make-up working days. */
export function useCalendar(year: number) {
  return useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarYear>('/calendar', { year }),
    placeholderData: keepPreviousData,
  });
}

export function useCalendarMutations() {
  const qc = useQueryClient();
  const onSuccess = (y: CalendarYear) => qc.setQueryData(['calendar', y.year], y);
  return {
    set: useMutation({
      mutationFn: ({ date, ...b }: { date: string; kind: 'holiday' | 'workday'; name: string }) =>
        api.put<CalendarYear>(`/calendar/${date}`, b),
      onSuccess,
    }),
    clear: useMutation({
      mutationFn: (date: string) => api.delWith<CalendarYear>(`/calendar/${date}`),
      onSuccess,
    }),
  };
}
