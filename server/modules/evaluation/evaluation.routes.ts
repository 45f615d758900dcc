import { z } from 'zod';
import {
  boardListQuery,
  boardListResponse,
  boardResponse,
  correctBody,
  enteredValuesBody,
  enteredValuesResponse,
  eventBody,
  eventListQuery,
  eventListResponse,
  eventResponse,
  explainResponse,
  periodQuery,
  publishBody,
  recordsQuery,
  recordsResponse,
  schemeCreateBody,
  schemeDetail,
  schemeListQuery,
  schemeListResponse,
  schemeVersionBody,
  schemeVersionResponse,
  surveyLinkBody,
  surveyLinkListResponse,
  surveyLinkResponse,
  valuesImportResponse,
  verifyResponse,
} from '../../../domain/contracts/evaluation.ts';
import { reasonBody } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { sendXlsx, XLSX_MIME } from '../../http/download.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { uploadedFile } from '../../http/upload.ts';
import * as boards from './boards.service.ts';
import { boardReaders, evaluationManagers } from './evaluation.policy.ts';
import * as events from './events.service.ts';
import { presentSummary, schemeDetail as loadDetail } from './schemes.service.ts';
import * as schemes from './schemes.service.ts';
import { listSchemes, getVersion } from './schemes.repository.ts';
import * as survey from './survey.service.ts';
import * as values from './values.service.ts';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const unitParams = z.strictObject({ id: dbId, unitId: dbId });
const indicatorParams = z.strictObject({
  id: dbId,
  unitId: dbId,
  indicatorId: z.string().min(1).max(40),
});
const versionParams = z.strictObject({ id: dbId, version: dbId });
const recordsPeriodQuery = recordsQuery.extend({ period: z.string().trim().min(4).max(10) });

