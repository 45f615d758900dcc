import { z } from 'zod';
import { periodKinds } from '../evaluation/period.ts';
import { computedMetrics, grades } from '../evaluation/scheme.ts';
import { displayName, id, paging } from './common.ts';
import { isoDate, longText } from './tasks.ts';

// ─── Scheme content 考评方案 ───────────────────────────────────────────────────

/** A decimal as typed: a number or a decimal string (`33.33`); checked exactly by validateScheme. */
const decimal = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .max(30)
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number'),
]);

const indicatorId = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ - only');

/** A kind of bonus or penalty event, e.g. `award_national`, `yellow_card`. */
export const eventKind = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits, _ only');

export const periodKindSchema = z.enum(periodKinds);
export const gradeSchema = z.enum(grades);
export const metricSchema = z.enum(Object.keys(computedMetrics) as [keyof typeof computedMetrics]);

const normalisation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('min_max') }),
  z.strictObject({ kind: z.literal('rank') }),
  z.strictObject({ kind: z.literal('target'), target: decimal, floor: decimal }),
]);

const weighted = {
  id: indicatorId,
  name: displayName(50),
  weight: decimal,
  direction: z.enum(['higher_better', 'lower_better']),
  normalisation,
  missing: z.enum(['zero', 'peer_average']).optional(),
};

const abc = z.strictObject({ A: decimal, B: decimal, C: decimal });

export const indicatorSchema = z.discriminatedUnion('source', [
  z.strictObject({ ...weighted, source: z.literal('computed'), metric: metricSchema }),
  z.strictObject({
    ...weighted,
    source: z.literal('entered'),
    /** Letter grades (八张报表 A/B/C/D) mapped to points; absent for numeric scores. */
    gradePoints: z.strictObject({ A: decimal, B: decimal, C: decimal, D: decimal }).optional(),
  }),
  z.strictObject({
    id: indicatorId,
    name: displayName(50),
    source: z.literal('events'),
    eventPoints: z.record(eventKind, decimal),
    bonusCap: decimal,
    penaltyCap: decimal,
  }),
]);
export type IndicatorInput = z.infer<typeof indicatorSchema>;

export const gradingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('quota'),
    quotas: abc,
    ties: z.enum(['share_lower', 'share_higher']).optional(),
  }),
  z.strictObject({ kind: z.literal('thresholds'), min: abc }),
]);

/** One version of a scheme: its indicators and grading, and which records its computed indicators read. */
export const schemeContent = z.strictObject({
  indicators: z.array(indicatorSchema).max(30),
  grading: gradingSchema,
  /** Computed indicators read the campaign's records (`campaign`) or every record of the unit (`all`). */
  recordScope: z.enum(['campaign', 'all']).default('campaign'),
});
export type SchemeContent = z.infer<typeof schemeContent>;

export const schemeCreateBody = z.strictObject({
  campaignId: id,
  peerGroupId: id,
  periodKind: periodKindSchema,
  name: displayName(100),
  content: schemeContent,
});
export type SchemeCreateBody = z.infer<typeof schemeCreateBody>;

/** A new version: the content as a whole, with why it changed. */
export const schemeVersionBody = z.strictObject({
  name: displayName(100).optional(),
  content: schemeContent,
  note: longText(1000).default(''),
});

export const schemeListQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

const named = z.object({ id: z.number().int(), name: z.string() });
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const schemeSummary = z.object({
  id: z.number().int(),
  campaign: named,
  peerGroup: z.object({ id: z.number().int(), nameZh: z.string(), nameEn: z.string() }),
  periodKind: periodKindSchema,
  name: z.string(),
  version: z.number().int(),
  archived: z.boolean(),
  unitCount: z.number().int(),
  publishedCount: z.number().int(),
  updatedAt: z.string(),
});
export type SchemeSummary = z.infer<typeof schemeSummary>;

