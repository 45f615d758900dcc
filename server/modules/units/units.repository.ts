import { sql, type SQL } from 'drizzle-orm';
import { executeNamed, type Db, type Tx } from '../../db/client.ts';

export type UnitRow = {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  typeId: number;
  typeName: string;
  peerGroupId: number | null;
  peerGroupName: string | null;
  path: string;
  depth: number;
  active: boolean;
  childCount: number;
  peopleCount: number;
};

const unitSelect = sql`u.id, u.parent_id AS "parentId", u.name, u.code, u.type_id AS "typeId", t.name_zh AS "typeName",
  u.peer_group_id AS "peerGroupId", g.name_zh AS "peerGroupName", u.path, u.depth, u.active,
  (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id) AS "childCount",
  (SELECT count(*)::int FROM people p WHERE p.unit_id = u.id AND p.active) AS "peopleCount"`;
const unitFrom = sql`units u JOIN unit_types t ON t.id = u.type_id LEFT JOIN peer_groups g ON g.id = u.peer_group_id`;

/** A SQL condition: the unit's path lies under one of the scope paths. */
export function pathInScope(column: SQL, scope: readonly string[]): SQL {
  if (scope.length === 0) return sql`false`;
  return sql`(${sql.join(
    scope.map((p) => sql`${column} LIKE ${`${p}%`}`),
    sql` OR `,
  )})`;
}

export type UnitFilter = {
  parentId?: number;
  q?: string;
  typeId?: number;
  peerGroupId?: number;
  includeInactive?: boolean;
};

export async function listUnits(
  db: Db,
  scope: readonly string[],
  f: UnitFilter,
  page: { limit: number; offset: number },
): Promise<{ items: UnitRow[]; total: number }> {
  const conds = [pathInScope(sql`u.path`, scope)];
  if (f.parentId !== undefined) conds.push(sql`u.parent_id = ${f.parentId}`);
  if (f.q) conds.push(sql`(u.name ILIKE ${`%${f.q}%`} OR u.code ILIKE ${`%${f.q}%`})`);
  if (f.typeId) conds.push(sql`u.type_id = ${f.typeId}`);
  if (f.peerGroupId) conds.push(sql`u.peer_group_id = ${f.peerGroupId}`);
  if (!f.includeInactive) conds.push(sql`u.active`);
  const where = sql.join(conds, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute<UnitRow>(sql`SELECT ${unitSelect} FROM ${unitFrom} WHERE ${where}
      ORDER BY u.depth, u.sort, u.code LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units u WHERE ${where}`),
  ]);
  return { items: items.rows, total: count.rows[0]?.n ?? 0 };
}

export type TreeNode = {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  typeId: number;
  active: boolean;
};

/** The whole unit tree within scope, compact, for pickers. */
export async function unitTree(
  db: Db,
  scope: readonly string[],
  includeInactive: boolean,
): Promise<TreeNode[]> {
  const r =
    await db.execute<TreeNode>(sql`SELECT id, parent_id AS "parentId", name, code, type_id AS "typeId", active
    FROM units WHERE ${pathInScope(sql`path`, scope)} ${includeInactive ? sql`` : sql`AND active`}
    ORDER BY depth, sort, code`);
  return r.rows;
}

/** Reads a unit and locks its row until the transaction ends (for a change and its audit "before"). */
export async function getUnitForUpdate(tx: Tx, id: number): Promise<UnitRow | undefined> {
  const r = await executeNamed<UnitRow>(
    tx,
    'get_unit_for_update',
    sql`SELECT ${unitSelect} FROM ${unitFrom} WHERE u.id = ${id} FOR UPDATE OF u`,
  );
  return r.rows[0];
}

export async function getUnit(db: Tx, id: number): Promise<UnitRow | undefined> {
  const r = await db.execute<UnitRow>(sql`SELECT ${unitSelect} FROM ${unitFrom} WHERE u.id = ${id}`);
  return r.rows[0];
}

