import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

describe('health', () => {
  it('/healthz says the process is up; /readyz that migrations are applied', async () => {
    expect((await t.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('/readyz is 503 when a migration is missing', async () => {
    const last = await t.sql<{ id: number }>(
      'SELECT id FROM drizzle.__drizzle_migrations ORDER BY id DESC LIMIT 1',
    );
    await t.sql('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [last[0]!.id]);
    const r = await t.call('GET', '/readyz');
    expect(r.statusCode).toBe(503);
    expect(r.json().code).toBe('not_ready');
  });

  it('sends security headers and problem+json for unknown API routes', async () => {
    const r = await t.call('GET', '/api/v1/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('route_not_found');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