export const schemeVersionSummary = z.object({
  version: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const schemeDetail = schemeSummary.extend({
  content: schemeContent,
  versions: z.array(schemeVersionSummary),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean() }),
});
export type SchemeDetail = z.infer<typeof schemeDetail>;

export const schemeVersionResponse = z.object({
  schemeId: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  content: schemeContent,
  note: z.string(),
  createdAt: z.string(),
});

export const schemeListResponse = z.object({ items: z.array(schemeSummary) });

// ─── Periods, boards 排名榜 ────────────────────────────────────────────────────

export const periodQuery = z.strictObject({ period: z.string().trim().min(4).max(10) });

export const periodResponse = z.object({
  kind: periodKindSchema,
  key: z.string(),
  start: z.string(),
  end: z.string(),
  label: bilingual,
});

const rankChange = z.object({ previousRank: z.number().int(), change: z.number().int(), text: bilingual });

/** One indicator's line for one unit (得分说明). */
export const explainLine = z.object({
  indicatorId: z.string(),
  name: z.string(),
  source: z.enum(['computed', 'entered', 'events']),
  raw: z.union([z.number(), z.string()]).nullable(),
  points: z.number().nullable(),
  missing: z.boolean(),
  missingRule: z.enum(['zero', 'peer_average']).nullable(),
  normalised: z.number().nullable(),
  weight: z.number().nullable(),
  contribution: z.number(),
  capped: z.enum(['bonus', 'penalty', 'both']).nullable(),
  text: z.object({ normalised: z.string().nullable(), contribution: z.string() }),
  /** How many records stand behind the raw value (open them with the records endpoint). */
  recordCount: z.number().int(),
  /** For a rate: counted of considered (8 of 12 tasks on time); for a count: the count. */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type ExplainLineResponse = z.infer<typeof explainLine>;

export const boardResult = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  total: z.number(),
  totalText: z.string(),
  rank: z.number().int(),
  grade: gradeSchema,
  change: rankChange.nullable(),
  /** 双晒双亮: the unit's open problems (on the period's last day, or today while it runs). */
  openProblems: z.number().int(),
  /** The contribution of each indicator, in the scheme's order. */
  scores: z.array(z.object({ indicatorId: z.string(), contribution: z.string(), missing: z.boolean() })),
});
export type BoardResult = z.infer<typeof boardResult>;

export const boardIndicator = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(['computed', 'entered', 'events']),
  metric: metricSchema.nullable(),
  weight: z.string().nullable(),
});

export const revisionSummary = z.object({
  id: z.number().int(),
  revision: z.number().int(),
  schemeVersion: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  reason: z.string().nullable(),
  inputHash: z.string(),
});
export type RevisionSummary = z.infer<typeof revisionSummary>;

export const boardResponse = z.object({
  /** The published board's id; null for a preview computed from today's records. */
  id: z.number().int().nullable(),
  scheme: z.object({ id: z.number().int(), name: z.string(), version: z.number().int() }),
  campaign: named,
  peerGroup: z.object({ id: z.number().int(), nameZh: z.string(), nameEn: z.string() }),
  period: periodResponse,
  asOf: z.string(),
  complete: z.boolean(),
  indicators: z.array(boardIndicator),
  gradeCounts: z.object({
    A: z.number().int(),
    B: z.number().int(),
    C: z.number().int(),
    D: z.number().int(),
  }),
  aShare: z.object({
    count: z.number().int(),
    of: z.number().int(),
    percent: z.number().nullable(),
    text: z.string().nullable(),
  }),
  results: z.array(boardResult),
  /** Published: this revision; preview: the latest published revision of the period, if any. */
  revision: revisionSummary.nullable(),
  /** Every published revision of this period, newest first (corrections keep the earlier ones visible). */
  revisions: z.array(revisionSummary),
  /** Not the latest revision: a correction replaced it. */
  superseded: z.boolean(),
  abilities: z.object({ publish: z.boolean(), correct: z.boolean() }),
});
export type BoardResponse = z.infer<typeof boardResponse>;

