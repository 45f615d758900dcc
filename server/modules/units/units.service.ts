import { canMoveUnder } from '../../../domain/units/unit-tree.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import type { Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { sessionCacheOf } from '../session/session.cache.ts';
import * as repo from './units.repository.ts';
import { browseScope, manageRoles } from './units.policy.ts';

interface Call {
  actor: Actor;
  ip: string;
  now: Date;
}

/** Finds a unit the caller may see, or 404: a unit outside the scope does not exist for them. */
export async function visibleUnit(deps: AppDeps, actor: Actor, id: number): Promise<repo.UnitRow> {
  const unit = await repo.getUnit(deps.database.db, id);
  if (!unit || !inScope(browseScope(actor), unit.path)) throw fail('not_found');
  return unit;
}

/** Loads a unit the caller manages, for a change, locking its row in the transaction. */
async function managedUnit(tx: Tx, actor: Actor, id: number, field?: string): Promise<repo.UnitRow> {
  const unit = await repo.getUnitForUpdate(tx, id);
  if (!unit || !inScope(scopeOf(actor, manageRoles), unit.path)) throw fail('not_found', field);
  return unit;
}

const snapshot = (u: repo.UnitRow) => ({
  name: u.name,
  code: u.code,
  parentId: u.parentId,
  typeId: u.typeId,
  peerGroupId: u.peerGroupId,
  active: u.active,
});

/** 新增单位 under a parent the caller manages. */
export async function createUnit(
  deps: AppDeps,
  c: Call,
  input: {
    parentId: number;
    name: string;
    code: string;
    typeId: number;
    peerGroupId?: number | null | undefined;
  },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const parent = await managedUnit(tx, c.actor, input.parentId, 'parentId');
    if (!parent.active) throw fail('parent_inactive', 'parentId');
    if (!(await repo.getCatalogueItem(tx, 'unit_types', input.typeId))) throw fail('not_found', 'typeId');
    if (input.peerGroupId && !(await repo.getCatalogueItem(tx, 'peer_groups', input.peerGroupId))) {
      throw fail('not_found', 'peerGroupId');
    }
    if (await repo.codeTaken(tx, input.code)) throw fail('unit_code_taken', 'code');
    const id = await repo.insertUnit(tx, { ...input, peerGroupId: input.peerGroupId ?? null }, c.now);
    const created = await repo.getUnit(tx, id);
    await recordChange(tx, c, 'unit', 'unit.create', id, null, created && snapshot(created));
    return id;
  });
}

/** 重命名单位. */
export async function renameUnit(deps: AppDeps, c: Call, id: number, name: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (unit.name === name) return;
    await repo.renameUnit(tx, id, name, c.now);
    await recordChange(tx, c, 'unit', 'unit.rename', id, { name: unit.name }, { name });
  });
}

/** 调整单位类型和赛道. */
export async function classifyUnit(
  deps: AppDeps,
  c: Call,
  id: number,
  typeId: number,
  peerGroupId: number | null,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (!(await repo.getCatalogueItem(tx, 'unit_types', typeId))) throw fail('not_found', 'typeId');
    if (peerGroupId !== null && !(await repo.getCatalogueItem(tx, 'peer_groups', peerGroupId)))
      throw fail('not_found', 'peerGroupId');
    await repo.classifyUnit(tx, id, typeId, peerGroupId, c.now);
    await recordChange(
      tx,
      c,
      'unit',
      'unit.classify',
      id,
      { typeId: unit.typeId, peerGroupId: unit.peerGroupId },
      { typeId, peerGroupId },
    );
  });
}

/** 移动单位: re-parents a unit with its whole subtree; never under itself. */
export async function moveUnit(deps: AppDeps, c: Call, id: number, parentId: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (unit.parentId === null) throw fail('root_unit_immutable');
    const parent = await managedUnit(tx, c.actor, parentId, 'parentId');
    if (!canMoveUnder(unit.path, parent.path)) throw fail('unit_move_cycle', 'parentId');
    if (!parent.active) throw fail('parent_inactive', 'parentId');
    if (unit.parentId === parentId) return;
    await repo.moveUnit(tx, unit, parent, c.now);
    await recordChange(tx, c, 'unit', 'unit.move', id, { parentId: unit.parentId }, { parentId });
  });
  // Scopes (unit paths, grants on inactive units) may have changed for anyone.
  sessionCacheOf(deps).clear();
}

/** 停用单位: only once it has no active sub-units; records stay. */
export async function deactivateUnit(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (unit.parentId === null) throw fail('root_unit_immutable');
    if (!unit.active) return;
    if ((await repo.countActiveChildren(tx, id)) > 0) throw fail('unit_has_active_children');
    await repo.setUnitActive(tx, id, false, c.now);
    await recordChange(tx, c, 'unit', 'unit.deactivate', id, { active: true }, { active: false });
  });
  // Scopes (unit paths, grants on inactive units) may have changed for anyone.
  sessionCacheOf(deps).clear();
}

/** 启用单位 again; its parent must be active. */
export async function reactivateUnit(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (unit.active) return;
    if (unit.parentId !== null) {
      const parent = await repo.getUnit(tx, unit.parentId);
      if (!parent?.active) throw fail('parent_inactive');
    }
    await repo.setUnitActive(tx, id, true, c.now);
    await recordChange(tx, c, 'unit', 'unit.reactivate', id, { active: false }, { active: true });
  });
  // Scopes (unit paths, grants on inactive units) may have changed for anyone.
  sessionCacheOf(deps).clear();
}

/** 删除单位: only a unit that owns nothing (made by mistake); anything else is deactivated instead. */
export async function removeUnit(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, c.actor, id);
    if (unit.parentId === null) throw fail('root_unit_immutable');
    if (await repo.unitOwnsRecords(tx, id)) throw fail('unit_has_records');
    await repo.deleteUnit(tx, id);
    await recordChange(tx, c, 'unit', 'unit.delete', id, snapshot(unit), null);
  });
}

type Catalogue = 'unit_types' | 'peer_groups';

/** Adds a unit type or a peer group (赛道). */
export async function createCatalogueItem(
  deps: AppDeps,
  c: Call,
  t: Catalogue,
  v: { code: string; nameZh: string; nameEn: string },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const taken = await repo.catalogueTaken(tx, t, v.code, v.nameZh);
    if (taken === 'code') throw fail('name_taken', 'code');
    if (taken === 'name') throw fail('name_taken', 'nameZh');
    const id = await repo.insertCatalogueItem(tx, t, v);
    const kind = t === 'unit_types' ? 'unit_type' : 'peer_group';
    await recordChange(tx, c, kind, `${kind}.create`, id, null, v);
    return id;
  });
}

/** Renames a unit type or a peer group. */
export async function renameCatalogueItem(
  deps: AppDeps,
  c: Call,
  t: Catalogue,
  id: number,
  v: { nameZh: string; nameEn: string },
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const item = await repo.getCatalogueItem(tx, t, id);
    if (!item) throw fail('not_found');
    if ((await repo.catalogueTaken(tx, t, item.code, v.nameZh, id)) === 'name')
      throw fail('name_taken', 'nameZh');
    await repo.renameCatalogueItem(tx, t, id, v);
    const kind = t === 'unit_types' ? 'unit_type' : 'peer_group';
    await recordChange(tx, c, kind, `${kind}.rename`, id, { nameZh: item.nameZh, nameEn: item.nameEn }, v);
  });
}
