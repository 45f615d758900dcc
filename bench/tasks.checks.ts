import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { taskListResponse } from '../domain/contracts/tasks.ts';
import { intArray, type Db } from '../server/db/client.ts';
import { getTaskSettings } from '../server/modules/settings/settings.service.ts';
import { refreshTask } from '../server/modules/tasks/task-light.service.ts';
import { getJson } from './lib/http.ts';
import type { Check } from './lib/types.ts';

type TaskListResponse = z.infer<typeof taskListResponse>;

class Rollback extends Error {}

/**
 * 报送与审计一一对应: every report Luoshi accepted during the run (status
 * `submitted`, for a period that has begun: the baseline writes future periods)
 * has exactly one `report.submit` audit entry naming it, its task and period,
 * and every such entry names one of them. `accepted` is what the measured run
 * alone got back as 2xx; probe and warm-up add to the rows. Reports the
 * bench deleted to recycle their tasks (`undone`) must each still have their
 * audit entry, and count towards `accepted`.
 */
export async function submissionAuditCheck(
  db: Db,
  today: string,
  accepted: number,
  undone: ReadonlySet<number> = new Set(),
): Promise<Check> {
  const r = await db.execute<{
    rows: number;
    entries: number;
    rowsWithout: number;
    entriesWithout: number;
    undoneEntries: number;
  }>(sql`
    WITH written AS (
      SELECT id, task_id, period_key FROM reports WHERE status = 'submitted' AND period_start <= ${today}::date),
    entries AS (
      SELECT object_id, after FROM audit_log WHERE action = 'report.submit' AND object_type = 'report'
         AND NOT object_id = ANY(${intArray([...undone])}::text[])),
    undone AS (
      SELECT object_id FROM audit_log WHERE action = 'report.submit' AND object_type = 'report'
         AND object_id = ANY(${intArray([...undone])}::text[]))
    SELECT (SELECT count(*) FROM written)::int AS rows,
           (SELECT count(*) FROM entries)::int AS entries,
           (SELECT count(*) FROM undone)::int AS "undoneEntries",
           (SELECT count(*) FROM written w
             WHERE (SELECT count(*) FROM entries e WHERE e.object_id = w.id::text) <> 1)::int AS "rowsWithout",
           (SELECT count(*) FROM entries e WHERE NOT EXISTS (
              SELECT 1 FROM written w WHERE w.id::text = e.object_id
                AND w.task_id = (e.after->>'taskId')::int AND w.period_key = e.after->>'periodKey'))::int AS "entriesWithout"`);
  const x = r.rows[0]!;
  return {
    label: 'every accepted progress report wrote one report row and one audit entry',
    ok:
      x.rowsWithout === 0 &&
      x.entriesWithout === 0 &&
      x.rows === x.entries &&
      x.rows + undone.size >= accepted &&
      x.undoneEntries === undone.size,
    detail:
      `${x.rows} rows, ${x.entries} report.submit entries, ${x.rowsWithout} rows without exactly one entry, ` +
      `${x.entriesWithout} entries without their row; measured run accepted ${accepted}; ` +
      `${undone.size} reports deleted by the bench to recycle tasks, ${x.undoneEntries} of them with their entry`,
  };
}

/**
 * 列表红灯与存储一致: the office's red list of the campaign, page by page (up to
 * `pages` pages of 100), shows only red tasks whose stored light is red, and its
 * counts per light equal the stored ones.
 */
export async function redListCheck(
  db: Db,
  baseUrl: string,
  token: string,
  campaignId: number,
  pages = 5,
): Promise<Check> {
  const stored = await db.execute<{ light: string | null; n: number }>(
    sql`SELECT light, count(*)::int AS n FROM tasks WHERE campaign_id = ${campaignId} GROUP BY light`,
  );
  const count = (l: string) => stored.rows.find((x) => x.light === l)?.n ?? 0;
  const wrong: string[] = [];
  let seen = 0;
  let first: TaskListResponse | undefined;
  for (let p = 0; p < pages; p++) {
    const page = await getJson<TaskListResponse>(
      baseUrl,
      `/api/v1/campaigns/${campaignId}/tasks?light=red&limit=100&offset=${p * 100}`,
      token,
    );
    first ??= page;
    const ids = page.items.map((i) => i.id);
    const lights = await db.execute<{ id: number; light: string | null }>(
      sql`SELECT id, light FROM tasks WHERE id = ANY(${intArray(ids)})`,
    );
    const byId = new Map(lights.rows.map((x) => [x.id, x.light]));
    for (const i of page.items) {
      if (i.light !== 'red' || byId.get(i.id) !== 'red')
        wrong.push(`${i.code}: listed ${i.light}, stored ${byId.get(i.id)}`);
    }
    seen += page.items.length;
    if (page.items.length < 100) break;
  }
  const l = first?.lights;
  const countsOk = l?.red === count('red') && l.yellow === count('yellow') && l.green === count('green');
  return {
    label: `the office's red list of campaign ${campaignId} agrees with the stored lights`,
    ok: wrong.length === 0 && countsOk && first?.total === count('red'),
    detail:
      `${seen} listed, ${wrong.length} not red in list or table${wrong.length ? ` (${wrong.slice(0, 3).join('; ')})` : ''}; ` +
      `counts listed ${l?.green}/${l?.yellow}/${l?.red}, stored ${count('green')}/${count('yellow')}/${count('red')} (green/yellow/red)`,
  };
}

const DERIVED = [
  'progress',
  'light',
  'light_reason_zh',
  'light_reason_en',
  'expected_percent',
  'late_reports',
];

/**
 * 生成数据与 refreshTask 一致: for a sample of tasks, the derived columns the
 * generator computed in bulk equal what `refreshTask` computes from the stored
 * rows now (in a transaction that is rolled back).
 */
export async function derivedColumnsCheck(db: Db, sample = 400): Promise<Check> {
  const cols = sql.raw(DERIVED.join(', '));
  const picked = await db.execute<{ id: number }>(
    sql`SELECT id FROM tasks TABLESAMPLE BERNOULLI (2) REPEATABLE (42) ORDER BY id LIMIT ${sample}`,
  );
  const parents = await db.execute<{ id: number }>(
    sql`SELECT DISTINCT parent_id AS id FROM tasks WHERE parent_id IS NOT NULL ORDER BY 1 LIMIT 40`,
  );
  const ids = [...new Set([...picked.rows, ...parents.rows].map((x) => x.id))];
  const read = async (tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0]) =>
    new Map(
      (
        await tx.execute<Record<string, unknown> & { id: number }>(
          sql`SELECT id, ${cols} FROM tasks WHERE id = ANY(${intArray(ids)})`,
        )
      ).rows.map((r) => [r.id, r]),
    );
  const before = await read(db);
  const mismatches: string[] = [];
  try {
    await db.transaction(async (tx) => {
      const s = await getTaskSettings(tx);
      const now = new Date();
      for (const id of ids) await refreshTask(tx, id, now, s);
      const after = await read(tx);
      for (const id of ids) {
        for (const c of DERIVED) {
          const a = before.get(id)?.[c];
          const b = after.get(id)?.[c];
          if (a !== b) mismatches.push(`task ${id} ${c}: generated ${String(a)}, refreshTask ${String(b)}`);
        }
      }
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return {
    label: `the generated lights, late counts and progress equal refreshTask's (${ids.length} tasks, rolled back)`,
    ok: mismatches.length === 0,
    detail:
      mismatches.length === 0
        ? 'all equal'
        : `${mismatches.length} differ: ${mismatches.slice(0, 4).join('; ')}`,
  };
}
