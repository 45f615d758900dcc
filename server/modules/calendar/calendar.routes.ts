import {
  calendarDateParams,
  calendarDayBody,
  calendarQuery,
  calendarResponse,
} from '../../../domain/contracts/calendar.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { route, type RouteDef } from '../../http/route.ts';
import * as service from './calendar.service.ts';

export function calendarRoutes(deps: AppDeps): RouteDef[] {
  const manage = capabilities['calendar.manage'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/calendar',
      summary: 'Working-day calendar of a year 工作日历',
      tag: 'calendar',
      access: 'signed-in',
      query: calendarQuery,
      response: calendarResponse,
      handler: ({ query }) => service.calendarOfYear(deps, query.year),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/calendar/:date',
      summary: 'Set a holiday or a make-up working day 设置节假日或调休上班日',
      tag: 'calendar',
      access: manage,
      params: calendarDateParams,
      body: calendarDayBody,
      response: calendarResponse,
      async handler({ actor, params, body, ip, now }) {
        await service.setCalendarDay(deps, { actor: actor!, ip, now }, { date: params.date, ...body });
        return service.calendarOfYear(deps, Number(params.date.slice(0, 4)));
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/calendar/:date',
      summary: 'Make a day ordinary again 恢复为普通日',
      tag: 'calendar',
      access: manage,
      params: calendarDateParams,
      response: calendarResponse,
      async handler({ actor, params, ip, now }) {
        await service.clearCalendarDay(deps, { actor: actor!, ip, now }, params.date);
        return service.calendarOfYear(deps, Number(params.date.slice(0, 4)));
      },
    }),
  ];
}
