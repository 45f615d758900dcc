import { beforeAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await testContext();
  admin = await t.signIn('admin');
});

describe('the working-day calendar', () => {
  it('ships 2026 with its holidays and make-up days, and anyone signed in can read it', async () => {
    const liaison = await t.signIn('liaison-qj-t01');
    const r = await t.call('GET', '/api/v1/calendar?year=2026', { cookie: liaison });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.workingDays).toBe(248);
    expect(body.days.filter((d: { name: string }) => d.name === '春节')).toHaveLength(9);
    expect(body.days).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(
      (await t.call('GET', '/api/v1/calendar?year=2027', { cookie: liaison })).json().days.length,
    ).toBeGreaterThan(5);
  });

  it('lets the system admin add a holiday and a make-up day, and clear them, each audited', async () => {
    const set = await t.call('PUT', '/api/v1/calendar/2026-11-30', {
      cookie: admin,
      body: { kind: 'holiday', name: '区庆' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().workingDays).toBe(247);
    const swap = await t.call('PUT', '/api/v1/calendar/2026-11-29', {
      cookie: admin,
      body: { kind: 'workday', name: '区庆调休上班' },
    });
    expect(swap.json().workingDays).toBe(248);
    const cleared = await t.call('DELETE', '/api/v1/calendar/2026-11-30', { cookie: admin });
    expect(cleared.json().workingDays).toBe(249);
    const again = await t.call('DELETE', '/api/v1/calendar/2026-11-30', { cookie: admin });
    expect(again.statusCode).toBe(404);
    const audit = await t.sql<{ action: string; object_id: string }>(
      "SELECT action, object_id FROM audit_log WHERE object_type = 'calendar_day' ORDER BY id",
    );
    expect(audit.map((a) => `${a.action} ${a.object_id}`)).toEqual([
      'calendar.set 2026-11-30',
      'calendar.set 2026-11-29',
      'calendar.clear 2026-11-30',
    ]);
  });

  it('refuses bad dates and kinds, and other roles', async () => {
    const before = await t.sql('SELECT * FROM calendar_days');
    for (const [url, body, field] of [
      ['/api/v1/calendar/2026-02-30', { kind: 'holiday', name: '假' }, 'params.date'],
      ['/api/v1/calendar/tomorrow', { kind: 'holiday', name: '假' }, 'params.date'],
      ['/api/v1/calendar/2026-12-01', { kind: 'day-off', name: '假' }, 'body.kind'],
      ['/api/v1/calendar/2026-12-01', { kind: 'holiday', name: '' }, 'body.name'],
    ] as const) {
      const r = await t.call('PUT', url, { cookie: admin, body });
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const office = await t.signIn('office');
    expect(
      (
        await t.call('PUT', '/api/v1/calendar/2026-12-01', {
          cookie: office,
          body: { kind: 'holiday', name: '假' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.call('GET', '/api/v1/calendar?year=1900', { cookie: office })).json().field).toBe(
      'query.year',
    );
    expect(await t.sql('SELECT * FROM calendar_days')).toEqual(before);
  });
});
