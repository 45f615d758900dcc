import { sql } from 'drizzle-orm';
import type { ProblemCategoryResponse, ProblemSourceResponse } from '../../../domain/contracts/problems.ts';
import type { Tx } from '../../db/client.ts';

const sourceColumns = sql`id, code, name_zh AS "nameZh", name_en AS "nameEn", sort, active,
  unit_may_record AS "unitMayRecord"`;

/** Every problem source, in display order. */
export async function listSources(db: Tx): Promise<ProblemSourceResponse[]> {
  const r = await db.execute<ProblemSourceResponse>(
    sql`SELECT ${sourceColumns} FROM problem_sources ORDER BY sort, id`,
  );
  return r.rows;
}

export async function getSource(db: Tx, id: number, lock = false) {
  const r = await db.execute<ProblemSourceResponse>(
    sql`SELECT ${sourceColumns} FROM problem_sources WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return r.rows[0];
}

export async function sourceCodeTaken(db: Tx, code: string): Promise<boolean> {
  const r = await db.execute(sql`SELECT 1 FROM problem_sources WHERE code = ${code}`);
  return r.rows.length > 0;
}

export async function insertSource(
  tx: Tx,
  s: { code: string; nameZh: string; nameEn: string; sort: number; unitMayRecord: boolean },
  now: Date,
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO problem_sources (code, name_zh, name_en, sort, unit_may_record, created_at, updated_at)
    VALUES (${s.code}, ${s.nameZh}, ${s.nameEn}, ${s.sort}, ${s.unitMayRecord}, ${now}, ${now}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function updateSource(tx: Tx, id: number, s: ProblemSourceResponse, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE problem_sources SET name_zh = ${s.nameZh}, name_en = ${s.nameEn}, sort = ${s.sort},
    unit_may_record = ${s.unitMayRecord}, active = ${s.active}, updated_at = ${now} WHERE id = ${id}`);
}

export type CategoryRow = ProblemCategoryResponse & { path: string };

const categoryColumns = sql`id, parent_id AS "parentId", code, name_zh AS "nameZh", name_en AS "nameEn",
  depth, sort, active, path`;

/** The category tree, parents before children, siblings in display order. */
export async function listCategories(db: Tx): Promise<CategoryRow[]> {
  // Order by the chain of (sort, id) from the root, so a subtree stays together.
  const r = await db.execute<CategoryRow>(sql`
    WITH RECURSIVE tree AS (
      SELECT c.id, ARRAY[c.sort, c.id] AS k FROM problem_categories c WHERE c.parent_id IS NULL
      UNION ALL
      SELECT c.id, tree.k || ARRAY[c.sort, c.id] FROM problem_categories c JOIN tree ON c.parent_id = tree.id)
    SELECT ${categoryColumns} FROM problem_categories JOIN tree USING (id) ORDER BY tree.k`);
  return r.rows;
}

export async function getCategory(db: Tx, id: number, lock = false): Promise<CategoryRow | undefined> {
  const r = await db.execute<CategoryRow>(
    sql`SELECT ${categoryColumns} FROM problem_categories WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return r.rows[0];
}

export async function categoryCodeTaken(db: Tx, code: string): Promise<boolean> {
  const r = await db.execute(sql`SELECT 1 FROM problem_categories WHERE code = ${code}`);
  return r.rows.length > 0;
}

/** Inserts a category under `parent` (or as a root), its path ending with its own id. */
export async function insertCategory(
  tx: Tx,
  c: { code: string; nameZh: string; nameEn: string; sort: number },
  parent: { id: number; path: string; depth: number } | null,
  now: Date,
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
    INSERT INTO problem_categories (id, parent_id, code, name_zh, name_en, path, depth, sort, created_at, updated_at)
    SELECT n.id, ${parent?.id ?? null}, ${c.code}, ${c.nameZh}, ${c.nameEn}, ${parent?.path ?? '/'} || n.id || '/',
      ${parent ? parent.depth + 1 : 0}, ${c.sort}, ${now}, ${now} FROM n
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function updateCategory(tx: Tx, id: number, c: CategoryRow, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE problem_categories SET name_zh = ${c.nameZh}, name_en = ${c.nameEn}, sort = ${c.sort},
    active = ${c.active}, updated_at = ${now} WHERE id = ${id}`);
}
