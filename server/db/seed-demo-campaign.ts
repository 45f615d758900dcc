import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../domain/calendar/shanghai-date.ts';
import { dueDateOf, periodsBetween } from '../../domain/tasks/cadence.ts';
import { appendAudit } from '../modules/audit/audit.repository.ts';
import { getTaskSettings } from '../modules/settings/settings.service.ts';
import { refreshTask } from '../modules/tasks/task-light.service.ts';
import { intArray, type Db } from './client.ts';

/** [code, title, category, target, lead unit, deadline, progress reached by the deadline's share (0–1)] */
const TASKS: [string, string, string, string, string, string, number][] = [
  [
    'SK-01',
    '开展"四困"问题大排查大起底',
    '破"四困"',
    '全区各单位完成自查，建立问题清单',
    '区委组织部',
    '2026-05-31',
    1,
  ],
  [
    'SK-02',
    '建立干部担当作为激励和容错纠错机制',
    '促"四敢"',
    '出台激励办法和容错纠错实施细则',
    '区委组织部',
    '2026-06-30',
    1,
  ],
  ['SK-03', '整治"躺平式"干部问题', '破"四困"', '查处躺平、守成问题线索', '区纪委监委', '2026-12-31', 0.9],
  [
    'SK-04',
    '推行"马上就办、办就办好"工作机制',
    '促"四敢"',
    '群众诉求按时办结率达到 98%',
    '区政府办公室',
    '2026-12-31',
    1,
  ],
  ['SK-05', '完成重点项目年度投资', '重点项目', '完成投资 73.89 亿元', '区发展改革委', '2026-12-31', 0.8],
  [
    'SK-06',
    '优化营商环境"一件事一次办"',
    '营商环境',
    '上线 30 个"一件事"集成服务',
    '区政务服务办',
    '2026-10-31',
    1,
  ],
  [
    'SK-07',
    '开展"庸懒散拖"问题专项督查',
    '作风督查',
    '完成 4 轮专项督查并通报',
    '区委督查室',
    '2026-12-31',
    1,
  ],
  ['SK-08', '推进城市背街小巷改造', '民生实事', '改造背街小巷 120 条', '区住房城乡建委', '2026-11-30', 0.7],
  ['SK-09', '农村人居环境整治提升', '乡村振兴', '完成 200 个村庄清洁行动', '区农业农村委', '2026-12-31', 1],
  [
    'SK-10',
    '精简文件会议，为基层减负',
    '基层减负',
    '文件、会议数量比上年减少 30%',
    '区委办公室',
    '2026-12-31',
    1,
  ],
  ['SK-11', '信访积案化解攻坚', '平安稳定', '化解信访积案 85 件', '区信访办', '2026-09-30', 0.6],
  [
    'SK-12',
    '生态环境问题整改销号',
    '生态环保',
    '中央环保督察反馈问题全部销号',
    '区生态环境局',
    '2026-12-31',
    0.95,
  ],
  ['SK-13', '安全生产治本攻坚三年行动', '安全生产', '重大事故隐患动态清零', '区应急局', '2026-12-31', 1],
  [
    'SK-14',
    '推进"互联网+督查"平台建设',
    '数字赋能',
    '平台上线运行，覆盖全部镇街部门',
    '区大数据发展局',
    '2026-08-31',
    0.5,
  ],
  ['SK-15', '审计发现问题整改', '审计整改', '审计问题整改率达到 100%', '区审计局', '2026-10-31', 1],
  [
    'SK-16',
    '开展"解放思想大讨论"专题学习',
    '思想教育',
    '各单位开展专题学习不少于 4 次',
    '区委宣传部',
    '2026-07-31',
    1,
  ],
  ['SK-17', '推进市场主体倍增', '营商环境', '新增市场主体 6000 户', '区市场监管局', '2026-12-31', 0.85],
  ['SK-18', '国有企业提质增效', '国企改革', '区属国企利润增长 8%', '区国资委', '2026-12-31', 1],
  ['SK-19', '河长制问题清单整改', '生态环保', '河库问题整改 60 个', '区水利局', '2026-11-30', 0.75],
  [
    'SK-20',
    '乡村振兴衔接资金项目建设',
    '乡村振兴',
    '衔接资金项目开工率 100%',
    '区乡村振兴局',
    '2026-09-30',
    1,
  ],
];

/** 破"四困"促"四敢": the district-wide task handed to every town and street. */
const SPLIT = [
  'SK-21',
  '镇街"四困"问题整改清零',
  '破"四困"',
  '各镇街问题清单全部整改销号',
  '2026-12-31',
] as const;

const ITEMS: [string, 'monthly' | 'half_monthly' | 'quarterly', number][] = [
  ['作风提升行动工作进展月报', 'monthly', 5],
  ['"四困"问题整改情况半月报', 'half_monthly', 3],
  ['容错纠错案例季度报送', 'quarterly', 10],
];

