import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { PersonResponse } from '../domain/contracts/people.ts';
import { sm3Hex } from '../server/lib/crypto.ts';
import { updatePerson } from '../server/modules/people/people.repository.ts';
import { loadSession } from '../server/modules/session/session.repository.ts';
import {
  captureSql,
  captureSqlRolledBack,
  paramIndex,
  runCaptured,
  single,
  type CapturedQuery,
} from './lib/capture-sql.ts';
import type { SuiteContext } from './lib/types.ts';

type UpdateSlot = 'name' | 'unitId' | 'phone' | 'email' | 'now' | 'id';

/** The UPDATE `updatePerson` sends, with where each of its values goes. */
async function updateStatement(
  ctx: SuiteContext,
): Promise<{ q: CapturedQuery; at: Record<UpdateSlot, number> }> {
  const s = {
    name: 'bench-name',
    unitId: -11,
    phone: 'bench-phone',
    email: 'bench-email',
    now: new Date(0),
    id: -424_242,
  };
  const q = single(
    await captureSqlRolledBack(ctx.database.pool, (tx) =>
      updatePerson(tx, s.id, { name: s.name, unitId: s.unitId, phone: s.phone, email: s.email }, s.now),
    ),
  );
  const at = (k: UpdateSlot) => paramIndex(q, s[k]);
  return {
    q,
    at: {
      name: at('name'),
      unitId: at('unitId'),
      phone: at('phone'),
      email: at('email'),
      now: at('now'),
      id: at('id'),
    },
  };
}

/**
 * The session suite's bare routes: `GET /session` runs `loadSession`'s SQL for
 * the admin's token; `PATCH /people/:id {name}` runs `updatePerson`'s UPDATE,
 * keeping the person's other fields as Luoshi's PATCH does. No sign-in,
 * validation, audit or presenter.
 */
export async function sessionBaseline(
  ctx: SuiteContext,
  token: string,
  people: readonly PersonResponse[],
): Promise<(app: FastifyInstance, pool: pg.Pool) => void> {
  const session = single(await captureSql(ctx.database.pool, (db) => loadSession(db, sm3Hex(token))));
  const update = await updateStatement(ctx);
  const byId = new Map(people.map((p) => [p.id, p]));
  const prepared = ctx.baselineMode === 'prepared';
  return (app, pool) => {
    app.get('/session', async (_req, reply) => {
      const r = await runCaptured(pool, session, session.params, prepared);
      if (r.rows.length === 0) return reply.status(401).send({ error: 'no session' });
      return r.rows[0];
    });
    app.patch<{ Params: { id: string }; Body: { name: string } }>('/people/:id', async (req, reply) => {
      const p = byId.get(Number(req.params.id));
      if (!p) return reply.status(404).send({ error: 'unknown person' });
      const values = [...update.q.params];
      values[update.at.name] = req.body.name;
      values[update.at.unitId] = p.unitId;
      values[update.at.phone] = p.phone;
      values[update.at.email] = p.email;
      values[update.at.now] = new Date();
      values[update.at.id] = p.id;
      const r = await runCaptured(pool, update.q, values, prepared);
      return { updated: r.rowCount };
    });
  };
}
