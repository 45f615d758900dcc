import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai-date.ts';
import { cadences } from '../tasks/cadence.ts';
import { taskStatuses } from '../tasks/task-lifecycle.ts';
import { boolQuery, displayName, id, paging } from './common.ts';

/** A calendar date `YYYY-MM-DD` (Asia/Shanghai). */
export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');

/** Free text a person types: trimmed, line breaks and tabs allowed, other control characters not. */
export const longText = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => /^[^\p{Cc}]*$/u.test(s.replace(/[\n\r\t]/g, '')), 'must not contain control characters');

export const lights = ['green', 'yellow', 'red'] as const;
export const lightSchema = z.enum(lights);
export const cadenceSchema = z.enum(cadences);
export const taskStatusSchema = z.enum(taskStatuses);

/** A bilingual text, e.g. the reason of a light. */
export const bilingual = z.object({ zh: z.string(), en: z.string() });

const idList = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id');

// ─── Campaigns 专项行动 ────────────────────────────────────────────────────────

export const campaignBody = z
  .strictObject({
    name: displayName(100),
    /** 领导小组 */
    leadingGroup: longText(200).default(''),
    description: longText(4000).default(''),
    start: isoDate,
    end: isoDate,
  })
  .refine((b) => b.end >= b.start, { message: 'must not be before the start', path: ['end'] });

export const campaignUpdateBody = z
  .strictObject({
    name: displayName(100).optional(),
    leadingGroup: longText(200).optional(),
    description: longText(4000).optional(),
    start: isoDate.optional(),
    end: isoDate.optional(),
    closed: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' })
  .refine((b) => !b.start || !b.end || b.end >= b.start, {
    message: 'must not be before the start',
    path: ['end'],
  });

export const campaignListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  includeClosed: boolQuery.optional(),
  ...paging,
});

export const lightCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
});

export const campaignResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  leadingGroup: z.string(),
  description: z.string(),
  start: z.string(),
  end: z.string(),
  closed: z.boolean(),
  taskCount: z.number().int(),
  doneCount: z.number().int(),
  overdueCount: z.number().int(),
  lights: lightCounts,
  abilities: z.object({ edit: z.boolean(), createTasks: z.boolean() }),
});
export type CampaignResponse = z.infer<typeof campaignResponse>;

// ─── Tasks 任务 ────────────────────────────────────────────────────────────────

export const taskCode = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');

/** 时间节点: `percent` is the share planned by that date; left out, milestones are spread evenly. */
export const milestoneInput = z.strictObject({
  date: isoDate,
  title: displayName(200),
  percent: z.number().min(0).max(100).optional(),
});

/** A task as the office writes it, in the UI or as one row of an Excel sheet. */
export const taskDraft = z
  .strictObject({
    code: taskCode,
    title: displayName(200),
    description: longText(4000).default(''),
    category: longText(50).default(''),
    targetText: longText(500).default(''),
    targetValue: z.number().finite().min(-1e12).max(1e12).nullable().default(null),
    targetUnit: longText(20).nullable().default(null),
    /** 包保领导 */
    leaderIds: idList(10).min(1),
    /** 牵头单位 */
    leadUnitId: id,
    /** 配合单位 */
    cooperatingUnitIds: idList(100).default([]),
    start: isoDate,
    deadline: isoDate,
    milestones: z.array(milestoneInput).max(50).default([]),
    cadence: cadenceSchema,
  })
  .refine((b) => b.deadline >= b.start, { message: 'must not be before the start', path: ['deadline'] })
  .refine((b) => b.milestones.every((m) => m.date >= b.start && m.date <= b.deadline), {
    message: 'every milestone must fall between the start and the deadline',
    path: ['milestones'],
  })
  .refine((b) => !b.cooperatingUnitIds.includes(b.leadUnitId), {
    message: 'the lead unit cannot also cooperate',
    path: ['cooperatingUnitIds'],
  });
