import { buildApp } from '../../server/app.ts';
import { recordingDb, type CapturedQuery } from './capture-sql.ts';
import type { HttpMethod, SuiteContext } from './types.ts';

/** Statements of the sign-in check (the session lookup and its last-seen touch), which a bare baseline leaves out. */
const sessionStatement = /\bsessions\b/;

/**
 * Sends one request through a second Luoshi, built like the one under load but
 * on a Drizzle database that records every statement, and returns the
 * statements the route sent, in order, without those of the sign-in check.
 * A baseline that replays them runs exactly the route's SQL, so it follows the
 * code when the code changes. Throws unless the route answers 2xx.
 */
export async function captureRoute(
  ctx: SuiteContext,
  req: { method: HttpMethod; url: string; headers: Record<string, string>; body?: string },
): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  const db = recordingDb(ctx.database.pool, seen);
  const app = await buildApp(
    { database: { ...ctx.database, db }, config: ctx.config, clock: () => new Date() },
    { logger: false },
  );
  try {
    const res = await app.inject({
      method: req.method,
      url: req.url,
      headers: req.headers,
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    if (res.statusCode < 200 || res.statusCode > 299)
      throw new Error(`capture ${req.method} ${req.url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
  } finally {
    await app.close();
  }
  return seen.filter((q) => !sessionStatement.test(q.text));
}
