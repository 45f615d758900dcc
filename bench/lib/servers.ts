import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { startAuditSealerJob } from '../../server/jobs/audit-sealer.job.ts';
import type { Cleanup } from './cleanup.ts';
import { closePool } from './close-pool.ts';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}

/**
 * Builds Luoshi exactly as `serve` does (logging off), with its audit sealer
 * running in the same process, and listens on a free loopback port.
 */
export async function startLuoshi(database: Database, config: Config, cleanup: Cleanup): Promise<string> {
  const app = await buildApp({ database, config, clock: () => new Date() }, { logger: false });
  const sealer = startAuditSealerJob({ database, config }, (m, err) =>
    process.stderr.write(`${m}${err ? `: ${String(err)}` : ''}\n`),
  );
  cleanup.defer('stop the audit sealer', () => sealer.stop());
  cleanup.defer('stop Luoshi', () => app.close());
  return listen(app);
}

export interface Baseline {
  app: FastifyInstance;
  pool: pg.Pool;
  /** Call after the suite's routes are added. */
  listen(): Promise<string>;
}

/**
 * A bare Fastify (no plugins, hooks or logging) with a plain `pg` pool of the
 * same size as Luoshi's, connected as the same database user.
 */
export function createBaseline(url: string, poolSize: number, cleanup: Cleanup): Baseline {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {});
  cleanup.defer('close baseline pool', () => closePool(pool));
  const app = Fastify({ logger: false });
  cleanup.defer('stop baseline', () => app.close());
  return { app, pool, listen: () => listen(app) };
}
