import {
  assignBody,
  bulkAssignBody,
  bulkDeadlineBody,
  bulkResponse,
  claimClosingBody,
  claimReceipt,
  deadlineBody,
  measuresBody,
  mergeBody,
  negativeListQuery,
  negativeListResponse,
  problemCreateBody,
  problemDetail,
  problemImportQuery,
  problemImportResponse,
  problemListQuery,
  problemListResponse,
  progressBody,
  statisticsQuery,
  statisticsResponse,
  type StatisticsResponse,
} from '../../../domain/contracts/problems.ts';
import { optionalNoteBody, reasonBody } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { sendXlsx, XLSX_MIME } from '../../http/download.ts';
import { idParams, JsonText, route, type RouteDef } from '../../http/route.ts';
import { uploadedFile } from '../../http/upload.ts';
import { ValidatedCache } from '../../lib/validated-cache.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import type { AttachmentsOf } from '../tasks/task-detail.service.ts';
import type { TaskRouteHooks } from '../tasks/tasks.routes.ts';
import { cachedNegativeList, negativeList } from './negative-list.service.ts';
import { StatisticsCache } from './problem-statistics.cache.ts';
import { problemStatistics } from './problem-statistics.service.ts';
import {
  draftsOf,
  loadProblemSheetLookups,
  measuresText,
  PROBLEM_SHEET_MAX_ROWS,
  problemTemplate,
  readProblemSheet,
  statisticsFilterWords,
  writeNegativeList,
  writeProblemSheet,
  writeStatistics,
} from './problems-excel.service.ts';
import { listCounts, listProblems, problemDetail as loadDetail } from './problems.presenter.ts';
import { measuresOf } from './problems.repository.ts';
import * as service from './problems.service.ts';

const noAttachments: AttachmentsOf = () => Promise.resolve(new Map());

