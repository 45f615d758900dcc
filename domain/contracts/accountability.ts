import { z } from 'zod';
import { clueDisposals, clueStatuses } from '../accountability/clue-transfer.ts';
import { measureCodes, type MeasureCode } from '../accountability/forms.ts';
import { leniencyKinds, threeDistinctions } from '../accountability/leniency.ts';
import { displayName, id, paging } from './common.ts';
import { bilingual, isoDate, longText } from './tasks.ts';

const namedRef = z.object({ id: z.number().int(), name: z.string() });

const idList = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id');

export const measureSchema = z.enum(measureCodes as [MeasureCode, ...MeasureCode[]]);
export const leniencyKindSchema = z.enum(leniencyKinds);
export const distinctionSchema = z.enum(threeDistinctions);
export const formSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

const dateRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

// ─── 问责对象 register ─────────────────────────────────────────────────────────

export const accountabilityPersonBody = z.strictObject({
  name: displayName(50),
  unitId: id,
  /** 职务 */
  post: longText(100).default(''),
  /** The person's Luoshi account, when there is one. */
  personId: id.nullable().default(null),
});

export const accountabilityPersonResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  unit: namedRef,
  post: z.string(),
  personId: z.number().int().nullable(),
});

export const accountabilityPersonListQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  ...paging,
});

export const accountabilityPersonListResponse = z.object({
  items: z.array(accountabilityPersonResponse),
  total: z.number().int(),
});

// ─── Cases and records 问责案件与记录 ─────────────────────────────────────────────

export const caseBody = z.strictObject({
  /** 案件编号 */
  number: longText(50).default(''),
  title: displayName(200),
});

export const leniencyBody = z.strictObject({
  kind: leniencyKindSchema,
  distinctions: z.array(distinctionSchema).max(3),
  /** 理由 (checked by the domain rules: at least a sentence). */
  reasoning: longText(4000),
  ordinaryMeasure: measureSchema.nullable().default(null),
});

export const recordBody = z.strictObject({
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('person'), accountabilityPersonId: id }),
    z.strictObject({ kind: z.literal('unit'), unitId: id }),
  ]),
  basisProblemIds: idList(50).default([]),
  basisText: longText(2000).default(''),
  /** Null only when exempt (免责). */
  measure: measureSchema.nullable(),
  decidedOn: isoDate,
  leniency: leniencyBody.nullable().default(null),
  /** 问责决定: stored only encrypted (SM4). */
  decisionText: longText(20_000, 1),
});
export type RecordBody = z.infer<typeof recordBody>;

export const recordListQuery = z.strictObject({
  caseId: z.coerce.number().int().positive().optional(),
  accountabilityPersonId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  form: z.coerce.number().int().min(1).max(4).optional(),
  leniency: leniencyKindSchema.optional(),
  ...dateRange,
  ...paging,
});

const recordFields = {
  id: z.number().int(),
  caseId: z.number().int(),
  subject: z.object({
    kind: z.enum(['person', 'unit']),
    person: namedRef.nullable(),
    unit: namedRef,
  }),
  measure: measureSchema.nullable(),
  measureLabel: bilingual.nullable(),
  form: formSchema.nullable(),
  decidedOn: z.string(),
  basisProblemIds: z.array(z.number().int()),
  basisText: z.string(),
  leniency: z
    .object({
      kind: leniencyKindSchema,
      label: bilingual,
      distinctions: z.array(distinctionSchema),
      reasoning: z.string(),
      ordinaryMeasure: measureSchema.nullable(),
    })
    .nullable(),
  createdBy: namedRef,
  createdAt: z.string(),
};

export const recordSummary = z.object(recordFields);

export const followUpResponse = z.object({
  id: z.number().int(),
  person: namedRef,
  recordId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(['scheduled', 'done', 'cancelled']),
  visitedOn: z.string().nullable(),
  notes: z.string(),
  /** 提出“不影响使用”意见 */
  noEffectOnUse: z.boolean(),
  visitedBy: namedRef.nullable(),
});

