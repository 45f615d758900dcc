import type { CountsRow, GroupCounts } from './problem-statistics.repository.ts';

/** Figures computed in one snapshot, and the snapshot (`pg_current_snapshot()` as text). */
export interface ComputedCounts {
  snapshot: string;
  total: CountsRow;
  groups: GroupCounts[];
  /** The answer as last rendered from these figures (UTF-8 JSON), and the version of the labels it names. */
  rendered?: { labels: string; json: Buffer };
}

interface Entry {
  value: ComputedCounts;
  /** Order in which computations started: a later one never gives way to an earlier one. */
  ticket: number;
}

/**
 * Statistics computed once per query and day, kept by one server process and
 * trusted only after asking the database whether any problem changed that
 * their snapshot did not see (`stale`, e.g. `freshness`): a cached answer is
 * exactly what a fresh computation would give at the moment of the request, on
 * every instance, whatever the order of commits. Requests that find the same
 * figures stale at once share one computation; one that joins a computation
 * it did not start asks the same question of that computation's snapshot
 * before using it, so it never misses a change committed before it arrived.
 * At most `max` queries are kept, the least recently used leaving first.
 */
export class StatisticsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, { ticket: number; done: Promise<ComputedCounts> }>();
  private tickets = 0;

  constructor(private readonly max = 100) {}

  async read(
    key: string,
    stale: (value: ComputedCounts) => Promise<boolean>,
    compute: () => Promise<ComputedCounts>,
  ): Promise<ComputedCounts> {
    const hit = this.entries.get(key);
    if (hit && !(await stale(hit.value))) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const shared = this.running.get(key);
    if (shared) {
      const value = await shared.done.catch(() => undefined);
      if (value && !(await stale(value))) return value;
    }
    return this.start(key, compute);
  }

  /** How many queries are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private async start(key: string, compute: () => Promise<ComputedCounts>): Promise<ComputedCounts> {
    const ticket = ++this.tickets;
    const done = compute();
    this.running.set(key, { ticket, done });
    try {
      const value = await done;
      const kept = this.entries.get(key);
      if (!kept || kept.ticket < ticket) {
        this.entries.delete(key);
        this.entries.set(key, { value, ticket });
        while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
      }
      return value;
    } finally {
      if (this.running.get(key)?.ticket === ticket) this.running.delete(key);
    }
  }
}
