import { fail } from '../../../domain/errors.ts';
import { capabilities, violatesSeparation, type Role } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { getUnit } from '../units/units.repository.ts';
import { sessionCacheOf } from '../session/session.cache.ts';
import * as repo from './grants.repository.ts';

interface Call {
  actor: Actor;
  ip: string;
  now: Date;
}

export const grantScope = (a: Actor) => scopeOf(a, capabilities['grants.manage']);

/**
 * 授权: gives a person a role on a unit (covering its subtree). Refuses a grant
 * that would give one person two of the three administrator roles (三员分立).
 */
export async function grantRole(
  deps: AppDeps,
  c: Call,
  input: { personId: number; role: Role; unitId: number },
): Promise<number> {
  const id = await deps.database.db.transaction(async (tx) => {
    const scope = grantScope(c.actor);
    const unit = await getUnit(tx, input.unitId);
    if (!unit || !inScope(scope, unit.path)) throw fail('not_found', 'unitId');
    if (!unit.active) throw fail('unit_inactive', 'unitId');
    const person = await repo.lockRolesOf(tx, input.personId);
    if (!person || !inScope(scope, person.unitPath)) throw fail('not_found', 'personId');
    if (!person.active) throw fail('person_inactive', 'personId');
    if (person.roles.some((r) => r.role === input.role && r.unitId === input.unitId))
      throw fail('grant_exists', 'role');
    if (
      violatesSeparation(
        person.roles.map((r) => r.role),
        input.role,
      )
    )
      throw fail('separation_of_duties', 'role');
    const id = await repo.insertGrant(tx, { ...input, createdBy: c.actor.id }, c.now);
    await recordChange(tx, c, 'grant', 'grant.create', id, null, {
      ...input,
      personName: person.name,
      username: person.username,
      unitName: unit.name,
    });
    return id;
  });
  sessionCacheOf(deps).forgetPerson(input.personId);
  return id;
}

/** 撤销授权. A security admin cannot revoke their own security-admin grant (someone must remain). */
export async function revokeGrant(deps: AppDeps, c: Call, id: number): Promise<void> {
  const personId = await deps.database.db.transaction(async (tx) => {
    const g = await repo.getGrant(tx, id);
    if (!g || !inScope(grantScope(c.actor), g.unitPath)) throw fail('not_found');
    if (g.personId === c.actor.id && g.role === 'secadmin') throw fail('cannot_revoke_own_admin');
    await repo.deleteGrant(tx, id);
    await recordChange(
      tx,
      c,
      'grant',
      'grant.revoke',
      id,
      {
        personId: g.personId,
        personName: g.personName,
        username: g.username,
        role: g.role,
        unitId: g.unitId,
        unitName: g.unitName,
      },
      null,
    );
    return g.personId;
  });
  sessionCacheOf(deps).forgetPerson(personId);
}
