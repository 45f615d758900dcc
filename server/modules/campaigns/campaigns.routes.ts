import {
  campaignBody,
  campaignListQuery,
  campaignResponse,
  campaignUpdateBody,
} from '../../../domain/contracts/tasks.ts';
import { pageOf } from '../../../domain/contracts/common.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import * as service from './campaigns.service.ts';

export function campaignRoutes(deps: AppDeps): RouteDef[] {
  const manage = capabilities['campaigns.manage'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns',
      summary: 'Campaigns with task counts and lights 专项行动列表',
      tag: 'campaigns',
      access: service.campaignReaders,
      query: campaignListQuery,
      response: pageOf(campaignResponse),
      handler: ({ actor, query, now }) => service.listCampaigns(deps, actor!, now, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns',
      summary: 'Create a campaign 新建专项行动',
      tag: 'campaigns',
      access: manage,
      body: campaignBody,
      response: campaignResponse,
      status: 201,
      handler: ({ actor, body, ip, now }) => service.createCampaign(deps, { actor: actor!, ip, now }, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id',
      summary: 'One campaign 专项行动详情',
      tag: 'campaigns',
      access: service.campaignReaders,
      params: idParams,
      response: campaignResponse,
      handler: ({ actor, params, now }) => service.getCampaign(deps.database.db, actor!, params.id, now),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/campaigns/:id',
      summary: 'Edit, close or reopen a campaign 修改专项行动',
      tag: 'campaigns',
      access: manage,
      params: idParams,
      body: campaignUpdateBody,
      response: campaignResponse,
      handler: ({ actor, params, body, ip, now }) =>
        service.updateCampaign(deps, { actor: actor!, ip, now }, params.id, body),
    }),
  ];
}
