// Test data for the evaluation tests (imported by *.test.ts only): a campaign and records written by SQL.
import type { TestContext } from '../../test/harness.ts';

export interface World {
  campaignId: number;
  towns: { id: number; code: string; name: string }[];
  townGroup: number;
  village: number;
  office: number;
  source: number;
}

export async function world(t: TestContext): Promise<World> {
  const [office] = await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'office'");
  const [group] = await t.sql<{ id: number }>("SELECT id FROM peer_groups WHERE code = 'towns'");
  const towns = await t.sql<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM units WHERE peer_group_id = $1 AND active ORDER BY id',
    [group!.id],
  );
  const [village] = await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T01-V001'");
  const [source] = await t.sql<{ id: number }>("SELECT id FROM problem_sources WHERE code = 'supervision'");
  const [c] = await t.sql<{ id: number }>(
    `INSERT INTO campaigns (name, leading_group, start_on, end_on, created_by)
     VALUES ('作风提升行动', '领导小组', '2026-01-01', '2026-12-31', $1) RETURNING id`,
    [office!.id],
  );
  return {
    campaignId: c!.id,
    towns,
    townGroup: group!.id,
    village: village!.id,
    office: office!.id,
    source: source!.id,
  };
}

/** Inserts problems; returns their ids. */
export async function addProblems(
  t: TestContext,
  w: World,
  unitId: number,
  n: number,
  p: {
    foundOn?: string;
    deadline?: string;
    status?: string;
    closedAt?: string | null;
    claimedOn?: string | null;
    campaign?: boolean;
  } = {},
): Promise<number[]> {
  const rows = await t.sql<{ id: number }>(
    `INSERT INTO problems (campaign_id, description, source_id, found_on, unit_id, deadline, status, closed_at,
        claimed_on, recorded_by)
     SELECT $1, '窗口推诿扯皮问题 ' || g, $2, $3::date, $4, $5::date, $6, $7::timestamptz, $8::date, $9
     FROM generate_series(1, $10) g RETURNING id`,
    [
      p.campaign === false ? null : w.campaignId,
      w.source,
      p.foundOn ?? '2026-01-10',
      unitId,
      p.deadline ?? '2026-02-28',
      p.status ?? 'rectifying',
      p.closedAt ?? null,
      p.claimedOn ?? null,
      w.office,
      n,
    ],
  );
  return rows.map((r) => r.id);
}

/** Inserts a task led by the unit; `done` gives its completion time. */
export async function addTask(
  t: TestContext,
  w: World,
  unitId: number,
  code: string,
  p: { deadline: string; done?: string | null; cadence?: string; start?: string; status?: string },
): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `INSERT INTO tasks (campaign_id, code, title, lead_unit_id, status, start_on, deadline, cadence, issued_at,
        completed_at, created_by)
     VALUES ($1, $2, '任务 ' || $2, $3, $4, $5::date, $6::date, $7, '2026-01-01T02:00:00Z', $8::timestamptz, $9)
     RETURNING id`,
    [
      w.campaignId,
      code,
      unitId,
      p.status ?? (p.done ? 'done' : 'in_progress'),
      p.start ?? '2026-01-01',
      p.deadline,
      p.cadence ?? 'monthly',
      p.done ?? null,
      w.office,
    ],
  );
  return row!.id;
}

/** A sound scheme over the records: six weighted indicators (100) and bonus/penalty events. */
export const content = () => ({
  indicators: [
    {
      id: 'on_time',
      name: '任务按期完成率',
      source: 'computed',
      metric: 'task_on_time_rate',
      weight: 20,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
    },
    {
      id: 'reports',
      name: '报送及时率',
      source: 'computed',
      metric: 'report_timeliness_rate',
      weight: 10,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
    },
    {
      id: 'closing',
      name: '整改销号率',
      source: 'computed',
      metric: 'problem_closing_rate',
      weight: 20,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
    },
    {
      id: 'overdue',
      name: '问题逾期数',
      source: 'computed',
      metric: 'overdue_count',
      weight: 20,
      direction: 'lower_better',
      normalisation: { kind: 'target', target: 0, floor: 20 },
    },
    {
      id: 'returns',
      name: '退回重改次数',
      source: 'computed',
      metric: 'return_count',
      weight: 5,
      direction: 'lower_better',
      normalisation: { kind: 'target', target: 0, floor: 10 },
    },
    {
      id: 'cards',
      name: '八张报表',
      source: 'entered',
      gradePoints: { A: 100, B: 85, C: 70, D: 55 },
      weight: 25,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 55 },
    },
    {
      id: 'bonus',
      name: '加减分',
      source: 'events',
      eventPoints: { award_national: 3, yellow_card: -2 },
      bonusCap: 5,
      penaltyCap: 5,
    },
  ],
  grading: { kind: 'quota', quotas: { A: 30, B: 40, C: 20 } },
});
