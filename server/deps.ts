import type { Config } from './config.ts';
import type { Database } from './db/client.ts';

/** What the application is built from; tests pass their own clock and database. */
export interface AppDeps {
  database: Database;
  config: Config;
  clock: () => Date;
}
