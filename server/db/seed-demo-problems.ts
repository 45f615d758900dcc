import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../domain/calendar/shanghai-date.ts';
import type { ProblemStatus } from '../../domain/problems/problem-lifecycle.ts';
import { appendAudit } from '../modules/audit/audit.repository.ts';
import type { Db, Transaction } from './client.ts';

/** [description, source code, category code] */
const FINDINGS: [string, string, string][] = [
  ['便民服务中心窗口推诿扯皮，群众反映办事“多头跑”', 'supervision', 'inaction_none'],
  ['重点项目前期手续办理迟缓，未按序时进度推进', 'inspection_tour', 'inaction_slow'],
  ['违规向企业摊派检查任务，增加企业负担', 'public_report', 'inaction_wrong'],
  ['村务公开栏内容长期未更新', 'unannounced_visit', 'formalism_form'],
  ['文件会议过多，基层填表报数负担重', 'self_inspection', 'formalism_bureaucracy'],
  ['干部工作日脱岗、上班时间玩手机', 'unannounced_visit', 'mediocre_lazy'],
  ['信访件办理超期未答复', 'petition', 'inaction_slow'],
  ['河道垃圾清理不及时，群众多次反映', 'environment', 'inaction_none'],
  ['燃气管道安全隐患排查不彻底', 'safety', 'holding_on_good_enough'],
  ['网民反映老旧小区加装电梯推进停滞', 'online_opinion', 'fearing_detour'],
  ['对历史遗留问题不敢碰硬、久拖不决', 'inspection_tour', 'fearing_hard_cases'],
  ['审计发现专项资金拨付滞后', 'audit', 'inaction_slow'],
  ['矛盾纠纷排查化解台账不实', 'stability', 'formalism_form'],
  ['班子民主生活会批评与自我批评流于形式', 'inspection_tour', 'nice_guy_no_criticism'],
  ['安于现状，年度目标任务完成率偏低', 'supervision', 'lying_flat_content'],
  ['网格员上报的道路坑洼未及时修复', 'grid_report', 'inaction_none'],
  ['工程项目招投标程序不规范', 'audit', 'inaction_wrong'],
  ['因循守旧，“一件事一次办”改革推进缓慢', 'supervision', 'holding_on_old_ways'],
  ['对群众反映的噪音扰民问题怕得罪人、不较真', 'public_report', 'nice_guy_no_offence'],
  ['防汛物资储备不足，应急预案未演练', 'safety', 'lying_flat_passive'],
];

/** The state each problem is left in, by its place in a cycle of ten. */
const CYCLE: ProblemStatus[] = [
  'closed',
  'rectifying',
  'assigned',
  'closing_claimed',
  'returned',
  'closed',
  'rectifying',
  'closed',
  'rectifying',
  'closed',
];

const MEASURES = [
  '召开专题会议，剖析问题根源，明确整改责任',
  '建立问题台账，实行销号管理',
  '完善工作制度，形成长效机制',
  '开展“回头看”，防止问题反弹',
];

interface Ids {
  office: number;
  inspector: number;
  campaignId: number | null;
  units: { id: number; staff: number; name: string }[];
  sources: Map<string, number>;
  categories: Map<string, { id: number; path: string }>;
}

