import { beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../domain/roles.ts';
import { apiRoutes } from '../app.ts';
import { testContext, type TestContext } from '../test/harness.ts';

/** One demo account holding exactly each role. */
const accountOf: Record<Role, string> = {
  sysadmin: 'admin',
  secadmin: 'secadmin',
  auditor: 'auditor',
  office: 'office',
  inspector: 'inspector',
  liaison: 'liaison-qj-t01',
  head: 'head-qj-t01',
  leader: 'leader',
  discipline: 'discipline',
  grid: 'grid',
};

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

/** Fills path parameters with an id nobody can own, so an allowed call never changes anything. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '999999');

describe('role × endpoint matrix (generated from the route table)', () => {
  it('covers every route with an access rule and no route is public except sign-in, public circulars, published boards and the survey', () => {
    const routes = apiRoutes(t.deps);
    expect(routes.length).toBeGreaterThan(20);
    const open = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(open).toEqual([
      'POST /api/v1/session',
      'GET /api/v1/public/circulars',
      'GET /api/v1/public/boards',
      'GET /api/v1/public/boards/:id',
      'GET /api/v1/public/surveys/:token',
      'POST /api/v1/public/surveys/:token/answers',
    ]);
  });

  const routes = () => apiRoutes(t.deps).filter((r) => r.access !== 'public');

  it('refuses every protected route to anonymous callers with 401', async () => {
    for (const r of routes()) {
      const res = await t.call(
        r.method,
        concrete(r.url),
        r.method === 'GET' || r.method === 'DELETE' ? {} : { body: {} },
      );
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it.each(roles.map((role) => [role]))(
    '%s: 403 where the role is not allowed (404 on hidden routes), through the gate where it is',
    async (role) => {
      for (const r of routes()) {
        const cookie = await t.signIn(accountOf[role]);
        const res = await t.call(r.method, concrete(r.url), {
          cookie,
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { body: {} }),
        });
        const allowed = r.access === 'signed-in' || (r.access as readonly Role[]).includes(role);
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
        else if (r.hidden) {
          // Secret records (accountability): the route answers as if there were nothing.
          expect(res.statusCode, label).toBe(404);
          expect(res.json().code, label).toBe('not_found');
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().code, label).toBe('forbidden');
        }
      }
    },
    // Every route (about 250) signs in afresh, since some end the session: a loaded 2-core machine needs more than 30 s.
    180_000,
  );

  it('a liaison of unit A asking for a record of unit B gets 404', async () => {
    const cookie = await t.signIn('liaison-qj-t01');
    const b = await t.sql<{ unit: number; person: number }>(
      "SELECT u.id AS unit, p.id AS person FROM units u JOIN people p ON p.unit_id = u.id WHERE u.code = 'QJ-T02' LIMIT 1",
    );
    expect((await t.call('GET', `/api/v1/units/${b[0]!.unit}`, { cookie })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/people/${b[0]!.person}`, { cookie })).statusCode).toBe(404);
    const own = await t.sql<{ person: number }>(
      "SELECT p.id AS person FROM people p JOIN units u ON u.id = p.unit_id WHERE u.code = 'QJ-T01' LIMIT 1",
    );
    expect((await t.call('GET', `/api/v1/people/${own[0]!.person}`, { cookie })).statusCode).toBe(200);
  });
});
