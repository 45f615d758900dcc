import { z } from 'zod';
import { problemStatuses } from '../problems/problem-lifecycle.ts';
import { boolQuery, displayName, id, paging } from './common.ts';
import { attachmentRef, isoDate, longText } from './tasks.ts';

export const problemStatusSchema = z.enum(problemStatuses);

/** 严重程度: 一般 / 较重 / 严重 */
export const problemSeverities = ['general', 'major', 'severe'] as const;
export const problemSeveritySchema = z.enum(problemSeverities);
export type ProblemSeverity = (typeof problemSeverities)[number];

export const problemSchedules = ['on_schedule', 'behind', 'overdue', 'rectified', 'void'] as const;
export const problemScheduleSchema = z.enum(problemSchedules);

const idList = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id');

const namedRef = z.object({ id: z.number().int(), name: z.string() });

// ─── Sources 问题来源 and categories 问题类别 ──────────────────────────────────

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ - only');

export const problemSourceResponse = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  /** A unit may record problems of this source about itself (自查自纠). */
  unitMayRecord: z.boolean(),
});
export type ProblemSourceResponse = z.infer<typeof problemSourceResponse>;

export const problemSourceBody = z.strictObject({
  code,
  nameZh: displayName(50),
  nameEn: displayName(100),
  sort: z.number().int().min(0).max(10_000).default(100),
  unitMayRecord: z.boolean().default(false),
});

export const problemSourceUpdateBody = z
  .strictObject({
    nameZh: displayName(50).optional(),
    nameEn: displayName(100).optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
    unitMayRecord: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const problemCategoryResponse = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  depth: z.number().int(),
  sort: z.number().int(),
  active: z.boolean(),
});
export type ProblemCategoryResponse = z.infer<typeof problemCategoryResponse>;

export const problemCategoryBody = z.strictObject({
  parentId: id.nullable().default(null),
  code,
  nameZh: displayName(50),
  nameEn: displayName(100),
  sort: z.number().int().min(0).max(10_000).default(100),
});

export const problemCategoryUpdateBody = z
  .strictObject({
    nameZh: displayName(50).optional(),
    nameEn: displayName(100).optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

// ─── Problems 问题 ──────────────────────────────────────────────────────────────

/** 阶段目标 of a long-term problem; a stage without a percent plans an even share. */
export const stageInput = z.strictObject({
  date: isoDate,
  title: displayName(200),
  percent: z.number().min(0).max(100).optional(),
});

const draftFields = {
  description: longText(4000, 1),
  /** 问题来源 */
  sourceId: id,
  /** 问题类别 (several allowed) */
  categoryIds: idList(10).default([]),
  /** 发现时间 */
  foundOn: isoDate,
  /** 发现人 / 督查组, as written */
  foundBy: longText(200).default(''),
  /** 责任单位 */
  unitId: id,
  /** 责任人, a person of the responsible unit */
  personId: id.nullable().default(null),
  severity: problemSeveritySchema.default('general'),
  /** 整改时限 */
  deadline: isoDate,
  /** 长期整改: judged by its stage targets (按序时进度) */
  longTerm: z.boolean().default(false),
  stages: z.array(stageInput).max(20).default([]),
};

type DraftShape = {
  foundOn: string;
  deadline: string;
  longTerm: boolean;
  stages: { date: string }[];
};

/** The cross-field rules of a problem draft, shared by the API body and a sheet row. */
function draftRules<T extends z.ZodType<DraftShape>>(schema: T) {
  return schema
    .refine((b) => b.deadline >= b.foundOn, {
      message: 'must not be before the day it was found',
      path: ['deadline'],
    })
    .refine((b) => b.longTerm || b.stages.length === 0, {
      message: 'only a long-term problem has stage targets',
      path: ['stages'],
    })
    .refine((b) => !b.longTerm || b.stages.length > 0, {
      message: 'a long-term problem needs at least one stage target',
      path: ['stages'],
    })
    .refine((b) => b.stages.every((s) => s.date >= b.foundOn && s.date <= b.deadline), {
      message: 'every stage must fall between the day found and the deadline',
      path: ['stages'],
    });
}

/** A problem as the office, an inspector or a unit (self-inspection) records it, or one row of a findings sheet. */
export const problemDraft = draftRules(z.strictObject(draftFields));
export type ProblemDraft = z.infer<typeof problemDraft>;

export const problemCreateBody = draftRules(
  z.strictObject({
    ...draftFields,
    /** 专项行动 (optional: routine work has none) */
    campaignId: id.nullable().default(null),
    /** Photos or documents of the finding, uploaded first. */
    attachmentIds: idList(20).default([]),
  }),
);
export type ProblemCreateBody = z.infer<typeof problemCreateBody>;

export const problemListQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  /** A category and everything under it. */
  categoryId: z.coerce.number().int().positive().optional(),
  /** The responsible unit (and, with `includeSubunits`, the units under it). */
  unitId: z.coerce.number().int().positive().optional(),
  includeSubunits: boolQuery.optional(),
  status: problemStatusSchema.optional(),
  /** Only open problems (the negative list's states). */
  open: boolQuery.optional(),
  schedule: z.enum(['on_schedule', 'behind', 'overdue']).optional(),
  longTerm: boolQuery.optional(),
  severity: problemSeveritySchema.optional(),
  foundFrom: isoDate.optional(),
  foundTo: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  ...paging,
});
export type ProblemListQuery = z.infer<typeof problemListQuery>;

