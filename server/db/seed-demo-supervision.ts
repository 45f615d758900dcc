import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../domain/calendar/shanghai-date.ts';
import type { Role } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import * as accountability from '../modules/accountability/accountability.service.ts';
import { createClue, moveClue } from '../modules/accountability/clues.service.ts';
import { appendAudit } from '../modules/audit/audit.repository.ts';
import { runEscalation } from '../modules/supervision/escalation.service.ts';
import { answerNotice, raiseNotice } from '../modules/supervision/notices.service.ts';
import {
  createCircular,
  createWarning,
  movePublication,
} from '../modules/supervision/publications.service.ts';
import { issueRedoOrder } from '../modules/supervision/redo-orders.service.ts';
import { createRound, recordFinding, recordVisit } from '../modules/supervision/rounds.service.ts';
import type { Tx } from './client.ts';

/** A demo account as the services see a signed-in person. */
async function actorOf(db: Tx, username: string): Promise<Actor> {
  const r = await db.execute<{
    id: number;
    username: string;
    name: string;
    unitId: number;
    unitPath: string;
    roles: { role: Role; unitId: number; unitPath: string }[];
  }>(sql`SELECT p.id, p.username, p.name, p.unit_id AS "unitId", u.path AS "unitPath",
      coalesce((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', gu.path))
        FROM grants g JOIN units gu ON gu.id = g.unit_id WHERE g.person_id = p.id), '[]') AS roles
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.username = ${username}`);
  const row = r.rows[0];
  if (!row) throw new Error(`demo account missing: ${username}`);
  return { ...row, mustChangePassword: false, sessionHash: '' };
}

/**
 * 演示督查督办与问责: on top of the demo district and campaign, through the
 * services (so every record is checked and audited as a user's would be):
 * an unannounced-visit round with a visit whose findings became problems,
 * the escalation job run once (notices on what slipped), a notice answered
 * and one raised by hand, a published yellow card, a published circular of
 * criticism and a draft of praise, a redo order, and, for the discipline
 * account only, accountability cases with leniency, follow-up visits and a
 * clue transfer. Dates are relative to `now`.
 */
