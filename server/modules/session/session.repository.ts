import { sql } from 'drizzle-orm';
import type { Role } from '../../../domain/roles.ts';
import { executeNamed, withDates, type Db, type Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';

export type LoginRow = {
  id: number;
  username: string;
  name: string;
  passwordHash: string;
  active: boolean;
  failedCount: number;
  failedWindowStart: Date | null;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
};

/** Finds a person by username (case-insensitive) with what sign-in needs. */
export async function findLogin(db: Tx, username: string): Promise<LoginRow | undefined> {
  const r = await db.execute<LoginRow>(sql`
    SELECT id, username, name, password_hash AS "passwordHash", active, failed_count AS "failedCount",
           failed_window_start AS "failedWindowStart", locked_until AS "lockedUntil",
           must_change_password AS "mustChangePassword"
    FROM people WHERE lower(username) = lower(${username})`);
  return withDates(r.rows, 'failedWindowStart', 'lockedUntil')[0];
}

export async function findLoginById(db: Tx, id: number): Promise<LoginRow | undefined> {
  const r = await db.execute<LoginRow>(sql`
    SELECT id, username, name, password_hash AS "passwordHash", active, failed_count AS "failedCount",
           failed_window_start AS "failedWindowStart", locked_until AS "lockedUntil",
           must_change_password AS "mustChangePassword"
    FROM people WHERE id = ${id}`);
  return withDates(r.rows, 'failedWindowStart', 'lockedUntil')[0];
}

export async function saveFailures(
  db: Tx,
  id: number,
  s: { failedCount: number; windowStart: Date; lockedUntil: Date | null },
): Promise<void> {
  await db.execute(sql`UPDATE people SET failed_count = ${s.failedCount},
    failed_window_start = ${s.windowStart}, locked_until = ${s.lockedUntil} WHERE id = ${id}`);
}

export async function clearFailures(db: Tx, id: number): Promise<void> {
  await db.execute(sql`UPDATE people SET failed_count = 0, failed_window_start = NULL, locked_until = NULL
    WHERE id = ${id} AND (failed_count <> 0 OR locked_until IS NOT NULL)`);
}

export async function setPasswordHash(
  db: Tx,
  id: number,
  hash: string,
  mustChange: boolean,
  now: Date,
): Promise<void> {
  await db.execute(sql`UPDATE people SET password_hash = ${hash}, must_change_password = ${mustChange},
    password_changed_at = ${now}, updated_at = ${now}, failed_count = 0, locked_until = NULL WHERE id = ${id}`);
}

export async function insertSession(
  db: Tx,
  s: {
    tokenHash: string;
    personId: number;
    now: Date;
    expiresAt: Date;
    ip: string;
    userAgent: string | null;
  },
): Promise<void> {
  await db.execute(sql`INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent)
    VALUES (${s.tokenHash}, ${s.personId}, ${s.now}, ${s.now}, ${s.expiresAt}, ${s.ip}, ${s.userAgent})`);
}

export type SessionActorRow = {
  personId: number;
  username: string;
  name: string;
  unitId: number;
  unitPath: string;
  mustChangePassword: boolean;
  active: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
  roles: { role: Role; unitId: number; unitPath: string }[];
};

/** Loads the person behind a session token hash, with their active grants. */
export async function loadSession(db: Db, tokenHash: string): Promise<SessionActorRow | undefined> {
  const r = await executeNamed<SessionActorRow>(
    db,
    'load_session',
    sql`
    SELECT s.person_id AS "personId", p.username, p.name, p.unit_id AS "unitId", u.path AS "unitPath",
           p.must_change_password AS "mustChangePassword", p.active, s.last_seen_at AS "lastSeenAt",
           s.expires_at AS "expiresAt",
           COALESCE((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', gu.path)
                                     ORDER BY g.id)
                     FROM grants g JOIN units gu ON gu.id = g.unit_id
                     WHERE g.person_id = p.id AND gu.active), '[]'::json) AS roles
    FROM sessions s JOIN people p ON p.id = s.person_id JOIN units u ON u.id = p.unit_id
    WHERE s.token_hash = ${tokenHash}`,
  );
  return withDates(r.rows, 'lastSeenAt', 'expiresAt')[0];
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.execute(sql`UPDATE sessions SET last_seen_at = ${now} WHERE token_hash = ${tokenHash}`);
}

export async function deleteSession(db: Tx, tokenHash: string): Promise<void> {
  await db.execute(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
}

/** Ends every session of a person except, optionally, one. */
export async function deleteSessionsOf(db: Tx, personId: number, except?: string): Promise<void> {
  await db.execute(sql`DELETE FROM sessions WHERE person_id = ${personId}
    AND (${except ?? null}::text IS NULL OR token_hash <> ${except ?? null})`);
}

/** Removes sessions past their idle or absolute limit. */
export async function purgeExpiredSessions(db: Db, now: Date, idleMinutes: number): Promise<number> {
  const r = await db.execute(sql`DELETE FROM sessions WHERE expires_at < ${now}
    OR last_seen_at < ${new Date(now.getTime() - idleMinutes * 60_000)}`);
  return r.rowCount ?? 0;
}

export type { Actor };
