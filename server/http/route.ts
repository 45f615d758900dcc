import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fail } from '../../domain/errors.ts';
import type { Role } from '../../domain/roles.ts';
import type { Actor } from './actor.ts';
import { validationProblem } from './errors.ts';

/** Who may call a route: anyone, any signed-in person, or the listed roles. Nothing else. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteContext<B, Q, P> {
  req: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: P;
  /** The caller; null only on public routes. */
  actor: Actor | null;
  now: Date;
  ip: string;
}

export interface RouteDef<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  access: Access;
  /**
   * Signed-in callers without the role get 404 `not_found`, as if nothing were
   * there, instead of 403: for records whose very existence is secret
   * (accountability, visible to the discipline role only).
   */
  hidden?: boolean;
  /** Usable while the caller must still change a first-time password. */
  beforePasswordChange?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  /** A multipart/form-data upload with one file in `field` (the handler reads it; for OpenAPI). */
  multipart?: { field: string };
  /** The answer is a file of this type, not JSON (for OpenAPI). */
  produces?: string;
  /** HTTP status of a successful answer (200 unless given). */
  status?: number;
  handler(ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>): Promise<unknown>;
}

/**
 * An answer already serialized as JSON (e.g. kept by a cache), sent as it is:
 * the handler promises it is what its response schema describes.
 */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

/** Declares a route with inferred types. */
export function route<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  def: RouteDef<B, Q, P>,
): RouteDef<B, Q, P> {
  return def;
}

export const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!r.success) throw Object.assign(new Error('validation'), { problem: validationProblem(r.error, part) });
  return r.data;
}

/** Does the actor hold one of the route's roles (anywhere)? */
export function allows(access: Access, actor: Actor | null): boolean {
  if (access === 'public') return true;
  if (!actor) return false;
  if (access === 'signed-in') return true;
  return actor.roles.some((g) => access.includes(g.role));
}

/**
 * Registers routes; each one authorizes before it validates or runs, so a
 * caller without the role learns nothing from validation errors.
 */
export function registerRoutes(app: FastifyInstance, defs: readonly RouteDef[], clock: () => Date): void {
  for (const def of defs) {
    app.route({
      method: def.method,
      url: def.url,
      config: { access: def.access, summary: def.summary },
      handler: async (req, reply) => {
        const actor = req.actor;
        if (def.access !== 'public') {
          if (!actor) throw fail(req.sessionExpired ? 'session_expired' : 'unauthenticated');
          if (actor.mustChangePassword && !def.beforePasswordChange) throw fail('password_change_required');
          if (!allows(def.access, actor)) throw fail(def.hidden ? 'not_found' : 'forbidden');
        }
        let body, query, params;
        try {
          params = parsePart(def.params, req.params, 'params');
          query = parsePart(def.query, req.query, 'query');
          body = parsePart(def.body, req.body, 'body');
        } catch (e) {
          const problem = (e as { problem?: { status: number } }).problem;
          if (!problem) throw e;
          return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
        }
        const result = await def.handler({
          req,
          reply,
          body,
          query,
          params,
          actor,
          now: clock(),
          ip: req.ip,
        });
        if (reply.sent) return reply;
        reply.status(def.status ?? 200);
        if (result === undefined) return reply.status(204).send();
        if (result instanceof JsonText)
          return reply.type('application/json; charset=utf-8').send(result.text);
        return result;
      },
    });
  }
}
