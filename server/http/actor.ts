import type { Role } from '../../domain/roles.ts';

export interface ActorGrant {
  role: Role;
  unitId: number;
  unitPath: string;
}

/** The signed-in caller, resolved from the session cookie on every request. */
export interface Actor {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitPath: string;
  roles: ActorGrant[];
  mustChangePassword: boolean;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
}

/**
 * The unit scope an actor has through the given roles: the paths of the units
 * the roles were granted on; each covers its whole subtree.
 */
export function scopeOf(actor: Actor, through: readonly Role[]): string[] {
  const paths = actor.roles.filter((g) => through.includes(g.role)).map((g) => g.unitPath);
  // Drop paths already covered by a shorter one.
  return [...new Set(paths)].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
}

/** Is the unit at `path` inside the scope? */
export function inScope(scope: readonly string[], path: string): boolean {
  return scope.some((p) => path.startsWith(p));
}
