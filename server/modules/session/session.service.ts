import { checkPassword, afterFailedSignIn } from '../../../domain/auth/password-policy.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import {
  burnPasswordCheck,
  generatePassword,
  hashPassword,
  randomToken,
  sm3Hex,
  verifyPassword,
} from '../../lib/crypto.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { sessionCacheOf } from './session.cache.ts';
import * as repo from './session.repository.ts';

export interface SignInInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  now: Date;
}

/**
 * 登录: checks the password, applies the lock-out rule, opens a session and
 * returns its token (the cookie value; only its SM3 hash is stored).
 * Unknown user, disabled account and wrong password give the same answer
 * after the same amount of work.
 */
export async function signIn(
  deps: AppDeps,
  input: SignInInput,
): Promise<{ token: string; personId: number }> {
  const { db } = deps.database;
  const { config } = deps;
  const person = await repo.findLogin(db, input.username);
  if (!person) {
    await burnPasswordCheck(input.password, config.pbkdf2Iterations);
    await db.transaction((tx) =>
      appendAudit(
        tx,
        {
          actorId: null,
          actorName: input.username,
          ip: input.ip,
          action: 'session.sign_in_failed',
          objectType: 'person',
          objectId: null,
          after: { username: input.username, reason: 'unknown_user' },
        },
        input.now,
      ),
    );
    throw fail('invalid_credentials');
  }
  const locked = person.lockedUntil !== null && person.lockedUntil > input.now;
  const check = await verifyPassword(input.password, person.passwordHash, config.pbkdf2Iterations);
  if (locked) throw fail('account_locked', undefined, { lockedUntil: person.lockedUntil?.toISOString() });
  if (!check.ok || !person.active) {
    const next = afterFailedSignIn(
      { failedCount: person.failedCount, windowStart: person.failedWindowStart },
      { now: input.now, ...config.lockout },
    );
    await db.transaction(async (tx) => {
      await repo.saveFailures(tx, person.id, next);
      await appendAudit(
        tx,
        {
          actorId: null,
          actorName: person.username,
          ip: input.ip,
          action: 'session.sign_in_failed',
          objectType: 'person',
          objectId: person.id,
          after: { reason: person.active ? 'wrong_password' : 'disabled', locked: next.lockedUntil !== null },
        },
        input.now,
      );
    });
    if (next.lockedUntil)
      throw fail('account_locked', undefined, { lockedUntil: next.lockedUntil.toISOString() });
    throw fail('invalid_credentials');
  }
  const token = randomToken();
  const expiresAt = new Date(input.now.getTime() + config.session.absoluteHours * 3_600_000);
  const upgraded = check.needsRehash ? await hashPassword(input.password, config.pbkdf2Iterations) : null;
  await db.transaction(async (tx) => {
    await repo.clearFailures(tx, person.id);
    if (upgraded) await repo.setPasswordHash(tx, person.id, upgraded, person.mustChangePassword, input.now);
    await repo.insertSession(tx, {
      tokenHash: sm3Hex(token),
      personId: person.id,
      now: input.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await appendAudit(
      tx,
      {
        actorId: person.id,
        actorName: person.username,
        ip: input.ip,
        action: 'session.sign_in',
        objectType: 'person',
        objectId: person.id,
      },
      input.now,
    );
  });
  return { token, personId: person.id };
}

/**
 * Resolves a cookie token to the caller, or says why it no longer counts. A
 * session validated in the last `session.cacheSeconds` is taken from this
 * process's cache; otherwise (and before ending one) the database decides.
 */
export async function resolveSession(
  deps: AppDeps,
  token: string,
  now: Date,
): Promise<{ actor: Actor } | { expired: boolean }> {
  const hash = sm3Hex(token);
  const cache = sessionCacheOf(deps);
  const { idleMinutes, touchSeconds } = deps.config.session;
  const live = (r: repo.SessionActorRow) =>
    r.active && r.expiresAt > now && r.lastSeenAt.getTime() + idleMinutes * 60_000 > now.getTime();
  let row = cache.get(hash, now.getTime());
  if (!row || !live(row)) {
    const filledAt = cache.fill();
    row = await repo.loadSession(deps.database.db, hash);
    if (!row) return { expired: false };
    if (!live(row)) {
      await repo.deleteSession(deps.database.db, hash);
      cache.forgetPerson(row.personId);
      return { expired: true };
    }
    cache.put(hash, row, now.getTime(), filledAt);
  }
  // The idle timeout needs no finer grain than this: last-seen is written at most once per touchSeconds.
  if (now.getTime() - row.lastSeenAt.getTime() > touchSeconds * 1000) {
    row.lastSeenAt = now; // first, so requests arriving meanwhile do not write it again
    await repo.touchSession(deps.database.db, hash, now);
  }
  return {
    actor: {
      id: row.personId,
      username: row.username,
      name: row.name,
      unitId: row.unitId,
      unitPath: row.unitPath,
      roles: row.roles,
      mustChangePassword: row.mustChangePassword,
      sessionHash: hash,
    },
  };
}

/** 退出登录: ends the caller's session. */
export async function signOut(deps: AppDeps, actor: Actor, ip: string, now: Date): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await repo.deleteSession(tx, actor.sessionHash);
    await appendAudit(
      tx,
      {
        actorId: actor.id,
        actorName: actor.username,
        ip,
        action: 'session.sign_out',
        objectType: 'person',
        objectId: actor.id,
      },
      now,
    );
  });
  sessionCacheOf(deps).forgetPerson(actor.id);
}

