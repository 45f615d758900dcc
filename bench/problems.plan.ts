import { shanghaiDate, type IsoDate } from '../domain/calendar/shanghai-date.ts';
import type { ProblemStatus } from '../domain/problems/problem-lifecycle.ts';
import { behindFrom, plannedStagePercents } from '../domain/problems/problem-schedule.ts';
import { Rng } from './lib/rng.ts';

// The city-scale problem list, planned one problem at a time: problem `i` is a
// pure function of the seed and `i`, so each table's COPY can lay the same
// problems out again (no million-object plan held in memory). Dates are
// relative to the day of the run; every change happened by yesterday.

export const TOTAL_PROBLEMS = 1_000_000;

/** A campaign of the data set: its share of the problems, how long ago it began, where its findings come from. */
export interface ProblemCampaignSpec {
  name: string;
  leadingGroup: string;
  share: number;
  /** Days before today it began (its problems were found since). */
  startedDaysAgo: number;
  /** Days after today it ends. */
  endsInDays: number;
  /** Source code → weight. */
  sources: Record<string, number>;
  /** Weight of a department, a town and a village or community as the responsible unit. */
  unitWeights: { department: number; town: number; village: number };
  /** Share of long-term problems (with stage targets). */
  longTerm: number;
  /** Days from finding to deadline, shortest and longest (short-term problems). */
  term: [number, number];
  /** Finding texts. */
  findings: string[];
}

const WORK_STYLE = [
  '便民服务中心窗口推诿扯皮，群众反映办事“多头跑”',
  '干部工作日脱岗、上班时间玩手机',
  '文件会议过多，基层填表报数负担重',
  '村（居）务公开栏内容长期未更新',
  '对群众反映的噪音扰民问题怕得罪人、不较真',
  '安于现状，年度目标任务完成率偏低',
  '因循守旧，“一件事一次办”改革推进缓慢',
  '信访件办理超期未答复',
  '网格员上报的道路坑洼未及时修复',
  '班子民主生活会批评与自我批评流于形式',
  '重点项目前期手续办理迟缓，未按序时进度推进',
  '违规向企业摊派检查任务，增加企业负担',
  '惠民政策宣传不到位，群众知晓率低',
  '为民办实事项目台账不实、进度虚报',
];

/** The five campaigns (the last is daily work, outside any campaign); the first is the large one. */
export const PROBLEM_CAMPAIGNS: ProblemCampaignSpec[] = [
  {
    name: '作风建设“三个一批”专项整治行动',
    leadingGroup: '区作风建设专项整治工作领导小组',
    share: 0.56,
    startedDaysAgo: 420,
    endsInDays: 120,
    sources: {
      supervision: 30,
      unannounced_visit: 20,
      public_report: 12,
      petition: 10,
      online_opinion: 8,
      self_inspection: 12,
      grid_report: 8,
    },
    unitWeights: { department: 4, town: 5, village: 1 },
    longTerm: 0.04,
    term: [20, 120],
    findings: WORK_STYLE,
  },
  {
    name: '区委巡察反馈问题整改',
    leadingGroup: '区委巡察工作领导小组',
    share: 0.14,
    startedDaysAgo: 300,
    endsInDays: 60,
    sources: { inspection_tour: 85, audit: 15 },
    unitWeights: { department: 12, town: 8, village: 1 },
    longTerm: 0.08,
    term: [30, 180],
    findings: [
      '落实全面从严治党主体责任不到位，“三重一大”决策程序不规范',
      '对历史遗留问题不敢碰硬、久拖不决',
      '专项资金拨付滞后，资金使用绩效不高',
      '工程项目招投标程序不规范',
      '选人用人工作不规范，干部档案管理不严',
      '巡察反馈问题整改避重就轻，整改成效不明显',
      '公务接待、公车使用管理不规范',
    ],
  },
  {
    name: '生态环境保护督察反馈问题整改',
    leadingGroup: '区生态环境保护督察整改工作领导小组',
    share: 0.1,
    startedDaysAgo: 250,
    endsInDays: 365,
    sources: { environment: 90, public_report: 10 },
    unitWeights: { department: 3, town: 4, village: 1.2 },
    longTerm: 0.2,
    term: [30, 150],
    findings: [
      '河道垃圾清理不及时，群众多次反映',
      '畜禽养殖污染治理不到位，粪污直排',
      '城镇污水管网雨污混接，污水溢流',
      '建筑工地扬尘管控措施落实不到位',
      '饮用水水源保护区内违规建设',
      '餐饮油烟扰民问题反复出现',
    ],
  },
  {
    name: '安全生产和自然灾害隐患大排查大整治',
    leadingGroup: '区安全生产委员会',
    share: 0.12,
    startedDaysAgo: 120,
    endsInDays: 60,
    sources: { safety: 90, grid_report: 10 },
    unitWeights: { department: 3, town: 4, village: 1.5 },
    longTerm: 0.03,
    term: [10, 45],
    findings: [
      '燃气管道安全隐患排查不彻底',
      '防汛物资储备不足，应急预案未演练',
      '地质灾害隐患点监测预警不到位',
      '消防通道被占用，消防设施损坏未修复',
      '电动自行车违规停放充电',
      '小作坊违规使用液化气钢瓶',
    ],
  },
  {
    name: '',
    leadingGroup: '',
    share: 0.08,
    startedDaysAgo: 540,
    endsInDays: 0,
    sources: { petition: 30, stability: 20, grid_report: 20, public_report: 20, audit: 10 },
    unitWeights: { department: 4, town: 5, village: 1 },
    longTerm: 0.05,
    term: [15, 90],
    findings: [
      '矛盾纠纷排查化解台账不实',
      '群众反映的邻里纠纷调处不及时',
      '审计发现专项资金拨付滞后',
      '网民反映老旧小区加装电梯推进停滞',
      '低保动态管理不规范',
    ],
  },
];

