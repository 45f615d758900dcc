import type { AppDeps } from '../deps.ts';
import { refreshStaleLights } from '../modules/tasks/task-light.service.ts';
import { getTaskSettings } from '../modules/settings/settings.service.ts';
import { jobLocks, startPeriodicJob, type PeriodicJob } from './periodic.ts';

/**
 * Lights move with time even when nobody reports: every open task whose light
 * was computed on an earlier day (Asia/Shanghai) is recomputed. Runs at start
 * and every 10 minutes, on one instance at a time; a run after downtime catches up.
 */
export function startLightsJob(deps: AppDeps, log: (m: string, err?: unknown) => void): PeriodicJob {
  return startPeriodicJob({
    database: deps.database,
    name: 'lights',
    lockKey: jobLocks.lights,
    everyMs: 10 * 60_000,
    log,
    async run() {
      const now = deps.clock();
      const n = await refreshStaleLights(deps.database.db, now, await getTaskSettings(deps.database.db));
      if (n > 0) log(`lights: refreshed ${n} tasks`);
    },
  });
}
