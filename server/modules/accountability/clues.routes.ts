import {
  clueBody,
  clueConcludeBody,
  clueListQuery,
  clueListResponse,
  clueResponse,
} from '../../../domain/contracts/accountability.ts';
import { optionalNoteBody, reasonBody } from '../../../domain/contracts/tasks.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { Call } from './accountability.service.ts';
import * as service from './clues.service.ts';

/** 线索移送: the office and inspectors send clues, the discipline commission takes them. */
export function clueRoutes(deps: AppDeps): RouteDef[] {
  const tag = 'accountability';
  const call = (ctx: { actor: Actor | null; ip: string; now: Date }): Call => ({
    actor: ctx.actor!,
    ip: ctx.ip,
    now: ctx.now,
  });
  const move = (
    verb: string,
    action: Parameters<typeof service.moveClue>[3],
    access: RouteDef['access'],
    summary: string,
  ) =>
    route({
      method: 'POST',
      url: `/api/v1/clue-transfers/:id/${verb}`,
      summary,
      tag,
      access,
      params: idParams,
      body: optionalNoteBody,
      response: clueResponse,
      async handler(ctx) {
        await service.moveClue(deps, call(ctx), ctx.params.id, action, { note: ctx.body.note });
        return service.clueDetail(deps, call(ctx), ctx.params.id);
      },
    });
  return [
    route({
      method: 'GET',
      url: '/api/v1/clue-transfers',
      summary: 'Clues sent to the discipline commission, with their status 线索移送',
      tag,
      access: ['office', 'inspector', 'discipline'],
      query: clueListQuery,
      response: clueListResponse,
      handler: (ctx) => service.listClues(deps, call(ctx), ctx.query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/clue-transfers',
      summary: 'Draft a clue from problems or a visit 起草问题线索',
      tag,
      access: ['office', 'inspector'],
      body: clueBody,
      response: clueResponse,
      status: 201,
      async handler(ctx) {
        const id = await service.createClue(deps, call(ctx), ctx.body);
        return service.clueDetail(deps, call(ctx), id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/clue-transfers/:id',
      summary: 'One clue 线索详情',
      tag,
      access: ['office', 'inspector', 'discipline'],
      params: idParams,
      response: clueResponse,
      handler: (ctx) => service.clueDetail(deps, call(ctx), ctx.params.id),
    }),
    move('transfer', 'transfer', ['office', 'inspector'], 'Send the clue to the commission 移送'),
    move('withdraw', 'withdraw', ['office', 'inspector'], 'Withdraw a clue not yet taken 撤回'),
    move('accept', 'accept', ['discipline'], 'The commission takes the clue 受理'),
    route({
      method: 'POST',
      url: '/api/v1/clue-transfers/:id/return',
      summary: 'The commission asks for more material 退回补充',
      tag,
      access: ['discipline'],
      params: idParams,
      body: reasonBody,
      response: clueResponse,
      async handler(ctx) {
        await service.moveClue(deps, call(ctx), ctx.params.id, 'return', { note: ctx.body.reason });
        return service.clueDetail(deps, call(ctx), ctx.params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/clue-transfers/:id/conclude',
      summary: 'The commission disposes of the clue 办结（处置方式）',
      tag,
      access: ['discipline'],
      params: idParams,
      body: clueConcludeBody,
      response: clueResponse,
      async handler(ctx) {
        await service.moveClue(deps, call(ctx), ctx.params.id, 'conclude', ctx.body);
        return service.clueDetail(deps, call(ctx), ctx.params.id);
      },
    }),
  ];
}
