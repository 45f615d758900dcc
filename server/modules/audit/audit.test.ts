import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';
import { verifyAudit } from './audit.repository.ts';

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
      ]) {
        await expect(client.query(stmt)).rejects.toThrow(/permission denied|append-only/);
      }
      const who = await client.query<{ u: string }>('SELECT current_user AS u');
      expect(who.rows[0]!.u).toBe('luoshi_app');
    } finally {
      client.release();
    }
    // Even the owner is stopped by the trigger.
    await expect(t.sql('UPDATE audit_log SET action = $$x$$')).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('keeps every chain intact under concurrent audited writes', async () => {
    const writes = Array.from({ length: 40 }, (_, i) =>
      t.call('POST', `/api/v1/units/${3 + (i % 10)}/rename`, {
        cookie: admin,
        body: { name: `并发单位${i}` },
      }),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const chains = await t.sql<{ n: string }>('SELECT count(DISTINCT chain_id) AS n FROM audit_log');
    expect(Number(chains[0]!.n)).toBeGreaterThan(1);
    const v = await t.call('GET', '/api/v1/audit/verify', { cookie: auditor });
    expect(v.json()).toMatchObject({ ok: true });
    expect(v.json().entries).toBeGreaterThan(40);
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

  it('verify finds the first broken link after a row is altered behind the application', async () => {
    const target = (
      await t.sql<{ id: string; chain_id: number; chain_seq: string }>(
        "SELECT id, chain_id, chain_seq FROM audit_log WHERE action = 'unit.rename' ORDER BY id LIMIT 1",
      )
    )[0]!;
    // A superuser can switch triggers off; the hash chain still catches the change.
    const c = new pg.Client({ connectionString: t.adminUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await c.query(`UPDATE audit_log SET after = '{"name":"伪造"}' WHERE id = $1`, [target.id]);
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    await c.query('COMMIT');
    await c.end();
    const v = await t.call('GET', '/api/v1/audit/verify', { cookie: auditor });
    expect(v.json()).toMatchObject({
      ok: false,
      broken: {
        id: Number(target.id),
        chainId: target.chain_id,
        chainSeq: Number(target.chain_seq),
        reason: 'hash_mismatch',
      },
    });
  });

  it('verify notices a deleted entry', async () => {
    const t2 = await testContext();
    const a2 = await t2.signIn('admin');
    for (let i = 0; i < 5; i++)
      await t2.call('POST', '/api/v1/units/2/rename', { cookie: a2, body: { name: `名${i}` } });
    expect((await verifyAudit(t2.database.db)).ok).toBe(true);
    const victim = (
      await t2.sql<{ id: string }>(
        "SELECT id FROM audit_log WHERE action = 'unit.rename' ORDER BY id DESC LIMIT 1",
      )
    )[0]!;
    const c = new pg.Client({ connectionString: t2.adminUrl });
    await c.connect();
    await c.query("SET session_replication_role = 'replica'");
    await c.query('DELETE FROM audit_log WHERE id = $1', [victim.id]);
    await c.end();
    const v = await verifyAudit(t2.database.db);
    expect(v.ok).toBe(false);
    expect(v.broken?.reason).toBe('missing_entry');
  });
});
