import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { surveyLimits } from '../../../domain/evaluation/metrics.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { content, world, type World } from './evaluation.testkit.ts';
import { resetSurveyGate } from './survey.service.ts';

let t: TestContext;
let w: World;
let office: string;
let token: string;
let T0: number;

beforeAll(async () => {
  t = await testContext();
  t.clock.now = new Date('2026-03-10T02:00:00Z');
  office = await t.signIn('office');
  w = await world(t);
  T0 = w.towns[0]!.id;
});
beforeEach(() => resetSurveyGate());

/** A phone or browser: its own device cookie, taken from the survey page. */
async function device(): Promise<string> {
  const r = await t.call('GET', `/api/v1/public/surveys/${token}`);
  const set = String(r.headers['set-cookie']);
  return set.split(';')[0]!;
}

const answer = (cookie: string | undefined, body: Record<string, unknown>) =>
  t.call('POST', `/api/v1/public/surveys/${token}/answers`, { ...(cookie ? { cookie } : {}), body });

describe('survey links', () => {
  it('the office gives a unit its link (audited); rotating gives a new one and the old address stops', async () => {
    const r = await t.call('POST', '/api/v1/evaluation/survey-links', {
      cookie: office,
      body: { unitId: T0 },
    });
    expect(r.statusCode, r.body).toBe(200);
    const first = r.json().token as string;
    expect(r.json().path).toBe(`/public/survey/${first}`);
    const same = await t.call('POST', '/api/v1/evaluation/survey-links', {
      cookie: office,
      body: { unitId: T0 },
    });
    expect(same.json().token).toBe(first);
    const rotated = await t.call('POST', '/api/v1/evaluation/survey-links', {
      cookie: office,
      body: { unitId: T0, rotate: true },
    });
    token = rotated.json().token;
    expect(token).not.toBe(first);
    expect((await t.call('GET', `/api/v1/public/surveys/${first}`)).statusCode).toBe(404);
    expect((await t.sql("SELECT 1 FROM audit_log WHERE action LIKE 'survey.link.%'")).length).toBe(2);
    const liaison = await t.signIn('liaison-qj-t01');
    expect(
      (await t.call('POST', '/api/v1/evaluation/survey-links', { cookie: liaison, body: { unitId: T0 } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('answers', () => {
  it('opens without signing in, gives the device a cookie, and takes one answer per device per month', async () => {
    const page = await t.call('GET', `/api/v1/public/surveys/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      unitName: w.towns[0]!.name,
      period: { key: '2026-03' },
      answered: false,
    });
    const phone = String(page.headers['set-cookie']).split(';')[0]!;
    expect(phone).toMatch(/^luoshi_device=/);
    const r = await answer(phone, {
      rating: 5,
      aspects: { attitude: 5, efficiency: 4 },
      comment: '办事很快',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ accepted: true, period: '2026-03' });
    const again = await answer(phone, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('survey_already_answered');
    const seen = await t.call('GET', `/api/v1/public/surveys/${token}`, { cookie: phone });
    expect(seen.json().answered).toBe(true);
    // Next month the same phone may answer again.
    t.clock.now = new Date('2026-04-02T02:00:00Z');
    expect((await answer(phone, { rating: 4 })).statusCode).toBe(201);
    t.clock.now = new Date('2026-03-10T02:00:00Z');
  });

  it('one answer per phone number too, whatever the device; nothing but hashes is kept', async () => {
    expect((await answer(await device(), { rating: 3, phone: '13800138000' })).statusCode).toBe(201);
    const other = await answer(await device(), { rating: 2, phone: '13800138000' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'survey_already_answered', field: 'body.phone' });
    const rows = await t.sql<{ phone_hash: string; device_hash: string; address_hash: string }>(
      'SELECT phone_hash, device_hash, address_hash FROM survey_answers WHERE phone_hash IS NOT NULL',
    );
    expect(rows[0]!.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('13800138000');
    const audit = await t.sql<{ after: unknown; ip: string | null }>(
      "SELECT after, ip FROM audit_log WHERE action = 'survey.answer'",
    );
    expect(audit.length).toBe(3);
    expect(JSON.stringify(audit)).not.toContain('13800138000');
    expect(audit[0]!.ip).toBeNull();
  });

  it('refuses bad input naming the field, and an unknown link with 404', async () => {
    const bad = await answer(await device(), { rating: 6, phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.rating', 'body.phone']);
    const extra = await answer(await device(), { rating: 3, name: '张三' });
    expect(extra.json().field).toBe('body.name');
    expect((await t.call('GET', '/api/v1/public/surveys/nosuchtoken12')).statusCode).toBe(404);
    expect(
      (await t.call('POST', '/api/v1/public/surveys/nosuchtoken12/answers', { body: { rating: 3 } }))
        .statusCode,
    ).toBe(404);
    const noCsrf = await t.call('POST', `/api/v1/public/surveys/${token}/answers`, {
      body: { rating: 3 },
      headers: { 'x-luoshi-request': '0' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it(`takes at most ${surveyLimits.perAddressPerHour} answers an hour from one address (429), then again an hour later`, async () => {
    const n = Number((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM survey_answers'))[0]!.n);
    const counts = { ok: 0, limited: 0 };
    // Recent answers from this address: those of the tests above within the hour.
    const recent = Number(
      (
        await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM survey_answers WHERE answered_at > $1', [
          new Date(t.clock.now.getTime() - 3_600_000),
        ])
      )[0]!.n,
    );
    for (let i = 0; i < surveyLimits.perAddressPerHour - recent + 2; i++) {
      resetSurveyGate();
      const r = await answer(undefined, { rating: 4 }); // no cookie: a new device each time
      if (r.statusCode === 201) counts.ok++;
      else {
        expect(r.statusCode).toBe(429);
        expect(r.json().code).toBe('rate_limited');
        counts.limited++;
      }
    }
    expect(counts).toEqual({ ok: surveyLimits.perAddressPerHour - recent, limited: 2 });
    expect(Number((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM survey_answers'))[0]!.n)).toBe(
      n + counts.ok,
    );
    t.clock.now = new Date('2026-03-10T03:01:00Z');
    expect((await answer(undefined, { rating: 4 })).statusCode).toBe(201);
  });

  it(`refuses more than ${surveyLimits.attemptsPerMinute} attempts a minute from one address before the database`, async () => {
    let limited = 0;
    for (let i = 0; i < surveyLimits.attemptsPerMinute + 1; i++) {
      const r = await answer(undefined, { rating: 9 });
      if (r.statusCode === 429) limited++;
    }
    // Invalid bodies stop at validation (400) before the gate; valid ones count.
    expect(limited).toBe(0);
    for (let i = 0; i < surveyLimits.attemptsPerMinute + 1; i++) {
      const r = await t.call('POST', '/api/v1/public/surveys/nosuchtoken12/answers', { body: { rating: 3 } });
      if (r.statusCode === 429) limited++;
    }
    expect(limited).toBe(1);
  });
});

describe('the satisfaction indicator', () => {
  it('feeds the answers of the window into 满意度, with the answers behind it', async () => {
    office = await t.signIn('office');
    const c = content();
    c.indicators = [
      {
        id: 'sat',
        name: '群众满意度',
        source: 'computed',
        metric: 'satisfaction',
        weight: 100,
        direction: 'higher_better',
        normalisation: { kind: 'target', target: 100, floor: 0 },
      },
    ];
    const s = await t.call('POST', '/api/v1/evaluation/schemes', {
      cookie: office,
      body: {
        campaignId: w.campaignId,
        peerGroupId: w.townGroup,
        periodKind: 'month',
        name: '口碑',
        content: c,
      },
    });
    expect(s.statusCode, s.body).toBe(201);
    const e = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${s.json().id}/preview/units/${T0}?period=2026-03`,
      {
        cookie: office,
      },
    );
    expect(e.statusCode, e.body).toBe(200);
    const ratings = await t.sql<{ rating: number }>(
      "SELECT rating FROM survey_answers WHERE unit_id = $1 AND period = '2026-03'",
      [T0],
    );
    const mean = ratings.reduce((a, r) => a + (r.rating - 1) * 25, 0) / ratings.length;
    const line = e.json().lines[0];
    expect(Number(line.raw)).toBeCloseTo(mean, 3);
    expect(line).toMatchObject({ recordCount: ratings.length, denominator: ratings.length });
    const recs = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${s.json().id}/preview/units/${T0}/indicators/sat/records?period=2026-03&limit=3`,
      { cookie: office },
    );
    expect(recs.json()).toMatchObject({ kind: 'survey', total: ratings.length });
    expect(recs.json().items[0].title).toMatch(/★/);
    // Another town with no answers is missing (scored 0 by default).
    const other = w.towns[1]!.id;
    const o = await t.call(
      'GET',
      `/api/v1/evaluation/schemes/${s.json().id}/preview/units/${other}?period=2026-03`,
      {
        cookie: office,
      },
    );
    expect(o.json().lines[0]).toMatchObject({ missing: true, raw: null, contribution: 0 });
  });
});
