import type { AppDeps } from '../deps.ts';
import { ESCALATION_LOCK, runEscalation } from '../modules/supervision/escalation.service.ts';
import { startPeriodicJob, type PeriodicJob } from './periodic.ts';

/**
 * 督办升级: raises and ends supervision notices as tasks, reports and problems
 * slip, on the office's rules. Runs at start (catching up after downtime) and
 * every `LUOSHI_ESCALATION_INTERVAL_MINUTES`, on one instance at a time (the
 * advisory lock `ESCALATION_LOCK`, shared with `luoshi escalation run` and the
 * run-now endpoint); each run is idempotent, so running again the same day
 * raises nothing new.
 */
export function startEscalationJob(deps: AppDeps, log: (m: string, err?: unknown) => void): PeriodicJob {
  return startPeriodicJob({
    database: deps.database,
    name: 'escalation',
    lockKey: ESCALATION_LOCK,
    everyMs: deps.config.escalationIntervalMinutes * 60_000,
    log,
    async run() {
      const r = await runEscalation(deps.database.db, deps.clock());
      if (r.raised > 0 || r.ended > 0)
        log(`escalation ${r.today}: ${r.raised} notices raised, ${r.ended} ended (${r.objects} objects)`);
    },
  });
}
