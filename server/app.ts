import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFoundHandler, problemOf } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { registerRoutes, type RouteDef } from './http/route.ts';
import { attachmentsOf, claimAttachments } from './modules/attachments/attachments.repository.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.ts';
import { publicRoutes } from './modules/evaluation/public.routes.ts';
import { registerSupervisionFeeds } from './modules/evaluation/supervision-feed.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { grantRoutes } from './modules/grants/grants.routes.ts';
import { registerHealth } from './modules/health/health.routes.ts';
import { taskExcelRoutes } from './modules/tasks-excel/tasks-excel.routes.ts';
import { registerReportAttachmentOwners } from './modules/reports/report-attachments.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { reportItemRoutes } from './modules/reports/report-items.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { registerProblemAttachmentOwners } from './modules/problems/problem-attachments.ts';
import { problemRoutes } from './modules/problems/problems.routes.ts';
import { problemSettingsRoutes } from './modules/problem-settings/problem-settings.routes.ts';
import { SESSION_COOKIE, sessionRoutes } from './modules/session/session.routes.ts';
import { resolveSession } from './modules/session/session.service.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { noticeRoutes } from './modules/supervision/notices.routes.ts';
import { roundRoutes } from './modules/supervision/rounds.routes.ts';
import { publicationRoutes } from './modules/supervision/publications.routes.ts';
import { redoRoutes } from './modules/supervision/redo-orders.routes.ts';
import { registerSupervisionAttachmentOwners } from './modules/supervision/supervision-attachments.ts';
import { accountabilityRoutes } from './modules/accountability/accountability.routes.ts';
import { clueRoutes } from './modules/accountability/clues.routes.ts';
import { taskRoutes, type TaskRouteHooks } from './modules/tasks/tasks.routes.ts';
import { unitRoutes } from './modules/units/units.routes.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
export const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

registerReportAttachmentOwners();
registerProblemAttachmentOwners();
registerSupervisionFeeds();
registerSupervisionAttachmentOwners();

/** What the attachments module lends the modules whose records carry files. */
const attachmentHooks: TaskRouteHooks = {
  claim: async (tx, actor, ids, ownerType, ownerId) => {
    await claimAttachments(tx, actor, ids, ownerType, ownerId);
  },
  attachmentsOf,
};

/** Every API route of the application, in one table (used for OpenAPI and the role matrix test). */
export function apiRoutes(deps: AppDeps): RouteDef[] {
  return [
    ...sessionRoutes(deps),
    ...unitRoutes(deps),
    ...peopleRoutes(deps),
    ...grantRoutes(deps),
    ...auditRoutes(deps),
    ...calendarRoutes(deps),
    ...settingsRoutes(deps),
    ...campaignRoutes(deps),
    ...taskRoutes(deps, attachmentHooks),
    ...taskExcelRoutes(deps),
    ...reportItemRoutes(deps, attachmentHooks),
    ...meetingRoutes(deps),
    ...problemSettingsRoutes(deps),
    ...problemRoutes(deps, attachmentHooks),
    ...attachmentRoutes(deps),
    ...roundRoutes(deps),
    ...noticeRoutes(deps),
    ...publicationRoutes(deps),
    ...redoRoutes(deps),
    ...accountabilityRoutes(deps),
    ...clueRoutes(deps),
    ...evaluationRoutes(deps),
    ...publicRoutes(deps),
  ];
}

export function openApiDocument(deps: AppDeps) {
  return buildOpenApi(apiRoutes(deps), pkg.version);
}

/** Pino options: JSON logs with passwords, tokens and cookies redacted. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.oneTimePassword',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds the Fastify application without listening. Deny by default: an
 * `/api` route registered without an access rule makes start-up fail.
 */
export async function buildApp(
  deps: AppDeps,
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (r) => {
    const access = (r.config as { access?: unknown } | undefined)?.access;
    if (r.url.startsWith('/api/v1') && access === undefined) {
      throw new Error(`route ${r.method} ${r.url} has no access rule (deny by default)`);
    }
  });

  await app.register(cookie);
  // Uploads are read by the route (req.file()) with their own limits; nothing is buffered before.
  await app.register(multipart, {
    limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
  });
  app.setErrorHandler(errorHandler);

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    else {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
      );
    }
    return payload;
  });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    if (UNSAFE.has(req.method)) {
      // CSRF: a custom header cannot be sent cross-site without a CORS preflight we never grant,
      // and a present Origin must be our own.
      const origin = req.headers.origin;
      const own = deps.config.publicOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
      if (req.headers['x-luoshi-request'] !== '1' || (origin !== undefined && origin !== own)) {
        const p = problemOf('csrf_failed', 'x-luoshi-request');
        return reply.status(p.status).type('application/problem+json; charset=utf-8').send(p);
      }
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 200) {
      const r = await resolveSession(deps, token, deps.clock());
      if ('actor' in r) req.actor = r.actor;
      else req.sessionExpired = r.expired;
    }
  });

  const routes = apiRoutes(deps);
  registerRoutes(app, routes, deps.clock);
  const doc = buildOpenApi(routes, pkg.version);
  app.get('/api/openapi.json', { config: { access: 'public' } }, async () => doc);
  registerHealth(app, deps);

  const hasWeb = existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    const indexHtml = readFileSync(`${webDist}/index.html`, 'utf8');
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.includes('.')) {
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
      }
      return notFoundHandler(req, reply);
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
  return app;
}
