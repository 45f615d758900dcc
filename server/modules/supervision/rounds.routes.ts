import {
  findingBody,
  roundBody,
  roundDetail,
  roundListQuery,
  roundSummary,
  teamBody,
  visitBody,
  visitSummary,
} from '../../../domain/contracts/supervision.ts';
import { problemDetail } from '../../../domain/contracts/problems.ts';
import { capabilities } from '../../../domain/roles.ts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { attachmentsOf } from '../attachments/attachments.repository.ts';
import { problemDetail as loadProblem } from '../problems/problems.presenter.ts';
import type { Call } from './notices.service.ts';
import * as service from './rounds.service.ts';

/** 督查轮次, 督查组, 走访 and their findings. */
export function roundRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const tag = 'supervision';
  const access = capabilities['supervision.rounds'];
  const office = capabilities['supervision.manage'];
  const call = (ctx: { actor: Actor | null; ip: string; now: Date }): Call => ({
    actor: ctx.actor!,
    ip: ctx.ip,
    now: ctx.now,
  });
  return [
    route({
      method: 'GET',
      url: '/api/v1/inspection-rounds',
      summary: 'Inspection rounds of the caller’s scope, or whose teams the caller is on 督查轮次',
      tag,
      access,
      query: roundListQuery,
      response: z.object({ items: z.array(roundSummary), total: z.number().int() }),
      handler: ({ actor, query }) => service.listRounds(db, actor!, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/inspection-rounds',
      summary: 'Plan a round: kind, period, units covered, teams with members 部署督查',
      tag,
      access: office,
      body: roundBody,
      response: roundDetail,
      status: 201,
      async handler(ctx) {
        const id = await service.createRound(deps, call(ctx), ctx.body);
        return service.roundDetail(db, ctx.actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/inspection-rounds/:id',
      summary: 'A round with its units, teams and visits 督查轮次详情',
      tag,
      access,
      params: idParams,
      response: roundDetail,
      handler: ({ actor, params }) => service.roundDetail(db, actor!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/inspection-rounds/:id/teams',
      summary: 'Add a team to a round 增加督查组',
      tag,
      access: office,
      params: idParams,
      body: teamBody,
      response: roundDetail,
      async handler(ctx) {
        await service.addTeam(deps, call(ctx), ctx.params.id, ctx.body);
        return service.roundDetail(db, ctx.actor!, ctx.params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/inspection-rounds/:id/close',
      summary: 'Close a round 结束督查',
      tag,
      access: office,
      params: idParams,
      response: roundDetail,
      async handler(ctx) {
        await service.closeRound(deps, call(ctx), ctx.params.id);
        return service.roundDetail(db, ctx.actor!, ctx.params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/inspection-rounds/:id/visits',
      summary: 'Record a visit to a unit, with notes and photos 记录走访',
      tag,
      access,
      params: idParams,
      body: visitBody,
      response: visitSummary,
      status: 201,
      async handler(ctx) {
        const id = await service.recordVisit(deps, call(ctx), ctx.params.id, ctx.body);
        return service.visitDetail(db, ctx.actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/inspection-visits/:id',
      summary: 'One visit 走访详情',
      tag,
      access,
      params: idParams,
      response: visitSummary,
      handler: ({ actor, params }) => service.visitDetail(db, actor!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/inspection-visits/:id/findings',
      summary: 'A finding becomes a problem in one step, with the round’s source 发现问题转问题清单',
      tag,
      access,
      params: idParams,
      body: findingBody,
      response: problemDetail,
      status: 201,
      async handler(ctx) {
        const id = await service.recordFinding(deps, call(ctx), ctx.params.id, ctx.body);
        return loadProblem(db, ctx.actor!, id, ctx.now, attachmentsOf);
      },
    }),
  ];
}
