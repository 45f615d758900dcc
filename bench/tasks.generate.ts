import { addDays, shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../server/db/schema/index.ts';
import { getTaskSettings } from '../server/modules/settings/settings.service.ts';
import { workCalendarAround } from '../server/modules/tasks/task-light.service.ts';
import { bulkLoad, growCity, ids, type LoadStep, type TownRef } from './lib/city.ts';
import { copyRows } from './lib/copy.ts';
import { rngFrom } from './lib/rng.ts';
import { reportsOf } from './tasks.history.ts';
import { CAMPAIGNS, planTasks, TOTAL_TASKS, type PlannedTask } from './tasks.plan.ts';

// 城市级数据集: grows the demo district to TOTAL_UNITS units, adds bench
// accounts (`lib/city.ts`), and loads the planned campaigns, tasks and reports with COPY.

/** What the suite needs to know of the generated data set. */
export interface CityData {
  /** Campaign ids in CAMPAIGNS order; the first holds most tasks. */
  campaignIds: number[];
  towns: TownRef[];
  /** Bench accounts per department and town: username of the liaison. */
  liaisonOf: Map<number, string>;
  counts: Record<string, number>;
  /** Seconds per step, and in all. */
  steps: LoadStep[];
  totalSeconds: number;
}

function* reportRows(tasks: readonly PlannedTask[], now: Date, s: Parameters<typeof reportsOf>[2]) {
  for (const t of tasks) {
    for (const r of reportsOf(t, now, s)) {
      yield [
        t.id,
        t.leadUnitId,
        r.periodKey,
        r.periodStart,
        r.periodEnd,
        r.dueOn,
        'approved',
        r.percent,
        r.progress,
        r.gap,
        r.reason,
        r.measures,
        t.staff.liaison,
        r.submittedAt,
        t.staff.head,
        r.decidedAt,
        r.late,
      ];
    }
  }
}

function taskRow(t: PlannedTask, campaignIds: number[], officeId: number, now: Date, today: string) {
  const created = t.issuedAt
    ? new Date(t.issuedAt.getTime() - 86_400_000)
    : new Date(now.getTime() - 2 * 86_400_000);
  return [
    t.id,
    campaignIds[t.campaign],
    t.parentId,
    t.code,
    t.title,
    '',
    t.category,
    t.targetText,
    t.leadUnitId,
    t.status,
    t.startOn,
    t.deadline,
    t.cadence,
    t.weight,
    t.progress,
    t.light,
    t.lightReasonZh,
    t.lightReasonEn,
    t.expectedPercent,
    today,
    t.lateReports,
    t.issuedAt,
    t.signDueOn,
    t.signedAt,
    t.signedBy,
    t.signedLate,
    t.completionEvidence,
    t.claimedAt,
    t.completedAt,
    officeId,
    created,
    now,
  ];
}
const TASK_COLUMNS = [
  'id',
  'campaign_id',
  'parent_id',
  'code',
  'title',
  'description',
  'category',
  'target_text',
  'lead_unit_id',
  'status',
  'start_on',
  'deadline',
  'cadence',
  'weight',
  'progress',
  'light',
  'light_reason_zh',
  'light_reason_en',
  'expected_percent',
  'light_on',
  'late_reports',
  'issued_at',
  'sign_due_on',
  'signed_at',
  'signed_by',
  'signed_late',
  'completion_evidence',
  'claimed_at',
  'completed_at',
  'created_by',
  'created_at',
  'updated_at',
];
const REPORT_COLUMNS = [
  'task_id',
  'unit_id',
  'period_key',
  'period_start',
  'period_end',
  'due_on',
  'status',
  'percent',
  'progress',
  'gap',
  'reason',
  'measures',
  'author_id',
  'submitted_at',
  'decided_by',
  'decided_at',
  'late',
];

const LOADED_TABLES = [
  'units',
  'people',
  'grants',
  'campaigns',
  'tasks',
  'task_leaders',
  'task_cooperators',
  'task_milestones',
  'instructions',
  'reports',
];

/**
 * Generates the city-scale data set into the bench database (after the demo
 * district is seeded): TOTAL_UNITS units, bench accounts (one password hash,
 * `password`), 4 campaigns with TOTAL_TASKS tasks, their leaders, cooperating
 * units, milestones and instructions, and exactly TOTAL_REPORTS approved
 * reports; the derived task columns are computed in bulk in JS with the
 * domain functions `refreshTask` uses. One transaction, loaded with COPY.
 */
export async function generateCity(
  url: string,
  opts: { password: string; iterations: number; now: Date; seed: string; log: (m: string) => void },
): Promise<CityData> {
  const rng = rngFrom(`${opts.seed}/city`);
  const now = opts.now;
  const today = shanghaiDate(now);
  const { result, steps, totalSeconds } = await bulkLoad(
    url,
    LOADED_TABLES,
    opts.log,
    async (client, step) => {
      const db = drizzle(client, { schema });
      const settings = await getTaskSettings(db);
      const calendar = await workCalendarAround(db, today);
      const city = await growCity(client, rng, opts);
      const { units, region, departments, towns, officeId } = city;
      step(
        `units (${city.addedUnits} added) and ${city.staff.size * 2 + city.leaders.length} bench accounts`,
      );

      const taskIds = await ids(client, 'tasks', TOTAL_TASKS);
      const { tasks } = planTasks({
        now,
        settings,
        calendar,
        seed: opts.seed,
        region,
        departments,
        towns,
        leaders: city.leaders,
        officeId,
        staff: city.staff,
        taskIds,
      });
      step('plan: tasks, report history sized, lights and late counts derived');

      const campaignIds: number[] = [];
      for (const [ci, c] of CAMPAIGNS.entries()) {
        const mine = tasks.filter((t) => t.campaign === ci);
        const start = mine.reduce((m, t) => (t.startOn < m ? t.startOn : m), addDays(today, -7));
        const end = mine.reduce((m, t) => (t.deadline > m ? t.deadline : m), addDays(today, 30));
        const r = await client.query<{ id: number }>(
          `INSERT INTO campaigns (name, leading_group, description, start_on, end_on, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
          [c.name, c.leadingGroup, `${c.name}（压测数据）`, start, end, officeId, now],
        );
        campaignIds.push(r.rows[0]!.id);
      }
      const counts: Record<string, number> = { units: units.length };
      counts.tasks = await copyRows(
        client,
        'tasks',
        TASK_COLUMNS,
        tasks.map((t) => taskRow(t, campaignIds, officeId, now, today)),
      );
      counts.taskLeaders = await copyRows(
        client,
        'task_leaders',
        ['task_id', 'person_id'],
        tasks.flatMap((t) => t.family.leaders.map((l) => [t.id, l])),
      );
      counts.taskCooperators = await copyRows(
        client,
        'task_cooperators',
        ['task_id', 'unit_id'],
        tasks.flatMap((t) => t.cooperators.map((u) => [t.id, u])),
      );
      counts.milestones = await copyRows(
        client,
        'task_milestones',
        ['task_id', 'due_on', 'title', 'percent', 'done_on'],
        tasks.flatMap((t) => t.milestones.map((m) => [t.id, m.dueOn, m.title, m.percent, m.doneOn])),
      );
      const open = tasks.filter(
        (t) => t.status !== 'draft' && t.status !== 'done' && t.family.leaders.length > 0,
      );
      const instructed = Array.from({ length: 400 }, () => rng.pick(open));
      counts.instructions = await copyRows(
        client,
        'instructions',
        ['task_id', 'leader_id', 'text', 'at', 'answer', 'answered_by', 'answered_at'],
        [...new Set(instructed)].map((t) => {
          const when = new Date(now.getTime() - rng.int(1, 30) * 86_400_000);
          const answered = rng.chance(0.5);
          return [
            t.id,
            t.family.leaders[0],
            '进度需加快，请牵头单位拿出具体措施，下周调度会专题汇报。',
            when,
            answered ? '已按批示要求制定倒排计划，正在加快推进。' : null,
            answered ? t.staff.liaison : null,
            answered ? new Date(when.getTime() + 86_400_000) : null,
          ];
        }),
      );
      step('campaigns, tasks, leaders, cooperators, milestones, instructions (COPY)');
      counts.reports = await copyRows(client, 'reports', REPORT_COLUMNS, reportRows(tasks, now, settings));
      step(`${counts.reports.toLocaleString('en-US')} reports (COPY)`);
      return { campaignIds, towns, liaisonOf: city.liaisonOf, counts };
    },
  );
  return { ...result, steps, totalSeconds };
}