export async function seedDemoSupervision(deps: AppDeps, now: Date): Promise<void> {
  const db = deps.database.db;
  const today = shanghaiDate(now);
  const as = async (username: string) => ({ actor: await actorOf(db, username), ip: '127.0.0.1', now });
  const office = await as('office');
  const inspector = await as('inspector');
  const leader = await as('leader');
  const discipline = await as('discipline');
  const liaison = await as('liaison-qj-t01');
  const ids = async (q: ReturnType<typeof sql>) =>
    (await db.execute<{ id: number }>(q)).rows.map((x) => x.id);
  const towns = await ids(sql`SELECT u.id FROM units u JOIN peer_groups g ON g.id = u.peer_group_id
    WHERE g.code = 'towns' ORDER BY u.sort, u.id LIMIT 4`);
  const [campaignId] = await ids(sql`SELECT id FROM campaigns WHERE NOT closed ORDER BY id LIMIT 1`);
  const category = async (code: string) =>
    (await ids(sql`SELECT id FROM problem_categories WHERE code = ${code}`))[0]!;

  // 督查轮次: six weeks ago, over four towns, with two teams.
  const roundId = await createRound(deps, office, {
    campaignId: campaignId ?? null,
    name: '作风建设明察暗访（第三轮）',
    kind: 'unannounced_visit',
    description: '聚焦窗口服务、工作纪律，采取"四不两直"方式随机暗访。',
    startOn: addDays(today, -45),
    endOn: addDays(today, 15),
    sourceId: null,
    unitIds: towns,
    teams: [
      {
        name: '第一督查组',
        leaderId: inspector.actor.id,
        memberIds: [inspector.actor.id],
        unitIds: towns.slice(0, 2),
      },
      {
        name: '第二督查组',
        leaderId: office.actor.id,
        memberIds: [office.actor.id],
        unitIds: towns.slice(2),
      },
    ],
  });
  const visitId = await recordVisit(deps, inspector, roundId, {
    unitId: towns[0]!,
    visitedOn: addDays(today, -40),
    teamId: null,
    notes: '上午 9:20 到镇便民服务中心，5 个窗口 2 人不在岗；群众反映办理低保需往返 3 次。',
    attachmentIds: [],
  });
  const late = await recordFinding(deps, inspector, visitId, {
    description: '便民服务中心窗口人员上班时间脱岗，群众排队等候',
    categoryIds: [await category('inaction_slow')],
    personId: null,
    severity: 'major',
    deadline: addDays(today, -21),
    longTerm: false,
    stages: [],
    attachmentIds: [],
  });
  await recordFinding(deps, inspector, visitId, {
    description: '低保办理"多次跑"，一次性告知制度未落实',
    categoryIds: [await category('inaction_none')],
    personId: null,
    severity: 'general',
    deadline: addDays(today, -4),
    longTerm: false,
    stages: [],
    attachmentIds: [],
  });
  await recordVisit(deps, office, roundId, {
    unitId: towns[2]!,
    visitedOn: addDays(today, -30),
    teamId: null,
    notes: '工作纪律良好，未发现问题。',
    attachmentIds: [],
  });

  // 督办: the job raises what slipped (the findings above, the campaign's overdue tasks and reports).
  await runEscalation(db, now);
  const liaisonNotice = (
    await ids(sql`SELECT id FROM supervision_notices WHERE unit_id = ${liaison.actor.unitId}
      AND status = 'open' AND NOT (object_kind = 'problem_overdue' AND object_id = ${String(late)})
      ORDER BY id LIMIT 1`)
  )[0];
  if (liaisonNotice !== undefined)
    await answerNotice(
      deps,
      liaison,
      liaisonNotice,
      '已召开专题会议部署整改，实行窗口 AB 岗和首问负责制，本周内完成整改并报送佐证材料。',
    );
  await raiseNotice(deps, office, {
    objectKind: 'problem_overdue',
    objectId: String(late),
    level: 'listed',
    note: '群众反映强烈，挂牌督办，请镇主要负责人亲自抓整改。',
  }).catch(() => undefined); // already at that level if the job got there

  // 黄牌警告 on the town, approved by the leader, published internally.
  const warning = await createWarning(deps, office, {
    unitId: towns[0]!,
    colour: 'yellow',
    reason: '明察暗访发现窗口人员脱岗问题，督办后整改不力',
    startOn: addDays(today, -7),
    endOn: addDays(today, 83),
    campaignId: campaignId ?? null,
  });
  await movePublication(deps, leader, 'warning', warning, 'approve', null);
  await movePublication(deps, office, 'warning', warning, 'publish_internal', null);

  // 通报批评, published to the public; a praise still in draft.
  const circular = await createCircular(deps, office, {
    tone: 'criticism',
    title: '关于作风建设明察暗访发现问题的通报',
    body: '近期，区督查组对部分镇街便民服务中心进行了明察暗访，发现个别单位存在工作人员脱岗、群众办事"多次跑"等问题。现予以通报批评，责令限期整改。',
    unitIds: [towns[0]!],
    personIds: [],
    campaignId: campaignId ?? null,
  });
  await movePublication(deps, leader, 'circular', circular, 'approve', null);
  await movePublication(deps, office, 'circular', circular, 'publish_public', null);
  await createCircular(deps, office, {
    tone: 'praise',
    title: '关于表扬"马上就办"先进窗口的通报',
    body: '第三轮明察暗访中，部分镇街便民服务中心服务规范、群众满意，予以通报表扬。',
    unitIds: [towns[2]!],
    personIds: [],
    campaignId: campaignId ?? null,
  });

  // 返工整改: the town re-inspects itself.
  await issueRedoOrder(deps, office, {
    subject: { kind: 'unit', unitId: towns[0]! },
    reason: '问题整改"回头看"发现整改不彻底，责令重新检视、返工整改',
    dueOn: addDays(today, 14),
    roundId,
    basisProblemIds: [late],
  });

  // 问责 (discipline only): two cases, leniency, visits, a clue.
  const person = (name: string, unitId: number, post: string) =>
    accountability.createPerson(deps, discipline, { name, unitId, post, personId: null });
  const a = await person('李某', towns[0]!, '镇便民服务中心主任');
  const b = await person('张某', towns[0]!, '镇便民服务中心工作人员');
  const c = await person('刘某', towns[1]!, '镇党委副书记');
  const case1 = await accountability.createCase(deps, discipline, {
    number: '清纪案〔2026〕5号',
    title: '某镇便民服务中心工作人员脱岗问题',
  });
  const reasoning = '系初次违纪，主动说明情况并积极整改，未造成严重后果，符合从轻处理情形';
  const sanctioned = await accountability.addRecord(deps, discipline, case1, {
    subject: { kind: 'person', accountabilityPersonId: a.id },
    basisProblemIds: [late],
    basisText: '',
    measure: 'party_warning',
    decidedOn: addDays(today, -95),
    leniency: {
      kind: 'lenient',
      distinctions: ['unintended_for_development'],
      reasoning,
      ordinaryMeasure: 'party_serious_warning',
    },
    decisionText: '经区纪委常委会研究，决定给予李某党内警告处分。',
  });
  await accountability.addRecord(deps, discipline, case1, {
    subject: { kind: 'person', accountabilityPersonId: b.id },
    basisProblemIds: [late],
    basisText: '',
    measure: 'admonishment',
    decidedOn: addDays(today, -95),
    leniency: null,
    decisionText: '对张某进行诫勉谈话。',
  });
  const case2 = await accountability.createCase(deps, discipline, {
    number: '清纪案〔2026〕9号',
    title: '某镇"四困"问题整改不力',
  });
  await accountability.addRecord(deps, discipline, case2, {
    subject: { kind: 'person', accountabilityPersonId: c.id },
    basisProblemIds: [],
    basisText: '群众信访反映，经核实',
    measure: 'gov_demerit',
    decidedOn: addDays(today, -200),
    leniency: null,
    decisionText: '给予刘某记过处分。',
  });
  const due = await db.execute<{
    id: number;
    dueOn: string;
  }>(sql`SELECT f.id, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn"
    FROM accountability_follow_ups f WHERE f.record_id = ${sanctioned} OR f.accountability_person_id = ${c.id}
    ORDER BY f.due_on`);
  for (const f of due.rows.filter((x) => x.dueOn <= today))
    await accountability.recordFollowUp(deps, discipline, f.id, {
      visitedOn: f.dueOn,
      notes: '本人认识深刻，工作状态良好',
      noEffectOnUse: true,
    });
  const clue = await createClue(deps, inspector, {
    summary: '暗访中群众反映该镇低保审核存在"人情保"问题',
    unitId: towns[0]!,
    problemIds: [late],
    visitId,
  });
  await moveClue(deps, inspector, clue, 'transfer');
  await moveClue(deps, discipline, clue, 'accept');
  await db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: null,
        actorName: 'system',
        ip: null,
        action: 'system.seed_demo_supervision',
        objectType: 'inspection_round',
        objectId: roundId,
      },
      now,
    ),
  );
}
