import { taskSettings } from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { route, type RouteDef } from '../../http/route.ts';
import { refreshStaleLights } from '../tasks/task-light.service.ts';
import * as service from './settings.service.ts';

export function settingsRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/settings/tasks',
      summary: 'Task settings: sign-for days, light thresholds 任务设置',
      tag: 'settings',
      access: 'signed-in',
      response: taskSettings,
      handler: () => service.getTaskSettings(deps.database.db),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/settings/tasks',
      summary: 'Change the task settings 修改任务设置',
      tag: 'settings',
      access: capabilities['campaigns.manage'],
      body: taskSettings,
      response: taskSettings,
      async handler({ actor, body, ip, now }) {
        const next = await service.setTaskSettings(deps, { actor: actor!, ip, now }, body);
        await refreshStaleLights(deps.database.db, now, next);
        return next;
      },
    }),
  ];
}
