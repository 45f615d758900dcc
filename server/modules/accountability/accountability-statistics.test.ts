import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar/shanghai-date.ts';
import type { MeasureCode } from '../../../domain/accountability/forms.ts';
import { testContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let discipline: string;
let problemId: number;
let townId: number;
const reasoning = '推进项目审批改革中先行先试，程序存在疏漏，未造成重大损失且未谋取私利';

beforeAll(async () => {
  t = await testContext();
  discipline = await t.signIn('discipline');
  townId = (await t.sql<{ id: number }>("SELECT id FROM units WHERE code = 'QJ-T02'"))[0]!.id;
  const source = (
    await t.sql<{ id: number }>("SELECT id FROM problem_sources WHERE code = 'supervision'")
  )[0]!.id;
  const p = await t.call('POST', '/api/v1/problems', {
    cookie: await t.signIn('inspector'),
    body: {
      description: '干部躺平、推诿扯皮',
      sourceId: source,
      foundOn: '2025-03-01',
      unitId: townId,
      deadline: '2025-06-30',
    },
  });
  expect(p.statusCode, p.body).toBe(201);
  problemId = p.json().id;
});

const post = (url: string, body: unknown) => t.call('POST', url, { cookie: discipline, body });
const get = (url: string) => t.call('GET', url, { cookie: discipline });

async function person(name: string): Promise<number> {
  const r = await post('/api/v1/accountability/persons', { name, unitId: townId, post: '科员' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function newCase(title: string): Promise<number> {
  const r = await post('/api/v1/accountability/cases', { title });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function record(caseId: number, body: Record<string, unknown>) {
  const r = await post(`/api/v1/accountability/cases/${caseId}/records`, {
    basisProblemIds: [problemId],
    decisionText: '经研究，决定予以处理。',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('the Kaizhou figures (开州: 14 件 21 人, 回访教育 123 人, 从轻或减轻 7 人, 不影响使用意见 20 人次)', () => {
  it('are entered through the API and come back exactly from the statistics endpoint', async () => {
    const cycle: MeasureCode[] = [
      'admonishment',
      'party_warning',
      'gov_demerit',
      'party_serious_warning',
      'removal_from_office',
      'party_probation',
      'criticism',
    ];
    let n = 0;
    for (let c = 1; c <= 14; c++) {
      const caseId = await newCase(`"四困"负面典型第 ${c} 案`);
      const size = c <= 7 ? 2 : 1; // 7 cases of two people and 7 of one: 21 people
      for (let k = 0; k < size; k++, n++) {
        const leniency =
          n < 4
            ? { kind: 'lenient', distinctions: ['reform_inexperience'], reasoning }
            : n < 7
              ? { kind: 'reduced', distinctions: ['unintended_for_development'], reasoning }
              : null;
        await record(caseId, {
          subject: { kind: 'person', accountabilityPersonId: await person(`干部${n}`) },
          measure: leniency?.kind === 'reduced' ? 'admonishment' : cycle[n % cycle.length],
          decidedOn: addDays('2025-03-10', c * 15),
          leniency,
        });
      }
      // Noise that must not count as one of the 21: a unit held to account, an exempted cadre.
      if (c === 1)
        await record(caseId, {
          subject: { kind: 'unit', unitId: townId },
          measure: 'unit_circular',
          decidedOn: '2025-03-25',
        });
      if (c === 14)
        await record(caseId, {
          subject: { kind: 'person', accountabilityPersonId: await person('免责干部') },
          measure: null,
          decidedOn: '2025-08-17',
          leniency: { kind: 'exempt', distinctions: ['unrestricted_exploration'], reasoning },
        });
    }
    // A case of the year before, outside the period.
    await record(await newCase('上年度案件'), {
      subject: { kind: 'person', accountabilityPersonId: await person('上年度干部') },
      measure: 'party_warning',
      decidedOn: '2024-11-02',
    });
    // 123 people visited in the period (sanctioned in earlier years), 40 of them twice, 20 opinions.
    for (let i = 0; i < 123; i++) {
      const who = await person(`回访对象${i}`);
      const visit = (visitedOn: string, noEffectOnUse: boolean) =>
        post('/api/v1/accountability/follow-ups', { accountabilityPersonId: who, visitedOn, noEffectOnUse });
      expect((await visit(addDays('2025-03-05', i), false)).statusCode).toBe(201);
      if (i < 40) expect((await visit(addDays('2025-09-01', i), i < 20)).statusCode).toBe(201);
      if (i === 0) expect((await visit('2025-02-28', true)).statusCode).toBe(201); // before the period
    }
    const late = await person('下年度回访对象');
    await post('/api/v1/accountability/follow-ups', {
      accountabilityPersonId: late,
      visitedOn: '2026-01-01',
      noEffectOnUse: true,
    });

    const s = await get('/api/v1/accountability/statistics?from=2025-03-01&to=2025-12-31');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toEqual({
      from: '2025-03-01',
      to: '2025-12-31',
      cases: 14,
      people: 21,
      units: 1,
      byForm: { 1: 8, 2: 11, 3: 2, 4: 0 },
      leniency: { lenient: 4, reduced: 3, exempt: 1, lenientOrReduced: 7 },
      visited: 123,
      visits: 163,
      opinions: 20,
    });
  }, 120_000);

  it('refuses a period that ends before it starts', async () => {
    const r = await get('/api/v1/accountability/statistics?from=2025-12-31&to=2025-03-01');
    expect(r.json()).toMatchObject({ code: 'validation_failed', field: 'query.to' });
  });
});
