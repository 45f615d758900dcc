import { capabilities, type Role } from '../../../domain/roles.ts';
import { inScope, scopeOf, type Actor } from '../../http/actor.ts';

export const browseRoles: readonly Role[] = capabilities['units.browse'];
export const manageRoles: readonly Role[] = capabilities['units.manage'];

/** The units a caller may see. */
export const browseScope = (actor: Actor) => scopeOf(actor, browseRoles);

/** What the caller may do to one unit; the same rules the service enforces. */
export function unitAbilities(
  actor: Actor,
  unit: { path: string; parentId: number | null; active: boolean; childCount: number; peopleCount: number },
) {
  const manage = inScope(scopeOf(actor, manageRoles), unit.path);
  const notRoot = unit.parentId !== null;
  return {
    rename: manage,
    move: manage && notRoot,
    deactivate: manage && notRoot && unit.active,
    reactivate: manage && !unit.active,
    remove: manage && notRoot && unit.childCount === 0 && unit.peopleCount === 0,
  };
}
