import type { AppDeps } from '../deps.ts';
import { sealPending } from '../modules/audit/audit-seal.repository.ts';
import { jobLocks, startPeriodicJob, type PeriodicJob } from './periodic.ts';

/**
 * 审计封存任务: every `LUOSHI_AUDIT_SEAL_INTERVAL_MS` (500 ms), links newly
 * committed audit entries into the SM3 seal chain, on one instance at a time;
 * a run after downtime seals everything that piled up. `stop()` waits for a
 * running pass, then seals what is left once more.
 */
export function startAuditSealerJob(
  deps: Pick<AppDeps, 'database' | 'config'>,
  log: (m: string, err?: unknown) => void,
): PeriodicJob {
  const job = startPeriodicJob({
    database: deps.database,
    name: 'audit-sealer',
    lockKey: jobLocks.auditSealer,
    everyMs: deps.config.audit.sealIntervalMs,
    log,
    async run() {
      await sealPending(deps.database.db);
    },
  });
  return {
    runOnce: job.runOnce,
    async stop() {
      await job.stop();
      await job.runOnce();
    },
  };
}
