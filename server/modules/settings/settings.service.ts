import { sql } from 'drizzle-orm';
import { taskSettings, type TaskSettings } from '../../../domain/contracts/tasks.ts';
import { defaultTaskSettings } from '../../../domain/tasks/task-settings.ts';
import type { AppDeps } from '../../deps.ts';
import type { Tx } from '../../db/client.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { readSetting, writeSetting } from './settings.repository.ts';

/** The task settings in force: the stored ones over the defaults (a stored value that no longer parses is ignored). */
export async function getTaskSettings(db: Tx): Promise<TaskSettings> {
  return taskSettingsOf(await readSetting(db, 'tasks'));
}

/** The task settings from the stored value (the `settings` row of key 'tasks'), defaults filling any gap. */
export function taskSettingsOf(stored: unknown): TaskSettings {
  const merged = taskSettings.safeParse({ ...defaultTaskSettings, ...(stored as object | undefined) });
  return merged.success ? merged.data : defaultTaskSettings;
}

/** Changes the task settings (sign-for days, light thresholds, report grace), audited. */
export async function setTaskSettings(
  deps: AppDeps,
  c: CallContext,
  next: TaskSettings,
): Promise<TaskSettings> {
  return deps.database.db.transaction(async (tx) => {
    await readSetting(tx, 'tasks', true);
    const before = await getTaskSettings(tx);
    await writeSetting(tx, 'tasks', next, c.actor.id, c.now);
    await recordChange(tx, c, 'settings', 'settings.tasks', 'tasks', before, next);
    // Every light is computed again with the new thresholds (by the caller, after commit).
    await tx.execute(sql`UPDATE tasks SET light_on = NULL WHERE status <> 'draft'`);
    return next;
  });
}
