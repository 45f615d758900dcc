import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../db/seed-demo-campaign.ts';
import type { Actor } from '../../http/actor.ts';
import { scopeOf } from '../../http/actor.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { visibleTasks } from './tasks.policy.ts';

let t: TestContext;

/** The visibility rule as it reads in words: lead unit (or a cooperating unit) in scope, by path. */
function reference(actor: Actor) {
  const like = (col: string, scope: string[]) =>
    scope.length
      ? sql.join(
          scope.map((p) => sql`${sql.raw(col)} LIKE ${p + '%'}`),
          sql` OR `,
        )
      : sql`false`;
  const office = scopeOf(actor, ['office']);
  const readers = scopeOf(actor, ['inspector', 'discipline']);
  const units = scopeOf(actor, ['liaison', 'head']);
  const leader = actor.roles.some((g) => g.role === 'leader');
  return sql`((${like('lu.path', office)})
    OR (t.status <> 'draft' AND (${like('lu.path', readers)}))
    OR (t.status <> 'draft' AND ((${like('lu.path', units)}) OR EXISTS (SELECT 1 FROM task_cooperators tc
        JOIN units cu ON cu.id = tc.unit_id WHERE tc.task_id = t.id AND (${like('cu.path', units)}))))
    OR (${leader} AND t.status <> 'draft' AND EXISTS (SELECT 1 FROM task_leaders tl
        WHERE tl.person_id = ${actor.id} AND (tl.task_id = t.id OR tl.task_id = t.parent_id))))`;
}

async function actorOf(username: string): Promise<Actor> {
  const r = await t.sql<Actor & { roles: Actor['roles'] }>(
    `SELECT p.id, p.username, p.name, p.unit_id AS "unitId", u.path AS "unitPath", false AS "mustChangePassword",
            '' AS "sessionHash",
            (SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', gu.path))
               FROM grants g JOIN units gu ON gu.id = g.unit_id WHERE g.person_id = p.id) AS roles
       FROM people p JOIN units u ON u.id = p.unit_id WHERE p.username = $1`,
    [username],
  );
  return r[0]!;
}

async function ids(where: ReturnType<typeof sql>): Promise<number[]> {
  const r = await t.database.db.execute<{ id: number }>(
    sql`SELECT t.id FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id WHERE ${where} ORDER BY t.id`,
  );
  return r.rows.map((x) => x.id);
}

beforeAll(async () => {
  t = await testContext();
  await seedDemoCampaign(t.database.db, new Date('2026-07-15T02:00:00Z'));
  // A draft, and a task a town cooperates on that another unit leads.
  await t.sql(`UPDATE tasks SET status = 'draft' WHERE code = 'SK-20'`);
  await t.sql(`INSERT INTO task_cooperators (task_id, unit_id)
    SELECT (SELECT id FROM tasks WHERE code = 'SK-03'), id FROM units WHERE code = 'QJ-T02'`);
});

describe('visibleTasks', () => {
  const accounts = [
    'office',
    'inspector',
    'discipline',
    'leader',
    'liaison-qj-t01',
    'head-qj-t01',
    'liaison-qj-t02',
    'liaison-qj-d001',
    'admin',
  ];
  it.each(accounts)('shows %s exactly the tasks the rule in words allows', async (username) => {
    const actor = await actorOf(username);
    const got = await ids(visibleTasks(actor));
    expect(got).toEqual(await ids(reference(actor)));
  });

  it('shows a town the task it only cooperates on, and the root-scoped office every task', async () => {
    const town = await ids(visibleTasks(await actorOf('liaison-qj-t02')));
    const coop = await t.sql<{ id: number }>(`SELECT id FROM tasks WHERE code = 'SK-03'`);
    expect(town).toContain(coop[0]!.id);
    const all = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks');
    expect((await ids(visibleTasks(await actorOf('office')))).length).toBe(all[0]!.n);
  });

  it('needs no join: a condition over tasks alone', async () => {
    const actor = await actorOf('liaison-qj-t01');
    const r = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM tasks t WHERE ${visibleTasks(actor)}`,
    );
    expect(r.rows[0]!.n).toBe((await ids(reference(actor))).length);
  });
});
