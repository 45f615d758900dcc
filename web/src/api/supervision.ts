import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  circularBody,
  circularResponse,
  escalationRuleResponse,
  escalationRunResponse,
  noticeBody,
  NoticeResponse,
  publicSupervisionResponse,
  redoOrderBody,
  redoOrderResponse,
  roundBody,
  roundDetail,
  roundSummary,
  teamBody,
  visitBody,
  visitSummary,
  warningBody,
  warningResponse,
  findingBody,
} from '../../../domain/contracts/supervision.ts';
import type { NoticeLevel } from '../../../domain/supervision/notice-levels.ts';
import type { NoticeStatus } from '../../../domain/supervision/notice-lifecycle.ts';
import type { EscalationObjectKind } from '../../../domain/supervision/escalation-rules.ts';
import { api } from './client.ts';
import type { Page, Paging, ProblemDetail } from './types.ts';

export type Notice = NoticeResponse;
export type { NoticeLevel, NoticeStatus, EscalationObjectKind };
export type NoticeInput = z.input<typeof noticeBody>;
export type EscalationRule = z.infer<typeof escalationRuleResponse>;
export type EscalationRun = z.infer<typeof escalationRunResponse>;
export type RoundSummary = z.infer<typeof roundSummary>;
export type RoundDetail = z.infer<typeof roundDetail>;
export type RoundInput = z.input<typeof roundBody>;
export type TeamInput = z.input<typeof teamBody>;
export type Visit = z.infer<typeof visitSummary>;
export type VisitInput = z.input<typeof visitBody>;
export type FindingInput = z.input<typeof findingBody>;
export type Warning = z.infer<typeof warningResponse>;
export type WarningInput = z.input<typeof warningBody>;
export type Circular = z.infer<typeof circularResponse>;
export type CircularInput = z.input<typeof circularBody>;
export type RedoOrder = z.infer<typeof redoOrderResponse>;
export type RedoInput = z.input<typeof redoOrderBody>;
export type PublicSupervision = z.infer<typeof publicSupervisionResponse>;
export type PublicationStatus = Warning['status'];

// ─── 督办单 ──────────────────────────────────────────────────────────────────

export interface NoticeFilter {
  for?: 'unit' | 'leader';
  live?: boolean;
  status?: NoticeStatus;
  level?: NoticeLevel;
  objectKind?: EscalationObjectKind;
  unitId?: number;
  answerOverdue?: boolean;
}

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'true' : 'false');

export function useNotices(filter: NoticeFilter, paging: Paging) {
  return useQuery({
    queryKey: ['notices', 'list', filter, paging],
    queryFn: () =>
      api.get<Page<Notice>>('/supervision-notices', {
        ...filter,
        live: bool(filter.live),
        answerOverdue: bool(filter.answerOverdue),
        ...paging,
      }),
    placeholderData: keepPreviousData,
  });
}

/** How many notices a filter matches (for the home page). */
export function useNoticeCount(filter: NoticeFilter, enabled = true) {
  return useQuery({
    queryKey: ['notices', 'list', filter, { limit: 1, offset: 0 }],
    queryFn: () =>
      api.get<Page<Notice>>('/supervision-notices', {
        ...filter,
        live: bool(filter.live),
        answerOverdue: bool(filter.answerOverdue),
        limit: 1,
        offset: 0,
      }),
    select: (d) => d.total,
    enabled,
  });
}

export function useNotice(id: number | undefined) {
  return useQuery({
    queryKey: ['notices', 'one', id],
    queryFn: () => api.get<Notice>(`/supervision-notices/${id}`),
    enabled: id !== undefined,
  });
}

export function useNoticeMutations() {
  const qc = useQueryClient();
  const done = (n: Notice) => {
    qc.setQueryData(['notices', 'one', n.id], n);
    void qc.invalidateQueries({ queryKey: ['notices'] });
  };
  const verb = (name: string) => (b: { id: number } & Record<string, unknown>) => {
    const { id, ...body } = b;
    return api.post<Notice>(`/supervision-notices/${id}/${name}`, body);
  };
  return {
    raise: useMutation({
      mutationFn: (b: NoticeInput) => api.post<Notice>('/supervision-notices', b),
      onSuccess: done,
    }),
    answer: useMutation({
      mutationFn: (b: { id: number; answer: string }) => verb('answer')(b),
      onSuccess: done,
    }),
    accept: useMutation({
      mutationFn: (b: { id: number; note: string }) => verb('accept')(b),
      onSuccess: done,
    }),
    returnAnswer: useMutation({
      mutationFn: (b: { id: number; reason: string }) => verb('return-answer')(b),
      onSuccess: done,
    }),
    withdraw: useMutation({
      mutationFn: (b: { id: number; reason: string }) => verb('withdraw')(b),
      onSuccess: done,
    }),
  };
}

// ─── 督办升级规则 ─────────────────────────────────────────────────────────────

export function useEscalationRules() {
  return useQuery({
    queryKey: ['escalation-rules'],
    queryFn: () => api.get<{ items: EscalationRule[] }>('/escalation-rules'),
    select: (d) => d.items,
  });
}