/** Leaf (or childless) category code → weight, for a problem's direct categories. */
export const CATEGORY_WEIGHTS: [string, number][] = [
  ['inaction_none', 18],
  ['inaction_slow', 22],
  ['inaction_wrong', 8],
  ['lying_flat_content', 6],
  ['lying_flat_passive', 6],
  ['holding_on_old_ways', 4],
  ['holding_on_good_enough', 4],
  ['fearing_detour', 4],
  ['fearing_hard_cases', 4],
  ['nice_guy_no_offence', 3],
  ['nice_guy_no_criticism', 3],
  ['mediocre_lazy', 6],
  ['formalism_form', 7],
  ['formalism_bureaucracy', 5],
];

const MEASURE_TEXTS = [
  '召开专题会议，剖析问题根源，明确整改责任',
  '建立问题台账，实行销号管理',
  '完善工作制度，形成长效机制',
  '开展“回头看”，防止问题反弹',
  '约谈相关责任人，限期整改到位',
  '组织全员作风整训，公开服务承诺',
  '逐项核查，倒排工期，挂图作战',
];
const EVIDENCE_TEXTS = [
  '已按整改方案完成全部措施，附整改前后对比照片及群众回访记录',
  '问题已整改到位，建立长效机制，相关制度已印发',
  '已完成现场整治并经复查，附验收记录',
];
const RETURN_REASONS = [
  '佐证材料不全，缺少群众回访记录',
  '整改不彻底，现场复查仍存在问题',
  '未建立长效机制，存在反弹风险',
];
const SEVERITIES: [string, number][] = [
  ['general', 70],
  ['major', 25],
  ['severe', 5],
];
const STAGE_TITLES = ['制定方案、排查摸底', '集中整治、攻坚推进', '巩固提升、完善机制', '全面验收、建章立制'];

export type UnitKind = 'department' | 'town' | 'village';

/** A unit a problem can be handed to, with who acts for it. */
export interface ProblemUnit {
  id: number;
  name: string;
  kind: UnitKind;
  /** The department or town whose bench accounts act for it (itself, or a village's town). */
  leadId: number;
  /** The unit's own head (departments and towns), its 责任人; null for a village. */
  personId: number | null;
  /** Liaison and head acting for it. */
  liaison: number;
  head: number;
}

/** What planning needs from the database. */
export interface PlanContext {
  seed: number;
  /** Today (Asia/Shanghai) as a day number (days since 1970-01-01). */
  today: number;
  units: ProblemUnit[];
  sourceIds: Map<string, number>;
  /** Category code → id and the ids of its ancestors (itself last). */
  categories: Map<string, number[]>;
  campaignIds: (number | null)[];
  officeId: number;
  inspectorId: number;
  /** The first id reserved for the problems (problem i gets firstId + i). */
  firstId: number;
}

/** Cumulative weights per campaign over `units`, for a binary-search pick. */
export interface Picker {
  cumulative: Float64Array;
  total: number;
}

export interface Planner {
  ctx: PlanContext;
  unitPickers: Picker[];
  sourcePickers: [number, number][][];
  categoryPick: [number, number][];
}

