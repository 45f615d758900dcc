import {
  escalationKindParams,
  escalationRuleBody,
  escalationRulesResponse,
  escalationRunResponse,
  noticeAnswerBody,
  noticeBody,
  noticeListQuery,
  noticeListResponse,
  noticeResponse,
} from '../../../domain/contracts/supervision.ts';
import { optionalNoteBody, reasonBody } from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { deleteEscalationRule, listEscalationRules, setEscalationRule } from './escalation-rules.service.ts';
import { runEscalationLocked } from './escalation.service.ts';
import * as service from './notices.service.ts';

/** 督办单, the escalation rules and the escalation job run by hand. */
export function noticeRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const readers = capabilities['supervision.notices'];
  const office = capabilities['supervision.manage'];
  const answerers = capabilities['supervision.answer'];
  const tag = 'supervision';
  return [
    route({
      method: 'GET',
      url: '/api/v1/supervision-notices',
      summary: 'Supervision notices: a unit its own, a leader those naming him, the office its scope 督办单',
      tag,
      access: readers,
      query: noticeListQuery,
      response: noticeListResponse,
      handler: ({ actor, query, now }) => service.listNotices(db, actor!, now, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-notices',
      summary: 'Raise a notice by hand on a task, a report or a problem 人工督办',
      tag,
      access: office,
      body: noticeBody,
      response: noticeResponse,
      status: 201,
      async handler({ actor, body, ip, now }) {
        const id = await service.raiseNotice(deps, { actor: actor!, ip, now }, body);
        return service.noticeDetail(db, actor!, id, now);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/supervision-notices/:id',
      summary: 'One supervision notice 督办单详情',
      tag,
      access: readers,
      params: idParams,
      response: noticeResponse,
      handler: ({ actor, params, now }) => service.noticeDetail(db, actor!, params.id, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-notices/:id/answer',
      summary: "The unit's written answer 督办答复",
      tag,
      access: answerers,
      params: idParams,
      body: noticeAnswerBody,
      response: noticeResponse,
      async handler({ actor, params, body, ip, now }) {
        await service.answerNotice(deps, { actor: actor!, ip, now }, params.id, body.answer);
        return service.noticeDetail(db, actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-notices/:id/accept',
      summary: 'Accept the answer; the notice ends 认可答复',
      tag,
      access: office,
      params: idParams,
      body: optionalNoteBody,
      response: noticeResponse,
      async handler({ actor, params, body, ip, now }) {
        await service.acceptNotice(deps, { actor: actor!, ip, now }, params.id, body.note);
        return service.noticeDetail(db, actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-notices/:id/return-answer',
      summary: 'Return the answer; the unit answers again 退回答复',
      tag,
      access: office,
      params: idParams,
      body: reasonBody,
      response: noticeResponse,
      async handler({ actor, params, body, ip, now }) {
        await service.returnAnswer(deps, { actor: actor!, ip, now }, params.id, body.reason);
        return service.noticeDetail(db, actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-notices/:id/withdraw',
      summary: 'Withdraw a live notice 撤回督办单',
      tag,
      access: office,
      params: idParams,
      body: reasonBody,
      response: noticeResponse,
      async handler({ actor, params, body, ip, now }) {
        await service.withdrawNotice(deps, { actor: actor!, ip, now }, params.id, body.reason);
        return service.noticeDetail(db, actor!, params.id, now);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/escalation-rules',
      summary: 'Escalation rules, one per kind of object 督办升级规则',
      tag,
      access: ['office', 'inspector', 'leader'],
      response: escalationRulesResponse,
      handler: () => listEscalationRules(db),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/escalation-rules/:kind',
      summary: "Set a kind's escalation rule (validated: no negative or overlapping ranges) 设置升级规则",
      tag,
      access: office,
      params: escalationKindParams,
      body: escalationRuleBody,
      response: escalationRulesResponse,
      async handler({ actor, params, body, ip, now }) {
        await setEscalationRule(deps, { actor: actor!, ip, now }, params.kind, body.steps);
        return listEscalationRules(db);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/escalation-rules/:kind',
      summary: 'Remove a kind’s rule: it is no longer escalated by schedule 删除升级规则',
      tag,
      access: office,
      params: escalationKindParams,
      async handler({ actor, params, ip, now }) {
        await deleteEscalationRule(deps, { actor: actor!, ip, now }, params.kind);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/escalation/run',
      summary: 'Run the escalation job now (skipped while another instance runs it) 立即执行督办升级',
      tag,
      access: office,
      response: escalationRunResponse,
      handler: ({ now }) => runEscalationLocked(deps.database, now),
    }),
  ];
}