export const problemSummary = z.object({
  id: z.number().int(),
  campaign: namedRef.nullable(),
  description: z.string(),
  source: namedRef,
  categories: z.array(namedRef),
  foundOn: z.string(),
  foundBy: z.string(),
  unit: namedRef,
  person: namedRef.nullable(),
  severity: problemSeveritySchema,
  deadline: z.string(),
  longTerm: z.boolean(),
  /** 0–100 as the unit last reported it (long-term problems). */
  progress: z.number(),
  status: problemStatusSchema,
  schedule: problemScheduleSchema,
  overdue: z.boolean(),
  returnCount: z.number().int(),
  reboundCount: z.number().int(),
  mergedIntoId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type ProblemSummary = z.infer<typeof problemSummary>;

/**
 * The counts beside a list: per status, and overdue, over the same filters
 * with `status` and `open` dropped (what a row of status tabs shows).
 */
export const problemListCounts = z.object({
  byStatus: z.record(problemStatusSchema, z.number().int()),
  overdue: z.number().int(),
});
export type ProblemListCounts = z.infer<typeof problemListCounts>;

export const problemListResponse = z.object({
  items: z.array(problemSummary),
  total: z.number().int(),
  counts: problemListCounts,
});

export const measureInput = z.strictObject({
  text: longText(1000, 1),
  /** 责任人 of this measure, as written (a name, or a name and post). */
  owner: displayName(100),
  dueOn: isoDate,
  done: z.boolean().default(false),
});

export const measureResponse = z.object({
  id: z.number().int(),
  text: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
});

export const evidenceResponse = z.object({
  id: z.number().int(),
  text: z.string(),
  attachments: z.array(attachmentRef),
  submittedBy: namedRef,
  submittedAt: z.string(),
  /** The office's or inspector's verdict on this claim. */
  decision: z.enum(['closed', 'returned', 'dismissed', 'merged']).nullable(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

export const problemEventResponse = z.object({
  at: z.string(),
  actor: namedRef.nullable(),
  action: z.string(),
  fromStatus: problemStatusSchema.nullable(),
  toStatus: problemStatusSchema.nullable(),
  note: z.string().nullable(),
});

export const problemDetail = problemSummary.extend({
  stages: z.array(
    z.object({ id: z.number().int(), date: z.string(), title: z.string(), percent: z.number() }),
  ),
  /** The share the stage targets expect by today (long-term problems). */
  expectedPercent: z.number().nullable(),
  measures: z.array(measureResponse),
  attachments: z.array(attachmentRef),
  evidence: z.array(evidenceResponse),
  history: z.array(problemEventResponse),
  recordedBy: namedRef,
  abilities: z.object({
    assign: z.boolean(),
    setDeadline: z.boolean(),
    fileMeasures: z.boolean(),
    reportProgress: z.boolean(),
    claimClosing: z.boolean(),
    close: z.boolean(),
    return: z.boolean(),
    reopen: z.boolean(),
    dismiss: z.boolean(),
    merge: z.boolean(),
  }),
});
export type ProblemDetail = z.infer<typeof problemDetail>;

export const assignBody = z.strictObject({
  unitId: id,
  personId: id.nullable().default(null),
  /** A new deadline, when the new unit needs one. */
  deadline: isoDate.optional(),
  note: longText(1000).default(''),
});

export const measuresBody = z.strictObject({ measures: z.array(measureInput).min(1).max(50) });

export const progressBody = z.strictObject({
  percent: z.number().min(0).max(100),
  note: longText(1000).default(''),
});

/** 申请销号: what was done (整改情况) and files showing it (佐证材料). */
export const claimClosingBody = z.strictObject({
  evidence: longText(4000).default(''),
  attachmentIds: idList(20).default([]),
});

/** What a claim for closing answers: the claim as stored (the problem's detail is a separate GET). */
export const claimReceipt = z.object({
  /** The problem. */
  id: z.number().int(),
  status: problemStatusSchema,
  evidenceId: z.number().int(),
  claimedOn: z.string(),
  /** Claims made for the problem so far, this one included. */
  claimCount: z.number().int(),
});
export type ClaimReceipt = z.infer<typeof claimReceipt>;

export const mergeBody = z.strictObject({ intoId: id, note: longText(1000).default('') });

export const bulkAssignBody = z.strictObject({
  ids: idList(1000).min(1),
  unitId: id,
  personId: id.nullable().default(null),
});

export const bulkDeadlineBody = z.strictObject({
  ids: idList(1000).min(1),
  deadline: isoDate,
  note: longText(1000).default(''),
});

/** 调整整改时限 of one problem. */
export const deadlineBody = z.strictObject({
  deadline: isoDate,
  note: longText(1000).default(''),
});

export const bulkResponse = z.object({ updated: z.number().int(), ids: z.array(z.number().int()) });

// ─── Negative list 负面清单 ────────────────────────────────────────────────────

export const negativeListQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  includeSubunits: boolQuery.optional(),
});

export const negativeListItem = z.object({
  id: z.number().int(),
  description: z.string(),
  unit: namedRef,
  source: namedRef,
  categories: z.array(namedRef),
  foundOn: z.string(),
  deadline: z.string(),
  status: problemStatusSchema,
  schedule: problemScheduleSchema,
  overdue: z.boolean(),
  /** 责任人 of the problem. */
  person: namedRef.nullable(),
  measures: z.array(measureResponse),
});

export const negativeListResponse = z.object({
  unit: namedRef,
  asOf: z.string(),
  items: z.array(negativeListItem),
});
export type NegativeList = z.infer<typeof negativeListResponse>;

// ─── Statistics 统计 ──────────────────────────────────────────────────────────

export const statisticsGroups = ['unit', 'category', 'source', 'campaign', 'month'] as const;

export const statisticsQuery = z.strictObject({
  groupBy: z.enum(statisticsGroups).default('unit'),
  campaignId: z.coerce.number().int().positive().optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  /** Only problems of this unit and the units under it. */
  unitId: z.coerce.number().int().positive().optional(),
  /** With `groupBy=unit`: one row per unit directly under this one (its whole subtree), and one for itself. */
  underUnitId: z.coerce.number().int().positive().optional(),
  foundFrom: isoDate.optional(),
  foundTo: isoDate.optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const statisticsCounts = z.object({
  /** 发现问题: every problem except dismissed (不属实) and merged duplicates. */
  found: z.number().int(),
  /** 已整改销号 */
  closed: z.number().int(),
  /** 整改销号率, percent with two decimals (null when nothing was found). */
  closingRate: z.number().nullable(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Open, not overdue and not behind its stage targets: 按序时推进. */
  onSchedule: z.number().int(),
  behind: z.number().int(),
  /** Problems returned at least once, and the returns in all. */
  returned: z.number().int(),
  returns: z.number().int(),
  /** Problems reopened by a look-back (反弹) at least once, and the reopenings in all. */
  rebound: z.number().int(),
  rebounds: z.number().int(),
  dismissed: z.number().int(),
  merged: z.number().int(),
});

export const statisticsResponse = z.object({
  groupBy: z.enum(statisticsGroups),
  /** The Shanghai date overdue and on-schedule are judged on. */
  asOf: z.string(),
  total: statisticsCounts,
  rows: z.array(
    statisticsCounts.extend({
      key: z.object({ id: z.number().int().nullable(), name: z.string() }),
    }),
  ),
});
export type StatisticsResponse = z.infer<typeof statisticsResponse>;

// ─── Excel ────────────────────────────────────────────────────────────────────

export const problemImportQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
});

export const problemImportResponse = z.object({
  imported: z.number().int(),
  problemIds: z.array(z.number().int()),
});
