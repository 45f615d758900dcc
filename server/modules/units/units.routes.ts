import { z } from 'zod';
import { pageOf } from '../../../domain/contracts/common.ts';
import {
  catalogueCreateBody,
  catalogueItem,
  catalogueRenameBody,
  unitClassifyBody,
  unitCreateBody,
  unitListQuery,
  unitMoveBody,
  unitRenameBody,
  unitResponse,
  type UnitResponse,
} from '../../../domain/contracts/units.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { UnitRow } from './units.repository.ts';
import * as repo from './units.repository.ts';
import { browseRoles, browseScope, manageRoles, unitAbilities } from './units.policy.ts';
import * as service from './units.service.ts';

/** Presents a unit row field by field, with what the caller may do to it. */
export function presentUnit(actor: Actor, u: UnitRow): UnitResponse {
  return {
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    code: u.code,
    typeId: u.typeId,
    typeName: u.typeName,
    peerGroupId: u.peerGroupId,
    peerGroupName: u.peerGroupName,
    path: u.path,
    depth: u.depth,
    active: u.active,
    childCount: u.childCount,
    peopleCount: u.peopleCount,
    abilities: unitAbilities(actor, u),
  };
}

const treeNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  code: z.string(),
  typeId: z.number().int(),
  active: z.boolean(),
});

export function unitRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const one = async (actor: Actor, id: number) =>
    presentUnit(actor, await service.visibleUnit(deps, actor, id));
  const catalogue = (t: 'unit_types' | 'peer_groups', base: string, label: string): RouteDef[] => [
    route({
      method: 'GET',
      url: `/api/v1/${base}`,
      summary: `List ${label}`,
      tag: 'units',
      access: browseRoles,
      response: z.object({ items: z.array(catalogueItem) }),
      handler: async () => ({ items: await repo.listCatalogue(db, t) }),
    }),
    route({
      method: 'POST',
      url: `/api/v1/${base}`,
      summary: `Add ${label}`,
      tag: 'units',
      access: manageRoles,
      status: 201,
      body: catalogueCreateBody,
      response: catalogueItem,
      async handler({ actor, body, ip, now }) {
        const id = await service.createCatalogueItem(deps, { actor: actor!, ip, now }, t, body);
        return (await repo.listCatalogue(db, t)).find((x) => x.id === id);
      },
    }),
    route({
      method: 'POST',
      url: `/api/v1/${base}/:id/rename`,
      summary: `Rename ${label}`,
      tag: 'units',
      access: manageRoles,
      params: idParams,
      body: catalogueRenameBody,
      response: catalogueItem,
      async handler({ actor, body, params, ip, now }) {
        await service.renameCatalogueItem(deps, { actor: actor!, ip, now }, t, params.id, body);
        return (await repo.listCatalogue(db, t)).find((x) => x.id === params.id);
      },
    }),
  ];

  return [
    route({
      method: 'GET',
      url: '/api/v1/units',
      summary: 'List units 单位列表',
      tag: 'units',
      access: browseRoles,
      query: unitListQuery,
      response: pageOf(unitResponse),
      async handler({ actor, query }) {
        const { limit, offset, ...filter } = query;
        const page = await repo.listUnits(db, browseScope(actor!), filter, { limit, offset });
        return { items: page.items.map((u) => presentUnit(actor!, u)), total: page.total };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/units/tree',
      summary: 'The unit tree within my scope 单位树',
      tag: 'units',
      access: browseRoles,
      query: z.strictObject({ includeInactive: z.enum(['true', 'false']).optional() }),
      response: z.object({ items: z.array(treeNode) }),
      handler: async ({ actor, query }) => ({
        items: await repo.unitTree(db, browseScope(actor!), query.includeInactive === 'true'),
      }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/units/:id',
      summary: 'One unit',
      tag: 'units',
      access: browseRoles,
      params: idParams,
      response: unitResponse,
      handler: ({ actor, params }) => one(actor!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/units',
      summary: 'Add a unit 新增单位',
      tag: 'units',
      access: manageRoles,
      status: 201,
      body: unitCreateBody,
      response: unitResponse,
      async handler({ actor, body, ip, now }) {
        const id = await service.createUnit(deps, { actor: actor!, ip, now }, body);
        return one(actor!, id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/units/:id/rename',
      summary: 'Rename a unit 重命名',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      body: unitRenameBody,
      response: unitResponse,
      async handler({ actor, body, params, ip, now }) {
        await service.renameUnit(deps, { actor: actor!, ip, now }, params.id, body.name);
        return one(actor!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/units/:id/classify',
      summary: 'Set type and peer group 设置类型和赛道',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      body: unitClassifyBody,
      response: unitResponse,
      async handler({ actor, body, params, ip, now }) {
        await service.classifyUnit(
          deps,
          { actor: actor!, ip, now },
          params.id,
          body.typeId,
          body.peerGroupId,
        );
        return one(actor!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/units/:id/move',
      summary: 'Move a unit 移动',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      body: unitMoveBody,
      response: unitResponse,
      async handler({ actor, body, params, ip, now }) {
        await service.moveUnit(deps, { actor: actor!, ip, now }, params.id, body.parentId);
        return one(actor!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/units/:id/deactivate',
      summary: 'Deactivate a unit 停用',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      response: unitResponse,
      async handler({ actor, params, ip, now }) {
        await service.deactivateUnit(deps, { actor: actor!, ip, now }, params.id);
        return one(actor!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/units/:id/reactivate',
      summary: 'Reactivate a unit 启用',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      response: unitResponse,
      async handler({ actor, params, ip, now }) {
        await service.reactivateUnit(deps, { actor: actor!, ip, now }, params.id);
        return one(actor!, params.id);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/units/:id',
      summary: 'Delete a unit that owns nothing 删除',
      tag: 'units',
      access: manageRoles,
      params: idParams,
      async handler({ actor, params, ip, now }) {
        await service.removeUnit(deps, { actor: actor!, ip, now }, params.id);
        return undefined;
      },
    }),
    ...catalogue('unit_types', 'unit-types', 'unit types 单位类型'),
    ...catalogue('peer_groups', 'peer-groups', 'peer groups 赛道'),
  ];
}