/**
 * 演示专项行动: a campaign in the demo district with its task list, reports
 * through the year up to `now`, a split task, reporting items and a dispatch
 * meeting, so the lights, late counts and views show a realistic mix.
 * Deterministic for a given `now` date.
 */
export async function seedDemoCampaign(db: Db, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  await db.transaction(async (tx) => {
    const idOf = async (table: 'units' | 'people', where: string) => {
      const col = table === 'units' ? 'name' : 'username';
      const r = await tx.execute<{ id: number }>(
        sql`SELECT id FROM ${sql.identifier(table)} WHERE ${sql.identifier(col)} = ${where}`,
      );
      return r.rows[0]?.id;
    };
    const office = (await idOf('people', 'office'))!;
    const leader = (await idOf('people', 'leader'))!;
    const region = (await tx.execute<{ id: number }>(sql`SELECT id FROM units WHERE parent_id IS NULL`))
      .rows[0]!.id;
    const c = await tx.execute<{
      id: number;
    }>(sql`INSERT INTO campaigns (name, leading_group, description, start_on,
        end_on, created_by, created_at, updated_at)
      VALUES ('破"四困"促"四敢"作风提升行动', '区作风提升行动领导小组',
        '聚焦躺平、守成、畏难、好人"四困"问题，推动干部敢想、敢干、敢闯、敢担当。', '2026-03-01', '2026-12-31',
        ${office}, ${now}, ${now}) RETURNING id`);
    const campaignId = c.rows[0]!.id;
    const start = '2026-03-01';
    const staffOf = async (unitId: number) =>
      (
        await tx.execute<{ id: number }>(
          sql`SELECT id FROM people WHERE unit_id = ${unitId} ORDER BY (username LIKE 'liaison-%') DESC, id LIMIT 1`,
        )
      ).rows[0]?.id ?? office;
    const addTask = async (
      code: string,
      title: string,
      category: string,
      target: string,
      unitId: number,
      deadline: string,
      parentId: number | null,
    ) => {
      const r = await tx.execute<{
        id: number;
      }>(sql`INSERT INTO tasks (campaign_id, parent_id, code, title, category,
          target_text, target_value, target_unit, lead_unit_id, status, start_on, deadline, cadence, issued_at,
          sign_due_on, signed_at, signed_by, created_by, created_at, updated_at)
        VALUES (${campaignId}, ${parentId}, ${code}, ${title}, ${category}, ${target},
          ${code === 'SK-05' ? 73.89 : null}, ${code === 'SK-05' ? '亿元' : null}, ${unitId}, 'in_progress',
          ${start}::date, ${deadline}::date, 'monthly', '2026-03-02T02:00:00Z', '2026-03-05', '2026-03-03T03:00:00Z',
          ${await staffOf(unitId)}, ${office}, ${now}, ${now}) RETURNING id`);
      const id = r.rows[0]!.id;
      await tx.execute(sql`INSERT INTO task_leaders (task_id, person_id) VALUES (${id}, ${leader})`);
      // Every third task plans by milestones (时间节点), the others by elapsed time (按序时进度).
      if (id % 3 === 0) {
        const mid = addDays(start, Math.floor((Date.parse(deadline) - Date.parse(start)) / 86_400_000 / 2));
        await tx.execute(sql`INSERT INTO task_milestones (task_id, due_on, title, percent)
          VALUES (${id}, ${mid}::date, '完成阶段目标', 50), (${id}, ${deadline}::date, '全面完成', 100)`);
      }
      return id;
    };
    /** Monthly reports from March to the last month due; `pace` scales the planned share. */
    const addReports = async (
      taskId: number,
      unitId: number,
      deadline: string,
      pace: number,
      skip: number,
    ) => {
      const author = await staffOf(unitId);
      const last = deadline < today ? deadline : today;
      const periods = periodsBetween('monthly', start, last).filter((p) => dueDateOf(p, 3) < today);
      const total = (Date.parse(deadline) - Date.parse(start)) / 86_400_000 + 1;
      for (const [i, p] of periods.entries()) {
        if (skip > 0 && i % skip === skip - 1) continue; // a missed month now and then
        const planned = Math.min(
          100,
          (((Date.parse(p.end) - Date.parse(start)) / 86_400_000 + 1) / total) * 100,
        );
        const percent = Math.min(100, Math.round(planned * pace));
        const due = dueDateOf(p, 3);
        const at = `${addDays(due, i % 4 === 3 ? 2 : -1)}T02:00:00Z`;
        await tx.execute(sql`INSERT INTO reports (task_id, unit_id, period_key, period_start, period_end, due_on, status,
            percent, progress, gap, reason, measures, author_id, submitted_at, decided_by, decided_at, late)
          VALUES (${taskId}, ${unitId}, ${p.key}, ${p.start}::date, ${p.end}::date, ${due}::date, 'approved', ${percent},
            ${`已完成 ${percent}%，按计划推进`}, ${percent < planned ? `较序时进度落后 ${Math.round(planned - percent)} 个百分点` : '无'},
            ${percent < planned ? '前期手续办理时间较长' : ''}, ${percent < planned ? '倒排工期，挂图作战，加强调度' : '持续推进'},
            ${author}, ${at}, ${author}, ${at}, ${i % 4 === 3})`);
      }
      const lastPercent = await tx.execute<{ p: number }>(
        sql`SELECT coalesce(max(percent), 0) AS p FROM reports WHERE task_id = ${taskId}`,
      );
      await tx.execute(sql`UPDATE tasks SET progress = ${lastPercent.rows[0]!.p} WHERE id = ${taskId}`);
    };
    const ids: number[] = [];
    for (const [i, [code, title, category, target, unitName, deadline, pace]] of TASKS.entries()) {
      const unitId = (await idOf('units', unitName))!;
      const id = await addTask(code, title, category, target, unitId, deadline, null);
      await addReports(id, unitId, deadline, pace, i % 5 === 4 ? 3 : 0);
      ids.push(id);
    }
    // Two finished, one waiting to be signed.
    await tx.execute(sql`UPDATE tasks SET status = 'done', progress = 100, completion_evidence = '已完成，见佐证材料',
      claimed_at = '2026-06-20T02:00:00Z', completed_at = '2026-06-25T02:00:00Z' WHERE id = ANY(${intArray([ids[0]!, ids[1]!])})`);
    const parentId = await addTask(SPLIT[0], SPLIT[1], SPLIT[2], SPLIT[3], region, SPLIT[4], null);
    const towns = await tx.execute<{
      id: number;
    }>(sql`SELECT u.id FROM units u JOIN peer_groups g ON g.id = u.peer_group_id
      WHERE g.code = 'towns' ORDER BY u.sort, u.id`);
    for (const [i, t] of towns.rows.entries()) {
      const sub = await addTask(
        `${SPLIT[0]}-${String(i + 1).padStart(2, '0')}`,
        SPLIT[1],
        SPLIT[2],
        SPLIT[3],
        t.id,
        SPLIT[4],
        parentId,
      );
      await addReports(sub, t.id, SPLIT[4], [1, 0.85, 0.6, 1.05][i % 4]!, i % 7 === 6 ? 2 : 0);
    }
    await tx.execute(sql`UPDATE tasks SET status = 'issued', signed_at = NULL, signed_by = NULL, issued_at = ${now},
      sign_due_on = ${addDays(today, 3)}::date, progress = 0 WHERE id = ${ids[ids.length - 1]!}`);
    await tx.execute(sql`DELETE FROM reports WHERE task_id = ${ids[ids.length - 1]!}`);
    for (const [title, cadence, grace] of ITEMS) {
      const r = await tx.execute<{
        id: number;
      }>(sql`INSERT INTO report_items (campaign_id, title, cadence, grace_days,
          start_on, end_on, created_by, created_at)
        VALUES (${campaignId}, ${title}, ${cadence}, ${grace}, ${start}::date, '2026-12-31', ${office}, ${now}) RETURNING id`);
      await tx.execute(sql`INSERT INTO report_item_units (item_id, unit_id) SELECT ${r.rows[0]!.id}, id FROM units
        WHERE peer_group_id IS NOT NULL`);
    }
    const m = await tx.execute<{ id: number }>(sql`INSERT INTO meetings (campaign_id, title, held_on, place,
        other_attendees, notes, created_by, created_at)
      VALUES (${campaignId}, '作风提升行动第一次调度会', '2026-04-10', '区行政中心第一会议室', '各镇街、各部门主要负责人',
        '听取各牵头单位工作汇报，研究解决推进中的困难问题。', ${office}, ${now}) RETURNING id`);
    await tx.execute(
      sql`INSERT INTO meeting_attendees (meeting_id, person_id) VALUES (${m.rows[0]!.id}, ${leader})`,
    );
    await tx.execute(
      sql`INSERT INTO meeting_tasks (meeting_id, task_id) SELECT ${m.rows[0]!.id}, unnest(${intArray(ids.slice(4, 8))})`,
    );
    await tx.execute(sql`INSERT INTO meeting_decisions (meeting_id, text) VALUES
      (${m.rows[0]!.id}, '5月底前完成全区背街小巷改造项目招标'), (${m.rows[0]!.id}, '建立重点项目周调度机制')`);
    await tx.execute(sql`INSERT INTO instructions (task_id, leader_id, text, at)
      VALUES (${ids[7]!}, ${leader}, '进度滞后，请住建委拿出倒排计划，下周调度会专题汇报。', ${now})`);
    const s = await getTaskSettings(tx);
    const all = await tx.execute<{ id: number }>(
      sql`SELECT id FROM tasks WHERE campaign_id = ${campaignId} ORDER BY parent_id NULLS LAST, id`,
    );
    for (const { id } of all.rows) await refreshTask(tx, id, now, s);
    await appendAudit(
      tx,
      {
        actorId: null,
        actorName: 'system',
        ip: null,
        action: 'system.seed_demo_campaign',
        objectType: 'campaign',
        objectId: campaignId,
      },
      now,
    );
  });
}
