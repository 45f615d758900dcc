import type { Timing } from './types.ts';

/** Summarises sequential durations (milliseconds) as a Timing row. */
export function timingOf(label: string, ms: readonly number[]): Timing {
  if (ms.length === 0) throw new Error(`${label}: no samples`);
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const p50 = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    label,
    samples: ms.length,
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    p50Ms: p50,
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
  };
}

/** Times `fn` `n` times in a row, after `warmup` untimed calls. */
export async function timeSequential(
  n: number,
  warmup: number,
  fn: () => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
