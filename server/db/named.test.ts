import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../test/harness.ts';
import { executeNamed } from './client.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

describe('executeNamed', () => {
  it('runs a named statement again and again with new values, nested fragments and array parameters', async () => {
    const pick = (ids: number[]) => sql`id = ANY(${sql.param(ids)}::int[])`;
    for (const [a, b, ids] of [
      [1, 2, [1, 2]],
      [10, -3, [3]],
      [0, 0, []],
    ] as const) {
      const r = await executeNamed<{ n: number; k: number }>(
        t.database.db,
        'named_test_sum',
        sql`SELECT ${a}::int + ${b}::int AS n, (SELECT count(*)::int FROM units WHERE ${pick([...ids])}) AS k`,
      );
      expect(r.rows[0]).toEqual({ n: a + b, k: ids.length });
    }
  });

  it('refuses a name reused for other SQL text instead of running the old text', async () => {
    const q = (raw: string) => sql`SELECT ${sql.raw(raw)} AS v, ${1}::int AS w`;
    expect((await executeNamed(t.database.db, 'named_test_raw', q("'a'"))).rows[0]).toEqual({ v: 'a', w: 1 });
    await expect(executeNamed(t.database.db, 'named_test_raw', q("'b'"))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/used for a different statement/) },
    });
  });
});
