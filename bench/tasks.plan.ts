import {
  addDays,
  daysBetween,
  isoWeekday,
  shanghaiDate,
  startOfShanghaiDay,
  type IsoDate,
} from '../domain/calendar/shanghai-date.ts';
import type { WorkCalendar } from '../domain/calendar/working-days.ts';
import type { TaskSettings } from '../domain/contracts/tasks.ts';
import type { Cadence } from '../domain/tasks/cadence.ts';
import type { TaskStatus } from '../domain/tasks/task-lifecycle.ts';
import type { Staff, TownRef, UnitRef } from './lib/city.ts';
import { rngFrom, type Rng } from './lib/rng.ts';
import { derive, reportCount, type TaskPlan } from './tasks.history.ts';

// The city-scale task list, planned in memory: campaigns whose district tasks
// are split to every town and from there to every village, department and town
// tasks beside them, dates relative to `now`, realistic statuses, and a report
// history sized so the whole data set holds exactly TOTAL_REPORTS reports.

export const TOTAL_TASKS = 50_000;
export const TOTAL_REPORTS = 1_000_000;

export interface PlanInput {
  now: Date;
  settings: TaskSettings;
  calendar: WorkCalendar;
  seed: string;
  region: UnitRef;
  departments: UnitRef[];
  towns: TownRef[];
  leaders: number[];
  officeId: number;
  /** Staff of a department or town (a village's reports are written by its town's liaison). */
  staff: Map<number, Staff>;
  /** TOTAL_TASKS fresh ids from the tasks sequence. */
  taskIds: number[];
}

export interface Family {
  /** Weeks between the start and the current week. */
  weeks: number;
  /** Weeks from the start to the deadline. */
  lengthWeeks: number;
  recent: boolean;
  draft: boolean;
  /** Days the deadline is past (an overdue task), or null. */
  overdueDays: number | null;
  milestones: boolean;
  cadence: Cadence;
  leaders: number[];
  members: PlannedTask[];
}

export interface PlannedTask extends TaskPlan {
  campaign: number;
  parentId: number | null;
  code: string;
  title: string;
  category: string;
  targetText: string;
  leadUnitId: number;
  signDueOn: IsoDate | null;
  signedAt: Date | null;
  signedBy: number | null;
  signedLate: boolean;
  completionEvidence: string | null;
  cooperators: number[];
  staff: Staff;
  family: Family;
  /** Fixed draws, so dates can be laid out again when a family moves. */
  signDelay: number;
  finishAgo: number;
  claimGap: number;
  children: PlannedTask[];
}

export interface CampaignSpec {
  key: string;
  name: string;
  leadingGroup: string;
  /** District tasks split to every town and then to every village. */
  toVillages: string[];
  /** District tasks split to every town. */
  toTowns: string[];
  deptTasks: number;
  townTasks: number;
  /** Issued a week or two ago: mostly waiting to be signed or just signed. */
  recent: boolean;
  cadence: Cadence;
  categories: string[];
  /** Takes the department and town tasks that bring the total to TOTAL_TASKS. */
  fill?: boolean;
}

export const CAMPAIGNS: CampaignSpec[] = [
  {
    key: 'GX',
    name: '城市更新与基层治理攻坚行动',
    leadingGroup: '区城市更新与基层治理攻坚行动领导小组',
    toVillages: (
      '老旧小区改造提升 背街小巷综合整治 城镇污水管网建设 农村人居环境整治 基层网格化治理 城市道路品质提升 ' +
      '生活垃圾分类全覆盖 "15分钟便民生活圈"建设 违法建设专项治理 城乡绿化美化 停车设施建设 社区养老服务站建设 ' +
      '公共厕所改造提升 户外广告招牌整治 燃气管道老化更新 雨污分流改造 农村道路提质 便民服务中心规范化建设 ' +
      '矛盾纠纷排查化解 平安村(社区)创建 移风易俗宣传引导 基层减负专项整治'
    ).split(' '),
    toTowns: [],
    deptTasks: 24,
    townTasks: 20,
    recent: false,
    cadence: 'weekly',
    categories: ['城市更新', '基层治理', '乡村振兴', '民生实事'],
  },
  {
    key: 'YS',
    name: '营商环境优化提升年行动',
    leadingGroup: '区优化营商环境工作领导小组',
    toVillages: [],
    toTowns: [
      '"一件事一次办"改革',
      '企业开办全程网办',
      '惠企政策直达快享',
      '涉企收费清理规范',
      '政务服务窗口规范化',
      '"企业吹哨、部门报到"',
    ],
    deptTasks: 10,
    townTasks: 0,
    recent: false,
    cadence: 'weekly',
    categories: ['营商环境', '政务服务'],
  },
  {
    key: 'AQ',
    name: '安全生产治本攻坚行动',
    leadingGroup: '区安全生产委员会',
    toVillages: ['安全生产隐患排查整治', '自建房安全专项整治'],
    toTowns: [],
    deptTasks: 0,
    townTasks: 0,
    recent: true,
    cadence: 'weekly',
    categories: ['安全生产'],
  },
  {
    key: 'MS',
    name: '民生实事项目',
    leadingGroup: '区政府',
    toVillages: [],
    toTowns: [],
    deptTasks: 0,
    townTasks: 0,
    recent: false,
    cadence: 'monthly',
    categories: ['民生实事'],
    fill: true,
  },
];

