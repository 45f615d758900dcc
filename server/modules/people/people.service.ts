import { fail } from '../../../domain/errors.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Tx } from '../../db/client.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { generatePassword, hashPassword } from '../../lib/crypto.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { sessionCacheOf } from '../session/session.cache.ts';
import { deleteSessionsOf } from '../session/session.repository.ts';
import { resetPassword } from '../session/session.service.ts';
import { getUnit } from '../units/units.repository.ts';
import * as repo from './people.repository.ts';

interface Call {
  actor: Actor;
  ip: string;
  now: Date;
}

export const browseScope = (a: Actor) => scopeOf(a, capabilities['people.browse']);
export const manageScope = (a: Actor) => scopeOf(a, capabilities['people.manage']);

/** Finds a person the caller may see, or 404. */
export async function visiblePerson(deps: AppDeps, actor: Actor, id: number): Promise<repo.PersonRow> {
  const p = await repo.getPerson(deps.database.db, id);
  if (!p || !inScope(browseScope(actor), p.unitPath)) throw fail('not_found');
  return p;
}

async function managedPerson(tx: Tx, actor: Actor, id: number): Promise<repo.PersonRow> {
  const p = await repo.getPersonForUpdate(tx, id);
  if (!p || !inScope(manageScope(actor), p.unitPath)) throw fail('not_found');
  return p;
}

async function managedActiveUnit(tx: Tx, actor: Actor, unitId: number): Promise<void> {
  const unit = await getUnit(tx, unitId);
  if (!unit || !inScope(manageScope(actor), unit.path)) throw fail('not_found', 'unitId');
  if (!unit.active) throw fail('unit_inactive', 'unitId');
}

const snapshot = (p: {
  name: string;
  unitId: number;
  phone: string | null;
  email: string | null;
  active?: boolean;
}) => ({
  name: p.name,
  unitId: p.unitId,
  phone: p.phone,
  email: p.email,
  ...(p.active !== undefined ? { active: p.active } : {}),
});

/**
 * 新增人员: creates an account with a one-time password that must be changed
 * at first sign-in. Returns the new id and that password (shown once).
 */
export async function createPerson(
  deps: AppDeps,
  c: Call,
  input: {
    username: string;
    name: string;
    unitId: number;
    phone?: string | null | undefined;
    email?: string | null | undefined;
  },
): Promise<{ id: number; oneTimePassword: string }> {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword, deps.config.pbkdf2Iterations);
  const id = await deps.database.db.transaction(async (tx) => {
    await managedActiveUnit(tx, c.actor, input.unitId);
    if (await repo.usernameTaken(tx, input.username)) throw fail('username_taken', 'username');
    const values = {
      username: input.username,
      name: input.name,
      unitId: input.unitId,
      phone: input.phone ?? null,
      email: input.email ?? null,
    };
    const newId = await repo.insertPerson(tx, { ...values, passwordHash, mustChangePassword: true }, c.now);
    await recordChange(tx, c, 'person', 'person.create', newId, null, {
      username: input.username,
      ...snapshot(values),
    });
    return newId;
  });
  return { id, oneTimePassword };
}

/**
 * 修改人员信息: name, unit, phone, email. One statement checks the caller's
 * scope under the row's lock, changes the row and writes the audit entry (its
 * "before" is what the UPDATE replaced). When it changes nothing, the same
 * checks run again step by step to say why; if they now pass, the person was
 * moved in between, and the edit starts over.
 */
export async function updatePerson(
  deps: AppDeps,
  c: Call,
  id: number,
  input: repo.PersonEdit,
): Promise<repo.PersonRow> {
  const { db } = deps.database;
  const scope = manageScope(c.actor);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await repo.editPerson(deps.database, c, id, scope, input);
    if (row) {
      sessionCacheOf(deps).forgetPerson(id); // their name or unit may have changed
      return row;
    }
    const p = await repo.getPerson(db, id);
    if (!p || !inScope(scope, p.unitPath)) throw fail('not_found');
    if (input.unitId !== undefined && input.unitId !== p.unitId)
      await managedActiveUnit(db, c.actor, input.unitId);
  }
  throw new Error(`person ${id} kept moving between units during an edit`);
}

/**
 * 三员分立: the system admin must not take over the security or audit admin's
 * account by resetting its password or switching it off; that is done with the
 * `luoshi user reset-password` command by the operator.
 */
export function guardedBySeparation(p: { roles: { role: string }[] }): boolean {
  return p.roles.some((r) => r.role === 'secadmin' || r.role === 'auditor');
}

/** 停用人员: the account can no longer sign in; its sessions end now. */
export async function deactivatePerson(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const p = await managedPerson(tx, c.actor, id);
    if (!p.active) return;
    if (p.id === c.actor.id) throw fail('forbidden');
    if (guardedBySeparation(p)) throw fail('separation_of_duties');
    await repo.setPersonActive(tx, id, false, c.now);
    await deleteSessionsOf(tx, id);
    await recordChange(tx, c, 'person', 'person.deactivate', id, { active: true }, { active: false });
  });
  sessionCacheOf(deps).forgetPerson(id);
}

/** 启用人员 again. */
export async function reactivatePerson(deps: AppDeps, c: Call, id: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const p = await managedPerson(tx, c.actor, id);
    if (p.active) return;
    await repo.setPersonActive(tx, id, true, c.now);
    await recordChange(tx, c, 'person', 'person.reactivate', id, { active: false }, { active: true });
  });
}

/** 重置密码 by the system admin; returns the one-time password. */
export async function resetPersonPassword(deps: AppDeps, c: Call, id: number): Promise<string> {
  const p = await managedPerson(deps.database.db, c.actor, id);
  if (guardedBySeparation(p)) throw fail('separation_of_duties');
  return resetPassword(deps, id, { actorId: c.actor.id, actorName: c.actor.username, ip: c.ip }, c.now);
}