/** 问题清单 and 整改: the problems API. */
export function problemRoutes(deps: AppDeps, hooks: TaskRouteHooks = {}): RouteDef[] {
  const readers = capabilities['problems.browse'];
  const recorders = capabilities['problems.record'];
  const manage = capabilities['problems.manage'];
  const unit = capabilities['problems.unit'];
  const db = deps.database.db;
  // Negative lists: kept per unit, query and day while no problem-related table has changed (see ValidatedCache).
  const negativeLists = new ValidatedCache(deps.config.listCacheSeconds * 1000, 2000, 'problems');
  const statsCache =
    deps.config.statsCacheQueries > 0 ? new StatisticsCache(deps.config.statsCacheQueries) : undefined;
  const detail = (actor: Actor, id: number, now: Date) =>
    loadDetail(db, actor, id, now, hooks.attachmentsOf ?? noAttachments);
  const attachFor = (actor: Actor, ids: readonly number[]): service.ClaimFiles | undefined =>
    ids.length === 0
      ? undefined
      : (tx, ownerType, ownerId) =>
          hooks.claim
            ? hooks.claim(tx, actor, ids, ownerType, ownerId)
            : Promise.reject(fail('not_found', 'body.attachmentIds'));
  return [
    route({
      method: 'GET',
      url: '/api/v1/problems',
      summary: 'Problems with filters, newest first 问题清单',
      tag: 'problems',
      access: readers,
      query: problemListQuery,
      response: problemListResponse,
      async handler({ actor, query, now }) {
        const [page, counts] = await Promise.all([
          listProblems(db, actor!, now, query),
          listCounts(db, actor!, now, query),
        ]);
        return { ...page, counts };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems',
      summary: 'Record a problem (a unit: its own self-inspection problem) 录入问题',
      tag: 'problems',
      access: [...recorders, ...unit],
      body: problemCreateBody,
      response: problemDetail,
      status: 201,
      async handler({ actor, body, ip, now }) {
        const id = await service.createProblem(
          deps,
          { actor: actor!, ip, now },
          body,
          attachFor(actor!, body.attachmentIds),
        );
        return detail(actor!, id, now);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/problems.xlsx',
      summary: 'Export problems (the import format, filters applied) 导出问题清单',
      tag: 'problems',
      access: readers,
      query: problemListQuery.omit({ limit: true, offset: true }),
      produces: XLSX_MIME,
      async handler({ reply, actor, query, now }) {
        const { items } = await listProblems(db, actor!, now, {
          ...query,
          limit: PROBLEM_SHEET_MAX_ROWS,
          offset: 0,
        });
        const ids = items.map((p) => p.id);
        const [drafts, measures, lookups] = await Promise.all([
          draftsOf(db, ids),
          measuresOf(db, ids),
          loadProblemSheetLookups(db, null),
        ]);
        const rows = items.map((summary) => ({
          summary,
          draft: drafts.get(summary.id)!,
          measures: measuresText(measures.get(summary.id) ?? []),
        }));
        return sendXlsx(reply, await writeProblemSheet(rows, lookups), '问题清单.xlsx');
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/problem-sheet/template.xlsx',
      summary: 'The findings sheet template 问题清单模板',
      tag: 'problems',
      access: recorders,
      produces: XLSX_MIME,
      handler: async ({ reply, actor }) =>
        sendXlsx(reply, await problemTemplate(await loadProblemSheetLookups(db, actor)), '问题清单模板.xlsx'),
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/import',
      summary: 'Import a findings sheet, all or nothing, with a row-by-row report 导入问题清单',
      tag: 'problems',
      access: recorders,
      query: problemImportQuery,
      multipart: { field: 'file' },
      response: problemImportResponse,
      status: 201,
      async handler({ req, actor, query, ip, now }) {
        const campaignId = query.campaignId ?? null;
        if (campaignId !== null) await openCampaignForTasks(db, campaignId, 'query.campaignId');
        const file = await uploadedFile(req, deps.config.maxUploadBytes);
        const rows = await readProblemSheet(file.bytes, await loadProblemSheetLookups(db, actor!));
        const c = { actor: actor!, ip, now };
        const problemIds = await db.transaction(async (tx) => {
          if (campaignId !== null) await openCampaignForTasks(tx, campaignId, 'query.campaignId');
          const ids: number[] = [];
          for (const r of rows)
            ids.push(await service.insertProblemLocked(tx, c, r.draft, campaignId, `file.row${r.row}`));
          await recordChange(tx, c, 'problem', 'problem.import', null, null, {
            campaignId,
            filename: file.filename,
            rows: rows.length,
            firstId: ids[0],
            lastId: ids[ids.length - 1],
          });
          return ids;
        });
        return { imported: problemIds.length, problemIds };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/problem-statistics',
      summary: 'Found, closed, closing rate, open, overdue, on schedule, returned, rebound, grouped 问题统计',
      tag: 'problems',
      access: readers,
      query: statisticsQuery,
      response: statisticsResponse,
      handler: ({ actor, query, now }) => problemStatistics(db, actor!, now, query, statsCache),
    }),
    route({
      method: 'GET',
      url: '/api/v1/problem-statistics.xlsx',
      summary: 'Export the statistics as shown (the same query), with a total row 导出问题统计',
      tag: 'problems',
      access: readers,
      query: statisticsQuery,
      produces: XLSX_MIME,
      async handler({ reply, actor, query, now }) {
        const [shown, filters] = await Promise.all([
          problemStatistics(db, actor!, now, query, statsCache),
          statisticsFilterWords(db, query),
        ]);
        // The figures as the page shows them (kept answers come as JSON text).
        const stats: StatisticsResponse =
          shown instanceof JsonText ? (JSON.parse(shown.text.toString()) as StatisticsResponse) : shown;
        return sendXlsx(reply, await writeStatistics(stats, filters), `问题统计-${stats.asOf}.xlsx`);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/units/:id/negative-list',
      summary: "A unit's negative list: open problems with measures, owners, deadlines 负面清单",
      tag: 'problems',
      access: readers,
      params: idParams,
      query: negativeListQuery,
      response: negativeListResponse,
      handler: async ({ actor, params, query, now }) =>
        new JsonText(await cachedNegativeList(db, actor!, params.id, now, query, negativeLists)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/units/:id/negative-list.xlsx',
      summary: "Export a unit's negative list 导出负面清单",
      tag: 'problems',
      access: readers,
      params: idParams,
      query: negativeListQuery,
      produces: XLSX_MIME,
      async handler({ reply, actor, params, query, now }) {
        const list = await negativeList(db, actor!, params.id, now, query);
        return sendXlsx(reply, await writeNegativeList(list), `${list.unit.name}-负面清单-${list.asOf}.xlsx`);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/bulk-assign',
      summary: 'Assign many problems to one unit, all or nothing 批量交办',
      tag: 'problems',
      access: manage,
      body: bulkAssignBody,
      response: bulkResponse,
      async handler({ actor, body, ip, now }) {
        const ids = await service.bulkAssign(deps, { actor: actor!, ip, now }, body);
        return { updated: ids.length, ids };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/bulk-deadline',
      summary: 'Set the deadline of many problems, all or nothing 批量设置整改时限',
      tag: 'problems',
      access: manage,
      body: bulkDeadlineBody,
      response: bulkResponse,
      async handler({ actor, body, ip, now }) {
        const ids = await service.bulkSetDeadline(deps, { actor: actor!, ip, now }, body);
        return { updated: ids.length, ids };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/deadline',
      summary: 'Set the deadline of one open problem 调整整改时限',
      tag: 'problems',
      access: manage,
      params: idParams,
      body: deadlineBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.setDeadline(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/problems/:id',
      summary: 'One problem with its measures, evidence and history 问题详情',
      tag: 'problems',
      access: readers,
      params: idParams,
      response: problemDetail,
      handler: ({ actor, params, now }) => detail(actor!, params.id, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/assign',
      summary: 'Assign a problem to a (new) responsible unit 交办',
      tag: 'problems',
      access: manage,
      params: idParams,
      body: assignBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.assignProblem(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/measures',
      summary: 'File (or revise) the rectification measures 制定整改措施',
      tag: 'problems',
      access: unit,
      params: idParams,
      body: measuresBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.fileMeasures(deps, { actor: actor!, ip, now }, params.id, body.measures);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/progress',
      summary: "Report a long-term problem's progress against its stage targets 报告整改进度",
      tag: 'problems',
      access: unit,
      params: idParams,
      body: progressBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.reportProgress(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/claim-closing',
      summary: 'Claim closing with evidence 申请销号',
      tag: 'problems',
      access: unit,
      params: idParams,
      body: claimClosingBody,
      response: claimReceipt,
      handler: ({ actor, params, body, ip, now }) =>
        service.claimClosing(
          deps,
          { actor: actor!, ip, now },
          params.id,
          body,
          attachFor(actor!, body.attachmentIds),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/close',
      summary: 'Verify a claim and close the problem 审核销号',
      tag: 'problems',
      access: recorders,
      params: idParams,
      body: optionalNoteBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.closeProblem(deps, { actor: actor!, ip, now }, params.id, body.note);
        return detail(actor!, params.id, now);
      },
    }),
    ...(
      [
        ['return', 'Return a claim for rework, with a reason 退回重改', service.returnProblem],
        [
          'reopen',
          'Reopen a closed problem after a look-back, with a reason 回头看反弹',
          service.reopenProblem,
        ],
        ['dismiss', 'Dismiss a problem as unfounded, with a reason 不属实', service.dismissProblem],
      ] as const
    ).map(([verb, summary, fn]) =>
      route({
        method: 'POST',
        url: `/api/v1/problems/:id/${verb}`,
        summary,
        tag: 'problems',
        access: recorders,
        params: idParams,
        body: reasonBody,
        response: problemDetail,
        async handler({ actor, params, body, ip, now }) {
          await fn(deps, { actor: actor!, ip, now }, params.id, body.reason);
          return detail(actor!, params.id, now);
        },
      }),
    ),
    route({
      method: 'POST',
      url: '/api/v1/problems/:id/merge',
      summary: 'Merge a duplicate into another problem 合并重复问题',
      tag: 'problems',
      access: manage,
      params: idParams,
      body: mergeBody,
      response: problemDetail,
      async handler({ actor, params, body, ip, now }) {
        await service.mergeProblem(deps, { actor: actor!, ip, now }, params.id, body);
        return detail(actor!, params.id, now);
      },
    }),
  ];
}