export const recordDetail = recordSummary.extend({
  /** The decision text, decrypted for the discipline role; null when it cannot be opened. */
  decisionText: z.string().nullable(),
  /** Why it could not be opened (a key no longer configured, or an altered text). */
  decisionUnreadable: z
    .enum(['malformed', 'unsupported_version', 'unknown_key', 'authentication_failed'])
    .nullable(),
  followUps: z.array(followUpResponse),
});

export const recordListResponse = z.object({ items: z.array(recordSummary), total: z.number().int() });

export const caseListQuery = z.strictObject({ ...dateRange, ...paging });

export const caseSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  recordCount: z.number().int(),
  /** The earliest and latest decision dates of its records. */
  firstDecidedOn: z.string().nullable(),
  lastDecidedOn: z.string().nullable(),
  createdAt: z.string(),
});

export const caseListResponse = z.object({ items: z.array(caseSummary), total: z.number().int() });

export const caseDetail = caseSummary.extend({ records: z.array(recordDetail) });

// ─── Follow-up visits 回访教育 ───────────────────────────────────────────────────

export const visitRecordBody = z.strictObject({
  visitedOn: isoDate,
  notes: longText(4000).default(''),
  noEffectOnUse: z.boolean().default(false),
});

export const unscheduledVisitBody = visitRecordBody.extend({
  accountabilityPersonId: id,
  caseId: id.nullable().default(null),
});

export const followUpListQuery = z.strictObject({
  status: z.enum(['scheduled', 'done', 'cancelled']).optional(),
  dueBefore: isoDate.optional(),
  accountabilityPersonId: z.coerce.number().int().positive().optional(),
  ...paging,
});

export const followUpListResponse = z.object({ items: z.array(followUpResponse), total: z.number().int() });

// ─── Statistics 问责统计 ─────────────────────────────────────────────────────────

export const statisticsQuery = z.strictObject(dateRange).refine((q) => !q.from || !q.to || q.from <= q.to, {
  message: 'must not be before from',
  path: ['to'],
});

export const accountabilityStatisticsResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** 件 */
  cases: z.number().int(),
  /** 人 (held to account; exempt people are not counted) */
  people: z.number().int(),
  units: z.number().int(),
  /** People by the heaviest form each received. */
  byForm: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int() }),
  leniency: z.object({
    lenient: z.number().int(),
    reduced: z.number().int(),
    exempt: z.number().int(),
    /** 从轻或减轻处理 N 人 */
    lenientOrReduced: z.number().int(),
  }),
  /** 回访教育 N 人 */
  visited: z.number().int(),
  /** 回访 N 人次 */
  visits: z.number().int(),
  /** 提出不影响使用意见 N 人次 */
  opinions: z.number().int(),
});

// ─── Clue transfers 线索移送 ─────────────────────────────────────────────────────

export const clueStatusSchema = z.enum(clueStatuses);
export const clueDisposalSchema = z.enum(clueDisposals);

export const clueBody = z.strictObject({
  summary: longText(8000, 1),
  unitId: id,
  problemIds: idList(50).default([]),
  visitId: id.nullable().default(null),
});

export const clueConcludeBody = z.strictObject({
  disposal: clueDisposalSchema,
  note: longText(2000).default(''),
  caseId: id.nullable().default(null),
});

export const clueListQuery = z.strictObject({ status: clueStatusSchema.optional(), ...paging });

export const clueResponse = z.object({
  id: z.number().int(),
  summary: z.string(),
  unit: namedRef,
  problemIds: z.array(z.number().int()),
  visitId: z.number().int().nullable(),
  status: clueStatusSchema,
  disposal: clueDisposalSchema.nullable(),
  disposalLabel: bilingual.nullable(),
  decisionNote: z.string().nullable(),
  caseId: z.number().int().nullable(),
  createdBy: namedRef,
  createdAt: z.string(),
  transferredAt: z.string().nullable(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  abilities: z.object({
    transfer: z.boolean(),
    withdraw: z.boolean(),
    return: z.boolean(),
    accept: z.boolean(),
    conclude: z.boolean(),
  }),
});

export const clueListResponse = z.object({ items: z.array(clueResponse), total: z.number().int() });