/** 赛马比拼: schemes, entered scores, events, compute (试算), publish (晾晒), correct, boards and explanations. */
export function evaluationRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const readers = boardReaders;
  const office = evaluationManagers;
  const tag = 'evaluation';
  return [
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes',
      summary: 'Evaluation schemes, per campaign 考评方案',
      tag,
      access: readers,
      query: schemeListQuery,
      response: schemeListResponse,
      handler: async ({ query }) => ({
        items: (
          await listSchemes(db, {
            campaignId: query.campaignId,
            includeArchived: query.includeArchived === 'true',
          })
        ).map(presentSummary),
      }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes',
      summary: 'Create a scheme (version 1); the weights must add up to 100 新建考评方案',
      tag,
      access: office,
      body: schemeCreateBody,
      response: schemeDetail,
      status: 201,
      async handler({ actor, body, ip, now }) {
        const id = await schemes.createScheme(db, { actor: actor!, ip, now }, body);
        return loadDetail(db, actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id',
      summary: 'A scheme with its current content and every version 方案详情',
      tag,
      access: readers,
      params: idParams,
      response: schemeDetail,
      handler: ({ actor, params }) => loadDetail(db, actor!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes/:id/versions',
      summary: 'Revise a scheme: a new version with a note; published boards keep theirs 修订方案',
      tag,
      access: office,
      params: idParams,
      body: schemeVersionBody,
      response: schemeDetail,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        await schemes.reviseScheme(db, { actor: actor!, ip, now }, params.id, body);
        return loadDetail(db, actor!, params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/versions/:version',
      summary: 'One version of a scheme, as it was 方案历史版本',
      tag,
      access: readers,
      params: versionParams,
      response: schemeVersionResponse,
      async handler({ params }) {
        const v = await getVersion(db, params.id, params.version);
        if (!v) throw fail('not_found', 'params.version');
        return {
          schemeId: params.id,
          version: v.version,
          name: v.name,
          content: v.content,
          note: v.note,
          createdAt: v.createdAt.toISOString(),
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes/:id/archive',
      summary: 'Archive a scheme (its published boards stay) 停用方案',
      tag,
      access: office,
      params: idParams,
      response: schemeDetail,
      async handler({ actor, params, ip, now }) {
        await schemes.archiveScheme(db, { actor: actor!, ip, now }, params.id);
        return loadDetail(db, actor!, params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/preview',
      summary: "Compute a period from today's records, nothing written 试算排名",
      tag,
      access: office,
      params: idParams,
      query: periodQuery,
      response: boardResponse,
      handler: ({ actor, params, query, now }) =>
        boards.previewBoard(db, actor!, params.id, query.period, now),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/preview/units/:unitId',
      summary: "A unit's explanation in a computed period 试算得分说明",
      tag,
      access: office,
      params: unitParams,
      query: periodQuery,
      response: explainResponse,
      handler: ({ actor, params, query, now }) =>
        boards.previewExplain(db, actor!, params.id, params.unitId, query.period, now),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/preview/units/:unitId/indicators/:indicatorId/records',
      summary: 'The records behind one indicator of a unit, computed now 试算得分依据',
      tag,
      access: office,
      params: indicatorParams,
      query: recordsPeriodQuery,
      response: recordsResponse,
      handler: ({ actor, params, query, now }) =>
        boards.previewRecords(db, actor!, params.id, params.unitId, params.indicatorId, query, now),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes/:id/publish',
      summary: 'Publish a period: freeze its board (scheme version, SM3 input hash, results) 发布晾晒',
      tag,
      access: office,
      params: idParams,
      body: publishBody,
      response: boardResponse,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await boards.publishPeriod(db, { actor: actor!, ip, now }, params.id, body.period);
        return boards.publishedBoard(db, actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/values',
      summary: 'Entered scores and grades of a period 录入得分',
      tag,
      access: office,
      params: idParams,
      query: periodQuery,
      response: enteredValuesResponse,
      handler: ({ params, query }) => values.listValues(db, params.id, query.period),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes/:id/values',
      summary: 'Set or clear entered scores and grades, all or nothing 保存录入得分',
      tag,
      access: office,
      params: idParams,
      body: enteredValuesBody,
      response: valuesImportResponse,
      handler: ({ actor, params, body, ip, now }) =>
        values.setValues(db, { actor: actor!, ip, now }, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/schemes/:id/values.xlsx',
      summary: 'The score sheet of a period, filled with what is stored 得分录入表',
      tag,
      access: office,
      params: idParams,
      query: periodQuery,
      produces: XLSX_MIME,
      async handler({ reply, params, query }) {
        const sheet = await values.valuesSheet(db, params.id, query.period);
        return sendXlsx(reply, sheet.bytes, sheet.name);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/schemes/:id/values/import',
      summary: 'Import a score sheet, all or nothing, with a row-by-row report 导入得分',
      tag,
      access: office,
      params: idParams,
      query: periodQuery,
      multipart: { field: 'file' },
      response: valuesImportResponse,
      status: 201,
      async handler({ req, actor, params, query, ip, now }) {
        const file = await uploadedFile(req, deps.config.maxUploadBytes);
        return values.importValues(db, { actor: actor!, ip, now }, params.id, query.period, file.bytes);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/boards',
      summary: 'Published boards, the latest revision of each period 已发布排名',
      tag,
      access: readers,
      query: boardListQuery,
      response: boardListResponse,
      handler: async ({ query }) => ({
        items: await boards.listPublished(db, {
          schemeId: query.schemeId,
          campaignId: query.campaignId,
          includeSuperseded: query.includeSuperseded === 'true',
        }),
      }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/boards/:id',
      summary: 'A published board, frozen, with every revision of its period 排名榜',
      tag,
      access: readers,
      params: idParams,
      response: boardResponse,
      handler: ({ actor, params }) => boards.publishedBoard(db, actor!, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/boards/:id/units/:unitId',
      summary: "A unit's explanation on a published board 得分说明",
      tag,
      access: readers,
      params: unitParams,
      response: explainResponse,
      handler: ({ actor, params }) => boards.publishedExplain(db, actor!, params.id, params.unitId),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/boards/:id/units/:unitId/indicators/:indicatorId/records',
      summary: 'The records behind one indicator of a unit, as published 得分依据',
      tag,
      access: readers,
      params: indicatorParams,
      query: recordsQuery.omit({ period: true }),
      response: recordsResponse,
      handler: ({ actor, params, query }) =>
        boards.publishedRecords(db, actor!, params.id, params.unitId, params.indicatorId, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/boards/:id/correct',
      summary: 'Correct a published period: the next revision, with a reason; both stay 更正',
      tag,
      access: office,
      params: idParams,
      body: correctBody,
      response: boardResponse,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await boards.correctBoard(db, { actor: actor!, ip, now }, params.id, body.reason);
        return boards.publishedBoard(db, actor!, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/boards/:id/verify',
      summary: 'Check a board: its stored input hashes to the published SM3, and gives the same results 校验',
      tag,
      access: readers,
      params: idParams,
      response: verifyResponse,
      handler: ({ params }) => boards.verifyBoard(db, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/events',
      summary: 'Bonus and penalty events 加减分事项',
      tag,
      access: office,
      query: eventListQuery,
      response: eventListResponse,
      handler: ({ query }) => events.listEvents(db, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/events',
      summary: 'Record an award, a yellow card, a circular… on a unit 录入加减分事项',
      tag,
      access: office,
      body: eventBody,
      response: eventResponse,
      status: 201,
      handler: ({ actor, body, ip, now }) => events.recordEvent(db, { actor: actor!, ip, now }, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/events/:id/withdraw',
      summary: 'Withdraw an event, with a reason (it stays listed) 撤销加减分事项',
      tag,
      access: office,
      params: idParams,
      body: reasonBody,
      response: eventResponse,
      handler: ({ actor, params, body, ip, now }) =>
        events.withdrawEvent(db, { actor: actor!, ip, now }, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/events/sync',
      summary: "Copy supervision's warnings and circulars into the events 同步督查事项",
      tag,
      access: office,
      response: z.object({
        feeds: z.array(
          z.object({ origin: z.string(), events: z.number().int(), withdrawn: z.number().int() }),
        ),
      }),
      handler: ({ actor, ip, now }) => events.syncEventFeeds(db, { actor: actor!, ip, now }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evaluation/survey-links',
      summary: "Units' public survey links and this month's answers 群众口碑问卷",
      tag,
      access: office,
      query: z.strictObject({ peerGroupId: z.coerce.number().int().positive().optional() }),
      response: surveyLinkListResponse,
      handler: ({ query, now }) => survey.listLinks(db, now, query.peerGroupId),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evaluation/survey-links',
      summary: 'Give a unit its survey link, or a new one (rotate) 生成问卷链接',
      tag,
      access: office,
      body: surveyLinkBody,
      response: surveyLinkResponse,
      handler: ({ actor, body, ip, now }) =>
        survey.ensureLink(db, { actor: actor!, ip, now }, body.unitId, body.rotate),
    }),
  ];
}
