import pg from 'pg';
import { addDays, shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../server/db/schema/index.ts';
import { hashPassword } from '../server/lib/crypto.ts';
import { getTaskSettings } from '../server/modules/settings/settings.service.ts';
import { workCalendarAround } from '../server/modules/tasks/task-light.service.ts';
import { closePool } from './lib/close-pool.ts';
import { copyRows } from './lib/copy.ts';
import { rngFrom, type Rng } from './lib/rng.ts';
import { reportsOf } from './tasks.history.ts';
import {
  CAMPAIGNS,
  planTasks,
  TOTAL_TASKS,
  type PlannedTask,
  type Staff,
  type TownRef,
  type UnitRef,
} from './tasks.plan.ts';

// 城市级数据集: grows the demo district to TOTAL_UNITS units, adds bench
// accounts, and loads the planned campaigns, tasks and reports with COPY.

export const TOTAL_UNITS = 2_000;
const LEADERS = 30;

/** What the suite needs to know of the generated data set. */
export interface CityData {
  /** Campaign ids in CAMPAIGNS order; the first holds most tasks. */
  campaignIds: number[];
  towns: TownRef[];
  /** Bench accounts per department and town: username of the liaison. */
  liaisonOf: Map<number, string>;
  counts: Record<string, number>;
  /** Seconds per step, and in all. */
  steps: { label: string; seconds: number }[];
  totalSeconds: number;
}

interface UnitRow extends UnitRef {
  parentId: number | null;
  depth: number;
  kind: string;
  group: string | null;
}

const STEM_HEADS =
  '白 竹 金 大 温 青 石 龙 凤 桃 柳 松 红 新 长 高 平 安 和 兴 福 永 双 三 马 鹤 云 清 黄 丰 仁 义 铁 兰 茶 梨 杨 花 天 宝 团 胜 光 万 九 五 柏 桂 梅 玉'.split(
    ' ',
  );
const STEM_TAILS =
  '溪 峰 泉 山 河 桥 坪 坝 湾 岭 林 塘 口 岩 田 园 湖 沟 垭 台 门 阳 丰 安 和 兴 观 池 滩 坡 梁 关 井 寨 庙 岗 屏 堰 坎 嘴'.split(
    ' ',
  );
const SURNAMES =
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹'.split(' ');
const GIVEN =
  '伟 强 磊 军 洋 勇 杰 涛 明 超 芳 娜 敏 静 丽 艳 娟 秀 霞 英 玉 兰 红 燕 丹 雪 琳 欣 梅 婷'.split(' ');

async function ids(client: pg.PoolClient, table: string, n: number): Promise<number[]> {
  const r = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`,
    [table, n],
  );
  return r.rows.map((x) => x.id);
}

async function readUnits(client: pg.PoolClient): Promise<UnitRow[]> {
  const r = await client.query<UnitRow>(`
    SELECT u.id, u.name, u.code, u.path, u.parent_id AS "parentId", u.depth, ty.code AS kind, g.code AS "group"
      FROM units u JOIN unit_types ty ON ty.id = u.type_id LEFT JOIN peer_groups g ON g.id = u.peer_group_id
     ORDER BY u.sort, u.id`);
  return r.rows;
}

/** New villages and communities under the towns, in proportion to the villages each has, up to TOTAL_UNITS units. */
async function growUnits(client: pg.PoolClient, rng: Rng, now: Date): Promise<number> {
  const units = await readUnits(client);
  const towns = units.filter((u) => u.group === 'towns');
  const childrenOf = (id: number) => units.filter((u) => u.parentId === id);
  const existing = towns.reduce((n, t) => n + childrenOf(t.id).length, 0);
  const extra = TOTAL_UNITS - units.length;
  if (extra <= 0) return 0;
  const share = towns.map((t) => Math.floor((extra * childrenOf(t.id).length) / existing));
  for (let i = 0; share.reduce((a, b) => a + b, 0) < extra; i++) share[i % share.length]!++;
  const types = await client.query<{ id: number; code: string }>('SELECT id, code FROM unit_types');
  const typeId = new Map(types.rows.map((x) => [x.code, x.id]));
  const newIds = await ids(client, 'units', extra);
  const rows: unknown[][] = [];
  let sort = units.length;
  towns.forEach((town, i) => {
    const kids = childrenOf(town.id);
    const used = new Set(kids.map((k) => k.name.replace(/(村|社区)$/, '')));
    for (let j = 0; j < share[i]!; j++) {
      let stem: string;
      do stem = rng.pick(STEM_HEADS) + rng.pick(STEM_TAILS);
      while (used.has(stem) || stem[0] === stem[1]);
      used.add(stem);
      const community = town.kind === 'street' ? rng.chance(0.85) : rng.chance(0.08);
      const id = newIds[rows.length]!;
      rows.push([
        id,
        town.id,
        stem + (community ? '社区' : '村'),
        `${town.code}-V${String(kids.length + j + 1).padStart(3, '0')}`,
        typeId.get(community ? 'community' : 'village'),
        `${town.path}${id}/`,
        town.depth + 1,
        sort++,
        now,
        now,
      ]);
    }
  });
  const cols = [
    'id',
    'parent_id',
    'name',
    'code',
    'type_id',
    'path',
    'depth',
    'sort',
    'created_at',
    'updated_at',
  ];
  return copyRows(client, 'units', cols, rows);
}

/** Bench accounts: district leaders (包保领导) and a liaison and a head for every department and town. */
async function addPeople(
  client: pg.PoolClient,
  rng: Rng,
  units: readonly UnitRow[],
  region: UnitRow,
  hash: string,
  now: Date,
): Promise<{ leaders: number[]; staff: Map<number, Staff>; liaisonOf: Map<number, string> }> {
  const leads = units.filter((u) => u.group === 'departments' || u.group === 'towns');
  const govOffice = units.find((u) => u.name === '区政府办公室') ?? region;
  const people: { id?: number; username: string; unitId: number; role: string; grantOn: number }[] = [];
  for (let i = 1; i <= LEADERS; i++)
    people.push({
      username: `bench-leader-${String(i).padStart(2, '0')}`,
      unitId: govOffice.id,
      role: 'leader',
      grantOn: region.id,
    });
  for (const u of leads) {
    for (const role of ['liaison', 'head'])
      people.push({ username: `bench-${role}-${u.code.toLowerCase()}`, unitId: u.id, role, grantOn: u.id });
  }
  const newIds = await ids(client, 'people', people.length);
  people.forEach((p, i) => (p.id = newIds[i]!));
  const name = () => rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
  await copyRows(
    client,
    'people',
    [
      'id',
      'unit_id',
      'username',
      'name',
      'password_hash',
      'must_change_password',
      'password_changed_at',
      'created_at',
      'updated_at',
    ],
    people.map((p) => [p.id, p.unitId, p.username, name(), hash, false, now, now, now]),
  );
  await copyRows(
    client,
    'grants',
    ['person_id', 'role', 'unit_id', 'created_at'],
    people.map((p) => [p.id, p.role, p.grantOn, now]),
  );
  const staff = new Map<number, Staff>();
  const liaisonOf = new Map<number, string>();
  for (const u of leads) {
    const of = (role: string) => people.find((p) => p.grantOn === u.id && p.role === role)!;
    staff.set(u.id, { liaison: of('liaison').id!, head: of('head').id! });
    liaisonOf.set(u.id, of('liaison').username);
  }
  return { leaders: people.filter((p) => p.role === 'leader').map((p) => p.id!), staff, liaisonOf };
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

/** Checks every single-column foreign key of `tables` with one anti-join each; throws naming the first broken one. */
async function checkForeignKeys(client: pg.PoolClient, tables: readonly string[]): Promise<void> {
  const fks = await client.query<{ child: string; col: string; parent: string; pcol: string }>(
    `SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, af.attname AS pcol
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  for (const fk of fks.rows) {
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    const r = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q(fk.child)} x
        WHERE x.${q(fk.col)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(fk.parent)} y WHERE y.${q(fk.pcol)} = x.${q(fk.col)})`,
    );
    if (r.rows[0]!.n > 0)
      throw new Error(`${r.rows[0]!.n} rows of ${fk.child}.${fk.col} point to no ${fk.parent}`);
  }
}

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
  const t0 = performance.now();
  const steps: CityData['steps'] = [];
  let last = t0;
  const step = (label: string) => {
    const t = performance.now();
    steps.push({ label, seconds: (t - last) / 1000 });
    opts.log(`  ${label}: ${((t - last) / 1000).toFixed(1)} s`);
    last = t;
  };
  const rng = rngFrom(`${opts.seed}/city`);
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c TimeZone=UTC' });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Bulk load without per-row foreign-key triggers; `checkForeignKeys` checks them all at the end, in one pass each.
    await client.query('SET LOCAL session_replication_role = replica');
    const now = opts.now;
    const today = shanghaiDate(now);
    const db = drizzle(client, { schema });
    const settings = await getTaskSettings(db);
    const calendar = await workCalendarAround(db, today);
    const hash = await hashPassword(opts.password, opts.iterations);
    const addedUnits = await growUnits(client, rng, now);
    const units = await readUnits(client);
    const region = units.find((u) => u.parentId === null)!;
    const departments = units.filter((u) => u.group === 'departments');
    const towns: TownRef[] = units
      .filter((u) => u.group === 'towns')
      .map((t) => ({ ...t, villages: units.filter((v) => v.parentId === t.id) }));
    const people = await addPeople(client, rng, units, region, hash, now);
    const office = await client.query<{ id: number }>(`SELECT id FROM people WHERE username = 'office'`);
    const officeId = office.rows[0]!.id;
    step(`units (${addedUnits} added) and ${people.staff.size * 2 + people.leaders.length} bench accounts`);

    const taskIds = await ids(client, 'tasks', TOTAL_TASKS);
    const { tasks } = planTasks({
      now,
      settings,
      calendar,
      seed: opts.seed,
      region,
      departments,
      towns,
      leaders: people.leaders,
      officeId,
      staff: people.staff,
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
    await client.query('SET LOCAL session_replication_role = origin');
    await checkForeignKeys(client, LOADED_TABLES);
    step('foreign keys checked');
    await client.query('COMMIT');
    step('commit');
    await client.query('ANALYZE');
    step('ANALYZE');
    const totalSeconds = (performance.now() - t0) / 1000;
    return { campaignIds, towns, liaisonOf: people.liaisonOf, counts, steps, totalSeconds };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
    await closePool(pool);
  }
}
