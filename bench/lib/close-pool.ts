import type pg from 'pg';

/**
 * Ends a pool and waits (up to `limitMs`) until every client has really
 * disconnected: `pool.end()` resolves before the sockets close, and stopping
 * PostgreSQL in that gap makes the leftover clients throw unhandled errors.
 */
export async function closePool(pool: pg.Pool, limitMs = 5_000): Promise<void> {
  pool.on('error', () => {});
  const open = pool.totalCount;
  let removed = 0;
  const gone = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (++removed >= open) resolve();
    });
  });
  await pool.end();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([gone, new Promise<void>((r) => (timer = setTimeout(r, limitMs)))]);
  clearTimeout(timer);
}
