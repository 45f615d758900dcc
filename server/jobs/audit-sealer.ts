import type { Db } from '../db/client.ts';
import { sealPending } from '../modules/audit/audit-seal.repository.ts';

export interface Sealer {
  /** Stops the schedule, waits for a running pass, then seals what is left once more. */
  stop(): Promise<void>;
}

/**
 * 审计封存任务: every `intervalMs`, links newly committed audit entries into the
 * SM3 seal chain. Every instance runs one; an advisory lock lets one seal at a
 * time and the others skip the turn, so the chain never forks.
 */
export function startSealer(db: Db, opts: { intervalMs: number; onError: (err: unknown) => void }): Sealer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = () => sealPending(db, { wait: false }).then(() => undefined, opts.onError);
  const tick = () => {
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
    });
  };
  timer = setTimeout(tick, 0).unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await running;
      await pass();
    },
  };
}