async function loadIds(tx: Transaction): Promise<Ids> {
  const one = async (q: ReturnType<typeof sql>) => (await tx.execute<{ id: number }>(q)).rows[0]?.id;
  const office = (await one(sql`SELECT id FROM people WHERE username = 'office'`))!;
  const inspector = (await one(sql`SELECT id FROM people WHERE username = 'inspector'`))!;
  const campaignId =
    (await one(sql`SELECT id FROM campaigns WHERE name = '破"四困"促"四敢"作风提升行动'`)) ?? null;
  // The demo accounts' units first (so their negative lists have something), then other towns and departments.
  const units = await tx.execute<{ id: number; staff: number; name: string }>(sql`
    SELECT u.id, u.name, coalesce((SELECT min(p.id) FROM people p WHERE p.unit_id = u.id), ${office}) AS staff
    FROM units u WHERE u.peer_group_id IS NOT NULL
    ORDER BY EXISTS (SELECT 1 FROM people p WHERE p.unit_id = u.id AND p.username LIKE 'liaison-%') DESC, u.sort, u.id
    LIMIT 16`);
  const sources = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM problem_sources`);
  const cats = await tx.execute<{ id: number; code: string; path: string }>(
    sql`SELECT id, code, path FROM problem_categories`,
  );
  return {
    office,
    inspector,
    campaignId,
    units: units.rows,
    sources: new Map(sources.rows.map((s) => [s.code, s.id])),
    categories: new Map(cats.rows.map((c) => [c.code, { id: c.id, path: c.path }])),
  };
}

/**
 * 演示问题清单: sixty problems from every source over the demo units, in
 * every state of the life cycle — assigned, being rectified with measures,
 * claimed with evidence, returned once, closed, reopened by a look-back,
 * dismissed, merged, overdue, and long-term ones on and behind their stage
 * targets — so the problem list, negative lists and statistics show a
 * realistic mix. Deterministic for a given `now` date. Written by SQL with
 * their history; one audit entry records the load.
 */
export async function seedDemoProblems(db: Db, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  await db.transaction(async (tx) => {
    const ids = await loadIds(tx);
    const event = (
      problemId: number,
      at: Date,
      actor: number,
      action: string,
      from: string | null,
      to: string | null,
      note: string | null = null,
    ) =>
      tx.execute(sql`INSERT INTO problem_events (problem_id, at, actor_id, action, from_status, to_status, note)
        VALUES (${problemId}, ${at}, ${actor}, ${action}, ${from}, ${to}, ${note})`);
    const made: number[] = [];
    for (let i = 0; i < 60; i++) {
      const [description, sourceCode, categoryCode] = FINDINGS[i % FINDINGS.length]!;
      const unit = ids.units[i % ids.units.length]!;
      let status = CYCLE[i % CYCLE.length]!;
      // Found 50 to 129 days ago; what happened to it since took at most 40 days.
      const foundOn = addDays(today, -(50 + ((i * 7) % 80)));
      const longTerm = i % 12 === 5;
      const overdue = i % 10 === 6;
      const deadline = overdue
        ? addDays(today, -(1 + (i % 9)))
        : addDays(today, longTerm ? 200 : 15 + (i % 4) * 15);
      const at = (days: number) => new Date(Date.parse(`${addDays(foundOn, days)}T02:00:00Z`));
      const recorder = sourceCode === 'self_inspection' ? unit.staff : i % 2 ? ids.inspector : ids.office;
      const stages = longTerm
        ? [
            { date: addDays(foundOn, 30), title: '完成问题排查和整改方案', percent: 30 },
            { date: addDays(foundOn, 120), title: '完成主体整改', percent: 70 },
            { date: deadline, title: '全面整改销号', percent: 100 },
          ]
        : [];
      // One long-term problem keeps up with its stages, the others fall behind.
      const progress = longTerm ? (i === 5 ? 75 : 10) : 0;
      const behindFrom = longTerm
        ? (stages.filter((s) => s.percent > progress).map((s) => addDays(s.date, 1))[0] ?? null)
        : null;
      if (i === 18) status = 'dismissed';
      const reopened = i === 21 || i === 41;
      if (reopened) status = 'rectifying';
      const returnCount = status === 'returned' || i % 20 === 3 ? 1 : 0;
      const claimedOn = status === 'closing_claimed' || status === 'closed' ? addDays(foundOn, 25) : null;
      const r = await tx.execute<{ id: number }>(sql`
        INSERT INTO problems (campaign_id, description, source_id, found_on, found_by, unit_id, person_id, severity,
          deadline, long_term, progress, behind_from, status, claimed_on, closed_at, return_count, rebound_count,
          claim_count, self_reported, recorded_by, created_at, updated_at)
        VALUES (${i % 4 === 3 ? null : ids.campaignId}, ${description}, ${ids.sources.get(sourceCode)!}, ${foundOn}::date,
          ${sourceCode === 'self_inspection' ? '单位自查' : ['区委第一督查组', '区委第二督查组', '区委巡察组'][i % 3]!},
          ${unit.id}, ${unit.staff === ids.office ? null : unit.staff}, ${['general', 'major', 'severe'][i % 3]!},
          ${deadline}::date, ${longTerm}, ${progress}, ${behindFrom}::date, ${status}, ${claimedOn}::date,
          ${status === 'closed' ? at(30) : null}, ${returnCount}, ${reopened ? 1 : 0},
          ${claimedOn ? 1 + returnCount : returnCount}, ${sourceCode === 'self_inspection'}, ${recorder}, ${at(0)}, ${now})
        RETURNING id`);
      const id = r.rows[0]!.id;
      made.push(id);
      const cat = ids.categories.get(categoryCode)!;
      await tx.execute(sql`INSERT INTO problem_category_links (problem_id, category_id, direct)
        SELECT ${id}, a.id, a.id = ${cat.id} FROM problem_categories a WHERE ${cat.path} LIKE a.path || '%'`);
      for (const s of stages) {
        await tx.execute(sql`INSERT INTO problem_stages (problem_id, due_on, title, percent)
          VALUES (${id}, ${s.date}::date, ${s.title}, ${s.percent})`);
      }
      await event(id, at(0), recorder, 'create', null, 'assigned');
      if (status === 'assigned') continue;
      for (const [k, text] of MEASURES.slice(0, 2 + (i % 3)).entries()) {
        await tx.execute(sql`INSERT INTO problem_measures (problem_id, seq, text, owner, due_on, done)
          VALUES (${id}, ${k + 1}, ${text}, ${`${unit.name}分管负责人`},
            ${addDays(foundOn, 10 + k * 10) < deadline ? addDays(foundOn, 10 + k * 10) : deadline}::date,
            ${status === 'closed' || k === 0})`);
      }
      await event(id, at(3), unit.staff, 'file_measures', 'assigned', 'rectifying');
      if (status === 'rectifying' && !reopened && returnCount === 0) continue;
      if (status === 'dismissed') {
        await event(id, at(5), ids.office, 'dismiss', 'rectifying', 'dismissed', '经核实，反映情况不属实');
        continue;
      }
      const claim = async (days: number, text: string, from: ProblemStatus) => {
        await tx.execute(sql`INSERT INTO problem_evidence (problem_id, text, submitted_by, submitted_at, decision,
            decided_by, decided_at, reason)
          VALUES (${id}, ${text}, ${unit.staff}, ${at(days)}, NULL, NULL, NULL, NULL)`);
        await event(id, at(days), unit.staff, 'claim_closing', from, 'closing_claimed', text);
      };
      const decide = async (days: number, decision: string, reason: string | null) => {
        await tx.execute(sql`UPDATE problem_evidence SET decision = ${decision}, decided_by = ${ids.inspector},
          decided_at = ${at(days)}, reason = ${reason} WHERE problem_id = ${id} AND decision IS NULL`);
      };
      if (returnCount > 0) {
        await claim(15, '已按措施完成整改，附整改前后对比照片', 'rectifying');
        await decide(18, 'returned', '佐证材料不充分，缺少群众回访记录，请补充后重新申请');
        await event(
          id,
          at(18),
          ids.inspector,
          'return',
          'closing_claimed',
          'returned',
          '佐证材料不充分，缺少群众回访记录',
        );
        if (status === 'returned') continue;
      }
      if (status === 'rectifying' && !reopened) continue;
      await claim(
        25,
        '整改措施已全部落实，群众回访满意，申请销号',
        returnCount > 0 ? 'returned' : 'rectifying',
      );
      if (status === 'closing_claimed') continue;
      await decide(30, 'closed', '经实地核查，整改到位');
      await event(id, at(30), ids.inspector, 'close', 'closing_claimed', 'closed', '经实地核查，整改到位');
      if (reopened) {
        await tx.execute(sql`UPDATE problems SET closed_at = NULL, claimed_on = NULL WHERE id = ${id}`);
        await event(id, at(40), ids.office, 'reopen', 'closed', 'rectifying', '回头看发现问题反弹');
      }
    }
    // A duplicate (still assigned), merged into an open problem it repeats.
    const [target, dup] = [made[2]!, made[22]!];
    await tx.execute(
      sql`UPDATE problems SET status = 'merged', merged_into_id = ${target} WHERE id = ${dup}`,
    );
    await event(dup, now, ids.office, 'merge', 'assigned', 'merged', '与已有问题重复，合并办理');
    await appendAudit(
      tx,
      {
        actorId: null,
        actorName: 'system',
        ip: null,
        action: 'system.seed_demo_problems',
        objectType: 'problem',
        objectId: null,
        after: { problems: made.length, campaignId: ids.campaignId },
      },
      now,
    );
  });
}
