import type { Config } from './config.ts';
import { ensureDatabase, openDatabase, runMigrations, type Database } from './db/client.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './db/embedded.ts';

export interface Runtime {
  database: Database;
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Connects to the configured PostgreSQL (DATABASE_URL), or starts the embedded
 * one in the data directory; then applies migrations and opens the pool.
 */
export async function openRuntime(
  config: Config,
  log: (m: string) => void,
  opts: { migrate?: boolean } = {},
): Promise<Runtime> {
  let embedded: RunningPostgres | undefined;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => {
      if (/ERROR|FATAL|PANIC/.test(m)) log(m);
    });
    const u = new URL(embedded.url);
    u.pathname = '/luoshi';
    url = u.toString();
    await ensureDatabase(url);
  }
  try {
    if (opts.migrate !== false) await runMigrations(url);
    const database = await openDatabase(url, config.poolSize);
    return {
      database,
      url,
      embedded: embedded !== undefined,
      async stop() {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
