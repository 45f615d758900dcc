import pg from 'pg';
import { hashPassword } from '../../server/lib/crypto.ts';
import { closePool } from './close-pool.ts';
import { copyRows } from './copy.ts';
import type { Rng } from './rng.ts';

// The city every scale benchmark starts from: the demo district grown to
// TOTAL_UNITS units (villages and communities under its towns) and bench
// accounts (district leaders, a liaison and a head for every department and
// town), loaded with COPY inside one transaction (`bulkLoad`).

export const TOTAL_UNITS = 2_000;
const LEADERS = 30;

export interface UnitRef {
  id: number;
  name: string;
  code: string;
  path: string;
}
export interface TownRef extends UnitRef {
  villages: UnitRef[];
}
/** The accounts that act for a department or town. */
export interface Staff {
  liaison: number;
  head: number;
}

export interface UnitRow extends UnitRef {
  parentId: number | null;
  depth: number;
  kind: string;
  group: string | null;
}

/** The grown unit tree and its bench accounts. */
export interface City {
  units: UnitRow[];
  region: UnitRow;
  departments: UnitRow[];
  towns: TownRef[];
  /** Units added to the demo district's. */
  addedUnits: number;
  /** District leaders (包保领导). */
  leaders: number[];
  /** Liaison and head of every department and town, by unit id. */
  staff: Map<number, Staff>;
  /** Username of the liaison of every department and town, by unit id. */
  liaisonOf: Map<number, string>;
  officeId: number;
}

const STEM_HEADS =
  '白 竹 金 大 温 青 石 龙 凤 桃 柳 松 红 新 长 高 平 安 和 兴 福 永 双 三 马 鹤 云 清 黄 丰 仁 义 铁 兰 茶 梨 杨 花 天 宝 团 胜 光 万 九 五 柏 桂 梅 玉'.split(
    ' ',
  );
const STEM_TAILS =
  '溪 峰 泉 山 河 桥 坪 坝 湾 岭 林 塘 口 岩 田 园 湖 沟 垭 台 门 阳 丰 安 和 兴 观 池 滩 坡 梁 关 井 寨 庙 岗 屏 堰 坎 嘴'.split(
    ' ',
  );
export const SURNAMES =
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹'.split(' ');
export const GIVEN =
  '伟 强 磊 军 洋 勇 杰 涛 明 超 芳 娜 敏 静 丽 艳 娟 秀 霞 英 玉 兰 红 燕 丹 雪 琳 欣 梅 婷'.split(' ');

/** `n` fresh ids from `table`'s id sequence. */
export async function ids(client: pg.PoolClient, table: string, n: number): Promise<number[]> {
  const r = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`,
    [table, n],
  );
  return r.rows.map((x) => x.id);
}

/**
 * Reserves `n` consecutive ids of `table`'s id sequence and returns the first
 * (the bulk load is the only writer while it runs).
 */
export async function reserveIds(client: pg.PoolClient, table: string, n: number): Promise<number> {
  const r = await client.query<{ first: number }>(
    `SELECT (setval(pg_get_serial_sequence($1, 'id'), nextval(pg_get_serial_sequence($1, 'id')) + $2 - 1) - $2 + 1)::int AS first`,
    [table, n],
  );
  return r.rows[0]!.first;
}

export async function readUnits(client: pg.PoolClient): Promise<UnitRow[]> {
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

/**
 * Grows the demo district to TOTAL_UNITS units and adds the bench accounts
 * (all with `password`, one PBKDF2 hash computed once), on `client` inside its
 * bulk-load transaction. Names are drawn from `rng`, which the caller may go on using.
 */
export async function growCity(
  client: pg.PoolClient,
  rng: Rng,
  opts: { password: string; iterations: number; now: Date },
): Promise<City> {
  const hash = await hashPassword(opts.password, opts.iterations);
  const addedUnits = await growUnits(client, rng, opts.now);
  const units = await readUnits(client);
  const region = units.find((u) => u.parentId === null)!;
  const departments = units.filter((u) => u.group === 'departments');
  const towns: TownRef[] = units
    .filter((u) => u.group === 'towns')
    .map((t) => ({ ...t, villages: units.filter((v) => v.parentId === t.id) }));
  const people = await addPeople(client, rng, units, region, hash, opts.now);
  const office = await client.query<{ id: number }>(`SELECT id FROM people WHERE username = 'office'`);
  return { units, region, departments, towns, addedUnits, ...people, officeId: office.rows[0]!.id };
}

/** Checks every single-column foreign key of `tables` with one anti-join each; throws naming the first broken one. */
export async function checkForeignKeys(client: pg.PoolClient, tables: readonly string[]): Promise<void> {
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

export interface LoadStep {
  label: string;
  seconds: number;
}

/**
 * Runs a bulk load on one connection in one transaction: foreign-key triggers
 * off while `load` copies (`session_replication_role = replica`, superuser
 * only), then every foreign key of `tables` checked with one anti-join each,
 * COMMIT and ANALYZE. `load` marks its steps with `step(label)`; the steps
 * and the total are timed.
 */
export async function bulkLoad<T>(
  url: string,
  tables: readonly string[],
  log: (m: string) => void,
  load: (client: pg.PoolClient, step: (label: string) => void) => Promise<T>,
): Promise<{ result: T; steps: LoadStep[]; totalSeconds: number }> {
  const t0 = performance.now();
  const steps: LoadStep[] = [];
  let last = t0;
  const step = (label: string) => {
    const t = performance.now();
    steps.push({ label, seconds: (t - last) / 1000 });
    log(`  ${label}: ${((t - last) / 1000).toFixed(1)} s`);
    last = t;
  };
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c TimeZone=UTC' });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Bulk load without per-row foreign-key triggers; `checkForeignKeys` checks them all at the end, in one pass each.
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await load(client, step);
    await client.query('SET LOCAL session_replication_role = origin');
    await checkForeignKeys(client, tables);
    step('foreign keys checked');
    await client.query('COMMIT');
    step('commit');
    await client.query('ANALYZE');
    step('ANALYZE');
    return { result, steps, totalSeconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
    await closePool(pool);
  }
}

/**
 * Drops the secondary indexes of `tables` (every index but the primary key
 * and unique ones) for a bulk load into them, and returns a function that
 * builds them again from their definitions: one sort per index instead of a
 * million random insertions into each.
 */
export async function deferIndexes(
  client: pg.PoolClient,
  tables: readonly string[],
): Promise<() => Promise<number>> {
  const r = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary AND NOT i.indisunique`,
    [tables],
  );
  for (const x of r.rows) await client.query(`DROP INDEX ${x.name}`);
  return async () => {
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const x of r.rows) await client.query(x.def);
    return r.rows.length;
  };
}
