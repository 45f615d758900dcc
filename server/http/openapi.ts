import { z } from 'zod';
import type { RouteDef } from './route.ts';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'message'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    field: { type: 'string' },
    errors: { type: 'array', items: { type: 'object' } },
    detail: { type: 'object', description: 'More about the error, e.g. `problems` of a refused sheet' },
  },
};

function toSchema(t: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(t, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parameters(def: RouteDef) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!schema) continue;
    const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, p] of Object.entries(js.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        schema: p,
      });
    }
  }
  return out;
}

/** Builds the OpenAPI 3.1 document from the route table and its Zod schemas. */
export function buildOpenApi(defs: readonly RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of [...defs].sort((a, b) => (a.url + a.method).localeCompare(b.url + b.method))) {
    const url = def.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const access =
      def.access === 'public'
        ? 'public'
        : def.access === 'signed-in'
          ? 'any signed-in person'
          : def.access.join(', ') + (def.hidden ? ' (anyone else: 404)' : '');
    const status = String(def.status ?? (def.response || def.produces ? 200 : 204));
    paths[url] ??= {};
    paths[url][def.method.toLowerCase()] = {
      summary: def.summary,
      tags: [def.tag],
      description: `Access: ${access}.`,
      ...(def.access === 'public' ? { security: [] } : {}),
      parameters: parameters(def),
      ...(def.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(def.body, 'input') } },
            },
          }
        : {}),
      ...(def.multipart
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    required: [def.multipart.field],
                    properties: { [def.multipart.field]: { type: 'string', format: 'binary' } },
                  },
                },
              },
            },
          }
        : {}),
      responses: {
        [status]: def.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: toSchema(def.response, 'output') } },
            }
          : def.produces
            ? {
                description: 'The file',
                content: { [def.produces]: { schema: { type: 'string', format: 'binary' } } },
              }
            : { description: 'No content' },
        default: {
          description: 'Error',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Luoshi 落实 API',
      version,
      description:
        'Writes need the header `X-Luoshi-Request: 1` (CSRF protection); sign in with POST /api/v1/session to get the session cookie.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luoshi_session' } },
      schemas: { Problem: problemSchema },
    },
    security: [{ session: [] }],
    paths,
  };
}
