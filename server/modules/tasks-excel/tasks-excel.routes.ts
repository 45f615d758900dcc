import { sql, type SQL } from 'drizzle-orm';
import {
  importResponse,
  myTasksQuery,
  taskListQuery,
  type TaskSummary,
} from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { sendXlsx } from '../../http/download.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { uploadedFile } from '../../http/upload.ts';
import { exportList } from '../../lib/xlsx/index.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { campaignReaders, getCampaign, openCampaignForTasks } from '../campaigns/campaigns.service.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { draftsOf, findTasks } from '../tasks/tasks.repository.ts';
import { myTasksBase } from '../tasks/tasks.routes.ts';
import { insertDrafts, listTasks, taskFilters } from '../tasks/tasks.service.ts';
import { visibleTasks } from '../tasks/tasks.policy.ts';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import {
  loadTaskSheetLookups,
  readTaskSheet,
  taskTemplate,
  TASK_SHEET_MAX_ROWS,
  writeTaskSheet,
} from './tasks-excel.service.ts';

const statusZh: Record<TaskSummary['status'], string> = {
  draft: '草稿',
  issued: '已下达',
  signed: '已签收',
  in_progress: '推进中',
  completion_claimed: '申请办结',
  done: '已办结',
};
const lightZh = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;

/** A task list with its lights as a workbook (for the unit's and the leader's lists). */
function exportSummaries(items: TaskSummary[], sheetName: string): Promise<Buffer> {
  return exportList(
    items,
    [
      { header: '编号', en: 'code', value: (t) => t.code },
      { header: '任务名称', en: 'title', value: (t) => t.title },
      { header: '专项行动', en: 'campaign', value: (t) => t.campaignName },
      { header: '牵头单位', en: 'lead unit', value: (t) => t.leadUnit.name },
      { header: '包保领导', en: 'leaders', value: (t) => t.leaders.map((l) => l.name).join('、') },
      { header: '完成时限', en: 'deadline', value: (t) => t.deadline },
      { header: '状态', en: 'status', value: (t) => statusZh[t.status] },
      { header: '进度(%)', en: 'progress', value: (t) => t.progress },
      { header: '红黄绿灯', en: 'light', value: (t) => (t.light ? lightZh[t.light] : '') },
      { header: '灯色理由', en: 'reason', value: (t) => t.lightReason?.zh ?? '' },
      { header: '迟报漏报次数', en: 'late reports', value: (t) => t.lateReports },
      { header: '下次报送截止', en: 'next report due', value: (t) => t.nextReportDue ?? '' },
    ],
    { sheetName },
  );
}

/** Every task matching a list's filters (up to the sheet limit), as summaries. */
async function allOf(deps: AppDeps, actor: Actor, now: Date, base: SQL, q: object) {
  return listTasks(deps, actor, now, base, { ...q, limit: TASK_SHEET_MAX_ROWS, offset: 0 });
}

/** Excel in and out for task lists: template, all-or-nothing import, exports with the filters applied. */
export function taskExcelRoutes(deps: AppDeps): RouteDef[] {
  const office = capabilities['campaigns.manage'];
  const db = deps.database.db;
  return [
    route({
      method: 'GET',
      url: '/api/v1/task-sheet/template.xlsx',
      summary: 'The task-list Excel template 任务清单模板',
      tag: 'tasks',
      access: office,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ reply }) => sendXlsx(reply, await taskTemplate(), '任务清单模板.xlsx'),
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/tasks/import',
      summary: 'Import a task list from Excel, all or nothing 导入任务清单',
      tag: 'tasks',
      access: office,
      params: idParams,
      multipart: { field: 'file' },
      response: importResponse,
      status: 201,
      async handler({ req, actor, params, ip, now }) {
        const campaign = await openCampaignForTasks(db, params.id);
        const file = await uploadedFile(req, deps.config.maxUploadBytes);
        const rows = await readTaskSheet(
          file.bytes,
          await loadTaskSheetLookups(db, params.id, { leadersOnly: true }),
        );
        const c = { actor: actor!, ip, now };
        const taskIds = await db.transaction(async (tx) => {
          await openCampaignForTasks(tx, params.id);
          const ids = await insertDrafts(
            tx,
            c,
            params.id,
            rows.map((r) => r.draft),
            await getTaskSettings(tx),
            { prefix: (i) => `file.row${rows[i]!.row}` },
          );
          await recordChange(tx, c, 'campaign', 'task.import', params.id, null, {
            campaign: campaign.name,
            filename: file.filename,
            rows: rows.length,
          });
          return ids;
        });
        return { imported: taskIds.length, taskIds };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/tasks.xlsx',
      summary: "Export a campaign's task list (the import format, filters applied) 导出任务清单",
      tag: 'tasks',
      access: campaignReaders,
      params: idParams,
      query: taskListQuery,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      async handler({ reply, actor, params, query, now }) {
        const campaign = await getCampaign(db, actor!, params.id, now);
        const where = sql.join(
          [sql`t.campaign_id = ${params.id}`, visibleTasks(actor!), ...taskFilters(query, shanghaiDate(now))],
          sql` AND `,
        );
        const rows = await findTasks(db, where, { limit: TASK_SHEET_MAX_ROWS, offset: 0 }, sql`t.code, t.id`);
        const drafts = await draftsOf(
          db,
          rows.map((r) => r.id),
        );
        const lookups = await loadTaskSheetLookups(db, null);
        return sendXlsx(reply, await writeTaskSheet(drafts, lookups), `${campaign.name}-任务清单.xlsx`);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/tasks/mine.xlsx',
      summary: "Export my unit's tasks with their lights 导出我的任务",
      tag: 'tasks',
      access: capabilities['tasks.unit'],
      query: myTasksQuery,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      async handler({ reply, actor, query, now }) {
        const { items } = await allOf(deps, actor!, now, await myTasksBase(deps, query, now), { ...query });
        return sendXlsx(reply, await exportSummaries(items, '我的任务'), '我的任务.xlsx');
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/tasks/portfolio.xlsx',
      summary: "Export a leader's portfolio with lights 导出包保任务",
      tag: 'tasks',
      access: capabilities['tasks.portfolio'],
      query: taskListQuery,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      async handler({ reply, actor, query, now }) {
        const { items } = await allOf(
          deps,
          actor!,
          now,
          sql`EXISTS (SELECT 1 FROM task_leaders tl WHERE tl.task_id = t.id AND tl.person_id = ${actor!.id})`,
          query,
        );
        return sendXlsx(reply, await exportSummaries(items, '包保任务'), '包保任务.xlsx');
      },
    }),
  ];
}
