import { sql } from 'drizzle-orm';
import { buildDemoDistrict } from '../../domain/demo/district.ts';
import { generatePassword, hashPassword } from '../lib/crypto.ts';
import { sealPending } from '../modules/audit/audit-seal.repository.ts';
import { appendAudit } from '../modules/audit/audit.repository.ts';
import type { Db } from './client.ts';

export interface DemoAccount {
  username: string;
  name: string;
  unit: string;
  roles: string[];
  /** Printed once; staff accounts without roles get none (an admin resets them when needed). */
  password: string | null;
}

/** Has the database any unit yet? A non-empty database is never seeded again. */
export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
  return (r.rows[0]?.n ?? 0) === 0;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * 演示数据: loads the deterministic demo district (清江区) into an empty
 * database: the unit tree, people, and the demo accounts with their roles.
 * With `password`, every account uses it and need not change it; otherwise each
 * named account gets a random one-time password that must be changed.
 */
export async function seedDemo(
  db: Db,
  opts: { seed: string; password?: string | undefined; iterations: number; now: Date },
): Promise<DemoAccount[]> {
  const district = buildDemoDistrict(opts.seed);
  const named = (p: { roles: unknown[] }) => p.roles.length > 0;
  const passwords = district.people.map(() => opts.password ?? generatePassword());
  const hashes = await mapLimit(passwords, 4, (pw) => hashPassword(pw, opts.iterations));
  const accounts = await db.transaction(async (tx) => {
    const types = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM unit_types`);
    const groups = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM peer_groups`);
    const typeId = new Map(types.rows.map((r) => [r.code, r.id]));
    const groupId = new Map(groups.rows.map((r) => [r.code, r.id]));
    const unitIds = new Map<string, { id: number; path: string; depth: number }>();
    // Parents come before children in the generator's order.
    for (const [i, u] of district.units.entries()) {
      const parent = u.parentKey ? unitIds.get(u.parentKey) : undefined;
      if (u.parentKey && !parent) throw new Error(`demo unit ${u.key} comes before its parent`);
      const r = await tx.execute<{ id: number }>(sql`
        WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id'))::int AS id)
        INSERT INTO units (id, parent_id, name, code, type_id, peer_group_id, path, depth, sort, created_at, updated_at)
        SELECT n.id, ${parent?.id ?? null}, ${u.name}, ${u.code}, ${typeId.get(u.kind)!},
               ${u.peerGroup ? groupId.get(u.peerGroup)! : null},
               ${parent?.path ?? '/'} || n.id || '/', ${parent ? parent.depth + 1 : 0}, ${i}, ${opts.now}, ${opts.now}
        FROM n RETURNING id`);
      const id = r.rows[0]!.id;
      unitIds.set(u.key, { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 });
    }
    const accounts: DemoAccount[] = [];
    for (const [i, p] of district.people.entries()) {
      const unit = unitIds.get(p.unitKey)!;
      const r = await tx.execute<{ id: number }>(sql`INSERT INTO people
        (username, name, unit_id, phone, password_hash, must_change_password, created_at, updated_at)
        VALUES (${p.username}, ${p.name}, ${unit.id}, ${p.phone}, ${hashes[i]!}, ${opts.password === undefined}, ${opts.now}, ${opts.now})
        RETURNING id`);
      const personId = r.rows[0]!.id;
      for (const g of p.roles) {
        await tx.execute(sql`INSERT INTO grants (person_id, role, unit_id, created_at)
          VALUES (${personId}, ${g.role}, ${unitIds.get(g.unitKey)!.id}, ${opts.now})`);
      }
      const unitName = district.units.find((u) => u.key === p.unitKey)?.name ?? '';
      accounts.push({
        username: p.username,
        name: p.name,
        unit: unitName,
        roles: p.roles.map((g) => g.role),
        password: named(p) ? passwords[i]! : null,
      });
    }
    await appendAudit(
      tx,
      {
        actorId: null,
        actorName: 'system',
        ip: null,
        action: 'system.seed_demo',
        objectType: 'district',
        objectId: null,
        after: { seed: opts.seed, units: district.units.length, people: district.people.length },
      },
      opts.now,
    );
    return accounts;
  });
  // Seal the load's entry now: a freshly seeded database verifies without a running server.
  await sealPending(db);
  return accounts;
}