export function useEscalationMutations() {
  const qc = useQueryClient();
  return {
    set: useMutation({
      mutationFn: (b: { kind: EscalationObjectKind; steps: EscalationRule['steps'] }) =>
        api.put<{ items: EscalationRule[] }>(`/escalation-rules/${b.kind}`, { steps: b.steps }),
      onSuccess: (d) => qc.setQueryData(['escalation-rules'], d),
    }),
    remove: useMutation({
      mutationFn: (kind: EscalationObjectKind) => api.del(`/escalation-rules/${kind}`),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['escalation-rules'] }),
    }),
    run: useMutation({
      mutationFn: () => api.post<EscalationRun>('/escalation/run'),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['notices'] }),
    }),
  };
}

// ─── 督查轮次 ─────────────────────────────────────────────────────────────────

export interface RoundFilter {
  kind?: RoundSummary['kind'];
  status?: 'open' | 'closed';
}

export function useRounds(filter: RoundFilter, paging: Paging) {
  return useQuery({
    queryKey: ['rounds', 'list', filter, paging],
    queryFn: () => api.get<Page<RoundSummary>>('/inspection-rounds', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useRound(id: number | undefined) {
  return useQuery({
    queryKey: ['rounds', 'one', id],
    queryFn: () => api.get<RoundDetail>(`/inspection-rounds/${id}`),
    enabled: id !== undefined,
  });
}

export function useRoundMutations() {
  const qc = useQueryClient();
  const done = (r: RoundDetail) => {
    qc.setQueryData(['rounds', 'one', r.id], r);
    void qc.invalidateQueries({ queryKey: ['rounds'] });
  };
  const refresh = () => void qc.invalidateQueries({ queryKey: ['rounds'] });
  return {
    create: useMutation({
      mutationFn: (b: RoundInput) => api.post<RoundDetail>('/inspection-rounds', b),
      onSuccess: done,
    }),
    addTeam: useMutation({
      mutationFn: ({ id, ...b }: TeamInput & { id: number }) =>
        api.post<RoundDetail>(`/inspection-rounds/${id}/teams`, b),
      onSuccess: done,
    }),
    close: useMutation({
      mutationFn: (id: number) => api.post<RoundDetail>(`/inspection-rounds/${id}/close`),
      onSuccess: done,
    }),
    visit: useMutation({
      mutationFn: ({ roundId, ...b }: VisitInput & { roundId: number }) =>
        api.post<Visit>(`/inspection-rounds/${roundId}/visits`, b),
      onSuccess: refresh,
    }),
    finding: useMutation({
      mutationFn: ({ visitId, ...b }: FindingInput & { visitId: number }) =>
        api.post<ProblemDetail>(`/inspection-visits/${visitId}/findings`, b),
      onSuccess: () => {
        refresh();
        void qc.invalidateQueries({ queryKey: ['problems'] });
      },
    }),
  };
}

// ─── 警告 and 通报 ──────────────────────────────────────────────────────────────

export type PublicationKind = 'warnings' | 'circulars';

export interface PublicationFilter {
  status?: PublicationStatus;
  unitId?: number;
}

export function usePublications<K extends PublicationKind>(
  kind: K,
  filter: PublicationFilter,
  paging: Paging,
) {
  return useQuery({
    queryKey: [kind, 'list', filter, paging],
    queryFn: () =>
      api.get<Page<K extends 'warnings' ? Warning : Circular>>(`/${kind}`, { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicationMutations(kind: PublicationKind) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [kind] });
    void qc.invalidateQueries({ queryKey: ['public-circulars'] });
  };
  return {
    createWarning: useMutation({
      mutationFn: (b: WarningInput) => api.post<Warning>('/warnings', b),
      onSuccess: refresh,
    }),
    createCircular: useMutation({
      mutationFn: (b: CircularInput) => api.post<Circular>('/circulars', b),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: (b: {
        id: number;
        verb: 'approve' | 'publish' | 'withdraw' | 'revoke';
        scope?: 'internal' | 'public';
        reason?: string;
      }) =>
        api.post<Warning | Circular>(
          `/${kind}/${b.id}/${b.verb}`,
          b.verb === 'publish' ? { scope: b.scope } : b.verb === 'approve' ? {} : { reason: b.reason },
        ),
      onSuccess: refresh,
    }),
  };
}

export function usePublicCirculars() {
  return useQuery({
    queryKey: ['public-circulars'],
    queryFn: () => api.get<PublicSupervision>('/public/circulars'),
  });
}

// ─── 返工整改 ─────────────────────────────────────────────────────────────────

export function useRedoOrders(filter: { status?: RedoOrder['status']; unitId?: number }, paging: Paging) {
  return useQuery({
    queryKey: ['redo-orders', 'list', filter, paging],
    queryFn: () => api.get<Page<RedoOrder>>('/redo-orders', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useRedoMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['redo-orders'] });
  return {
    issue: useMutation({
      mutationFn: (b: RedoInput) => api.post<RedoOrder>('/redo-orders', b),
      onSuccess: refresh,
    }),
    submit: useMutation({
      mutationFn: ({ id, ...b }: { id: number; report: string; problemIds: number[] }) =>
        api.post<RedoOrder>(`/redo-orders/${id}/submit`, b),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: ({
        id,
        verb,
        text,
      }: {
        id: number;
        verb: 'accept' | 'send-back' | 'cancel';
        text: string;
      }) =>
        api.post<RedoOrder>(
          `/redo-orders/${id}/${verb}`,
          verb === 'accept' ? { note: text } : { reason: text },
        ),
      onSuccess: refresh,
    }),
  };
}
