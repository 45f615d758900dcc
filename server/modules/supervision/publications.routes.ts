import {
  circularBody,
  circularListResponse,
  circularResponse,
  publicationListQuery,
  publicSupervisionResponse,
  publishBody,
  warningBody,
  warningListResponse,
  warningResponse,
} from '../../../domain/contracts/supervision.ts';
import { reasonBody } from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import type { Call } from './notices.service.ts';
import * as service from './publications.service.ts';
import { publicSupervision } from './public-supervision.service.ts';

/** 黄牌警告 and 通报: draft, approve (four eyes), publish internally or publicly, withdraw, revoke. */
export function publicationRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const tag = 'supervision';
  const readers = capabilities['supervision.browse'];
  const office = capabilities['supervision.manage'];
  const call = (ctx: { actor: Actor | null; ip: string; now: Date }): Call => ({
    actor: ctx.actor!,
    ip: ctx.ip,
    now: ctx.now,
  });
  const routes: RouteDef[] = [];
  for (const kind of ['warning', 'circular'] as const) {
    const base = kind === 'warning' ? '/api/v1/warnings' : '/api/v1/circulars';
    const zh = kind === 'warning' ? '警告' : '通报';
    const response = kind === 'warning' ? warningResponse : circularResponse;
    const detail = (actor: Actor, id: number, now: Date) =>
      kind === 'warning' ? service.warningDetail(db, actor, id, now) : service.circularDetail(db, actor, id);
    const move = (
      verb: string,
      action: Parameters<typeof service.movePublication>[4],
      who: RouteDef['access'],
      summary: string,
      withReason: boolean,
    ) =>
      route({
        method: 'POST',
        url: `${base}/:id/${verb}`,
        summary,
        tag,
        access: who,
        params: idParams,
        ...(withReason ? { body: reasonBody } : {}),
        response,
        async handler(ctx) {
          const reason = withReason ? (ctx.body as { reason: string }).reason : null;
          await service.movePublication(deps, call(ctx), kind, ctx.params.id, action, reason);
          return detail(ctx.actor!, ctx.params.id, ctx.now);
        },
      });
    routes.push(
      route({
        method: 'GET',
        url: base,
        summary:
          kind === 'warning'
            ? 'Warnings (yellow and red cards) 黄牌/红牌警告'
            : 'Circulars of praise and criticism 通报',
        tag,
        access: readers,
        query: publicationListQuery,
        response: kind === 'warning' ? warningListResponse : circularListResponse,
        handler: ({ actor, query, now }) =>
          kind === 'warning'
            ? service.listWarnings(db, actor!, now, query)
            : service.listCirculars(db, actor!, query),
      }),
      route({
        method: 'GET',
        url: `${base}/:id`,
        summary: `One ${kind} ${zh}详情`,
        tag,
        access: readers,
        params: idParams,
        response,
        handler: ({ actor, params, now }) => detail(actor!, params.id, now),
      }),
      move(
        'approve',
        'approve',
        ['office', 'leader'],
        `Approve a ${kind} (not by its drafter) 签发${zh}`,
        false,
      ),
      move('withdraw', 'withdraw', office, `Withdraw a ${kind} before publication 撤回${zh}`, true),
      move('revoke', 'revoke', office, `Revoke a published ${kind}, with a reason 撤销${zh}`, true),
      route({
        method: 'POST',
        url: `${base}/:id/publish`,
        summary: `Publish a ${kind} internally or to the public 发布${zh}（内部通报/公开曝光）`,
        tag,
        access: office,
        params: idParams,
        body: publishBody,
        response,
        async handler(ctx) {
          const action = ctx.body.scope === 'public' ? 'publish_public' : 'publish_internal';
          await service.movePublication(deps, call(ctx), kind, ctx.params.id, action, null);
          return detail(ctx.actor!, ctx.params.id, ctx.now);
        },
      }),
    );
  }
  routes.push(
    route({
      method: 'POST',
      url: '/api/v1/warnings',
      summary: 'Draft a yellow or red card on a unit 起草警告',
      tag,
      access: office,
      body: warningBody,
      response: warningResponse,
      status: 201,
      async handler(ctx) {
        const id = await service.createWarning(deps, call(ctx), ctx.body);
        return service.warningDetail(db, ctx.actor!, id, ctx.now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/circulars',
      summary: 'Draft a circular of praise or criticism 起草通报',
      tag,
      access: office,
      body: circularBody,
      response: circularResponse,
      status: 201,
      async handler(ctx) {
        const id = await service.createCircular(deps, call(ctx), ctx.body);
        return service.circularDetail(db, ctx.actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/public/circulars',
      summary: 'Circulars and warnings published to the public, for anyone 通报曝光',
      tag: 'public',
      access: 'public',
      response: publicSupervisionResponse,
      handler: ({ now }) => publicSupervision(db, now),
    }),
  );
  return routes;
}