export const explainResponse = z.object({
  boardId: z.number().int().nullable(),
  scheme: z.object({ id: z.number().int(), name: z.string(), version: z.number().int() }),
  period: periodResponse,
  asOf: z.string(),
  unit: named,
  total: z.number(),
  totalText: z.string(),
  rank: z.number().int(),
  of: z.number().int(),
  grade: gradeSchema,
  change: rankChange.nullable(),
  openProblems: z.number().int(),
  lines: z.array(explainLine),
});
export type ExplainResponse = z.infer<typeof explainResponse>;

export const recordsQuery = z.strictObject({
  period: z.string().trim().min(4).max(10).optional(),
  ...paging,
});

export const explainRecord = z.object({
  kind: z.enum(['task', 'report', 'problem', 'survey', 'event', 'value']),
  /** The record's id; null for a report that was due and never written. */
  id: z.number().int().nullable(),
  title: z.string(),
  unitName: z.string(),
  /** The date that decided it: a deadline, a due date, the day found, answered, or the event's date. */
  date: z.string().nullable(),
  status: z.string().nullable(),
  /** For a rate: whether it counted in the numerator (done on time, reported on time, closed). */
  counted: z.boolean().nullable(),
  note: z.string(),
});
export type ExplainRecord = z.infer<typeof explainRecord>;

export const recordsResponse = z.object({
  indicatorId: z.string(),
  name: z.string(),
  kind: z.enum(['task', 'report', 'problem', 'survey', 'event', 'value']),
  total: z.number().int(),
  items: z.array(explainRecord),
});

export const publishBody = z.strictObject({ period: z.string().trim().min(4).max(10) });
export const correctBody = z.strictObject({ reason: longText(1000, 2) });

export const boardListQuery = z.strictObject({
  schemeId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  includeSuperseded: z.enum(['true', 'false']).optional(),
});

export const boardSummary = z.object({
  id: z.number().int(),
  scheme: z.object({ id: z.number().int(), name: z.string(), version: z.number().int() }),
  campaign: named,
  peerGroup: z.object({ id: z.number().int(), nameZh: z.string(), nameEn: z.string() }),
  period: periodResponse,
  revision: z.number().int(),
  superseded: z.boolean(),
  publishedAt: z.string(),
  unitCount: z.number().int(),
  aShare: z.string().nullable(),
});
export type BoardSummary = z.infer<typeof boardSummary>;
export const boardListResponse = z.object({ items: z.array(boardSummary) });

export const verifyResponse = z.object({
  boardId: z.number().int(),
  inputHash: z.string(),
  /** SM3 of the stored input text equals the published hash. */
  hashMatches: z.boolean(),
  /** Computing the board again from the stored input gives the published ranks, grades and totals. */
  resultsMatch: z.boolean(),
});

// ─── Public board 公开晾晒 ─────────────────────────────────────────────────────

export const publicBoardResponse = z.object({
  id: z.number().int(),
  title: z.string(),
  campaign: z.string(),
  peerGroup: bilingual,
  period: periodResponse,
  revision: z.number().int(),
  publishedAt: z.string(),
  correctionReason: z.string().nullable(),
  /** A later revision (a correction) replaced this one: its id. */
  supersededBy: z.number().int().nullable(),
  indicators: z.array(z.object({ id: z.string(), name: z.string(), weight: z.string().nullable() })),
  gradeCounts: z.object({
    A: z.number().int(),
    B: z.number().int(),
    C: z.number().int(),
    D: z.number().int(),
  }),
  aShare: z.string().nullable(),
  results: z.array(
    z.object({
      unitName: z.string(),
      rank: z.number().int(),
      totalText: z.string(),
      grade: gradeSchema,
      change: rankChange.nullable(),
      openProblems: z.number().int(),
      scores: z.array(z.object({ indicatorId: z.string(), contribution: z.string() })),
    }),
  ),
});
export type PublicBoardResponse = z.infer<typeof publicBoardResponse>;