const DEPT_TITLES = (
  '重点项目建设推进 年度投资目标 招商引资攻坚 专项资金绩效管理 行业安全监管 审批事项精简 数字化平台建设 ' +
  '信访积案化解 审计问题整改 巡察反馈问题整改 行业规划编制 政策文件清理 执法规范化建设 统计数据质量提升 ' +
  '干部教育培训 机关作风建设 重点民生项目 行业标准化建设 服务企业专项行动 应急预案修订 基础设施补短板'
).split(' ');
const TOWN_TITLES = (
  '辖区重点项目服务保障 基层党建示范点创建 集镇环境综合整治 农业产业结构调整 村集体经济发展 ' +
  '防汛抗旱准备 森林防灭火 群众诉求办理 网格员队伍建设 退役军人服务站规范化'
).split(' ');

const HOUR = 3_600_000;
/** 10:00 (+ `hours`) Shanghai time on a date. */
const at = (date: IsoDate, hours = 0) => new Date(startOfShanghaiDay(date).getTime() + (10 + hours) * HOUR);

interface Builder {
  input: PlanInput;
  rng: Rng;
  tasks: PlannedTask[];
  families: Family[];
}

function newFamily(b: Builder, spec: CampaignSpec, single: boolean): Family {
  const { rng } = b;
  const recent = spec.recent || (single && rng.chance(0.1));
  const weeks = recent ? rng.int(1, 2) : rng.int(17, 25);
  const f: Family = {
    weeks,
    lengthWeeks: weeks + rng.int(10, 40),
    recent,
    draft: false,
    overdueDays: single && !recent && rng.chance(0.12) ? rng.int(3, 60) : null,
    milestones: b.families.length % 3 === 0,
    cadence: spec.cadence,
    leaders: rng.chance(0.7) ? [rng.pick(b.input.leaders)] : [],
    members: [],
  };
  while (f.leaders.length < 2 && !(f.leaders.length === 1 && single && rng.chance(0.5))) {
    const l = rng.pick(b.input.leaders);
    if (!f.leaders.includes(l)) f.leaders.push(l);
  }
  b.families.push(f);
  return f;
}

function statusOf(rng: Rng, f: Family, hasChildren: boolean): TaskStatus {
  if (hasChildren) return f.recent ? 'signed' : 'in_progress';
  if (f.recent)
    return rng.weighted([
      ['issued', 25],
      ['signed', 55],
      ['in_progress', 20],
    ] as const);
  return rng.weighted([
    ['in_progress', 905],
    ['completion_claimed', 25],
    ['done', 45],
    ['signed', 20],
    ['issued', 5],
  ] as const);
}

