import { z } from 'zod';
import {
  decisionToTaskBody,
  meetingBody,
  meetingResponse,
  taskDetail,
} from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { taskDetail as loadDetail } from '../tasks/task-detail.service.ts';
import { getCampaign } from '../campaigns/campaigns.service.ts';
import * as service from './meetings.service.ts';

const decisionParams = z.strictObject({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  decisionId: z.coerce.number().int().positive().max(2_147_483_647),
});

/** 调度会: the office records dispatch meetings; leaders and inspectors read them. */
export function meetingRoutes(deps: AppDeps): RouteDef[] {
  const office = capabilities['campaigns.manage'];
  const readers = capabilities['campaigns.browse'];
  const db = deps.database.db;
  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/meetings',
      summary: 'Dispatch meetings of a campaign 调度会列表',
      tag: 'meetings',
      access: readers,
      params: idParams,
      response: z.array(meetingResponse),
      async handler({ actor, params, now }) {
        await getCampaign(db, actor!, params.id, now);
        return service.listMeetings(db, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/meetings',
      summary: 'Record a dispatch meeting 记录调度会',
      tag: 'meetings',
      access: office,
      params: idParams,
      body: meetingBody,
      response: meetingResponse,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await service.createMeeting(deps, { actor: actor!, ip, now }, params.id, body);
        return service.meetingDetail(db, id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/meetings/:id',
      summary: 'One dispatch meeting 调度会详情',
      tag: 'meetings',
      access: readers,
      params: idParams,
      response: meetingResponse,
      handler: ({ params }) => service.meetingDetail(db, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/meetings/:id/decisions/:decisionId/task',
      summary: 'Turn a decision into an issued task in one step 议定事项转为任务',
      tag: 'meetings',
      access: office,
      params: decisionParams,
      body: decisionToTaskBody,
      response: taskDetail,
      status: 201,
      async handler({ actor, params, body, ip, now }) {
        const id = await service.decisionToTask(
          deps,
          { actor: actor!, ip, now },
          params.id,
          params.decisionId,
          body,
        );
        return loadDetail(db, actor!, id, now);
      },
    }),
  ];
}
