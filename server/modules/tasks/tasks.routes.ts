import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, isoWeekday, shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import {
  answerBody,
  changeRequestBody,
  completionBody,
  instructionBody,
  myTasksQuery,
  optionalNoteBody,
  reasonBody,
  reportBody,
  reportReceipt,
  splitBody,
  taskDetail,
  taskDraft,
  taskListQuery,
  taskListResponse,
  taskUpdateBody,
} from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import { fail } from '../../../domain/errors.ts';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { ValidatedCache } from '../../lib/validated-cache.ts';
import type { Actor } from '../../http/actor.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { campaignReaders } from '../campaigns/campaigns.service.ts';
import * as reports from '../reports/reports.service.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { owesReportSql } from './current-period.ts';
import { taskDetail as loadDetail, type AttachmentsOf } from './task-detail.service.ts';
import * as extras from './task-extras.service.ts';
import * as service from './tasks.service.ts';

const idList = z.object({ ids: z.array(z.number().int()) });

/** The start and end (Monday–Sunday) of the week of a date. */
function weekOf(date: string): { start: string; end: string } {
  const start = addDays(date, 1 - isoWeekday(date));
  return { start, end: addDays(start, 6) };
}

/** What the attachments module lends the task routes. */
export interface TaskRouteHooks {
  attachmentsOf?: AttachmentsOf;
  /** Gives uploaded files (ids) an owner, inside the owner's transaction; 404 for a file not the caller's. */
  claim?: (
    tx: Parameters<reports.Attach>[0],
    actor: Actor,
    ids: readonly number[],
    ownerType: string,
    ownerId: number,
  ) => Promise<void>;
}

/** The condition of "my tasks" with its switches (due this week, reports to approve, instructions to answer). */
export async function myTasksBase(
  deps: AppDeps,
  query: {
    dueThisWeek?: boolean | undefined;
    pendingReports?: boolean | undefined;
    openInstructions?: boolean | undefined;
  },
  now: Date,
): Promise<SQL> {
  const today = shanghaiDate(now);
  const conds = [sql`t.status <> 'draft'`];
  if (query.dueThisWeek) {
    const s = await getTaskSettings(deps.database.db);
    const week = weekOf(today);
    conds.push(sql`(t.status NOT IN ('draft', 'done') AND (t.deadline BETWEEN ${week.start}::date AND ${week.end}::date
      OR t.status = 'issued' OR ${owesReportSql(today, s.reportGraceDays)}))`);
  }
  if (query.pendingReports)
    conds.push(sql`EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.status = 'submitted')`);
  if (query.openInstructions)
    conds.push(sql`EXISTS (SELECT 1 FROM instructions i WHERE i.task_id = t.id AND i.answer IS NULL)`);
  return sql.join(conds, sql` AND `);
}