export type TaskDraft = z.infer<typeof taskDraft>;

/** Edits of a draft; once issued, a deadline or target changes only by a change request. */
export const taskUpdateBody = z
  .strictObject({
    title: displayName(200).optional(),
    description: longText(4000).optional(),
    category: longText(50).optional(),
    targetText: longText(500).optional(),
    targetValue: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
    targetUnit: longText(20).nullable().optional(),
    leaderIds: idList(10).min(1).optional(),
    leadUnitId: id.optional(),
    cooperatingUnitIds: idList(100).optional(),
    start: isoDate.optional(),
    deadline: isoDate.optional(),
    milestones: z.array(milestoneInput).max(50).optional(),
    cadence: cadenceSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

/** 分解: hand a task to lower units, one subtask each: listed units, every unit of a type, or a whole 赛道. */
export const splitBody = z
  .strictObject({
    unitIds: idList(1000).min(1).optional(),
    /** Every active unit of this type, e.g. `town`. */
    unitTypeCode: z.string().trim().min(1).max(30).optional(),
    /** Every active unit of this peer group, e.g. `towns` (towns and streets). */
    peerGroupCode: z.string().trim().min(1).max(30).optional(),
    weight: z.number().min(0.01).max(1000).default(1),
  })
  .refine((b) => [b.unitIds, b.unitTypeCode, b.peerGroupCode].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of unitIds, unitTypeCode, peerGroupCode',
    path: ['unitIds'],
  });

export const taskListQuery = z.strictObject({
  light: lightSchema.optional(),
  status: taskStatusSchema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  leaderId: z.coerce.number().int().positive().optional(),
  category: z.string().trim().max(50).optional(),
  overdue: boolQuery.optional(),
  /** Only top-level tasks (no subtasks). */
  topLevel: boolQuery.optional(),
  q: z.string().trim().max(100).optional(),
  ...paging,
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const myTasksQuery = z.strictObject({
  /** Only tasks with a report or a deadline due in the current week. */
  dueThisWeek: boolQuery.optional(),
  light: lightSchema.optional(),
  /** e.g. `issued`: what the unit still has to sign for. */
  status: taskStatusSchema.optional(),
  /** Only tasks with a progress report waiting for the unit head. */
  pendingReports: boolQuery.optional(),
  /** Only tasks with a leader instruction not answered yet. */
  openInstructions: boolQuery.optional(),
  ...paging,
});

const namedRef = z.object({ id: z.number().int(), name: z.string() });

export const taskSummary = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  status: taskStatusSchema,
  leadUnit: namedRef,
  leaders: z.array(namedRef),
  start: z.string(),
  deadline: z.string(),
  cadence: cadenceSchema,
  progress: z.number(),
  light: lightSchema.nullable(),
  lightReason: bilingual.nullable(),
  expectedPercent: z.number().nullable(),
  overdue: z.boolean(),
  lateReports: z.number().int(),
  subtaskCount: z.number().int(),
  /** Leader instructions (批示) the unit has not answered yet. */
  openInstructions: z.number().int(),
  /** Progress reports submitted and waiting for the unit head's decision. */
  pendingReports: z.number().int(),
  /** The current period's report, when one is due. */
  nextReportDue: z.string().nullable(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const taskListResponse = z.object({
  items: z.array(taskSummary),
  total: z.number().int(),
  lights: lightCounts,
});

export const milestoneResponse = z.object({
  id: z.number().int(),
  date: z.string(),
  title: z.string(),
  percent: z.number(),
  doneOn: z.string().nullable(),
});

export const attachmentRef = z.object({
  id: z.number().int(),
  filename: z.string(),
  size: z.number().int(),
  mime: z.string(),
});

export const reportStatuses = ['submitted', 'approved', 'returned'] as const;

export const reportResponse = z.object({
  id: z.number().int(),
  taskId: z.number().int().nullable(),
  itemId: z.number().int().nullable(),
  unit: namedRef,
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  status: z.enum(reportStatuses),
  percent: z.number().nullable(),
  actualValue: z.number().nullable(),
  /** 进度 / 差距 / 原因 / 措施 — or, for a reporting item, the submission text in `progress`. */
  progress: z.string(),
  gap: z.string(),
  reason: z.string(),
  measures: z.string(),
  attachments: z.array(attachmentRef),
  author: namedRef,
  submittedAt: z.string(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** Reached the office after its due date. */
  late: z.boolean(),
  abilities: z.object({ approve: z.boolean(), return: z.boolean(), resubmit: z.boolean() }),
});
export type ReportResponse = z.infer<typeof reportResponse>;

/** What writing a report answers: the report as stored, waiting for the unit head. */
export const reportReceipt = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  status: z.enum(reportStatuses),
  percent: z.number().nullable(),
  actualValue: z.number().nullable(),
  /** A returned report written again rather than a new one. */
  resubmitted: z.boolean(),
});
export type ReportReceipt = z.infer<typeof reportReceipt>;

export const changeRequestResponse = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  kind: z.enum(['deadline', 'target']),
  reason: z.string(),
  current: z.object({
    deadline: z.string().nullable(),
    targetText: z.string().nullable(),
    targetValue: z.number().nullable(),
  }),
  proposed: z.object({
    deadline: z.string().nullable(),
    targetText: z.string().nullable(),
    targetValue: z.number().nullable(),
  }),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: namedRef,
  requestedAt: z.string(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const instructionResponse = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  leader: namedRef,
  text: z.string(),
  at: z.string(),
  answer: z.string().nullable(),
  answeredBy: namedRef.nullable(),
  answeredAt: z.string().nullable(),
  abilities: z.object({ answer: z.boolean() }),
});

export const taskDetail = taskSummary.extend({
  description: z.string(),
  targetText: z.string(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
  actualValue: z.number().nullable(),
  cooperatingUnits: z.array(namedRef),
  milestones: z.array(milestoneResponse),
  weight: z.number(),
  issuedAt: z.string().nullable(),
  signDueOn: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedLate: z.boolean(),
  completionEvidence: z.string().nullable(),
  completionAttachments: z.array(attachmentRef),
  returnCount: z.number().int(),
  returnReason: z.string().nullable(),
  subtasks: z.array(taskSummary),
  reports: z.array(reportResponse),
  changeRequests: z.array(changeRequestResponse),
  instructions: z.array(instructionResponse),
  abilities: z.object({
    edit: z.boolean(),
    issue: z.boolean(),
    split: z.boolean(),
    sign: z.boolean(),
    report: z.boolean(),
    requestChange: z.boolean(),
    decideChange: z.boolean(),
    claimCompletion: z.boolean(),
    verifyCompletion: z.boolean(),
    sendBack: z.boolean(),
    instruct: z.boolean(),
  }),
});
export type TaskDetail = z.infer<typeof taskDetail>;

// ─── Progress reports 进度报送 and reporting items 报送事项 ────────────────────

export const reportBody = z
  .strictObject({
    percent: z.number().min(0).max(100).nullable().default(null),
    actualValue: z.number().finite().min(-1e12).max(1e12).nullable().default(null),
    progress: longText(4000, 1),
    gap: longText(4000).default(''),
    reason: longText(4000).default(''),
    measures: longText(4000).default(''),
    attachmentIds: idList(20).default([]),
  })
  .refine((b) => b.percent !== null || b.actualValue !== null, {
    message: 'give the percent done or the actual value',
    path: ['percent'],
  });

export const itemSubmissionBody = z.strictObject({
  text: longText(8000, 1),
  /** The submitting unit, when the caller acts for several of the item's units. */
  unitId: id.optional(),
  attachmentIds: idList(20).default([]),
});

export const reasonBody = z.strictObject({ reason: longText(1000, 1) });
export const optionalNoteBody = z.strictObject({ note: longText(1000).default('') });

export const reportItemBody = z.strictObject({
  title: displayName(200),
  description: longText(4000).default(''),
  cadence: cadenceSchema,
  /** Calendar days after the end of a period that the submission is due. */
  graceDays: z.number().int().min(0).max(31).default(0),
  unitIds: idList(2000).min(1),
  start: isoDate,
  end: isoDate,
});

export const reportItemResponse = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  title: z.string(),
  description: z.string(),
  cadence: cadenceSchema,
  graceDays: z.number().int(),
  start: z.string(),
  end: z.string(),
  units: z.array(namedRef),
  currentPeriod: z.object({ key: z.string(), dueOn: z.string() }).nullable(),
  submissions: z.array(reportResponse),
  lateCount: z.number().int(),
});

// ─── Change requests 调整申请, completion 办结 ──────────────────────────────────

export const changeRequestBody = z
  .strictObject({
    kind: z.enum(['deadline', 'target']),
    deadline: isoDate.optional(),
    targetText: longText(500).optional(),
    targetValue: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
    reason: longText(1000, 1),
  })
  .refine((b) => b.kind !== 'deadline' || b.deadline !== undefined, {
    message: 'give the new deadline',
    path: ['deadline'],
  })
  .refine((b) => b.kind !== 'target' || b.targetText !== undefined || b.targetValue !== undefined, {
    message: 'give the new target',
    path: ['targetText'],
  });

export const completionBody = z.strictObject({
  evidence: longText(4000, 1),
  attachmentIds: idList(20).default([]),
});

// ─── Dispatch meetings 调度会, instructions 批示 ───────────────────────────────

export const meetingBody = z.strictObject({
  title: displayName(200),
  heldOn: isoDate,
  place: longText(200).default(''),
  attendeeIds: idList(200).default([]),
  /** Attendees without an account, as free text. */
  otherAttendees: longText(1000).default(''),
  notes: longText(8000).default(''),
  taskIds: idList(500).default([]),
  decisions: z
    .array(z.strictObject({ text: longText(1000, 1) }))
    .max(100)
    .default([]),
});

export const decisionToTaskBody = taskDraft;

export const meetingResponse = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  attendees: z.array(namedRef),
  otherAttendees: z.string(),
  notes: z.string(),
  tasks: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string() })),
  decisions: z.array(
    z.object({ id: z.number().int(), text: z.string(), taskId: z.number().int().nullable() }),
  ),
});

