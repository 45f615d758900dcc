import {
  publicBoardList,
  publicBoardResponse,
  publicSurveyResponse,
  surveyAnswerBody,
  surveyAnswerResponse,
  surveyTokenParams,
} from '../../../domain/contracts/evaluation.ts';
import type { AppDeps } from '../../deps.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import { randomToken } from '../../lib/crypto.ts';
import { publicBoard, publicBoardList as listBoards } from './public.service.ts';
import * as survey from './survey.service.ts';

/** The cookie that tells one phone or browser from another for the survey (a random id, nothing else). */
export const DEVICE_COOKIE = 'luoshi_device';

/**
 * Public addresses, no sign-in: the published boards (晾晒) and the survey
 * (群众口碑评价). Nothing here shows a preview, a record, or who answered.
 */
export function publicRoutes(deps: AppDeps): RouteDef[] {
  const db = deps.database.db;
  const tag = 'public';
  const cookie = {
    path: '/api/v1/public/surveys',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.session.cookieSecure,
    maxAge: 400 * 24 * 3600,
  };
  return [
    route({
      method: 'GET',
      url: '/api/v1/public/boards',
      summary: 'Published boards, for anyone 公开晾晒',
      tag,
      access: 'public',
      response: publicBoardList,
      handler: () => listBoards(db),
    }),
    route({
      method: 'GET',
      url: '/api/v1/public/boards/:id',
      summary: 'One published board: ranks, grades, 环比 and open problems (双晒双亮) 公开排名榜',
      tag,
      access: 'public',
      params: idParams,
      response: publicBoardResponse,
      handler: ({ params }) => publicBoard(db, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/public/surveys/:token',
      summary: "A unit's satisfaction survey (gives the device its id cookie) 群众口碑评价",
      tag,
      access: 'public',
      params: surveyTokenParams,
      response: publicSurveyResponse,
      async handler({ req, reply, params, now }) {
        let device = req.cookies[DEVICE_COOKIE];
        if (!device || device.length > 100) {
          device = randomToken(18);
          reply.setCookie(DEVICE_COOKIE, device, cookie);
        }
        return survey.publicSurvey(db, params.token, device, now);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/public/surveys/:token/answers',
      summary: 'Answer a survey: one per device (and phone) per unit and month, rate-limited 提交评价',
      tag,
      access: 'public',
      params: surveyTokenParams,
      body: surveyAnswerBody,
      response: surveyAnswerResponse,
      status: 201,
      async handler({ req, reply, params, body, ip, now }) {
        let device = req.cookies[DEVICE_COOKIE];
        if (!device || device.length > 100) {
          device = randomToken(18);
          reply.setCookie(DEVICE_COOKIE, device, cookie);
        }
        return survey.answerSurvey(db, params.token, body, device, ip, now);
      },
    }),
  ];
}
