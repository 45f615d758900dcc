import {
  redoListQuery,
  redoListResponse,
  redoOrderBody,
  redoOrderResponse,
  redoSubmitBody,
} from '../../../domain/contracts/supervision.ts';
import { optionalNoteBody, reasonBody } from '../../../domain/contracts/tasks.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { Call } from './notices.service.ts';
import * as service from './redo-orders.service.ts';

/** 返工整改: order, self-inspection report, acceptance. */
export function redoRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const tag = 'supervision';
  const readers = ['office', 'inspector', 'liaison', 'head', 'leader', 'discipline'] as const;
  const call = (ctx: { actor: Actor | null; ip: string; now: Date }): Call => ({
    actor: ctx.actor!,
    ip: ctx.ip,
    now: ctx.now,
  });
  const decide = (
    verb: string,
    action: 'accept' | 'send_back' | 'cancel',
    access: RouteDef['access'],
    summary: string,
  ) =>
    route({
      method: 'POST',
      url: `/api/v1/redo-orders/:id/${verb}`,
      summary,
      tag,
      access,
      params: idParams,
      body: action === 'accept' ? optionalNoteBody : reasonBody,
      response: redoOrderResponse,
      async handler(ctx) {
        const b = ctx.body as { note?: string; reason?: string };
        await service.decideRedo(deps, call(ctx), ctx.params.id, action, b.reason ?? b.note ?? '');
        return service.redoDetail(db, ctx.actor!, ctx.params.id);
      },
    });
  return [
    route({
      method: 'GET',
      url: '/api/v1/redo-orders',
      summary: 'Redo orders: a unit its own, a leader those naming him, the office its scope 返工整改',
      tag,
      access: readers,
      query: redoListQuery,
      response: redoListResponse,
      handler: ({ actor, query }) => service.listRedoOrders(db, actor!, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/redo-orders',
      summary: 'Order a unit or a leader to re-inspect itself; opens a self-inspection 责令重新检视',
      tag,
      access: ['office'],
      body: redoOrderBody,
      response: redoOrderResponse,
      status: 201,
      async handler(ctx) {
        const id = await service.issueRedoOrder(deps, call(ctx), ctx.body);
        return service.redoDetail(db, ctx.actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/redo-orders/:id',
      summary: 'One redo order 返工整改详情',
      tag,
      access: readers,
      params: idParams,
      response: redoOrderResponse,
      handler: ({ actor, params }) => service.redoDetail(db, actor!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/redo-orders/:id/submit',
      summary: 'Submit the self-inspection report with the problems found 提交自查报告',
      tag,
      access: ['liaison', 'head', 'leader'],
      params: idParams,
      body: redoSubmitBody,
      response: redoOrderResponse,
      async handler(ctx) {
        await service.submitRedo(deps, call(ctx), ctx.params.id, ctx.body);
        return service.redoDetail(db, ctx.actor!, ctx.params.id);
      },
    }),
    decide('accept', 'accept', ['office', 'inspector'], 'Accept the self-inspection 验收通过'),
    decide('send-back', 'send_back', ['office', 'inspector'], 'Send it back to be redone 退回重改'),
    decide('cancel', 'cancel', ['office'], 'Cancel the order 撤销'),
  ];
}
