/** Every role a person can hold; the public has no account and no role. */
export const roles = [
  'sysadmin', // 系统管理员
  'secadmin', // 安全管理员
  'auditor', // 审计管理员
  'office', // 领导小组办公室
  'inspector', // 督查组成员
  'liaison', // 单位联络员
  'head', // 单位负责人
  'leader', // 包保/分管领导
  'discipline', // 纪委
  'grid', // 网格员
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计管理员', en: 'Audit administrator' },
  office: { zh: '领导小组办公室', en: 'Campaign office' },
  inspector: { zh: '督查组成员', en: 'Inspector' },
  liaison: { zh: '单位联络员', en: 'Unit liaison' },
  head: { zh: '单位负责人', en: 'Unit head' },
  leader: { zh: '包保/分管领导', en: 'Responsible leader' },
  discipline: { zh: '纪委', en: 'Discipline inspector' },
  grid: { zh: '网格员', en: 'Grid worker' },
};

/** 三员: no person may hold two of these three roles. */
export const separatedRoles: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/**
 * 三员分立: would granting `role` to someone who already holds `held` give them
 * two of the three separated administrator roles?
 */
export function violatesSeparation(held: readonly Role[], role: Role): boolean {
  if (!separatedRoles.includes(role)) return false;
  return held.some((r) => r !== role && separatedRoles.includes(r));
}

/** What a signed-in person may see in the menu; the server checks every call again. */
export const capabilities = {
  'units.manage': ['sysadmin'],
  'people.manage': ['sysadmin'],
  'grants.manage': ['secadmin'],
  'audit.read': ['auditor'],
  'calendar.manage': ['sysadmin'],
  /** 专项行动 and their task lists: create, import, issue, verify, settings. */
  'campaigns.manage': ['office'],
  /** Read every task of a campaign in the role's scope. */
  'campaigns.browse': ['office', 'inspector', 'leader', 'discipline'],
  /** 我的任务: a unit's tasks, signing, reports, approvals. */
  'tasks.unit': ['liaison', 'head'],
  /** 包保任务: the tasks in a leader's portfolio, instructions. */
  'tasks.portfolio': ['leader'],
  /** Upload files for reports, evidence and tasks (附件). */
  'attachments.upload': ['liaison', 'head', 'office', 'inspector', 'leader'],
  /** 问题清单: read the problems, negative lists and statistics of the role's scope. */
  'problems.browse': ['office', 'inspector', 'leader', 'discipline', 'liaison', 'head'],
  /** Record problems (findings) and import findings sheets; verify, return, reopen, dismiss. */
  'problems.record': ['office', 'inspector'],
  /** Assign, merge, bulk changes. */
  'problems.manage': ['office'],
  /** A unit's rectification: self-inspection problems, measures, progress, claims for closing. */
  'problems.unit': ['liaison', 'head'],
  /** Problem sources and the category tree. */
  'problems.configure': ['sysadmin', 'office'],
  /** 督查轮次: rounds, teams, visits and their findings (never shown to the units inspected). */
  'supervision.rounds': ['office', 'inspector'],
  /** 督办单: the notices of the role's scope (a unit its own, a leader those naming him). */
  'supervision.notices': ['office', 'inspector', 'leader', 'discipline', 'liaison', 'head'],
  /** Answer the notices of one's unit (督办答复). */
  'supervision.answer': ['liaison', 'head'],
  /** Raise notices by hand, escalation rules, warnings, circulars, redo orders. */
  'supervision.manage': ['office'],
  /** Warnings, circulars and redo orders: read in the role's scope. */
  'supervision.browse': ['office', 'inspector', 'leader', 'discipline', 'liaison', 'head'],
  /** 线索移送: the office and inspectors hand clues over; the discipline commission takes them. */
  'clues.transfer': ['office', 'inspector', 'discipline'],
  /** 问责: records, leniency, follow-up visits, statistics. No other role ever sees them. */
  'accountability.manage': ['discipline'],
  /** 赛马比拼: schemes, entered scores, bonus and penalty events, compute, publish, correct, survey links. */
  'evaluation.manage': ['office'],
  /** Published boards and explanations: the whole board, and a unit's own explanation down to its records. */
  'evaluation.browse': ['office', 'inspector', 'leader', 'discipline', 'liaison', 'head'],
  'units.browse': [
    'sysadmin',
    'secadmin',
    'office',
    'inspector',
    'leader',
    'discipline',
    'liaison',
    'head',
    'grid',
  ],
  'people.browse': ['sysadmin', 'secadmin', 'office', 'inspector', 'liaison', 'head'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;

/** The capabilities a set of roles gives. */
export function capabilitiesOf(held: readonly Role[]): Capability[] {
  return (Object.keys(capabilities) as Capability[]).filter((c) =>
    (capabilities[c] as readonly Role[]).some((r) => held.includes(r)),
  );
}
