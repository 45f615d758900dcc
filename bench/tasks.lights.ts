import { sql } from 'drizzle-orm';
import { getTaskSettings } from '../server/modules/settings/settings.service.ts';
import { refreshTask } from '../server/modules/tasks/task-light.service.ts';
import { timingOf } from './lib/stats.ts';
import type { SuiteContext, Timing } from './lib/types.ts';

/**
 * 亮灯重算成本: `refreshTask` (as the lights job and a change of the light
 * thresholds run it, one task at a time, its parents after it) on `n` sampled
 * open tasks, in transactions of 100, on an idle server. The data are already
 * consistent, so nothing changes but `light_on`; the figure says how long the
 * whole list would take.
 */
export async function lightsRefreshCost(
  ctx: SuiteContext,
  n = 500,
): Promise<{ timing: Timing; note: string }> {
  const db = ctx.database.db;
  const s = await getTaskSettings(db);
  const open = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM tasks WHERE status NOT IN ('draft', 'done')`,
  );
  const ids = (
    await db.execute<{ id: number }>(
      sql`SELECT id FROM tasks WHERE status NOT IN ('draft', 'done') ORDER BY md5(id::text) LIMIT ${n}`,
    )
  ).rows.map((r) => r.id);
  const ms: number[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    await db.transaction(async (tx) => {
      for (const id of ids.slice(i, i + 100)) {
        const t0 = performance.now();
        await refreshTask(tx, id, new Date(), s);
        ms.push(performance.now() - t0);
      }
    });
  }
  const timing = timingOf(`refreshTask, one open task (with its parents), ${ms.length} sampled`, ms);
  const total = open.rows[0]!.n;
  const minutes = (timing.meanMs * total) / 60_000;
  return {
    timing,
    note:
      `lights: refreshTask takes ${timing.meanMs.toFixed(1)} ms per task on an idle server, so recomputing all ` +
      `${total.toLocaleString('en-US')} open tasks one by one (the lights job at a new day; PUT /api/v1/settings/tasks, ` +
      `inside the request) takes about ${minutes.toFixed(1)} min`,
  };
}
