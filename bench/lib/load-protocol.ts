import type { LoadSummary, LoadTarget } from './types.ts';

/** Parent → load process: run autocannon once. */
export interface LoadRequest {
  id: number;
  baseUrl: string;
  target: LoadTarget;
  durationS: number;
  connections: number;
}

/** Load process → parent: the summary, or why it failed. */
export type LoadReply =
  { id: number; ok: true; summary: LoadSummary } | { id: number; ok: false; message: string };
