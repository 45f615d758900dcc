import { z } from 'zod';
import {
  problemCategoryBody,
  problemCategoryResponse,
  problemCategoryUpdateBody,
  problemSourceBody,
  problemSourceResponse,
  problemSourceUpdateBody,
} from '../../../domain/contracts/problems.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import * as service from './problem-settings.service.ts';

/** 问题来源 and 问题类别: everyone reads them; the administrator and the office add and rename. */
export function problemSettingsRoutes(deps: AppDeps): RouteDef[] {
  const configure = capabilities['problems.configure'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/problem-sources',
      summary: 'Problem sources (the eight lists and other channels) 问题来源',
      tag: 'problems',
      access: 'signed-in',
      response: z.array(problemSourceResponse),
      handler: () => service.listSources(deps),
    }),
    route({
      method: 'POST',
      url: '/api/v1/problem-sources',
      summary: 'Add a problem source 新增问题来源',
      tag: 'problems',
      access: configure,
      body: problemSourceBody,
      response: problemSourceResponse,
      status: 201,
      handler: ({ actor, body, ip, now }) => service.createSource(deps, { actor: actor!, ip, now }, body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/problem-sources/:id',
      summary: 'Rename, re-sort, deactivate or reactivate a problem source 修改问题来源',
      tag: 'problems',
      access: configure,
      params: idParams,
      body: problemSourceUpdateBody,
      response: problemSourceResponse,
      handler: ({ actor, params, body, ip, now }) =>
        service.updateSource(deps, { actor: actor!, ip, now }, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/problem-categories',
      summary: 'The problem category tree, parents first 问题类别',
      tag: 'problems',
      access: 'signed-in',
      response: z.array(problemCategoryResponse),
      handler: () => service.listCategories(deps),
    }),
    route({
      method: 'POST',
      url: '/api/v1/problem-categories',
      summary: 'Add a problem category 新增问题类别',
      tag: 'problems',
      access: configure,
      body: problemCategoryBody,
      response: problemCategoryResponse,
      status: 201,
      handler: ({ actor, body, ip, now }) => service.createCategory(deps, { actor: actor!, ip, now }, body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/problem-categories/:id',
      summary: 'Rename, re-sort, deactivate or reactivate a problem category 修改问题类别',
      tag: 'problems',
      access: configure,
      params: idParams,
      body: problemCategoryUpdateBody,
      response: problemCategoryResponse,
      handler: ({ actor, params, body, ip, now }) =>
        service.updateCategory(deps, { actor: actor!, ip, now }, params.id, body),
    }),
  ];
}
