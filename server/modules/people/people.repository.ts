import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/roles.ts';
import { executeNamed, withDates, type Database, type Db, type Tx } from '../../db/client.ts';
import { changeWithAudit, type CallContext } from '../audit/audit.repository.ts';
import { pathInScope } from '../units/units.repository.ts';

export type PersonRow = {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  roles: { grantId: number; role: Role; unitId: number; unitName: string }[];
};

const personSelect = sql`p.id, p.username, p.name, p.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath",
  p.phone, p.email, p.active, p.locked_until AS "lockedUntil", p.must_change_password AS "mustChangePassword",
  COALESCE((SELECT json_agg(json_build_object('grantId', g.id, 'role', g.role, 'unitId', g.unit_id, 'unitName', gu.name) ORDER BY g.id)
            FROM grants g JOIN units gu ON gu.id = g.unit_id WHERE g.person_id = p.id), '[]'::json) AS roles`;

export type PersonFilter = {
  unitId?: number;
  unitPath?: string;
  q?: string;
  includeInactive?: boolean;
  role?: Role | undefined;
};

export async function listPeople(
  db: Db,
  scope: readonly string[],
  f: PersonFilter,
  page: { limit: number; offset: number },
): Promise<{ items: PersonRow[]; total: number }> {
  const conds = [pathInScope(sql`u.path`, scope)];
  if (f.unitPath) conds.push(sql`u.path LIKE ${`${f.unitPath}%`}`);
  else if (f.unitId) conds.push(sql`p.unit_id = ${f.unitId}`);
  if (f.q)
    conds.push(
      sql`(p.name ILIKE ${`%${f.q}%`} OR p.username ILIKE ${`%${f.q}%`} OR p.phone LIKE ${`%${f.q}%`})`,
    );
  if (!f.includeInactive) conds.push(sql`p.active`);
  if (f.role)
    conds.push(sql`EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id AND g.role = ${f.role})`);
  const where = sql.join(conds, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute<PersonRow>(sql`SELECT ${personSelect} FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where}
      ORDER BY u.code, p.username LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where}`,
    ),
  ]);
  return { items: withDates(items.rows, 'lockedUntil'), total: count.rows[0]?.n ?? 0 };
}

/** Reads a person and locks the row until the transaction ends (for a change and its audit "before"). */
export async function getPersonForUpdate(tx: Tx, id: number): Promise<PersonRow | undefined> {
  const r = await executeNamed<PersonRow>(
    tx,
    'get_person_for_update',
    sql`SELECT ${personSelect} FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ${id} FOR UPDATE OF p`,
  );
  return withDates(r.rows, 'lockedUntil')[0];
}

export async function getPerson(db: Tx, id: number): Promise<PersonRow | undefined> {
  const r = await executeNamed<PersonRow>(
    db,
    'get_person',
    sql`SELECT ${personSelect} FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ${id}`,
  );
  return withDates(r.rows, 'lockedUntil')[0];
}

export async function usernameTaken(db: Tx, username: string): Promise<boolean> {
  const r = await db.execute(sql`SELECT 1 FROM people WHERE lower(username) = lower(${username})`);
  return (r.rowCount ?? 0) > 0;
}

export async function insertPerson(
  db: Tx,
  p: {
    username: string;
    name: string;
    unitId: number;
    phone: string | null;
    email: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
  },
  now: Date,
): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`INSERT INTO people
    (username, name, unit_id, phone, email, password_hash, must_change_password, created_at, updated_at)
    VALUES (${p.username}, ${p.name}, ${p.unitId}, ${p.phone}, ${p.email}, ${p.passwordHash}, ${p.mustChangePassword}, ${now}, ${now})
    RETURNING id`);
  return r.rows[0]!.id;
}

/**
 * The bare UPDATE of a person's editable fields (no lock, no audit). The
 * service edits through `editPerson` instead; the session benchmark replays
 * this statement as its baseline ("the change alone").
 */