export function planner(ctx: PlanContext): Planner {
  const unitPickers = PROBLEM_CAMPAIGNS.map((c) => {
    const cumulative = new Float64Array(ctx.units.length);
    let total = 0;
    ctx.units.forEach((u, i) => {
      total += c.unitWeights[u.kind];
      cumulative[i] = total;
    });
    return { cumulative, total };
  });
  const sourcePickers = PROBLEM_CAMPAIGNS.map((c) =>
    Object.entries(c.sources).map(([code, w]) => {
      const id = ctx.sourceIds.get(code);
      if (id === undefined) throw new Error(`no problem source ${code}`);
      return [id, w] as [number, number];
    }),
  );
  const categoryPick = CATEGORY_WEIGHTS.map(([code, w]) => {
    if (!ctx.categories.has(code)) throw new Error(`no problem category ${code}`);
    return [ctx.categories.get(code)!.at(-1)!, w] as [number, number];
  });
  return { ctx, unitPickers, sourcePickers, categoryPick };
}

function pickIndex(p: Picker, x: number): number {
  let lo = 0;
  let hi = p.cumulative.length - 1;
  const target = x * p.total;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const DAY_MS = 86_400_000;
const isoCache = new Map<number, IsoDate>();
/** The ISO date of a day number. */
export function iso(day: number): IsoDate {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}
/** The day number of a Shanghai date. */
export const dayOf = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const stampCache = new Map<number, string>();
/** An instant on Shanghai day `day`, `hour` o'clock local time, as ISO text (cached: COPY takes it as is). */
function at(day: number, hour: number): string {
  const key = day * 32 + hour;
  let s = stampCache.get(key);
  if (s === undefined) {
    s = new Date(day * DAY_MS + (hour - 8) * 3_600_000).toISOString();
    stampCache.set(key, s);
  }
  return s;
}
/** Today's day number (Asia/Shanghai). */
export const todayNumber = (now: Date): number => dayOf(shanghaiDate(now));

/** One line of a problem's history. */
export interface PlannedEvent {
  day: number;
  hour: number;
  actorId: number;
  action: string;
  from: ProblemStatus | null;
  to: ProblemStatus | null;
  note: string | null;
}

/** One claim for closing and its verdict. */
export interface PlannedClaim {
  day: number;
  hour: number;
  by: number;
  text: string;
  decision: 'closed' | 'returned' | 'dismissed' | 'merged' | null;
  decidedBy: number | null;
  decidedDay: number;
  reason: string | null;
}

export interface PlannedProblem {
  id: number;
  campaign: number;
  unit: ProblemUnit;
  sourceId: number;
  description: string;
  foundBy: string;
  foundDay: number;
  deadlineDay: number;
  severity: string;
  longTerm: boolean;
  progress: number;
  behindFrom: IsoDate | null;
  stages: { date: IsoDate; title: string; percent: number }[];
  status: ProblemStatus;
  claimedDay: number | null;
  closedAt: string | null;
  returnCount: number;
  reboundCount: number;
  claimCount: number;
  mergedIntoId: number | null;
  selfReported: boolean;
  recordedBy: number;
  /** Direct category ids. */
  categories: number[];
  measures: { text: string; owner: string; dueDay: number; done: boolean }[];
  events: PlannedEvent[];
  claims: PlannedClaim[];
  lastDay: number;
}

/** The campaign and unit of problem `i`, from a stream of their own (a merged duplicate takes its original's). */
function placeOf(p: Planner, i: number): { campaign: number; unitIndex: number } {
  const rng = new Rng((p.ctx.seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  const x = rng.next();
  let campaign = 0;
  let acc = 0;
  for (; campaign < PROBLEM_CAMPAIGNS.length - 1; campaign++) {
    acc += PROBLEM_CAMPAIGNS[campaign]!.share;
    if (x < acc) break;
  }
  return { campaign, unitIndex: pickIndex(p.unitPickers[campaign]!, rng.next()) };
}

/** A problem's history while it is laid out: the moves so far (days set later) and its claims. */
interface History {
  steps: PlannedEvent[];
  claims: PlannedClaim[];
  state: ProblemStatus;
  unitActor: number;
  rng: Rng;
}

function move(h: History, actorId: number, action: string, to: ProblemStatus, note: string | null = null) {
  h.steps.push({ day: 0, hour: 0, actorId, action, from: h.state, to, note });
  h.state = to;
}

function claim(h: History, decision: PlannedClaim['decision'], reason: string | null = null) {
  const text = h.rng.pick(EVIDENCE_TEXTS);
  h.claims.push({ day: 0, hour: 0, by: h.unitActor, text, decision, decidedBy: null, decidedDay: 0, reason });
  move(h, h.unitActor, 'claim_closing', 'closing_claimed', text);
}

/**
 * Problem `i` of the data set, with its history: found in its campaign's
 * period, handed to a unit, and as far along its life cycle as its age makes
 * likely (older problems mostly closed; some overdue, returned, reopened by a
 * look-back, dismissed or merged; long-term ones judged by their stages).
 */
export function planProblem(p: Planner, i: number): PlannedProblem {
  const { ctx } = p;
  const rng = new Rng((ctx.seed ^ Math.imul(i + 1, 0x85ebca6b) ^ 0x5bd1e995) >>> 0);
  const yesterday = ctx.today - 1;
  const roll = rng.next();
  const merged = i > 0 && roll < 0.01;
  const dismissed = !merged && roll < 0.04;
  const place = placeOf(p, merged ? i - 1 : i);
  const spec = PROBLEM_CAMPAIGNS[place.campaign]!;
  const unit = ctx.units[place.unitIndex]!;
  const sourceId = rng.weighted(p.sourcePickers[place.campaign]!);
  const selfReported = sourceId === ctx.sourceIds.get('self_inspection');
  // Found any day of the campaign so far, a little more often lately.
  const foundDay = ctx.today - 1 - Math.floor(spec.startedDaysAgo * Math.pow(rng.next(), 1.15));
  const longTerm = rng.chance(spec.longTerm);
  const term = longTerm ? rng.int(180, 540) : rng.int(spec.term[0], spec.term[1]);
  const deadlineDay = foundDay + term;
  const age = yesterday - foundDay;
  const severity = rng.weighted(SEVERITIES);
  const recordedBy = selfReported ? unit.liaison : rng.chance(0.7) ? ctx.officeId : ctx.inspectorId;
  const direct = [rng.weighted(p.categoryPick)];
  if (rng.chance(0.2)) {
    const second = rng.weighted(p.categoryPick);
    if (second !== direct[0]) direct.push(second);
  }
  const description = `${unit.name}${rng.pick(spec.findings)}`;
  const foundBy = selfReported ? `${unit.name}自查` : `区委第${rng.int(1, 8)}督查组`;

  // How far along: the closer to (or past) its term, the likelier closed.
  const share = age / Math.max(term, 1);
  let status: ProblemStatus;
  if (merged) status = 'merged';
  else if (dismissed) status = 'dismissed';
  else if (age < 4) status = rng.chance(0.7) ? 'assigned' : 'rectifying';
  else {
    const closedChance = Math.min(0.93, Math.max(0, (share - 0.15) * 1.05));
    if (rng.chance(closedChance)) status = 'closed';
    else
      status = rng.weighted<ProblemStatus>([
        ['rectifying', 62],
        ['closing_claimed', 18],
        ['returned', 8],
        ['assigned', 6],
      ] as const);
  }
  const working = status === 'rectifying' || status === 'returned';
  const rebound =
    (status === 'closed' && age > 60 && rng.chance(0.02)) || (status === 'rectifying' && rng.chance(0.04));
  let returns = 0;
  if (status === 'returned') returns = 1 + (rng.chance(0.2) ? 1 : 0);
  else if (status === 'closed' || status === 'closing_claimed' || status === 'rectifying')
    returns = rng.chance(0.16) ? (rng.chance(0.25) ? 2 : 1) : 0;
  if (status === 'rectifying' && rebound) returns = 0;

  // The history, laid out evenly between the day after finding and the last day.
  const lastDay =
    status === 'assigned' && age < 4
      ? foundDay
      : Math.min(yesterday, foundDay + 1 + Math.floor((age - 1) * (0.35 + 0.65 * rng.next())));
  const events: PlannedEvent[] = [
    {
      day: foundDay,
      hour: 9,
      actorId: recordedBy,
      action: 'create',
      from: null,
      to: 'assigned',
      note: null,
    },
  ];
  const h: History = {
    steps: [],
    claims: [],
    state: 'assigned',
    unitActor: rng.chance(0.7) ? unit.liaison : unit.head,
    rng,
  };
  const verifier = rng.chance(0.6) ? ctx.officeId : ctx.inspectorId;
  const filed = status !== 'assigned' && !(status === 'dismissed' && rng.chance(0.5));
  if (filed) move(h, h.unitActor, 'file_measures', 'rectifying');
  for (let r = 0; r < returns; r++) {
    const reason = rng.pick(RETURN_REASONS);
    claim(h, 'returned', reason);
    move(h, verifier, 'return', 'returned', reason);
    if (r < returns - 1 || status !== 'returned') move(h, h.unitActor, 'file_measures', 'rectifying');
  }
  if (rebound) {
    claim(h, 'closed');
    move(h, verifier, 'close', 'closed');
    move(h, verifier, 'reopen', 'rectifying', '回头看发现问题反弹');
  }
  if (status === 'closing_claimed') claim(h, null);
  if (status === 'closed') {
    claim(h, 'closed');
    move(h, verifier, 'close', 'closed');
  }
  if (status === 'dismissed') {
    if (filed && rng.chance(0.3)) claim(h, 'dismissed', '经核查问题不属实');
    move(h, verifier, 'dismiss', 'dismissed', '经核查问题不属实');
  }
  if (status === 'merged') move(h, ctx.officeId, 'merge', 'merged', '与已交办问题重复');
  const { steps, claims } = h;
  const span = Math.max(0, lastDay - foundDay);
  for (let k = 0; k < steps.length; k++) {
    const e = steps[k]!;
    e.day = foundDay + Math.ceil(((k + 1) * span) / steps.length);
    e.hour = 10 + (k % 7);
    events.push(e);
  }
  // Each claim takes the day and hour of its claim_closing event; its verdict the next event's.
  let c = 0;
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    if (e.action !== 'claim_closing') continue;
    const claimed = claims[c++]!;
    claimed.day = e.day;
    claimed.hour = e.hour;
    const next = events[k + 1];
    if (claimed.decision !== null && next) {
      claimed.decidedBy = next.actorId;
      claimed.decidedDay = next.day;
    }
  }

  // Measures, once filed: due by the deadline, done when closed (or some of them on the way).
  const measures: PlannedProblem['measures'] = [];
  if (filed) {
    const n = rng.int(1, 3);
    const start = foundDay + 2;
    for (let k = 0; k < n; k++) {
      measures.push({
        text: rng.pick(MEASURE_TEXTS),
        owner: `${unit.name}${rng.pick(['主要负责人', '分管负责人', '经办人'])}`,
        dueDay: Math.min(deadlineDay, start + Math.ceil(((k + 1) * (deadlineDay - start)) / n)),
        done: status === 'closed' || (working && rng.chance(0.3)),
      });
    }
  }

  // Long-term: stage targets evenly over the term, progress near the plan (some behind).
  const stages: PlannedProblem['stages'] = [];
  let progress = 0;
  let behind: IsoDate | null = null;
  if (longTerm) {
    const n = rng.int(3, 4);
    const dates = Array.from({ length: n }, (_, k) => iso(foundDay + Math.round(((k + 1) * term) / n)));
    const percents = plannedStagePercents(dates.map((date) => ({ date })));
    dates.forEach((date, k) =>
      stages.push({ date, title: STAGE_TITLES[k % STAGE_TITLES.length]!, percent: percents[k]! }),
    );
    const planned = Math.min(100, Math.max(0, (age / term) * 100));
    if (status === 'closed' || status === 'closing_claimed') progress = 100;
    else if (status !== 'assigned')
      progress = Math.round(Math.min(100, Math.max(0, planned * (0.7 + 0.5 * rng.next()))));
    if (status !== 'dismissed' && status !== 'merged') behind = behindFrom(stages, progress);
  }
  const claimedDay =
    status === 'closing_claimed' || status === 'closed' ? (claims.at(-1)?.day ?? lastDay) : null;
  const closeEvent = status === 'closed' ? events.at(-1)! : null;
  return {
    id: ctx.firstId + i,
    campaign: place.campaign,
    unit,
    sourceId,
    description,
    foundBy,
    foundDay,
    deadlineDay,
    severity,
    longTerm,
    progress,
    behindFrom: behind,
    stages,
    status,
    claimedDay,
    closedAt: closeEvent ? at(closeEvent.day, closeEvent.hour) : null,
    returnCount: returns,
    reboundCount: rebound ? 1 : 0,
    claimCount: claims.length,
    mergedIntoId: merged ? ctx.firstId + i - 1 : null,
    selfReported,
    recordedBy,
    categories: direct,
    measures,
    events,
    claims,
    lastDay: events.at(-1)!.day,
  };
}

/** The instant of an event, as ISO text. */
export const eventAt = (e: { day: number; hour: number }): string => at(e.day, e.hour);