export const publicBoardList = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      campaign: z.string(),
      peerGroup: bilingual,
      period: periodResponse,
      revision: z.number().int(),
      publishedAt: z.string(),
    }),
  ),
});

// ─── Entered values 录入/导入的得分 ─────────────────────────────────────────────

export const enteredValue = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  indicatorId: z.string(),
  value: z.string(),
  note: z.string(),
  origin: z.enum(['typed', 'import']),
  enteredAt: z.string(),
  enteredBy: z.string().nullable(),
});
export type EnteredValue = z.infer<typeof enteredValue>;

export const enteredValuesResponse = z.object({
  period: periodResponse,
  indicators: z.array(z.object({ id: z.string(), name: z.string(), graded: z.boolean() })),
  units: z.array(named),
  items: z.array(enteredValue),
});

export const enteredValuesBody = z.strictObject({
  period: z.string().trim().min(4).max(10),
  values: z
    .array(
      z.strictObject({
        unitId: id,
        indicatorId,
        /** A number, a grade letter A–D, or null to clear the value. */
        value: z.union([z.number().finite(), z.string().trim().min(1).max(30)]).nullable(),
        note: longText(500).default(''),
      }),
    )
    .min(1)
    .max(5000),
});

export const valuesImportResponse = z.object({ imported: z.number().int(), cleared: z.number().int() });

// ─── Bonus and penalty events 加减分事项 ─────────────────────────────────────────

export const eventOrigins = ['manual', 'warning', 'circular'] as const;

export const eventBody = z.strictObject({
  unitId: id,
  /** Null: the event counts in every campaign's schemes (a national award). */
  campaignId: id.nullable().default(null),
  kind: eventKind,
  title: displayName(200),
  occurredOn: isoDate,
  note: longText(1000).default(''),
});

export const eventResponse = z.object({
  id: z.number().int(),
  unit: named,
  campaignId: z.number().int().nullable(),
  kind: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  note: z.string(),
  origin: z.enum(eventOrigins),
  originId: z.number().int().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  withdrawn: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
});
export type EventResponse = z.infer<typeof eventResponse>;

export const eventListQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging,
});
export const eventListResponse = z.object({ items: z.array(eventResponse), total: z.number().int() });

// ─── Survey 群众口碑评价 ───────────────────────────────────────────────────────

export const surveyLinkResponse = z.object({
  unit: named,
  token: z.string(),
  path: z.string(),
  active: z.boolean(),
  answersThisMonth: z.number().int(),
  createdAt: z.string(),
});
export const surveyLinkListResponse = z.object({ items: z.array(surveyLinkResponse) });
export const surveyLinkBody = z.strictObject({ unitId: id, rotate: z.boolean().default(false) });

export const surveyTokenParams = z.strictObject({
  token: z
    .string()
    .min(10)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const publicSurveyResponse = z.object({
  unitName: z.string(),
  period: z.object({ key: z.string(), label: bilingual }),
  /** This device already answered for this unit this month. */
  answered: z.boolean(),
});

const stars = z.number().int().min(1).max(5);

export const surveyAnswerBody = z.strictObject({
  /** 总体满意度, 1–5 stars. */
  rating: stars,
  /** 服务态度, 办事效率, 工作作风: optional 1–5 each. */
  aspects: z
    .strictObject({ attitude: stars.optional(), efficiency: stars.optional(), conduct: stars.optional() })
    .default({}),
  comment: longText(500).default(''),
  /** A mobile number, optional: one answer per number per unit and month (kept only as a keyed hash). */
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'must be an 11-digit mobile number')
    .optional(),
});
export type SurveyAnswerBody = z.infer<typeof surveyAnswerBody>;

export const surveyAnswerResponse = z.object({ accepted: z.boolean(), period: z.string() });