export function taskRoutes(deps: AppDeps, hooks: TaskRouteHooks = {}): RouteDef[] {
  const office = capabilities['campaigns.manage'];
  const unit = capabilities['tasks.unit'];
  const leader = capabilities['tasks.portfolio'];
  const db = deps.database.db;
  // Task lists: kept per caller, query and day while no task-related table has changed (see ValidatedCache).
  const lists = new ValidatedCache(deps.config.listCacheSeconds * 1000);
  const cachedList = (
    url: string,
    reply: FastifyReply,
    actor: Actor,
    now: Date,
    compute: () => Promise<unknown>,
  ) => {
    reply.type('application/json; charset=utf-8');
    const key = `${url}\n${actor.id}\n${JSON.stringify(actor.roles)}\n${shanghaiDate(now)}`;
    return lists.json(db, key, compute);
  };
  const detail = (actor: Parameters<typeof loadDetail>[1], id: number, now: Date) =>
    loadDetail(db, actor, id, now, hooks.attachmentsOf);
  const attachFor = (actor: Actor, ids: readonly number[]): reports.Attach | undefined =>
    ids.length === 0
      ? undefined
      : (tx, ownerType, ownerId) =>
          hooks.claim
            ? hooks.claim(tx, actor, ids, ownerType, ownerId)
            : Promise.reject(fail('not_found', 'body.attachmentIds'));
  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/tasks',
      summary: "A campaign's task list with filters and counts per light 任务清单",
      tag: 'tasks',
      access: campaignReaders,
      params: idParams,
      query: taskListQuery,
      response: taskListResponse,
      handler: ({ req, reply, actor, params, query, now }) =>
        cachedList(req.url, reply, actor!, now, () =>
          service.listTasks(deps, actor!, now, sql`t.campaign_id = ${params.id}`, query, sql`t.code, t.id`),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/tasks',
      summary: 'Add a task (draft) to a campaign 新建任务',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: taskDraft,
      response: taskDetail,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await service.createTask(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/issue-drafts',
      summary: 'Issue every draft task of a campaign 批量下达',
      tag: 'tasks',
      access: office,
      params: idParams,
      response: z.object({ issued: z.number().int() }),
      handler: async ({ actor, params, ip, now }) => ({
        issued: await service.issueAllDrafts(deps, { actor: actor!, ip, now }, params.id),
      }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/tasks/mine',
      summary: "My unit's tasks, and what is due this week 我的任务",
      tag: 'tasks',
      access: unit,
      query: myTasksQuery,
      response: taskListResponse,
      handler: ({ req, reply, actor, query, now }) =>
        cachedList(req.url, reply, actor!, now, async () => {
          const base = await myTasksBase(deps, query, now);
          return service.listTasks(deps, actor!, now, base, query, sql`t.status = 'done', t.deadline, t.id`);
        }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/tasks/portfolio',
      summary: "The tasks in a leader's portfolio 包保任务",
      tag: 'tasks',
      access: leader,
      query: taskListQuery,
      response: taskListResponse,
      handler: ({ req, reply, actor, query, now }) =>
        cachedList(req.url, reply, actor!, now, () =>
          service.listTasks(
            deps,
            actor!,
            now,
            sql`EXISTS (SELECT 1 FROM task_leaders tl WHERE tl.task_id = t.id AND tl.person_id = ${actor!.id})`,
            query,
            sql`t.light = 'red' DESC, t.light = 'yellow' DESC, t.deadline, t.id`,
          ),
        ),
    }),
    route({
      method: 'GET',
      url: '/api/v1/tasks/:id',
      summary: 'One task with its reports, requests and instructions 任务详情',
      tag: 'tasks',
      access: 'signed-in',
      params: idParams,
      response: taskDetail,
      handler: ({ actor, params, now }) => detail(actor!, params.id, now),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/tasks/:id',
      summary: 'Edit a draft task 修改草稿任务',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: taskUpdateBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.updateDraft(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/tasks/:id',
      summary: 'Delete a draft task that was never issued 删除草稿任务',
      tag: 'tasks',
      access: office,
      params: idParams,
      handler: ({ actor, params, ip, now }) =>
        service.deleteDraft(deps, { actor: actor!, ip, now }, params.id),
    }),
    ...(
      [
        ['issue', 'Issue a task to its lead unit 下达', office, service.issueTask],
        ['sign', 'Sign for an issued task 签收', unit, service.signTask],
        ['verify-completion', 'Verify a completion claim 审核办结', office, service.verifyCompletion],
      ] as const
    ).map(([verb, summary, access, fn]) =>
      route({
        method: 'POST',
        url: `/api/v1/tasks/:id/${verb}`,
        summary,
        tag: 'tasks',
        access,
        params: idParams,
        response: taskDetail,
        async handler({ actor, params, ip, now }) {
          await fn(deps, { actor: actor!, ip, now }, params.id);
          return detail(actor!, params.id, now);
        },
      }),
    ),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/split',
      summary: 'Split a task into subtasks for lower units 分解任务',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: splitBody,
      response: idList,
      status: 201,
      handler: async ({ actor, params, body, ip, now }) => ({
        ids: await service.splitTask(deps, { actor: actor!, ip, now }, params.id, body),
      }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/claim-completion',
      summary: 'Claim completion with evidence 申请办结',
      tag: 'tasks',
      access: unit,
      params: idParams,
      body: completionBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.claimCompletion(
          deps,
          { actor: actor!, ip, now },
          params.id,
          body,
          attachFor(actor!, body.attachmentIds),
        );
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/send-back',
      summary: 'Send a completion claim back 退回办结申请',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: reasonBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.sendBack(deps, { actor: actor!, ip, now }, params.id, body.reason);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/reports',
      summary: "Write this period's progress report 进度报送",
      tag: 'reports',
      access: unit,
      params: idParams,
      body: reportBody,
      response: reportReceipt,
      status: 201,
      handler: ({ actor, params, body, ip, now }) =>
        reports.submitProgress(
          deps,
          { actor: actor!, ip, now },
          params.id,
          body,
          attachFor(actor!, body.attachmentIds),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/reports/:id/approve',
      summary: 'The unit head approves a report; the office receives it 审核通过报送',
      tag: 'reports',
      access: ['head'],
      params: idParams,
      response: z.object({ taskId: z.number().int().nullable(), itemId: z.number().int().nullable() }),
      handler: ({ actor, params, ip, now }) =>
        reports.approveReport(deps, { actor: actor!, ip, now }, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/reports/:id/return',
      summary: 'The unit head sends a report back to the liaison 退回报送',
      tag: 'reports',
      access: ['head'],
      params: idParams,
      body: reasonBody,
      response: z.object({ taskId: z.number().int().nullable(), itemId: z.number().int().nullable() }),
      handler: ({ actor, params, body, ip, now }) =>
        reports.returnReport(deps, { actor: actor!, ip, now }, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/change-requests',
      summary: 'Ask to move the deadline or change the target 调整申请',
      tag: 'tasks',
      access: unit,
      params: idParams,
      body: changeRequestBody,
      response: taskDetail,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        await extras.requestChange(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/change-requests/:id/approve',
      summary: 'Approve a change request (it is applied) 批准调整申请',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: optionalNoteBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        const taskId = await extras.decideChange(
          deps,
          { actor: actor!, ip, now },
          params.id,
          'approved',
          body.note,
        );
        return detail(actor!, taskId, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/change-requests/:id/reject',
      summary: 'Reject a change request 驳回调整申请',
      tag: 'tasks',
      access: office,
      params: idParams,
      body: reasonBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        const taskId = await extras.decideChange(
          deps,
          { actor: actor!, ip, now },
          params.id,
          'rejected',
          body.reason,
        );
        return detail(actor!, taskId, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/tasks/:id/instructions',
      summary: 'Write a leader instruction on a task 领导批示',
      tag: 'tasks',
      access: leader,
      params: idParams,
      body: instructionBody,
      response: taskDetail,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        await extras.instruct(deps, { actor: actor!, ip, now }, params.id, body.text);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/instructions/:id/answer',
      summary: "Answer a leader's instruction 回复批示",
      tag: 'tasks',
      access: unit,
      params: idParams,
      body: answerBody,
      response: taskDetail,
      async handler({ actor, params, body, ip, now }) {
        const taskId = await extras.answer(deps, { actor: actor!, ip, now }, params.id, body.answer);
        return detail(actor!, taskId, now);
      },
    }),
  ];
}
