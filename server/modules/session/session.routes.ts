import { z } from 'zod';
import {
  changePasswordBody,
  sessionResponse,
  signInBody,
  type SessionResponse,
} from '../../../domain/contracts/session.ts';
import { capabilitiesOf } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { route, type RouteDef } from '../../http/route.ts';
import { unitNames } from '../units/units.repository.ts';
import * as service from './session.service.ts';

export const SESSION_COOKIE = 'luoshi_session';

/** Presents the caller as `GET /api/v1/session` shows them. */
export async function presentSession(deps: AppDeps, actor: Actor): Promise<SessionResponse> {
  const names = await unitNames(deps.database.db, [actor.unitId, ...actor.roles.map((g) => g.unitId)]);
  return {
    user: {
      id: actor.id,
      username: actor.username,
      name: actor.name,
      unit: { id: actor.unitId, name: names.get(actor.unitId) ?? '' },
    },
    roles: actor.roles.map((g) => ({ role: g.role, unitId: g.unitId, unitName: names.get(g.unitId) ?? '' })),
    capabilities: capabilitiesOf(actor.roles.map((g) => g.role)),
    mustChangePassword: actor.mustChangePassword,
  };
}

export function sessionRoutes(deps: AppDeps): RouteDef[] {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.session.cookieSecure,
  };
  return [
    route({
      method: 'POST',
      url: '/api/v1/session',
      summary: 'Sign in 登录',
      tag: 'session',
      access: 'public',
      body: signInBody,
      response: sessionResponse,
      async handler({ body, reply, req, ip, now }) {
        const { token } = await service.signIn(deps, {
          username: body.username,
          password: body.password,
          ip,
          userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
          now,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: deps.config.session.absoluteHours * 3600,
        });
        const resolved = await service.resolveSession(deps, token, now);
        if (!('actor' in resolved)) throw new Error('session vanished right after sign-in');
        return presentSession(deps, resolved.actor);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/session',
      summary: 'The signed-in person 当前用户',
      tag: 'session',
      access: 'signed-in',
      beforePasswordChange: true,
      response: sessionResponse,
      handler: async ({ actor }) => presentSession(deps, actor!),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/session',
      summary: 'Sign out 退出登录',
      tag: 'session',
      access: 'signed-in',
      beforePasswordChange: true,
      async handler({ actor, reply, ip, now }) {
        await service.signOut(deps, actor!, ip, now);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return undefined;
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/session/password',
      summary: 'Change my password 修改密码',
      tag: 'session',
      access: 'signed-in',
      beforePasswordChange: true,
      body: changePasswordBody,
      response: z.object({ ok: z.literal(true) }),
      async handler({ actor, body, ip, now }) {
        await service.changePassword(deps, actor!, body, ip, now);
        return { ok: true as const };
      },
    }),
  ];
}