/** Names of the given units, by id. */
export async function unitNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await executeNamed<{ id: number; name: string }>(
    db,
    'unit_names',
    sql`SELECT id, name FROM units WHERE id = ANY(${`{${[...new Set(ids)].map((n) => Math.trunc(n)).join(',')}}`}::int[])`,
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

export async function codeTaken(db: Tx, code: string, exceptId?: number): Promise<boolean> {
  const r = await db.execute(sql`SELECT 1 FROM units WHERE code = ${code} AND id <> ${exceptId ?? 0}`);
  return (r.rowCount ?? 0) > 0;
}

/** Inserts a unit under its parent, computing its path from the new id in one statement. */
export async function insertUnit(
  db: Tx,
  u: {
    parentId: number;
    name: string;
    code: string;
    typeId: number;
    peerGroupId: number | null;
    sort?: number;
  },
  now: Date,
): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id'))::int AS id)
    INSERT INTO units (id, parent_id, name, code, type_id, peer_group_id, path, depth, sort, created_at, updated_at)
    SELECT n.id, p.id, ${u.name}, ${u.code}, ${u.typeId}, ${u.peerGroupId}, p.path || n.id || '/', p.depth + 1,
           ${u.sort ?? 0}, ${now}, ${now}
    FROM n, units p WHERE p.id = ${u.parentId}
    RETURNING id`);
  const row = r.rows[0];
  if (!row) throw new Error('parent vanished');
  return row.id;
}

/** Inserts the root unit (the district itself). */
export async function insertRoot(
  db: Tx,
  u: { name: string; code: string; typeId: number },
  now: Date,
): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id'))::int AS id)
    INSERT INTO units (id, parent_id, name, code, type_id, path, depth, created_at, updated_at)
    SELECT n.id, NULL, ${u.name}, ${u.code}, ${u.typeId}, '/' || n.id || '/', 0, ${now}, ${now} FROM n
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function renameUnit(db: Tx, id: number, name: string, now: Date): Promise<void> {
  await db.execute(sql`UPDATE units SET name = ${name}, updated_at = ${now} WHERE id = ${id}`);
}

export async function classifyUnit(
  db: Tx,
  id: number,
  typeId: number,
  peerGroupId: number | null,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`UPDATE units SET type_id = ${typeId}, peer_group_id = ${peerGroupId}, updated_at = ${now} WHERE id = ${id}`,
  );
}

/** Moves a unit and rewrites the paths of its whole subtree in one statement. */
export async function moveUnit(
  db: Tx,
  unit: { id: number; path: string; depth: number },
  parent: { id: number; path: string; depth: number },
  now: Date,
): Promise<void> {
  const newPath = `${parent.path}${unit.id}/`;
  const delta = parent.depth + 1 - unit.depth;
  await db.execute(sql`UPDATE units SET
      path = ${newPath} || substr(path, ${unit.path.length + 1}),
      depth = depth + ${delta},
      parent_id = CASE WHEN id = ${unit.id} THEN ${parent.id} ELSE parent_id END,
      updated_at = CASE WHEN id = ${unit.id} THEN ${now} ELSE updated_at END
    WHERE path LIKE ${`${unit.path}%`}`);
}

export async function setUnitActive(db: Tx, id: number, active: boolean, now: Date): Promise<void> {
  await db.execute(sql`UPDATE units SET active = ${active}, updated_at = ${now} WHERE id = ${id}`);
}

export async function countActiveChildren(db: Tx, id: number): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM units WHERE parent_id = ${id} AND active`,
  );
  return r.rows[0]?.n ?? 0;
}

/** Does anything refer to this unit (sub-units, people, grants)? Then it may never be hard-deleted. */
export async function unitOwnsRecords(db: Tx, id: number): Promise<boolean> {
  const r = await db.execute<{ owns: boolean }>(sql`SELECT
    EXISTS (SELECT 1 FROM units WHERE parent_id = ${id})
    OR EXISTS (SELECT 1 FROM people WHERE unit_id = ${id})
    OR EXISTS (SELECT 1 FROM grants WHERE unit_id = ${id}) AS owns`);
  return r.rows[0]?.owns === true;
}

export async function deleteUnit(db: Tx, id: number): Promise<void> {
  await db.execute(sql`DELETE FROM units WHERE id = ${id}`);
}

export type CatalogueRow = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  unitCount: number;
};

type Catalogue = 'unit_types' | 'peer_groups';

const catalogueTable = (t: Catalogue) => (t === 'unit_types' ? sql`unit_types` : sql`peer_groups`);
const catalogueFk = (t: Catalogue) => (t === 'unit_types' ? sql`type_id` : sql`peer_group_id`);

export async function listCatalogue(db: Db, t: Catalogue): Promise<CatalogueRow[]> {
  const r =
    await db.execute<CatalogueRow>(sql`SELECT c.id, c.code, c.name_zh AS "nameZh", c.name_en AS "nameEn",
    (SELECT count(*)::int FROM units u WHERE u.${catalogueFk(t)} = c.id) AS "unitCount"
    FROM ${catalogueTable(t)} c ORDER BY c.sort, c.id`);
  return r.rows;
}

export async function getCatalogueItem(db: Tx, t: Catalogue, id: number): Promise<CatalogueRow | undefined> {
  const r =
    await db.execute<CatalogueRow>(sql`SELECT c.id, c.code, c.name_zh AS "nameZh", c.name_en AS "nameEn", 0 AS "unitCount"
    FROM ${catalogueTable(t)} c WHERE c.id = ${id}`);
  return r.rows[0];
}

export async function catalogueTaken(
  db: Tx,
  t: Catalogue,
  code: string,
  nameZh: string,
  exceptId = 0,
): Promise<'code' | 'name' | null> {
  const r = await db.execute<{
    code: string;
    nameZh: string;
  }>(sql`SELECT code, name_zh AS "nameZh" FROM ${catalogueTable(t)}
    WHERE (code = ${code} OR name_zh = ${nameZh}) AND id <> ${exceptId}`);
  if (r.rows.some((x) => x.code === code)) return 'code';
  return r.rows.length > 0 ? 'name' : null;
}

export async function insertCatalogueItem(
  db: Tx,
  t: Catalogue,
  v: { code: string; nameZh: string; nameEn: string },
): Promise<number> {
  const r = await db.execute<{
    id: number;
  }>(sql`INSERT INTO ${catalogueTable(t)} (code, name_zh, name_en, sort)
    VALUES (${v.code}, ${v.nameZh}, ${v.nameEn}, (SELECT coalesce(max(sort), 0) + 1 FROM ${catalogueTable(t)})) RETURNING id`);
  return r.rows[0]!.id;
}

export async function renameCatalogueItem(
  db: Tx,
  t: Catalogue,
  id: number,
  v: { nameZh: string; nameEn: string },
): Promise<void> {
  await db.execute(
    sql`UPDATE ${catalogueTable(t)} SET name_zh = ${v.nameZh}, name_en = ${v.nameEn} WHERE id = ${id}`,
  );
}

export async function rootUnit(db: Tx): Promise<{ id: number; path: string } | undefined> {
  const r = await db.execute<{ id: number; path: string }>(
    sql`SELECT id, path FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
  );
  return r.rows[0];
}
