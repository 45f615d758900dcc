import { beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../domain/calendar/working-days.ts';
import { defaultEscalationRules } from '../../../domain/supervision/escalation-rules.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { listCalendarDays } from '../calendar/calendar.repository.ts';
import { runEscalation, runEscalationLocked } from './escalation.service.ts';

let t: TestContext;
const cookie: Record<string, string> = {};
const unit: Record<string, number> = {};
let source: number;
let leaderId: number;
const users = ['office', 'inspector', 'liaison-qj-t01', 'liaison-qj-t02', 'leader', 'discipline'];

/** Moves the test clock (10:00 in Shanghai) and signs everyone in again. */
async function at(date: string) {
  t.clock.now = new Date(`${date}T02:00:00Z`);
  for (const u of users) cookie[u] = await t.signIn(u);
}

beforeAll(async () => {
  t = await testContext();
  await at('2026-03-02');
  for (const r of await t.sql<{ id: number; code: string }>(
    "SELECT id, code FROM units WHERE code IN ('QJ-T01', 'QJ-T02')",
  ))
    unit[r.code] = r.id;
  source = (await t.sql<{ id: number }>("SELECT id FROM problem_sources WHERE code = 'supervision'"))[0]!.id;
  leaderId = (await t.sql<{ id: number }>("SELECT id FROM people WHERE username = 'leader'"))[0]!.id;
});

async function problem(deadline: string, unitCode = 'QJ-T01'): Promise<number> {
  const r = await t.call('POST', '/api/v1/problems', {
    cookie: cookie.inspector,
    body: {
      description: `窗口推诿扯皮（整改时限 ${deadline}）`,
      sourceId: source,
      foundOn: '2026-03-02',
      foundBy: '区委第一督查组',
      unitId: unit[unitCode],
      deadline,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

type Row = {
  id: number;
  level: string;
  status: string;
  cause: string;
  skipped: string[];
  answerBy: string;
  raisedOn: string;
  late: number;
};
const noticesOf = (kind: string, id: number | string) =>
  t.sql<Row>(
    `SELECT id, level, status, cause, skipped_levels AS skipped, to_char(answer_by, 'YYYY-MM-DD') AS "answerBy",
            to_char(raised_on, 'YYYY-MM-DD') AS "raisedOn", working_days_late AS late
       FROM supervision_notices WHERE object_kind = $1 AND object_id = $2 ORDER BY id`,
    [kind, String(id)],
  );

const runNow = async () => {
  const r = await t.call('POST', '/api/v1/escalation/run', { cookie: cookie.office });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { ran: boolean; raised: number; ended: number; today: string };
};

describe('the escalation job on overdue problems', () => {
  let p1: number;
  let p3: number;
  let p4: number;

  it('ships the suggested rules', async () => {
    const r = await t.call('GET', '/api/v1/escalation-rules', { cookie: cookie.office });
    expect(r.statusCode).toBe(200);
    for (const item of r.json().items as { kind: keyof typeof defaultEscalationRules; steps: unknown }[])
      expect(item.steps).toEqual(defaultEscalationRules[item.kind]!.steps);
  });

  it('raises nothing on the deadline day itself', async () => {
    p1 = await problem('2026-03-13');
    p3 = await problem('2026-03-27');
    p4 = await problem('2026-04-10', 'QJ-T02');
    await at('2026-03-13');
    expect(await runNow()).toMatchObject({ ran: true, raised: 0, today: '2026-03-13' });
    expect(await noticesOf('problem_overdue', p1)).toEqual([]);
  });

  it('raises 提醒 one working day late, with the unit, its leader and an answer date; running again adds nothing', async () => {
    await at('2026-03-16'); // Monday after a Friday deadline
    expect((await runNow()).raised).toBe(1);
    expect(await runNow()).toMatchObject({ ran: true, raised: 0, ended: 0 });
    expect(await noticesOf('problem_overdue', p1)).toEqual([
      expect.objectContaining({
        level: 'reminder',
        status: 'open',
        cause: 'schedule',
        answerBy: '2026-03-19',
        raisedOn: '2026-03-16',
        late: 1,
      }),
    ]);
    const mine = await t.call('GET', '/api/v1/supervision-notices?for=unit', {
      cookie: cookie['liaison-qj-t01'],
    });
    expect(mine.json()).toMatchObject({
      total: 1,
      items: [
        {
          objectKind: 'problem_overdue',
          object: { type: 'problem', id: p1 },
          unit: { id: unit['QJ-T01'] },
          leader: { id: leaderId },
          level: 'reminder',
          levelLabel: { zh: '提醒' },
          answerBy: '2026-03-19',
          answerOverdue: false,
          abilities: { answer: true, accept: false },
        },
      ],
    });
    const forLeader = await t.call('GET', '/api/v1/supervision-notices?for=leader', {
      cookie: cookie.leader,
    });
    expect(forLeader.json().total).toBe(1);
    const office = await t.call('GET', '/api/v1/supervision-notices?live=true', { cookie: cookie.office });
    expect(office.json().items[0].abilities).toEqual({
      answer: false,
      accept: false,
      returnAnswer: false,
      withdraw: true,
    });
    // Another unit does not see it at all.
    const other = await t.call('GET', '/api/v1/supervision-notices', { cookie: cookie['liaison-qj-t02'] });
    expect(other.json().total).toBe(0);
    const id = mine.json().items[0].id;
    expect(
      (await t.call('GET', `/api/v1/supervision-notices/${id}`, { cookie: cookie['liaison-qj-t02'] }))
        .statusCode,
    ).toBe(404);
  });

  it('climbs to 催办 and then 督办 as working days pass, ending each lower notice', async () => {
    await at('2026-03-20'); // 5 working days late
    expect((await runNow()).raised).toBe(1);
    await at('2026-03-27'); // 10 working days late
    expect((await runNow()).raised).toBe(1);
    const rows = await noticesOf('problem_overdue', p1);
    expect(rows.map((r) => [r.level, r.status, r.late])).toEqual([
      ['reminder', 'escalated', 1],
      ['urge', 'escalated', 5],
      ['supervise', 'open', 10],
    ]);
    const audit = await t.sql<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE object_type = 'supervision_notice'
          AND actor_name = 'system' AND object_id = ANY($1::text[]) GROUP BY action ORDER BY action`,
      [rows.map((r) => String(r.id))],
    );
    expect(audit).toEqual([
      { action: 'notice.escalate', n: 2 },
      { action: 'notice.raise', n: 3 },
    ]);
  });

  it('never raises a notice twice when runs overlap, with or without the lock', async () => {
    await at('2026-03-30'); // p3 one working day late
    const results = await Promise.all([
      runEscalation(t.database.db, t.clock.now),
      runEscalation(t.database.db, t.clock.now),
      runEscalationLocked(t.database, t.clock.now),
      runEscalationLocked(t.database, t.clock.now),
    ]);
    expect(results.reduce((n, r) => n + r.raised, 0)).toBe(1);
    expect(await noticesOf('problem_overdue', p3)).toEqual([
      expect.objectContaining({ level: 'reminder', status: 'open' }),
    ]);
    const raised = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN supervision_notices n ON a.object_id = n.id::text
        WHERE a.action = 'notice.raise' AND n.object_id = $1`,
      [String(p3)],
    );
    expect(raised[0]!.n).toBe(1);
  });

  it('holds its lock against a second instance: a run started meanwhile is skipped', async () => {
    const holder = await t.database.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(4201003)');
      expect(await runNow()).toMatchObject({ ran: false, raised: 0 });
    } finally {
      await holder.query('SELECT pg_advisory_unlock(4201003)');
      holder.release();
    }
  });

  it('catches up after a week without runs: one notice at the level due, the skipped ones listed', async () => {
    // Nothing ran from 2026-03-30 to 2026-04-22; p4's deadline 04-10 passed meanwhile.
    await at('2026-04-22');
    const cal = new WorkCalendar(await listCalendarDays(t.database.db, '2026-01-01', '2026-12-31'));
    const late = cal.workingDaysBetween('2026-04-10', '2026-04-22');
    expect(late).toBe(8);
    await runNow();
    const rows = await noticesOf('problem_overdue', p4);
    expect(rows).toEqual([
      expect.objectContaining({
        level: 'urge',
        status: 'open',
        cause: 'schedule',
        skipped: ['reminder'],
        late,
        raisedOn: '2026-04-22',
        answerBy: cal.addWorkingDays('2026-04-22', 3),
      }),
    ]);
    const seen = await t.call('GET', `/api/v1/supervision-notices/${rows[0]!.id}`, {
      cookie: cookie['liaison-qj-t02'],
    });
    expect(seen.json()).toMatchObject({ skippedLevels: ['reminder'], workingDaysLate: 8 });
  });
});