export async function updatePerson(
  db: Tx,
  id: number,
  v: { name: string; unitId: number; phone: string | null; email: string | null },
  now: Date,
): Promise<void> {
  await db.execute(sql`UPDATE people SET name = ${v.name}, unit_id = ${v.unitId}, phone = ${v.phone}, email = ${v.email},
    updated_at = ${now} WHERE id = ${id}`);
}

/** A person's editable fields as the audit log records them. */
export type PersonSnapshot = { name: string; unitId: number; phone: string | null; email: string | null };

/** An edit: a field left out keeps its value; null clears phone or email. */
export type PersonEdit = {
  name?: string | undefined;
  unitId?: number | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
};

/**
 * 修改人员信息 in one statement (so one implicit transaction, one round trip):
 * changes the person's row only where the caller's `scope` (unit paths) covers
 * the person's unit; a new unit must be in scope and active too. Fields the
 * edit leaves out keep their values. The audit entry records the true before
 * and after (`PersonSnapshot`): the row the UPDATE replaced, under its lock.
 * Returns the person as now stored, or undefined when nothing was changed (not
 * there for the caller, or the new unit is not allowed).
 */
export async function editPerson(
  database: Pick<Database, 'db' | 'serverVersion'>,
  c: CallContext,
  id: number,
  scope: readonly string[],
  v: PersonEdit,
): Promise<PersonRow | undefined> {
  const within = sql.param(scope.map((p) => `${p}%`));
  const set = (row: SQL) => sql`name = COALESCE(${v.name ?? null}::text, ${row}.name),
           unit_id = u.id,
           phone = CASE WHEN ${v.phone !== undefined}::boolean THEN ${v.phone ?? null}::text ELSE ${row}.phone END,
           email = CASE WHEN ${v.email !== undefined}::boolean THEN ${v.email ?? null}::text ELSE ${row}.email END,
           updated_at = ${c.now}::timestamptz`;
  const returning = (before: SQL) => sql`${personSelect}, p.id AS object_id,
      jsonb_build_object('name', ${before}.name, 'unitId', ${before}.unit_id, 'phone', ${before}.phone, 'email', ${before}.email) AS before,
      jsonb_build_object('name', p.name, 'unitId', p.unit_id, 'phone', p.phone, 'email', p.email) AS after`;
  // PostgreSQL 18 returns the replaced row itself (RETURNING old); before it, a
  // sub-select locks the row first and the UPDATE returns what it read.
  const [name, change] =
    database.serverVersion >= 180000
      ? [
          'person_edit_returning_old',
          sql`UPDATE people p SET ${set(sql`p`)}
              FROM units qu, units u
             WHERE p.id = ${id}::int AND qu.id = p.unit_id AND qu.path LIKE ANY(${within}::text[])
               AND u.id = COALESCE(${v.unitId ?? null}::int, p.unit_id)
               AND (u.id = p.unit_id OR (u.active AND u.path LIKE ANY(${within}::text[])))
            RETURNING ${returning(sql`old`)}`,
        ]
      : [
          'person_edit',
          sql`UPDATE people p SET ${set(sql`old`)}
              FROM (SELECT q.id, q.name, q.unit_id, q.phone, q.email FROM people q JOIN units qu ON qu.id = q.unit_id
                     WHERE q.id = ${id}::int AND qu.path LIKE ANY(${within}::text[])
                       FOR UPDATE OF q) old
              JOIN units u ON u.id = COALESCE(${v.unitId ?? null}::int, old.unit_id)
             WHERE p.id = old.id
               AND (u.id = old.unit_id OR (u.active AND u.path LIKE ANY(${within}::text[])))
            RETURNING ${returning(sql`old`)}`,
        ];
  const rows = await changeWithAudit<PersonRow>(database.db, name, c, 'person', 'person.update', change);
  return withDates(rows, 'lockedUntil')[0];
}

export async function setPersonActive(db: Tx, id: number, active: boolean, now: Date): Promise<void> {
  await db.execute(sql`UPDATE people SET active = ${active}, updated_at = ${now} WHERE id = ${id}`);
}
