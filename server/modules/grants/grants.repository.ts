import { sql } from 'drizzle-orm';
import type { Role } from '../../../domain/roles.ts';
import { withDates, type Db, type Tx } from '../../db/client.ts';
import { pathInScope } from '../units/units.repository.ts';

export type GrantRow = {
  id: number;
  personId: number;
  personName: string;
  username: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitPath: string;
  createdAt: Date;
};

const grantSelect = sql`g.id, g.person_id AS "personId", p.name AS "personName", p.username, g.role, g.unit_id AS "unitId",
  u.name AS "unitName", u.path AS "unitPath", g.created_at AS "createdAt"`;
const grantFrom = sql`grants g JOIN people p ON p.id = g.person_id JOIN units u ON u.id = g.unit_id`;

export async function listGrants(
  db: Db,
  scope: readonly string[],
  f: { personId?: number; role?: Role; unitId?: number; q?: string },
  page: { limit: number; offset: number },
): Promise<{ items: GrantRow[]; total: number }> {
  const conds = [pathInScope(sql`u.path`, scope)];
  if (f.personId) conds.push(sql`g.person_id = ${f.personId}`);
  if (f.role) conds.push(sql`g.role = ${f.role}`);
  if (f.unitId) conds.push(sql`g.unit_id = ${f.unitId}`);
  if (f.q)
    conds.push(
      sql`(p.name ILIKE ${`%${f.q}%`} OR p.username ILIKE ${`%${f.q}%`} OR u.name ILIKE ${`%${f.q}%`})`,
    );
  const where = sql.join(conds, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute<GrantRow>(sql`SELECT ${grantSelect} FROM ${grantFrom} WHERE ${where} ORDER BY g.role, u.path, g.id
      LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${grantFrom} WHERE ${where}`),
  ]);
  return { items: withDates(items.rows, 'createdAt'), total: count.rows[0]?.n ?? 0 };
}

export async function getGrant(db: Tx, id: number): Promise<GrantRow | undefined> {
  const r = await db.execute<GrantRow>(sql`SELECT ${grantSelect} FROM ${grantFrom} WHERE g.id = ${id}`);
  return withDates(r.rows, 'createdAt')[0];
}

/** Locks the person's row and returns the roles they hold, so two concurrent grants cannot break 三员分立. */
export async function lockRolesOf(
  db: Tx,
  personId: number,
): Promise<
  | {
      active: boolean;
      name: string;
      username: string;
      unitPath: string;
      roles: { role: Role; unitId: number }[];
    }
  | undefined
> {
  const p = await db.execute<{
    active: boolean;
    name: string;
    username: string;
    unitPath: string;
  }>(sql`SELECT p.active, p.name, p.username, u.path AS "unitPath"
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ${personId} FOR UPDATE OF p`);
  const row = p.rows[0];
  if (!row) return undefined;
  const g = await db.execute<{ role: Role; unitId: number }>(
    sql`SELECT role, unit_id AS "unitId" FROM grants WHERE person_id = ${personId}`,
  );
  return { ...row, roles: g.rows };
}

export async function insertGrant(
  db: Tx,
  g: { personId: number; role: Role; unitId: number; createdBy: number | null },
  now: Date,
): Promise<number> {
  const r = await db.execute<{
    id: number;
  }>(sql`INSERT INTO grants (person_id, role, unit_id, created_by, created_at)
    VALUES (${g.personId}, ${g.role}, ${g.unitId}, ${g.createdBy}, ${now}) RETURNING id`);
  return r.rows[0]!.id;
}

export async function deleteGrant(db: Tx, id: number): Promise<void> {
  await db.execute(sql`DELETE FROM grants WHERE id = ${id}`);
}
