import type { ProblemCategoryResponse, ProblemSourceResponse } from '../../../domain/contracts/problems.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import * as repo from './problem-settings.repository.ts';

const presentCategory = ({ path: _path, ...c }: repo.CategoryRow): ProblemCategoryResponse => c;

/** 问题来源 in display order. */
export function listSources(deps: AppDeps): Promise<ProblemSourceResponse[]> {
  return repo.listSources(deps.database.db);
}

/** Adds a problem source; its code is unique. */
export async function createSource(
  deps: AppDeps,
  c: CallContext,
  input: { code: string; nameZh: string; nameEn: string; sort: number; unitMayRecord: boolean },
): Promise<ProblemSourceResponse> {
  return deps.database.db.transaction(async (tx) => {
    if (await repo.sourceCodeTaken(tx, input.code)) throw fail('code_taken', 'body.code');
    const id = await repo.insertSource(tx, input, c.now);
    await recordChange(tx, c, 'problem_source', 'problem_source.create', id, null, input);
    return (await repo.getSource(tx, id))!;
  });
}

/** Renames, re-sorts, deactivates or reactivates a source (its code never changes). */
export async function updateSource(
  deps: AppDeps,
  c: CallContext,
  id: number,
  input: Partial<Pick<ProblemSourceResponse, 'nameZh' | 'nameEn' | 'sort' | 'unitMayRecord' | 'active'>>,
): Promise<ProblemSourceResponse> {
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.getSource(tx, id, true);
    if (!before) throw fail('not_found', 'params.id');
    const after = { ...before, ...input };
    await repo.updateSource(tx, id, after, c.now);
    await recordChange(tx, c, 'problem_source', 'problem_source.update', id, before, after);
    return after;
  });
}

/** 问题类别, the tree flattened parents first. */
export async function listCategories(deps: AppDeps): Promise<ProblemCategoryResponse[]> {
  return (await repo.listCategories(deps.database.db)).map(presentCategory);
}

/** Adds a category at the root or under an active parent. */
export async function createCategory(
  deps: AppDeps,
  c: CallContext,
  input: { parentId: number | null; code: string; nameZh: string; nameEn: string; sort: number },
): Promise<ProblemCategoryResponse> {
  return deps.database.db.transaction(async (tx) => {
    const parent = input.parentId === null ? null : await repo.getCategory(tx, input.parentId, true);
    if (input.parentId !== null && !parent) throw fail('not_found', 'body.parentId');
    if (parent && !parent.active) throw fail('category_inactive', 'body.parentId');
    if (await repo.categoryCodeTaken(tx, input.code)) throw fail('code_taken', 'body.code');
    const id = await repo.insertCategory(tx, input, parent ?? null, c.now);
    await recordChange(tx, c, 'problem_category', 'problem_category.create', id, null, input);
    return presentCategory((await repo.getCategory(tx, id))!);
  });
}

/**
 * Renames, re-sorts, deactivates or reactivates a category. A category never
 * moves (problems keep their links to its ancestors); deactivating one keeps
 * the problems that carry it but offers it no more.
 */
export async function updateCategory(
  deps: AppDeps,
  c: CallContext,
  id: number,
  input: Partial<Pick<ProblemCategoryResponse, 'nameZh' | 'nameEn' | 'sort' | 'active'>>,
): Promise<ProblemCategoryResponse> {
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.getCategory(tx, id, true);
    if (!before) throw fail('not_found', 'params.id');
    if (input.active === true && before.parentId !== null) {
      const parent = await repo.getCategory(tx, before.parentId);
      if (parent && !parent.active) throw fail('category_inactive', 'body.active');
    }
    const after = { ...before, ...input };
    await repo.updateCategory(tx, id, after, c.now);
    await recordChange(
      tx,
      c,
      'problem_category',
      'problem_category.update',
      id,
      presentCategory(before),
      presentCategory(after),
    );
    return presentCategory(after);
  });
}
