import { pageOf } from '../../../domain/contracts/common.ts';
import {
  grantCreateBody,
  grantListQuery,
  grantResponse,
  type GrantResponse,
} from '../../../domain/contracts/grants.ts';
import { fail } from '../../../domain/errors.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { GrantRow } from './grants.repository.ts';
import * as repo from './grants.repository.ts';
import * as service from './grants.service.ts';

/** Presents a grant with what the caller may do to it (the service's rule: never revoke your own 安全管理员). */
export function presentGrant(actor: Actor, g: GrantRow): GrantResponse {
  return {
    id: g.id,
    personId: g.personId,
    personName: g.personName,
    username: g.username,
    role: g.role,
    unitId: g.unitId,
    unitName: g.unitName,
    createdAt: g.createdAt.toISOString(),
    abilities: { revoke: !(g.personId === actor.id && g.role === 'secadmin') },
  };
}

export function grantRoutes(deps: AppDeps): RouteDef[] {
  const manage = capabilities['grants.manage'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/grants',
      summary: 'List role grants 授权列表',
      tag: 'grants',
      access: manage,
      query: grantListQuery,
      response: pageOf(grantResponse),
      async handler({ actor, query }) {
        const { limit, offset, ...f } = query;
        const page = await repo.listGrants(deps.database.db, service.grantScope(actor!), f, {
          limit,
          offset,
        });
        return { items: page.items.map((g) => presentGrant(actor!, g)), total: page.total };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/grants',
      summary: 'Grant a role on a unit 授权',
      tag: 'grants',
      access: manage,
      status: 201,
      body: grantCreateBody,
      response: grantResponse,
      async handler({ actor, body, ip, now }) {
        const id = await service.grantRole(deps, { actor: actor!, ip, now }, body);
        const g = await repo.getGrant(deps.database.db, id);
        if (!g) throw fail('not_found');
        return presentGrant(actor!, g);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/grants/:id',
      summary: 'Revoke a grant 撤销授权',
      tag: 'grants',
      access: manage,
      params: idParams,
      async handler({ actor, params, ip, now }) {
        await service.revokeGrant(deps, { actor: actor!, ip, now }, params.id);
        return undefined;
      },
    }),
  ];
}