export const instructionBody = z.strictObject({ text: longText(2000, 1) });
export const answerBody = z.strictObject({ answer: longText(4000, 1) });

// ─── Settings 设置 ────────────────────────────────────────────────────────────

export const taskSettings = z.strictObject({
  /** A unit must sign for an issued task within this many working days. */
  signWithinWorkingDays: z.number().int().min(1).max(30),
  /** Behind the plan by at most this many points → yellow; more → red. */
  yellowMaxGap: z.number().min(1).max(100),
  /** A milestone late by at most this many days → yellow; more → red. */
  milestoneGraceDays: z.number().int().min(0).max(60),
  /** Calendar days after a period ends that its progress report is due. */
  reportGraceDays: z.number().int().min(0).max(31),
});
export type TaskSettings = z.infer<typeof taskSettings>;

// ─── Excel 导入 ───────────────────────────────────────────────────────────────

/** One problem found in an uploaded sheet: row (1-based, as Excel shows it), column header, what is wrong. */
export const sheetProblem = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: bilingual,
  /** For an unknown unit or person name: the closest known names. */
  suggestions: z.array(z.string()),
});
export type SheetProblem = z.infer<typeof sheetProblem>;

export const importResponse = z.object({
  imported: z.number().int(),
  taskIds: z.array(z.number().int()),
});
