import {
  accountabilityPersonBody,
  accountabilityPersonListQuery,
  accountabilityPersonListResponse,
  accountabilityPersonResponse,
  accountabilityStatisticsResponse,
  caseBody,
  caseDetail,
  caseListQuery,
  caseListResponse,
  followUpListQuery,
  followUpListResponse,
  followUpResponse,
  recordBody,
  recordDetail,
  recordListQuery,
  recordListResponse,
  statisticsQuery,
  unscheduledVisitBody,
  visitRecordBody,
} from '../../../domain/contracts/accountability.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import * as service from './accountability.service.ts';

/**
 * 问责: for the discipline role only. Every other signed-in caller gets 404,
 * as if there were nothing here (`hidden`), and every read is audited.
 */
export function accountabilityRoutes(deps: AppDeps): RouteDef[] {
  const access = capabilities['accountability.manage'];
  const common = { tag: 'accountability', access, hidden: true } as const;
  const call = (ctx: { actor: Actor | null; ip: string; now: Date }): service.Call => ({
    actor: ctx.actor!,
    ip: ctx.ip,
    now: ctx.now,
  });
  return [
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/persons',
      summary: 'The register of persons held to account or visited 问责对象',
      query: accountabilityPersonListQuery,
      response: accountabilityPersonListResponse,
      handler: (ctx) => service.listPersons(deps, call(ctx), ctx.query),
    }),
    route({
      ...common,
      method: 'POST',
      url: '/api/v1/accountability/persons',
      summary: 'Register a person (with or without a Luoshi account) 登记问责对象',
      body: accountabilityPersonBody,
      response: accountabilityPersonResponse,
      status: 201,
      handler: (ctx) => service.createPerson(deps, call(ctx), ctx.body),
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/cases',
      summary: 'Accountability cases 问责案件',
      query: caseListQuery,
      response: caseListResponse,
      handler: (ctx) => service.listCases(deps, call(ctx), ctx.query),
    }),
    route({
      ...common,
      method: 'POST',
      url: '/api/v1/accountability/cases',
      summary: 'Open a case 新建问责案件',
      body: caseBody,
      response: caseDetail,
      status: 201,
      async handler(ctx) {
        const id = await service.createCase(deps, call(ctx), ctx.body);
        return service.caseDetail(deps, call(ctx), id);
      },
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/cases/:id',
      summary: 'A case with its records, decision texts decrypted 问责案件详情',
      params: idParams,
      response: caseDetail,
      handler: (ctx) => service.caseDetail(deps, call(ctx), ctx.params.id),
    }),
    route({
      ...common,
      method: 'POST',
      url: '/api/v1/accountability/cases/:id/records',
      summary: 'Record one subject’s outcome: form, measure, leniency, decision (SM4-encrypted) 录入问责记录',
      params: idParams,
      body: recordBody,
      response: recordDetail,
      status: 201,
      async handler(ctx) {
        const id = await service.addRecord(deps, call(ctx), ctx.params.id, ctx.body);
        return service.recordDetail(deps, call(ctx), id);
      },
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/records',
      summary: 'Accountability records, without decision texts 问责记录',
      query: recordListQuery,
      response: recordListResponse,
      handler: (ctx) => service.listRecords(deps, call(ctx), ctx.query),
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/records/:id',
      summary: 'One record with its decision text decrypted 问责记录详情',
      params: idParams,
      response: recordDetail,
      handler: (ctx) => service.recordDetail(deps, call(ctx), ctx.params.id),
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/follow-ups',
      summary: 'Follow-up visits, scheduled and made 回访教育',
      query: followUpListQuery,
      response: followUpListResponse,
      handler: (ctx) => service.listFollowUps(deps, call(ctx), ctx.query),
    }),
    route({
      ...common,
      method: 'POST',
      url: '/api/v1/accountability/follow-ups',
      summary: 'Record a visit made without a schedule 记录回访',
      body: unscheduledVisitBody,
      response: followUpResponse,
      status: 201,
      handler: (ctx) => service.addVisit(deps, call(ctx), ctx.body),
    }),
    route({
      ...common,
      method: 'POST',
      url: '/api/v1/accountability/follow-ups/:id/record',
      summary: 'Record a scheduled visit as made, with the opinion 不影响使用 where given 登记回访',
      params: idParams,
      body: visitRecordBody,
      response: followUpResponse,
      handler: (ctx) => service.recordFollowUp(deps, call(ctx), ctx.params.id, ctx.body),
    }),
    route({
      ...common,
      method: 'GET',
      url: '/api/v1/accountability/statistics',
      summary: 'Cases, people, by form, lenient, visited, opinions 问责统计',
      query: statisticsQuery,
      response: accountabilityStatisticsResponse,
      handler: (ctx) => service.statistics(deps, call(ctx), ctx.query),
    }),
  ];
}
