import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { migrationsFolder } from '../../db/client.ts';
import { problemOf } from '../../http/errors.ts';

/** `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied. */
export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (_req, reply) => {
    try {
      const r = await deps.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
      );
      const applied = r.rows[0]?.n ?? 0;
      if (applied < expected) {
        return reply
          .status(503)
          .type('application/problem+json')
          .send(problemOf('not_ready', undefined, { detail: { applied, expected } }));
      }
      return { status: 'ready', migrations: applied };
    } catch {
      return reply.status(503).type('application/problem+json').send(problemOf('not_ready'));
    }
  });
}
