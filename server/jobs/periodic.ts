import type { Database } from '../db/client.ts';

export interface PeriodicJob {
  /** Runs the job once now (if no other instance holds its lock); resolves to whether it ran. */
  runOnce(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * A scheduled job that runs on one server instance at a time: each run takes a
 * PostgreSQL advisory lock (`lockKey`) and skips when another instance holds it.
 * Runs once at start, then every `everyMs`. Errors are logged, never thrown.
 */
export function startPeriodicJob(opts: {
  database: Database;
  name: string;
  lockKey: number;
  everyMs: number;
  run: () => Promise<void>;
  log: (message: string, err?: unknown) => void;
  runAtStart?: boolean;
}): PeriodicJob {
  let running: Promise<boolean> | null = null;
  let stopped = false;
  const runOnce = (): Promise<boolean> => {
    if (running) return running;
    running = (async () => {
      const client = await opts.database.pool.connect();
      try {
        const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
          opts.lockKey,
        ]);
        if (!got.rows[0]?.ok) return false;
        try {
          await opts.run();
          return true;
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [opts.lockKey]);
        }
      } catch (err) {
        opts.log(`job ${opts.name} failed`, err);
        return false;
      } finally {
        client.release();
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, opts.everyMs);
  timer.unref();
  if (opts.runAtStart !== false) void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Advisory lock keys of Luoshi's jobs (one number each, never reused). */
export const jobLocks = {
  lights: 4_201_001,
  auditSealer: 4_201_002,
  escalation: 4_201_003,
} as const;
