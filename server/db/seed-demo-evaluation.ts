import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../domain/calendar/shanghai-date.ts';
import type { SchemeContent } from '../../domain/contracts/evaluation.ts';
import { periodContaining, previousPeriod } from '../../domain/evaluation/period.ts';
import type { Role } from '../../domain/roles.ts';
import type { Actor } from '../http/actor.ts';
import { publishPeriod } from '../modules/evaluation/boards.service.ts';
import { recordEvent, syncEventFeeds } from '../modules/evaluation/events.service.ts';
import { registerSupervisionFeeds } from '../modules/evaluation/supervision-feed.ts';
import { createScheme } from '../modules/evaluation/schemes.service.ts';
import { answerSurvey, ensureLink } from '../modules/evaluation/survey.service.ts';
import { setValues } from '../modules/evaluation/values.service.ts';
import type { Db } from './client.ts';

/** The demo scheme: the towns' quarterly race of the demo campaign. */
export const DEMO_SCHEME_NAME = '乡镇街道季度赛马比拼';

const demoContent: SchemeContent = {
  // Every problem of a town counts, whichever list it came from (巡视, 督查, 信访…), not only the campaign's.
  recordScope: 'all',
  grading: { kind: 'quota', quotas: { A: 30, B: 40, C: 20 }, ties: 'share_lower' },
  indicators: [
    {
      id: 'on_time',
      name: '任务按期完成率',
      source: 'computed',
      metric: 'task_on_time_rate',
      weight: 15,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
      missing: 'peer_average',
    },
    {
      id: 'reports',
      name: '报送及时率',
      source: 'computed',
      metric: 'report_timeliness_rate',
      weight: 15,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
      missing: 'peer_average',
    },
    {
      id: 'closing',
      name: '问题整改销号率',
      source: 'computed',
      metric: 'problem_closing_rate',
      weight: 20,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 0 },
      missing: 'peer_average',
    },
    {
      id: 'overdue',
      name: '问题逾期数',
      source: 'computed',
      metric: 'overdue_count',
      weight: 15,
      direction: 'lower_better',
      normalisation: { kind: 'target', target: 0, floor: 5 },
    },
    {
      id: 'satisfaction',
      name: '群众满意度',
      source: 'computed',
      metric: 'satisfaction',
      weight: 10,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 50 },
      missing: 'peer_average',
    },
    {
      id: 'cards',
      name: '八张报表',
      source: 'entered',
      gradePoints: { A: 100, B: 85, C: 70, D: 55 },
      weight: 25,
      direction: 'higher_better',
      normalisation: { kind: 'target', target: 100, floor: 55 },
    },
    {
      id: 'bonus',
      name: '加减分',
      source: 'events',
      eventPoints: {
        award_national: 3,
        award_city: 1,
        praise_circular: 0.5,
        yellow_card: -2,
        criticism_circular: -1,
      },
      bonusCap: 5,
      penaltyCap: 5,
    },
  ],
};

/** The office as an actor, for calling the services as the office would. */
async function officeActor(db: Db): Promise<Actor> {
  const r = await db.execute<{ id: number; name: string; unitId: number; unitPath: string }>(sql`
    SELECT p.id, p.name, p.unit_id AS "unitId", u.path AS "unitPath"
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.username = 'office'`);
  const p = r.rows[0];
  if (!p) throw new Error('demo: no office account');
  const grants = await db.execute<{ role: Role; unitId: number; unitPath: string }>(sql`
    SELECT g.role, g.unit_id AS "unitId", u.path AS "unitPath"
    FROM grants g JOIN units u ON u.id = g.unit_id WHERE g.person_id = ${p.id}`);
  return { ...p, username: 'office', roles: grants.rows, mustChangePassword: false, sessionHash: '' };
}

