import { z } from 'zod';
import { itemSubmissionBody, reportItemBody, reportItemResponse } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { TaskRouteHooks } from '../tasks/tasks.routes.ts';
import * as service from './report-items.service.ts';

/** 报送事项: recurring submissions that are not tasks; the same approval as progress reports. */
export function reportItemRoutes(deps: AppDeps, hooks: TaskRouteHooks = {}): RouteDef[] {
  const office = capabilities['campaigns.manage'];
  const db = deps.database.db;
  const readers = ['office', 'inspector', 'liaison', 'head'] as const;
  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/report-items',
      summary: 'Reporting items of a campaign 报送事项',
      tag: 'reports',
      access: readers,
      params: idParams,
      response: z.array(reportItemResponse),
      handler: ({ actor, params, now }) => service.listItems(deps, actor!, params.id, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/report-items',
      summary: 'Create a reporting item 新建报送事项',
      tag: 'reports',
      access: office,
      params: idParams,
      body: reportItemBody,
      response: reportItemResponse,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await service.createItem(deps, { actor: actor!, ip, now }, params.id, body);
        return service.itemDetail(db, actor!, id, now);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/report-items/:id',
      summary: 'One reporting item with its submissions 报送事项详情',
      tag: 'reports',
      access: readers,
      params: idParams,
      response: reportItemResponse,
      handler: ({ actor, params, now }) => service.itemDetail(db, actor!, params.id, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/report-items/:id/submissions',
      summary: "Submit this period's item 报送",
      tag: 'reports',
      access: capabilities['tasks.unit'],
      params: idParams,
      body: itemSubmissionBody,
      response: reportItemResponse,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const ids = body.attachmentIds;
        await service.submitItem(
          deps,
          { actor: actor!, ip, now },
          params.id,
          body,
          ids.length === 0
            ? undefined
            : (tx, ownerType, ownerId) =>
                hooks.claim
                  ? hooks.claim(tx, actor!, ids, ownerType, ownerId)
                  : Promise.reject(fail('not_found', 'body.attachmentIds')),
        );
        return service.itemDetail(db, actor!, params.id, now);
      },
    }),
  ];
}
