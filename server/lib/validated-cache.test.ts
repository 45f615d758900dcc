import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { changeCounter, ValidatedCache } from './validated-cache.ts';

let t: TestContext;

beforeAll(async () => {
  t = await testContext();
});

describe('ValidatedCache', () => {
  it('serves a kept answer until a watched table changes, then computes again', async () => {
    const cache = new ValidatedCache(60_000);
    const db = t.database.db;
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(await cache.json(db, 'k', compute)).toBe('{"n":1}');
    expect(await cache.json(db, 'k', compute)).toBe('{"n":1}');
    expect(await cache.json(db, 'other', compute)).toBe('{"n":2}');

    // A change behind the application's back (any statement on a watched table) advances the counter.
    const before = await changeCounter(db);
    await t.sql('UPDATE settings SET key = key WHERE false');
    expect(await changeCounter(db)).not.toBe(before);
    expect(await cache.json(db, 'k', compute)).toBe('{"n":3}');
    expect(await cache.json(db, 'k', compute)).toBe('{"n":3}');

    // A table no list reads does not.
    const still = await changeCounter(db);
    await t.sql("INSERT INTO problem_events (problem_id, at, action) SELECT 1, now(), 'x' WHERE false");
    expect(await changeCounter(db)).toBe(still);
  });

  it('keeps the problem counter apart: problem tables move it, task tables do not', async () => {
    const db = t.database.db;
    const cache = new ValidatedCache(60_000, 10, 'problems');
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.json(db, 'k', compute)).toBe('1');
    const tasks = await changeCounter(db, 'tasks');
    const problems = await changeCounter(db, 'problems');
    await t.sql('UPDATE tasks SET title = title WHERE false');
    expect(await changeCounter(db, 'problems')).toBe(problems);
    expect(await cache.json(db, 'k', compute)).toBe('1');
    for (const table of [
      'problems',
      'problem_measures',
      'problem_category_links',
      'problem_sources',
      'people',
    ]) {
      const at = await changeCounter(db, 'problems');
      await t.sql(`DELETE FROM ${table} WHERE false`);
      expect(await changeCounter(db, 'problems'), table).not.toBe(at);
    }
    expect(await changeCounter(db, 'tasks')).not.toBe(tasks); // people is read by both
    expect(await cache.json(db, 'k', compute)).toBe('2');
  });

  it('never serves an answer older than its time limit, and 0 turns it off', async () => {
    const db = t.database.db;
    let computed = 0;
    const compute = async () => ++computed;
    const short = new ValidatedCache(1);
    await short.json(db, 'k', compute);
    await new Promise((r) => setTimeout(r, 5));
    expect(await short.json(db, 'k', compute)).toBe('2');
    const off = new ValidatedCache(0);
    expect(await off.json(db, 'k', compute)).toBe('3');
    expect(await off.json(db, 'k', compute)).toBe('4');
    expect(off.size).toBe(0);
  });

  it('keeps at most its number of entries, dropping the oldest', async () => {
    const db = t.database.db;
    const cache = new ValidatedCache(60_000, 2);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.json(db, 'a', compute);
    await cache.json(db, 'b', compute);
    await cache.json(db, 'c', compute);
    expect(cache.size).toBe(2);
    expect(await cache.json(db, 'c', compute)).toBe('3');
    expect(await cache.json(db, 'a', compute)).toBe('4');
  });
});
