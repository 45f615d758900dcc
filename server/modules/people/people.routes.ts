import { pageOf } from '../../../domain/contracts/common.ts';
import {
  oneTimePasswordResponse,
  personCreateBody,
  personListQuery,
  personResponse,
  personUpdateBody,
  type PersonResponse,
} from '../../../domain/contracts/people.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { inScope, type Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { getUnit } from '../units/units.repository.ts';
import { fail } from '../../../domain/errors.ts';
import type { PersonRow } from './people.repository.ts';
import * as repo from './people.repository.ts';
import * as service from './people.service.ts';

/** Presents a person field by field (never the password hash), with the caller's abilities. */
export function presentPerson(actor: Actor, p: PersonRow, now: Date): PersonResponse {
  const manage = inScope(service.manageScope(actor), p.unitPath);
  return {
    id: p.id,
    username: p.username,
    name: p.name,
    unitId: p.unitId,
    unitName: p.unitName,
    phone: p.phone,
    email: p.email,
    active: p.active,
    locked: p.lockedUntil !== null && p.lockedUntil > now,
    mustChangePassword: p.mustChangePassword,
    roles: p.roles,
    abilities: {
      edit: manage,
      deactivate: manage && p.active && p.id !== actor.id && !service.guardedBySeparation(p),
      reactivate: manage && !p.active,
      resetPassword: manage && p.id !== actor.id && !service.guardedBySeparation(p),
    },
  };
}

export function peopleRoutes(deps: AppDeps): RouteDef[] {
  const browse = capabilities['people.browse'];
  const manage = capabilities['people.manage'];
  const one = async (actor: Actor, id: number, now: Date) =>
    presentPerson(actor, await service.visiblePerson(deps, actor, id), now);
  return [
    route({
      method: 'GET',
      url: '/api/v1/people',
      summary: 'List people 人员列表',
      tag: 'people',
      access: browse,
      query: personListQuery,
      response: pageOf(personResponse),
      async handler({ actor, query, now }) {
        const { limit, offset, subtree, unitId, ...rest } = query;
        let unitPath: string | undefined;
        if (unitId && subtree) {
          const unit = await getUnit(deps.database.db, unitId);
          if (!unit || !inScope(service.browseScope(actor!), unit.path)) throw fail('not_found', 'unitId');
          unitPath = unit.path;
        }
        const page = await repo.listPeople(
          deps.database.db,
          service.browseScope(actor!),
          { ...rest, unitId, unitPath },
          { limit, offset },
        );
        return { items: page.items.map((p) => presentPerson(actor!, p, now)), total: page.total };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/people/:id',
      summary: 'One person',
      tag: 'people',
      access: browse,
      params: idParams,
      response: personResponse,
      handler: ({ actor, params, now }) => one(actor!, params.id, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/people',
      summary: 'Add a person 新增人员 (returns a one-time password)',
      tag: 'people',
      access: manage,
      status: 201,
      body: personCreateBody,
      response: oneTimePasswordResponse,
      async handler({ actor, body, ip, now }) {
        const { id, oneTimePassword } = await service.createPerson(deps, { actor: actor!, ip, now }, body);
        return { person: await one(actor!, id, now), oneTimePassword };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/people/:id',
      summary: 'Edit name, unit, phone, email 修改人员信息',
      tag: 'people',
      access: manage,
      params: idParams,
      body: personUpdateBody,
      response: personResponse,
      async handler({ actor, params, body, ip, now }) {
        const row = await service.updatePerson(deps, { actor: actor!, ip, now }, params.id, body);
        return presentPerson(actor!, row, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/people/:id/deactivate',
      summary: 'Deactivate a person 停用',
      tag: 'people',
      access: manage,
      params: idParams,
      response: personResponse,
      async handler({ actor, params, ip, now }) {
        await service.deactivatePerson(deps, { actor: actor!, ip, now }, params.id);
        return one(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/people/:id/reactivate',
      summary: 'Reactivate a person 启用',
      tag: 'people',
      access: manage,
      params: idParams,
      response: personResponse,
      async handler({ actor, params, ip, now }) {
        await service.reactivatePerson(deps, { actor: actor!, ip, now }, params.id);
        return one(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/people/:id/reset-password',
      summary: 'Reset a password 重置密码 (returns a one-time password)',
      tag: 'people',
      access: manage,
      params: idParams,
      response: oneTimePasswordResponse,
      async handler({ actor, params, ip, now }) {
        const oneTimePassword = await service.resetPersonPassword(
          deps,
          { actor: actor!, ip, now },
          params.id,
        );
        return { person: await one(actor!, params.id, now), oneTimePassword };
      },
    }),
  ];
}
