import { sql } from 'drizzle-orm';
import { executeNamed, type Tx } from '../db/client.ts';

/**
 * The database's change counters: sequences that a statement trigger advances
 * on every change to a table the answers read. `tasks`: `luoshi_change_seq`
 * (migration `0010_list_change_counter`, task lists); `problems`:
 * `luoshi_problem_change_seq` (`0015_problem_change_counter`, negative lists).
 */
const COUNTERS = {
  tasks: sql`SELECT (last_value::text || CASE WHEN is_called THEN '' ELSE '-' END) AS v FROM luoshi_change_seq`,
  problems: sql`SELECT (last_value::text || CASE WHEN is_called THEN '' ELSE '-' END) AS v
    FROM luoshi_problem_change_seq`,
} as const;
export type ChangeCounter = keyof typeof COUNTERS;

/** Where a change counter stands. Reading a sequence takes no lock and costs one index-free tuple read. */
export async function changeCounter(db: Tx, counter: ChangeCounter = 'tasks'): Promise<string> {
  const r = await executeNamed<{ v: string }>(
    db,
    counter === 'tasks' ? 'change_counter' : `change_counter_${counter}`,
    COUNTERS[counter],
  );
  return r.rows[0]!.v;
}

interface Entry {
  version: string;
  at: number;
  body: string;
}

/**
 * Answers that cost much more to compute than to check, and are read far more
 * often than the records behind them change (a campaign's task list, a unit's
 * tasks). An answer is kept per key as its JSON text and served again only
 * while the change counter still stands where it stood before the answer was
 * computed, and never for longer than `ttlMs`:
 *
 * - every change committed before the counter was read is in the answer;
 * - a change that advances the counter afterwards makes the next read compute
 *   again, on every server instance, since each reads the shared counter;
 * - the one gap: a transaction that advanced the counter before it was read
 *   but committed only after the answer's snapshot was taken. Its change shows
 *   at the next change of anything, or after `ttlMs` at the latest.
 *
 * Keys must hold everything the answer depends on besides the database: the
 * caller and its roles, the query, and the day (lights, overdue and due dates
 * are judged on the Shanghai date). `ttlMs` 0 turns the cache off.
 */
export class ValidatedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
    private readonly counter: ChangeCounter = 'tasks',
  ) {}

  /** The answer for `key` as JSON text: kept, or computed now (and kept). */
  async json(db: Tx, key: string, compute: () => Promise<unknown>): Promise<string> {
    if (this.ttlMs <= 0) return JSON.stringify(await compute());
    const version = await changeCounter(db, this.counter);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.ttlMs) return hit.body;
    const body = JSON.stringify(await compute());
    this.entries.delete(key);
    this.entries.set(key, { version, at: now, body });
    if (this.entries.size > this.maxEntries) {
      // Map keeps insertion order: the first key is the one computed longest ago.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return body;
  }

  get size(): number {
    return this.entries.size;
  }
}