/**
 * 演示赛马比拼: the towns' quarterly scheme of the demo campaign, the city's
 * report-card grades (八张报表), a few awards and warnings, survey links with
 * answers, and the last two finished quarters published (so the board shows
 * 环比), through the same services the office uses. Deterministic for a given
 * `now`. Needs the demo campaign and its problems.
 */
export async function seedDemoEvaluation(db: Db, now: Date): Promise<void> {
  const campaign = await db.execute<{ id: number; start: string }>(
    sql`SELECT id, start_on AS start FROM campaigns WHERE name = '破"四困"促"四敢"作风提升行动'`,
  );
  const group = await db.execute<{ id: number }>(sql`SELECT id FROM peer_groups WHERE code = 'towns'`);
  if (!campaign.rows[0] || !group.rows[0]) return;
  const towns = await db.execute<{ id: number }>(
    sql`SELECT id FROM units WHERE peer_group_id = ${group.rows[0].id} AND active ORDER BY sort, id`,
  );
  const actor = await officeActor(db);
  const today = shanghaiDate(now);
  const last = previousPeriod(periodContaining('quarter', today));
  const periods = [previousPeriod(last), last].filter((p) => p.end >= campaign.rows[0]!.start);
  // Each step is timed as the office would have done it: the day after each quarter ended.
  const at = (date: string) => ({ actor, ip: '127.0.0.1', now: new Date(`${date}T02:00:00Z`) });
  const schemeId = await createScheme(db, at(addDays(periods[0]?.end ?? today, 1)), {
    campaignId: campaign.rows[0].id,
    peerGroupId: group.rows[0].id,
    periodKind: 'quarter',
    name: DEMO_SCHEME_NAME,
    content: demoContent,
  });
  const grades = ['A', 'B', 'A', 'C', 'B', 'B', 'D', 'A', 'C', 'B', 'A', 'B', 'C', 'B', 'A', 'C'];
  for (const [k, p] of periods.entries())
    await setValues(db, at(addDays(p.end, 1)), schemeId, {
      period: p.key,
      values: towns.rows.map((u, i) => ({
        unitId: u.id,
        indicatorId: 'cards',
        value: grades[(i + k * 3) % grades.length]!,
        note: '市考核办季度通报',
      })),
    });
  const town = (i: number) => towns.rows[i % towns.rows.length]!.id;
  const events = [
    { unit: 2, kind: 'award_national', title: '全国乡村治理示范镇', days: 20 },
    { unit: 5, kind: 'award_city', title: '市级文明单位', days: 40 },
    { unit: 7, kind: 'yellow_card', title: '黄牌警告：信访积案化解不力', days: 30 },
    { unit: 9, kind: 'criticism_circular', title: '通报批评：防汛值守脱岗', days: 50 },
  ];
  for (const p of periods)
    for (const e of events)
      await recordEvent(db, at(addDays(p.start, e.days)), {
        unitId: town(e.unit + periods.indexOf(p)),
        campaignId: null,
        kind: e.kind,
        title: e.title,
        occurredOn: addDays(p.start, e.days),
        note: '',
      });
  for (const [i, u] of towns.rows.slice(0, 8).entries()) {
    const link = await ensureLink(db, at(periods[0]?.start ?? today), u.id, false);
    for (const p of periods)
      for (let k = 0; k < 3 + (i % 4); k++)
        await answerSurvey(
          db,
          link.token,
          { rating: 3 + ((i + k) % 3), aspects: {}, comment: k === 0 ? '办事效率明显提高' : '' },
          `demo-device-${i}-${k}`,
          `10.0.${i}.${k + 1}`,
          new Date(`${addDays(p.start, 10 + k * 7)}T03:00:00Z`),
        );
  }
  // Supervision's demo warnings and circulars count too, as the office's sync brings them in.
  registerSupervisionFeeds();
  await syncEventFeeds(db, at(today));
  for (const p of periods) await publishPeriod(db, at(addDays(p.end, 5)), schemeId, p.key);
}