function addTask(
  b: Builder,
  spec: CampaignSpec,
  campaign: number,
  f: Family,
  unit: UnitRef,
  staff: Staff,
  code: string,
  title: string,
  parent: PlannedTask | null,
  hasChildren: boolean,
): PlannedTask {
  const { rng } = b;
  const id = b.input.taskIds[b.tasks.length];
  if (id === undefined) throw new Error(`more than ${TOTAL_TASKS} tasks planned`);
  const status =
    parent === null && unit.id === b.input.region.id ? 'in_progress' : statusOf(rng, f, hasChildren);
  const t: PlannedTask = {
    id,
    campaign,
    parentId: parent?.id ?? null,
    code,
    title,
    category: parent?.category ?? rng.pick(spec.categories),
    targetText: parent?.targetText ?? `${title}年度目标任务全面完成`,
    leadUnitId: unit.id,
    status,
    cadence: f.cadence,
    startOn: '',
    deadline: '',
    issuedAt: null,
    signDueOn: null,
    signedAt: null,
    signedBy: null,
    signedLate: false,
    claimedAt: null,
    completedAt: null,
    completionEvidence: null,
    weight: 1,
    milestones: [],
    reports:
      unit.id !== b.input.region.id &&
      (status === 'in_progress' || status === 'completion_claimed' || status === 'done'),
    pace: rng.weighted([
      [rng.between(1.03, 1.2), 66],
      [rng.between(0.9, 1.03), 20],
      [rng.between(0.45, 0.9), 14],
    ] as const),
    missedAgo: new Set(),
    seed: rng.int(1, 2 ** 31),
    cooperators: [],
    staff,
    family: f,
    signDelay: rng.int(0, 4),
    finishAgo: rng.int(0, status === 'done' ? 50 : 10),
    claimGap: rng.int(1, 6),
    children: [],
    progress: 0,
    light: null,
    lightReasonZh: null,
    lightReasonEn: null,
    expectedPercent: null,
    lateReports: 0,
  };
  // A missed week now and then, never among the last two.
  for (let ago = 3; ago <= 40; ago++) if (rng.chance(0.035)) t.missedAgo.add(ago);
  parent?.children.push(t);
  f.members.push(t);
  b.tasks.push(t);
  return t;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A district task split to every town, and (with `villages`) each town's share split to its villages. */
function splitFamily(
  b: Builder,
  spec: CampaignSpec,
  ci: number,
  code: string,
  title: string,
  villages: boolean,
) {
  const { region, towns, officeId } = b.input;
  const f = newFamily(b, spec, false);
  const office = { liaison: officeId, head: officeId };
  const top = addTask(b, spec, ci, f, region, office, code, title, null, true);
  towns.forEach((town, j) => {
    const staff = b.input.staff.get(town.id)!;
    const sub = addTask(b, spec, ci, f, town, staff, `${code}-${pad(j + 1)}`, title, top, villages);
    if (villages) {
      town.villages.forEach((v, k) =>
        addTask(b, spec, ci, f, v, staff, `${sub.code}-${pad(k + 1)}`, title, sub, false),
      );
    }
  });
}

function single(b: Builder, spec: CampaignSpec, ci: number, unit: UnitRef, code: string, titles: string[]) {
  const f = newFamily(b, spec, true);
  const t = addTask(b, spec, ci, f, unit, b.input.staff.get(unit.id)!, code, b.rng.pick(titles), null, false);
  if (b.input.departments.includes(unit) && b.rng.chance(0.15)) {
    for (const other of [b.rng.pick(b.input.departments), b.rng.pick(b.input.departments)]) {
      if (other.id !== unit.id && !t.cooperators.includes(other.id)) t.cooperators.push(other.id);
      if (b.rng.chance(0.5)) break;
    }
  }
}

/** Sets the dates of a family's tasks from its weeks, and the times of issue, signing and completion. */
function layOut(f: Family, input: PlanInput): void {
  const today = shanghaiDate(input.now);
  const monday = addDays(today, 1 - isoWeekday(today));
  const lastSunday = addDays(monday, -1);
  const start = f.draft ? addDays(monday, 7 * f.weeks) : addDays(monday, -7 * f.weeks);
  const deadline =
    f.overdueDays !== null ? addDays(today, -f.overdueDays) : addDays(start, 7 * f.lengthWeeks - 1);
  const issueDay = addDays(start, -3);
  const signDue = input.calendar.addWorkingDays(issueDay, input.settings.signWithinWorkingDays);
  const mid = addDays(start, Math.floor(daysBetween(start, deadline) / 2));
  for (const t of f.members) {
    t.startOn = start;
    t.deadline = deadline;
    t.milestones = f.milestones
      ? [
          { dueOn: mid, title: '完成阶段目标', percent: 50, doneOn: null },
          { dueOn: deadline, title: '全面完成', percent: 100, doneOn: null },
        ]
      : [];
    if (t.status === 'draft') continue;
    t.issuedAt = at(issueDay);
    t.signDueOn = signDue;
    if (t.status !== 'issued') {
      const signed = addDays(issueDay, t.signDelay) < today ? addDays(issueDay, t.signDelay) : today;
      t.signedAt = at(signed, -1);
      t.signedBy = t.staff.liaison;
      t.signedLate = signed > signDue;
    }
    if (t.status === 'done' || t.status === 'completion_claimed') {
      const finished = addDays(lastSunday, -t.finishAgo);
      t.claimedAt = at(addDays(finished, t.status === 'done' ? -t.claimGap : 0), 5);
      t.completedAt = t.status === 'done' ? at(finished, 6) : null;
      t.completionEvidence = '已按要求完成，佐证材料见附件';
    }
  }
}

function countReports(tasks: readonly PlannedTask[], input: PlanInput): number {
  let n = 0;
  for (const t of tasks) n += reportCount(t, input.now, input.settings);
  return n;
}

/**
 * Moves old families' start dates (whole weeks) so the report count lands near
 * TOTAL_REPORTS, then misses or restores single weeks to hit it exactly.
 */
function sizeHistory(b: Builder): void {
  const { input, rng } = b;
  const old = b.families.filter((f) => !f.recent && !f.draft);
  const reporting = old.reduce((n, f) => n + f.members.filter((t) => t.reports).length, 0);
  const delta = (TOTAL_REPORTS - countReports(b.tasks, input)) / reporting;
  for (const f of old) {
    f.weeks = Math.max(8, f.weeks + Math.floor(delta) + (rng.chance(delta - Math.floor(delta)) ? 1 : 0));
    f.lengthWeeks = Math.max(f.lengthWeeks, f.weeks + 6);
    layOut(f, input);
  }
  let diff = countReports(b.tasks, input) - TOTAL_REPORTS;
  const candidates = b.tasks.filter((t) => t.reports && !t.family.recent && t.status === 'in_progress');
  for (let guard = 0; diff !== 0 && guard < 50 * TOTAL_REPORTS; guard++) {
    const t = rng.pick(candidates);
    const before = reportCount(t, input.now, input.settings);
    if (diff > 0) t.missedAgo.add(rng.int(3, Math.max(3, before - 1)));
    else if (t.missedAgo.size > 0) t.missedAgo.delete(rng.pick([...t.missedAgo]));
    diff += reportCount(t, input.now, input.settings) - before;
  }
  if (diff !== 0) throw new Error(`could not size the report history (${diff} off)`);
}

/** Plans every task with its derived columns; the plan's report history holds exactly TOTAL_REPORTS reports. */
export function planTasks(input: PlanInput): { tasks: PlannedTask[]; families: Family[] } {
  const b: Builder = { input, rng: rngFrom(input.seed), tasks: [], families: [] };
  CAMPAIGNS.forEach((spec, ci) => {
    spec.toVillages.forEach((title, i) => splitFamily(b, spec, ci, `${spec.key}-${pad(i + 1)}`, title, true));
    spec.toTowns.forEach((title, i) => splitFamily(b, spec, ci, `${spec.key}-Z${pad(i + 1)}`, title, false));
    input.departments.forEach((d, di) => {
      for (let k = 0; k < spec.deptTasks; k++)
        single(b, spec, ci, d, `${spec.key}-D${pad(di + 1)}${pad(k + 1)}`, DEPT_TITLES);
    });
    input.towns.forEach((town, ti) => {
      for (let k = 0; k < spec.townTasks; k++)
        single(b, spec, ci, town, `${spec.key}-T${pad(ti + 1)}${pad(k + 1)}`, TOWN_TITLES);
    });
  });
  const fillIndex = CAMPAIGNS.findIndex((c) => c.fill);
  const leads = [...input.departments, ...input.towns];
  for (let k = 0; b.tasks.length < TOTAL_TASKS; k++) {
    const unit = leads[k % leads.length]!;
    const titles = input.departments.includes(unit) ? DEPT_TITLES : TOWN_TITLES;
    single(
      b,
      CAMPAIGNS[fillIndex]!,
      fillIndex,
      unit,
      `${CAMPAIGNS[fillIndex]!.key}-${pad(k + 1, 4)}`,
      titles,
    );
  }
  // About 1 % drafts: single tasks not yet issued, starting in a few weeks.
  const singles = b.families.filter((f) => f.members.length === 1 && !f.recent);
  for (let n = 0; n < TOTAL_TASKS / 100; n++) {
    const f = singles.splice(b.rng.int(0, singles.length - 1), 1)[0]!;
    Object.assign(f, { draft: true, weeks: b.rng.int(1, 4), overdueDays: null });
    Object.assign(f.members[0]!, { status: 'draft', reports: false });
  }
  for (const f of b.families) layOut(f, input);
  // A just-issued task that has nothing approved yet is still only signed.
  for (const t of b.tasks) {
    if (t.family.recent && t.status === 'in_progress' && reportCount(t, input.now, input.settings) === 0) {
      Object.assign(t, { status: 'signed', reports: false });
    }
  }
  sizeHistory(b);
  for (const t of b.tasks) if (t.parentId === null) derive(t, input.now, input.settings);
  return { tasks: b.tasks, families: b.families };
}
