import pg from 'pg';
import { addDays, shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { copyRows } from './lib/copy.ts';
import { closePool } from './lib/close-pool.ts';
import { rngFrom } from './lib/rng.ts';

// 问题数据集: TOTAL_PROBLEMS problems over every unit of the city, loaded with
// COPY, with returns in their history, and public survey answers; every unit
// put in one peer group so one board ranks all of them.

export const TOTAL_PROBLEMS = 1_000_000;
export const SURVEY_ANSWERS = 20_000;
export const BENCH_GROUP = 'bench_all';

const DESCRIPTIONS = [
  '便民服务中心窗口推诿扯皮，群众反映办事“多头跑”',
  '重点项目前期手续办理迟缓，未按序时进度推进',
  '村务公开栏内容长期未更新',
  '干部工作日脱岗、上班时间玩手机',
  '信访件办理超期未答复',
  '河道垃圾清理不及时，群众多次反映',
  '燃气管道安全隐患排查不彻底',
  '审计发现专项资金拨付滞后',
  '矛盾纠纷排查化解台账不实',
  '防汛物资储备不足，应急预案未演练',
];

const COLUMNS = [
  'campaign_id',
  'description',
  'source_id',
  'found_on',
  'found_by',
  'unit_id',
  'severity',
  'deadline',
  'status',
  'claimed_on',
  'closed_at',
  'return_count',
  'claim_count',
  'recorded_by',
  'created_at',
  'updated_at',
];

export interface ProblemData {
  counts: Record<string, number>;
  seconds: number;
  peerGroupId: number;
  units: number;
}

/**
 * Loads the problems (one transaction, COPY), their returns as history
 * events, survey answers, and puts every unit in the bench peer group; then
 * ANALYZE. Problems are found over the 200 days before `now`, each with a
 * deadline 15–90 days later: 45% closed, 25% being rectified, 10% assigned, 8%
 * claimed, 5% returned, 4% dismissed, the rest assigned.
 */
export async function generateProblems(
  url: string,
  opts: { now: Date; seed: string; campaignId: number; log: (m: string) => void },
): Promise<ProblemData> {
  const t0 = performance.now();
  const rng = rngFrom(`${opts.seed}/problems`);
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c TimeZone=UTC' });
  const client = await pool.connect();
  const today = shanghaiDate(opts.now);
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const units = (await client.query<{ id: number }>('SELECT id FROM units ORDER BY id')).rows.map(
      (u) => u.id,
    );
    const sources = (
      await client.query<{ id: number }>('SELECT id FROM problem_sources ORDER BY id')
    ).rows.map((s) => s.id);
    const office = (await client.query<{ id: number }>(`SELECT id FROM people WHERE username = 'office'`))
      .rows[0]!.id;
    function* rows() {
      for (let i = 0; i < TOTAL_PROBLEMS; i++) {
        const foundOn = addDays(today, -(5 + rng.int(0, 200)));
        const deadline = addDays(foundOn, 15 + rng.int(0, 75));
        const p = rng.next();
        let status =
          p < 0.45
            ? 'closed'
            : p < 0.7
              ? 'rectifying'
              : p < 0.8
                ? 'assigned'
                : p < 0.88
                  ? 'closing_claimed'
                  : p < 0.93
                    ? 'returned'
                    : p < 0.97
                      ? 'dismissed'
                      : 'assigned';
        let claimedOn: string | null = null;
        let closedAt: Date | null = null;
        if (status === 'closed' || status === 'closing_claimed') {
          claimedOn = addDays(foundOn, 5 + rng.int(0, 90));
          if (claimedOn > today) {
            claimedOn = null;
            status = 'rectifying';
          } else if (status === 'closed') {
            const closedOn = addDays(claimedOn, rng.int(1, 10));
            if (closedOn > today) status = 'closing_claimed';
            else closedAt = new Date(`${closedOn}T03:00:00Z`);
          }
        }
        const returned = status === 'returned' ? 1 : 0;
        const at = new Date(`${foundOn}T02:00:00Z`);
        yield [
          rng.chance(0.7) ? opts.campaignId : null,
          DESCRIPTIONS[i % DESCRIPTIONS.length]!,
          sources[i % sources.length]!,
          foundOn,
          '区委督查组',
          units[rng.int(0, units.length - 1)]!,
          ['general', 'major', 'severe'][i % 3]!,
          deadline,
          status,
          claimedOn,
          closedAt,
          returned,
          (claimedOn ? 1 : 0) + returned,
          office,
          at,
          opts.now,
        ];
      }
    }
    const problems = await copyRows(client, 'problems', COLUMNS, rows());
    opts.log(`  problems: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const events =
      await client.query(`INSERT INTO problem_events (problem_id, at, actor_id, action, from_status, to_status, note)
      SELECT id, (found_on + 20)::timestamp AT TIME ZONE 'Asia/Shanghai', recorded_by, 'return', 'closing_claimed',
             'returned', '整改不到位，退回重改'
        FROM problems WHERE status = 'returned'`);
    const answers = await client.query(
      `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM units)
       INSERT INTO survey_answers (unit_id, period, device_hash, address_hash, rating, aspects, comment, answered_at)
       SELECT u.ids[1 + (g * 37) % cardinality(u.ids)], to_char(a.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'),
              md5('device' || g), md5('address' || (g % 5000)), 1 + (g * 7) % 5, '{}'::jsonb, '', a.at
         FROM u, generate_series(1, $1) g
         CROSS JOIN LATERAL (SELECT ($2::date - (g % 200))::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '3 hours' AS at) a`,
      [SURVEY_ANSWERS, today],
    );
    const events2 = await client.query(
      `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM units)
       INSERT INTO evaluation_events (unit_id, kind, title, occurred_on, origin, recorded_by, recorded_at)
       SELECT u.ids[1 + (g * 53) % cardinality(u.ids)],
              (ARRAY['award_national','award_city','yellow_card','criticism_circular'])[1 + g % 4],
              '压测事项 ' || g, $1::date - (g % 200), 'manual', $2, now()
         FROM u, generate_series(1, 800) g`,
      [today, office],
    );
    const group = await client.query<{ id: number }>(
      `INSERT INTO peer_groups (code, name_zh, name_en, sort) VALUES ($1, '全市单位（压测）', 'Every unit (bench)', 99)
       RETURNING id`,
      [BENCH_GROUP],
    );
    const peerGroupId = group.rows[0]!.id;
    await client.query('UPDATE units SET peer_group_id = $1', [peerGroupId]);
    await client.query('COMMIT');
    for (const table of ['problems', 'problem_events', 'survey_answers', 'evaluation_events', 'units'])
      await client.query(`ANALYZE ${table}`);
    return {
      counts: {
        problems,
        'problem returns': events.rowCount ?? 0,
        'survey answers': answers.rowCount ?? 0,
        'bonus/penalty events': events2.rowCount ?? 0,
      },
      seconds: (performance.now() - t0) / 1000,
      peerGroupId,
      units: units.length,
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
    await closePool(pool);
  }
}