/** 修改密码: checks the current password and the policy, then ends the caller's other sessions. */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ip: string,
  now: Date,
): Promise<void> {
  const person = await repo.findLoginById(deps.database.db, actor.id);
  if (!person) throw fail('not_found');
  const check = await verifyPassword(
    input.currentPassword,
    person.passwordHash,
    deps.config.pbkdf2Iterations,
  );
  if (!check.ok) throw fail('wrong_current_password', 'currentPassword');
  const broken = checkPassword(input.newPassword, person.username);
  if (broken) throw fail(broken, 'newPassword');
  if (input.newPassword === input.currentPassword) throw fail('password_reused', 'newPassword');
  const hash = await hashPassword(input.newPassword, deps.config.pbkdf2Iterations);
  await deps.database.db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, actor.id, hash, false, now);
    await repo.deleteSessionsOf(tx, actor.id, actor.sessionHash);
    await appendAudit(
      tx,
      {
        actorId: actor.id,
        actorName: actor.username,
        ip,
        action: 'person.change_password',
        objectType: 'person',
        objectId: actor.id,
      },
      now,
    );
  });
  // Its other sessions are gone, and this one no longer owes a password change.
  sessionCacheOf(deps).forgetPerson(actor.id);
}

/**
 * 重置密码: gives a person a one-time password they must change at next sign-in,
 * unlocks the account and ends their sessions. Returns the password (shown once).
 */
export async function resetPassword(
  deps: AppDeps,
  personId: number,
  by: { actorId: number | null; actorName: string; ip: string | null },
  now: Date,
): Promise<string> {
  const person = await repo.findLoginById(deps.database.db, personId);
  if (!person) throw fail('not_found');
  const password = generatePassword();
  const hash = await hashPassword(password, deps.config.pbkdf2Iterations);
  await deps.database.db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, personId, hash, true, now);
    await repo.deleteSessionsOf(tx, personId);
    await appendAudit(
      tx,
      {
        actorId: by.actorId,
        actorName: by.actorName,
        ip: by.ip,
        action: 'person.reset_password',
        objectType: 'person',
        objectId: personId,
      },
      now,
    );
  });
  sessionCacheOf(deps).forgetPerson(personId);
  return password;
}
