import type { Database } from '../../db/client.ts';
import type { SessionActorRow } from './session.repository.ts';

type Entry = { row: SessionActorRow; validatedAt: number };

/**
 * 会话缓存: sessions this process has validated, trusted for `ttlMs` before the
 * database is asked again. A change that ends a session or alters its person
 * (sign-out, password change or reset, deactivation, an edit, grants, units)
 * forgets the person's entries here at once, after its commit; other instances
 * notice within `ttlMs` (docs/ARCHITECTURE.md, "Session cache").
 *
 * A lookup that was already reading the database when such a change committed
 * may have read the old state: `fill` notes the invalidation counter before the
 * read, and `put` drops the row when its person (or everyone) was invalidated
 * since.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byPerson = new Map<number, Set<string>>();
  private tick = 0;
  private clearedAt = 0;
  private readonly personForgottenAt = new Map<number, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** A session validated less than `ttlMs` ago (by `now`), or undefined. */
  get(tokenHash: string, now: number): SessionActorRow | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    const age = now - e.validatedAt;
    if (age >= 0 && age < this.ttlMs) return e.row;
    this.delete(tokenHash);
    return undefined;
  }

  /** Call before reading a session from the database; pass the result to `put`. */
  fill(): number {
    return this.tick;
  }

  /** Remembers a session validated at `now`, unless its person was invalidated since `fill`. */
  put(tokenHash: string, row: SessionActorRow, now: number, filledAt: number): void {
    if (this.ttlMs <= 0) return;
    if (this.clearedAt > filledAt || (this.personForgottenAt.get(row.personId) ?? 0) > filledAt) return;
    this.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(tokenHash, { row, validatedAt: now });
    let hashes = this.byPerson.get(row.personId);
    if (!hashes) this.byPerson.set(row.personId, (hashes = new Set()));
    hashes.add(tokenHash);
  }

  /** Forgets every session of a person (their sessions ended, or what they may do changed). */
  forgetPerson(personId: number): void {
    this.personForgottenAt.set(personId, ++this.tick);
    for (const h of this.byPerson.get(personId) ?? []) this.entries.delete(h);
    this.byPerson.delete(personId);
  }

  /** Forgets every session (a change that may touch anyone's scope, such as moving a unit). */
  clear(): void {
    this.clearedAt = ++this.tick;
    this.entries.clear();
    this.byPerson.clear();
    this.personForgottenAt.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(tokenHash: string): void {
    const e = this.entries.get(tokenHash);
    if (!e) return;
    this.entries.delete(tokenHash);
    const hashes = this.byPerson.get(e.row.personId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byPerson.delete(e.row.personId);
  }
}

const caches = new WeakMap<Database, SessionCache>();

/** The session cache of the application built on this database handle (one per process and pool). */
export function sessionCacheOf(deps: {
  database: Database;
  config: { session: { cacheSeconds: number } };
}): SessionCache {
  let c = caches.get(deps.database);
  if (!c) caches.set(deps.database, (c = new SessionCache(deps.config.session.cacheSeconds * 1000)));
  return c;
}
