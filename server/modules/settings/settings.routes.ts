import { taskSettings } from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { route, type RouteDef } from '../../http/route.ts';
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
      handler: ({ actor, body, ip, now }) => service.setTaskSettings(deps, { actor: actor!, ip, now }, body),
    }),
  ];
}
