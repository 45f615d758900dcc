import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { startAuditSealerJob } from '../../jobs/audit-sealer.job.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { sealPending, verifyAudit } from './audit-seal.repository.ts';
import { appendAudit } from './audit.repository.ts';

let t: TestContext;
let auditor: string;
let admin: string;
beforeAll(async () => {
  t = await testContext();
  auditor = await t.signIn('auditor');
  admin = await t.signIn('admin');
});

describe('the audit log', () => {
  it('records who, when, from where, what, and before → after; the auditor filters it', async () => {
    const r = await t.call('POST', '/api/v1/units/2/rename', {
      cookie: admin,
      body: { name: '区委办公室（新）' },
    });
    expect(r.statusCode).toBe(200);
    const list = await t.call('GET', '/api/v1/audit?action=unit.rename&actor=admin', { cookie: auditor });
    expect(list.statusCode).toBe(200);
    const [entry] = list.json().items;
    expect(entry).toMatchObject({
      actorName: 'admin',
      ip: '127.0.0.1',
      action: 'unit.rename',
      objectType: 'unit',
      objectId: '2',
      before: { name: '区委办公室' },
      after: { name: '区委办公室（新）' },
      at: t.clock.now.toISOString(),
    });
    const adminName = (await t.sql<{ name: string }>("SELECT name FROM people WHERE username = 'admin'"))[0]!
      .name;
    const byName = await t.call(
      'GET',
      `/api/v1/audit?action=unit.rename&actor=${encodeURIComponent(adminName)}`,
      {
        cookie: auditor,
      },
    );
    expect(byName.json().total).toBe(list.json().total);
    const byText = await t.call('GET', '/api/v1/audit?q=' + encodeURIComponent('（新）'), {
      cookie: auditor,
    });
    expect(byText.json().total).toBeGreaterThanOrEqual(1);
    const none = await t.call('GET', '/api/v1/audit?from=2030-01-01T00:00:00Z', { cookie: auditor });
    expect(none.json().total).toBe(0);
    const actions = await t.call('GET', '/api/v1/audit/actions', { cookie: auditor });
    expect(actions.json().items).toContain('unit.rename');
  });

  it('is append-only for the application role: UPDATE, DELETE and TRUNCATE are refused', async () => {
    expect(t.database.restricted).toBe(true);
    const client = await t.database.pool.connect();
    try {
      for (const stmt of [
        'UPDATE audit_log SET action = $$x$$',
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
        'UPDATE audit_seals SET hash = $$x$$',
        'DELETE FROM audit_seals',
        'TRUNCATE audit_seals',
      ]) {
        await expect(client.query(stmt)).rejects.toThrow(/permission denied|append-only/);
      }
      const who = await client.query<{ u: string }>('SELECT current_user AS u');
      expect(who.rows[0]!.u).toBe('luoshi_app');
    } finally {
      client.release();
    }
    // Even the owner is stopped by the triggers.
    await sealPending(t.database.db);
    for (const table of ['audit_log', 'audit_seals']) {
      await expect(t.sql(`UPDATE ${table} SET hash = $$x$$`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
  });

  it('seals every entry of concurrent audited writes once, and the seal chain verifies', async () => {
    const writes = Array.from({ length: 40 }, (_, i) =>
      t.call('POST', `/api/v1/units/${3 + (i % 10)}/rename`, {
        cookie: admin,
        body: { name: `并发单位${i}` },
      }),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    // Committed but not sealed yet: verify says so, and it is not a break.
    const waiting = (await t.call('GET', '/api/v1/audit/verify', { cookie: auditor })).json();
    expect(waiting).toMatchObject({ ok: true, pending: { stale: 0 } });
    expect(waiting.pending.count).toBeGreaterThanOrEqual(40);
    const unsealed = await t.call('GET', '/api/v1/audit?action=unit.rename&limit=1', { cookie: auditor });
    expect(unsealed.json().items[0].seal).toBeNull();

    expect(await sealPending(t.database.db)).toBeGreaterThanOrEqual(40);
    const v = (await t.call('GET', '/api/v1/audit/verify', { cookie: auditor })).json();
    expect(v).toMatchObject({ ok: true, pending: { count: 0, stale: 0, oldestQueuedAt: null } });
    expect(v.entries).toBeGreaterThan(40);
    expect(v.sealed).toBe(v.entries);
    const sealed = await t.call('GET', '/api/v1/audit?action=unit.rename&limit=1', { cookie: auditor });
    expect(sealed.json().items[0].seal).toMatchObject({
      seq: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const once = await t.sql<{ n: number; d: number; max: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT entry_id)::int AS d, max(seq)::int AS max FROM audit_seals',
    );
    expect(once[0]).toEqual({ n: v.entries, d: v.entries, max: v.entries });
  });

  it('records a true "before" when the same record is changed concurrently', async () => {
    const person = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'p0003'"))[0]!.id;
    const unit = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T09'"))[0]!.id;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        Promise.all([
          t.call('PATCH', `/api/v1/people/${person}`, { cookie: admin, body: { name: `并发${i}` } }),
          t.call('POST', `/api/v1/units/${unit}/rename`, { cookie: admin, body: { name: `并发镇${i}` } }),
        ]),
      ),
    );
    for (const [type, id] of [
      ['person', person],
      ['unit', unit],
    ] as const) {
      const history = await t.sql<{ before: { name: string } | null; after: { name: string } }>(
        `SELECT before, after FROM audit_log WHERE object_type = $1 AND object_id = $2 AND action IN ('person.update', 'unit.rename') ORDER BY id`,
        [type, String(id)],
      );
      expect(history.length).toBeGreaterThan(10);
      for (let i = 1; i < history.length; i++)
        expect(history[i]!.before!.name).toBe(history[i - 1]!.after.name);
      const now = await t.sql<{ name: string }>(
        `SELECT name FROM ${type === 'person' ? 'people' : 'units'} WHERE id = $1`,
        [id],
      );
      expect(now[0]!.name).toBe(history.at(-1)!.after.name);
    }
  });

  it('verify finds the first broken link after an entry is altered behind the application', async () => {
    await sealPending(t.database.db);
    const target = (
      await t.sql<{ id: string; seq: string }>(
        `SELECT a.id, s.seq FROM audit_log a JOIN audit_seals s ON s.entry_id = a.id
          WHERE a.action = 'unit.rename' ORDER BY s.seq LIMIT 1`,
      )
    )[0]!;
    // A superuser can switch triggers off; the seal chain still catches the change.
    await asSuperuser(t.adminUrl, [
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
      `UPDATE audit_log SET after = '{"name":"伪造"}' WHERE id = ${Number(target.id)}`,
      'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete',
    ]);
    const v = await t.call('GET', '/api/v1/audit/verify', { cookie: auditor });
    expect(v.json()).toMatchObject({
      ok: false,
      broken: { id: Number(target.id), seq: Number(target.seq), reason: 'hash_mismatch' },
    });
  });
});

/** Runs statements as the superuser in one transaction (tampering behind the application's back). */
async function asSuperuser(url: string, statements: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    for (const q of statements) await c.query(q);
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

/** A fresh database with `n` unit renames, sealed. */
async function sealedLog(n: number): Promise<TestContext> {
  const t2 = await testContext();
  const a2 = await t2.signIn('admin');
  for (let i = 0; i < n; i++)
    await t2.call('POST', '/api/v1/units/2/rename', { cookie: a2, body: { name: `名${i}` } });
  await sealPending(t2.database.db);
  expect(await verifyAudit(t2.database.db)).toMatchObject({ ok: true, pending: { count: 0 } });
  return t2;
}

describe('the seal chain', () => {
  // Each case tampers with a fresh sealed log: seal 1 is the demo load, 2 the sign-in, 3–7 five renames.
  const seal = (seq: number) => `(SELECT entry_id FROM audit_seals WHERE seq = ${seq})`;
  it.each([
    [
      'a seal hash',
      `UPDATE audit_seals SET hash = repeat('a', 64) WHERE seq = 3`,
      { seq: 3, reason: 'hash_mismatch' },
    ],
    [
      'a seal link',
      `UPDATE audit_seals SET prev_hash = repeat('b', 64) WHERE seq = 3`,
      { seq: 3, reason: 'prev_mismatch' },
    ],
    [
      'the entries of two seals swapped',
      // In two steps: the unique entry_id would refuse the swap in one.
      `UPDATE audit_seals SET entry_id = -entry_id WHERE seq IN (3, 4);
       UPDATE audit_seals SET entry_id = -CASE seq WHEN 3 THEN ${seal(4)} ELSE ${seal(3)} END WHERE seq IN (3, 4)`,
      { seq: 3, reason: 'hash_mismatch' },
    ],
    ['a removed seal', 'DELETE FROM audit_seals WHERE seq = 4', { seq: 4, id: null, reason: 'missing_seal' }],
    ['a removed entry', `DELETE FROM audit_log WHERE id = ${seal(4)}`, { seq: 4, reason: 'missing_entry' }],
    // An entry written behind the audit repository's back, never queued: it would never be sealed.
    [
      'an entry that was never queued',
      `INSERT INTO audit_log (at, action, object_type) VALUES (now(), 'forged', 'test')`,
      { seq: null, reason: 'unsealed_entry' },
    ],
    // The newest seal gone: the chain itself still holds, but its entry is neither sealed nor queued.
    [
      'the newest seal removed',
      'DELETE FROM audit_seals WHERE seq = 7',
      { seq: null, reason: 'unsealed_entry' },
    ],
  ])('notices %s', async (_, tamper, broken) => {
    const t2 = await sealedLog(5);
    expect((await t2.sql<{ n: number }>('SELECT max(seq)::int AS n FROM audit_seals'))[0]!.n).toBe(7);
    await asSuperuser(t2.adminUrl, ["SET LOCAL session_replication_role = 'replica'", tamper]);
    expect(await verifyAudit(t2.database.db)).toMatchObject({ ok: false, broken });
  });

  it('flags entries that wait for their seal longer than allowed, until they are sealed', async () => {
    const t2 = await sealedLog(0);
    const a2 = await t2.signIn('admin');
    await t2.call('POST', '/api/v1/units/2/rename', { cookie: a2, body: { name: '待封存' } });
    const fresh = await verifyAudit(t2.database.db, { staleSeconds: 60 });
    expect(fresh).toMatchObject({ ok: true, pending: { count: 2, stale: 0 } });
    await new Promise((r) => setTimeout(r, 1100));
    const late = await verifyAudit(t2.database.db, { staleSeconds: 1 });
    expect(late).toMatchObject({
      ok: false,
      pending: { count: 2, stale: 2 },
      broken: { reason: 'sealing_overdue' },
    });
    expect(late.pending.oldestQueuedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await sealPending(t2.database.db)).toBe(2);
    expect(await verifyAudit(t2.database.db, { staleSeconds: 1 })).toMatchObject({
      ok: true,
      pending: { count: 0 },
    });
  });

  it('seals entries that commit out of id order, each exactly once', async () => {
    const t2 = await sealedLog(0);
    const db = t2.database.db;
    const entry = (action: string) => ({
      actorId: null,
      actorName: 'test',
      ip: null,
      action,
      objectType: 'test',
      objectId: null,
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const early = new Promise<void>((r) => (inserted = r));
    // The first entry takes the lower id but commits last.
    const slow = db.transaction(async (tx) => {
      await appendAudit(tx, entry('test.slow'), new Date());
      inserted();
      await held;
    });
    await early;
    await db.transaction((tx) => appendAudit(tx, entry('test.fast'), new Date()));
    expect(await sealPending(db)).toBe(1);
    release();
    await slow;
    expect(await sealPending(db)).toBe(1);
    const rows = await t2.sql<{ action: string; id: string; seq: string }>(
      `SELECT a.action, a.id, s.seq FROM audit_log a JOIN audit_seals s ON s.entry_id = a.id
        WHERE a.action LIKE 'test.%' ORDER BY s.seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['test.fast', 'test.slow']);
    expect(Number(rows[1]!.id)).toBeLessThan(Number(rows[0]!.id));
    expect(await verifyAudit(db)).toMatchObject({ ok: true, pending: { count: 0 } });
  });

  it('never forks the chain when several sealers run at once, in this and other processes', async () => {
    const t2 = await sealedLog(0);
    // 600 entries in one go, queued as the audit repository queues its entries.
    await t2.sql(`WITH entry AS (
        INSERT INTO audit_log (at, actor_name, action, object_type, object_id, before, after)
        SELECT now(), 'bulk', 'test.bulk', 'test', g::text, 'null', jsonb_build_object('n', g)
          FROM generate_series(1, 600) g
        RETURNING id)
      INSERT INTO audit_pending (entry_id) SELECT id FROM entry`);
    const pools = await Promise.all([1, 2, 3].map(() => openDatabase(t2.adminUrl, 2)));
    try {
      const counts = await Promise.all([
        ...pools.map((d) => sealPending(d.db, { batch: 25 })),
        ...pools.map((d) => sealPending(d.db, { batch: 40, wait: false })),
      ]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(600);
    } finally {
      await Promise.all(pools.map((d) => d.close()));
    }
    const seals = await t2.sql<{ n: number; d: number; min: number; max: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT entry_id)::int AS d, min(seq)::int AS min, max(seq)::int AS max FROM audit_seals',
    );
    const entries = (await t2.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    expect(seals[0]).toEqual({ n: entries, d: entries, min: 1, max: entries });
    expect(await verifyAudit(t2.database.db)).toMatchObject({
      ok: true,
      sealed: entries,
      pending: { count: 0 },
    });
  });

  it('two instances running the sealer job while writes go on seal each entry once, in one chain', async () => {
    const t2 = await sealedLog(0);
    const a2 = await t2.signIn('admin');
    const config = { ...t2.config, audit: { ...t2.config.audit, sealIntervalMs: 20 } };
    const instances = await Promise.all([1, 2].map(() => openDatabase(t2.adminUrl, 3)));
    const errors: unknown[] = [];
    const jobs = instances.map((database) =>
      startAuditSealerJob({ database, config }, (m, err) => {
        if (err) errors.push(err);
      }),
    );
    try {
      for (let round = 0; round < 10; round++)
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            t2.call('POST', `/api/v1/units/${3 + i}/rename`, {
              cookie: a2,
              body: { name: `双实例${round}-${i}` },
            }),
          ),
        );
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
      await Promise.all(instances.map((d) => d.close()));
    }
    expect(errors).toEqual([]);
    const v = await verifyAudit(t2.database.db);
    expect(v).toMatchObject({ ok: true, pending: { count: 0 } });
    expect(v.sealed).toBe(v.entries);
    expect(v.entries).toBeGreaterThan(80);
  });

  it('the scheduled sealer catches up after downtime and seals what is left when it stops', async () => {
    const t2 = await sealedLog(0);
    const a2 = await t2.signIn('admin');
    // Down: entries pile up.
    for (let i = 0; i < 30; i++)
      await t2.call('POST', '/api/v1/units/3/rename', { cookie: a2, body: { name: `停机${i}` } });
    expect((await verifyAudit(t2.database.db)).pending.count).toBe(31);
    const errors: unknown[] = [];
    const config = { ...t2.config, audit: { ...t2.config.audit, sealIntervalMs: 50 } };
    const sealer = startAuditSealerJob({ database: t2.database, config }, (m, err) => {
      if (err) errors.push(err);
    });
    try {
      await expect
        .poll(async () => (await verifyAudit(t2.database.db)).pending.count, { timeout: 5000 })
        .toBe(0);
      // While it runs, new entries are sealed within about a second.
      await t2.call('POST', '/api/v1/units/3/rename', { cookie: a2, body: { name: '运行中' } });
      await expect
        .poll(async () => (await verifyAudit(t2.database.db)).pending.count, { timeout: 2000 })
        .toBe(0);
      await t2.call('POST', '/api/v1/units/3/rename', { cookie: a2, body: { name: '停止前' } });
    } finally {
      await sealer.stop();
    }
    expect(errors).toEqual([]);
    expect(await verifyAudit(t2.database.db)).toMatchObject({ ok: true, pending: { count: 0 } });
  });
});
