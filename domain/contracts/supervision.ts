import { z } from 'zod';
import { escalationObjectKinds } from '../supervision/escalation-rules.ts';
import { noticeLevels } from '../supervision/notice-levels.ts';
import { noticeStatuses } from '../supervision/notice-lifecycle.ts';
import { publicationStatuses } from '../supervision/publication.ts';
import { redoStatuses } from '../supervision/redo-order.ts';
import { boolQuery, displayName, id, paging } from './common.ts';
import { problemCreateBody } from './problems.ts';
import { attachmentRef, bilingual, isoDate, longText } from './tasks.ts';

const namedRef = z.object({ id: z.number().int(), name: z.string() });

const idList = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id');

const period = <T extends z.ZodType<{ startOn: string; endOn: string }>>(schema: T, end = 'endOn') =>
  schema.refine((b) => b.endOn >= b.startOn, { message: 'must not be before the start', path: [end] });

// ─── Inspection rounds 督查轮次, teams 督查组, visits 走访 ─────────────────────────

/** special_check 专项检查 · joint_check 全面联查 · unannounced_visit 明察暗访 · look_back 回头看 */
export const roundKinds = ['special_check', 'joint_check', 'unannounced_visit', 'look_back'] as const;
export type RoundKind = (typeof roundKinds)[number];
export const roundKindSchema = z.enum(roundKinds);

export const roundKindLabels: Readonly<Record<RoundKind, { zh: string; en: string }>> = {
  special_check: { zh: '专项检查', en: 'Special check' },
  joint_check: { zh: '全面联查', en: 'Full joint check' },
  unannounced_visit: { zh: '明察暗访', en: 'Unannounced visit' },
  look_back: { zh: '回头看', en: 'Look-back' },
};

/** The problem source a round's findings go under when the office names none. */
export const defaultRoundSource: Readonly<Record<RoundKind, string>> = {
  special_check: 'supervision',
  joint_check: 'supervision',
  unannounced_visit: 'unannounced_visit',
  look_back: 'supervision',
};

export const teamBody = z.strictObject({
  name: displayName(100),
  /** 组长, one of the members. */
  leaderId: id.nullable().default(null),
  memberIds: idList(50).min(1),
  /** Units of the round this team covers. */
  unitIds: idList(500).default([]),
});
export type TeamBody = z.infer<typeof teamBody>;

export const roundBody = period(
  z.strictObject({
    campaignId: id.nullable().default(null),
    name: displayName(200),
    kind: roundKindSchema,
    description: longText(4000).default(''),
    startOn: isoDate,
    endOn: isoDate,
    /** The problem source findings are recorded under; by default 督查 (明察暗访 for unannounced visits). */
    sourceId: id.nullable().default(null),
    /** 督查对象: the units the round covers. */
    unitIds: idList(2000).min(1),
    teams: z.array(teamBody).max(50).default([]),
  }),
);
export type RoundBody = z.infer<typeof roundBody>;

export const roundListQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  kind: roundKindSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  ...paging,
});

export const teamResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  leader: namedRef.nullable(),
  members: z.array(namedRef),
  unitIds: z.array(z.number().int()),
});

export const roundSummary = z.object({
  id: z.number().int(),
  campaign: namedRef.nullable(),
  name: z.string(),
  kind: roundKindSchema,
  kindLabel: bilingual,
  startOn: z.string(),
  endOn: z.string(),
  source: namedRef,
  status: z.enum(['open', 'closed']),
  unitCount: z.number().int(),
  teamCount: z.number().int(),
  visitCount: z.number().int(),
  findingCount: z.number().int(),
});

export const visitSummary = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  team: namedRef.nullable(),
  unit: namedRef,
  visitedOn: z.string(),
  notes: z.string(),
  photos: z.array(attachmentRef),
  /** The problems recorded from this visit. */
  problemIds: z.array(z.number().int()),
  createdBy: namedRef,
  createdAt: z.string(),
});

export const roundDetail = roundSummary.extend({
  description: z.string(),
  units: z.array(namedRef.extend({ teamId: z.number().int().nullable() })),
  teams: z.array(teamResponse),
  visits: z.array(visitSummary),
  abilities: z.object({ edit: z.boolean(), close: z.boolean(), visit: z.boolean() }),
});

export const visitBody = z.strictObject({
  unitId: id,
  visitedOn: isoDate,
  teamId: id.nullable().default(null),
  notes: longText(8000).default(''),
  /** Photos taken on the visit, uploaded first. */
  attachmentIds: idList(30).default([]),
});

/**
 * A finding made on a visit, recorded as a problem in one step: the unit, the
 * day found, the source (the round's) and who found it (the team) come from
 * the visit and its round.
 */
export const findingBody = z
  .strictObject({
    description: problemCreateBody.shape.description,
    categoryIds: problemCreateBody.shape.categoryIds,
    personId: problemCreateBody.shape.personId,
    severity: problemCreateBody.shape.severity,
    deadline: isoDate,
    longTerm: problemCreateBody.shape.longTerm,
    stages: problemCreateBody.shape.stages,
    attachmentIds: idList(20).default([]),
  })
  .refine((b) => b.longTerm || b.stages.length === 0, {
    message: 'only a long-term problem has stage targets',
    path: ['stages'],
  })
  .refine((b) => !b.longTerm || b.stages.length > 0, {
    message: 'a long-term problem needs at least one stage target',
    path: ['stages'],
  });
export type FindingBody = z.infer<typeof findingBody>;

// ─── Supervision notices 督办单 ────────────────────────────────────────────────

export const noticeLevelSchema = z.enum(noticeLevels);
export const noticeStatusSchema = z.enum(noticeStatuses);
export const objectKindSchema = z.enum(escalationObjectKinds);
/** The kinds the office can raise a notice on by hand (public tickets come later). */
export const manualObjectKinds = ['task_overdue', 'report_late', 'problem_overdue'] as const;

export const noticeBody = z.strictObject({
  objectKind: z.enum(manualObjectKinds),
  /** A task id, a problem id, or `taskId/periodKey` for a task's report of one period (e.g. `12/2026-03`). */
  objectId: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\/[0-9A-Z-]{4,12})?$/, 'a task or problem id, or taskId/periodKey'),
  level: noticeLevelSchema,
  note: longText(2000).default(''),
  /** 答复期限; by default the rule's (or the level's) working days from today. */
  answerBy: isoDate.optional(),
  /** 责任领导; by default the task's responsible leader, or the leader over the unit. */
  leaderId: id.nullable().optional(),
});
export type NoticeBody = z.infer<typeof noticeBody>;

export const noticeListQuery = z.strictObject({
  /** `unit`: my unit's; `leader`: those naming me; omitted: all I may see. */
  for: z.enum(['unit', 'leader']).optional(),
  /** Only live (open or answered) notices, or only ended ones. */
  live: boolQuery.optional(),
  status: noticeStatusSchema.optional(),
  level: noticeLevelSchema.optional(),
  objectKind: objectKindSchema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  /** Live notices whose answer date has passed. */
  answerOverdue: boolQuery.optional(),
  ...paging,
});
export type NoticeListQuery = z.infer<typeof noticeListQuery>;

export const noticeResponse = z.object({
  id: z.number().int(),
  objectKind: objectKindSchema,
  objectId: z.string(),
  /** The task or problem the notice is about (a report's task). */
  object: z.object({ type: z.enum(['task', 'problem', 'report', 'ticket']), id: z.number().int() }),
  /** The object's due date when the notice was raised. */
  dueOn: z.string(),
  campaignId: z.number().int().nullable(),
  title: z.string(),
  unit: namedRef,
  leader: namedRef.nullable(),
  level: noticeLevelSchema,
  levelLabel: bilingual,
  cause: z.enum(['schedule', 'unanswered', 'manual']),
  unansweredNoticeId: z.number().int().nullable(),
  skippedLevels: z.array(noticeLevelSchema),
  workingDaysLate: z.number().int(),
  note: z.string(),
  raisedBy: namedRef.nullable(),
  raisedOn: z.string(),
  raisedAt: z.string(),
  answerBy: z.string(),
  /** Live and past its answer date. */
  answerOverdue: z.boolean(),
  status: noticeStatusSchema,
  answer: z.string().nullable(),
  answeredBy: namedRef.nullable(),
  answeredAt: z.string().nullable(),
  returnCount: z.number().int(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  abilities: z.object({
    answer: z.boolean(),
    accept: z.boolean(),
    returnAnswer: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type NoticeResponse = z.infer<typeof noticeResponse>;

export const noticeListResponse = z.object({ items: z.array(noticeResponse), total: z.number().int() });

export const noticeAnswerBody = z.strictObject({ answer: longText(4000, 1) });

// ─── Escalation rules 督办升级规则 ───────────────────────────────────────────────

/**
 * One step as typed. Ranges are checked by the domain rules (not here), so a
 * negative or overlapping range gets a message that says what is wrong.
 */
export const escalationStepBody = z.strictObject({
  afterWorkingDays: z.number().int().min(-100_000).max(100_000),
  level: noticeLevelSchema,
  answerWithinWorkingDays: z.number().int().min(-100_000).max(100_000),
});

export const escalationRuleBody = z.strictObject({ steps: z.array(escalationStepBody).max(4) });

export const escalationKindParams = z.strictObject({ kind: objectKindSchema });

export const escalationRuleResponse = z.object({
  kind: objectKindSchema,
  label: bilingual,
  /** Empty, with `active` false, when the kind has no rule (it is never escalated by schedule). */
  steps: z.array(
    z.object({
      afterWorkingDays: z.number().int(),
      level: noticeLevelSchema,
      answerWithinWorkingDays: z.number().int(),
    }),
  ),
  active: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const escalationRulesResponse = z.object({ items: z.array(escalationRuleResponse) });

export const escalationRunResponse = z.object({
  /** False when another instance was running the job at that moment. */
  ran: z.boolean(),
  today: z.string(),
  objects: z.number().int(),
  raised: z.number().int(),
  ended: z.number().int(),
});

// ─── Warnings 黄牌/红牌警告 and circulars 通报 ──────────────────────────────────

export const publicationStatusSchema = z.enum(publicationStatuses);

export const warningBody = period(
  z.strictObject({
    unitId: id,
    colour: z.enum(['yellow', 'red']),
    reason: longText(2000, 1),
    startOn: isoDate,
    endOn: isoDate,
    campaignId: id.nullable().default(null),
  }),
);

export const publishBody = z.strictObject({ scope: z.enum(['internal', 'public']) });

export const publicationAbilities = z.object({
  approve: z.boolean(),
  publishInternal: z.boolean(),
  publishPublic: z.boolean(),
  withdraw: z.boolean(),
  revoke: z.boolean(),
});

const publicationFields = {
  id: z.number().int(),
  status: publicationStatusSchema,
  campaignId: z.number().int().nullable(),
  draftedBy: namedRef,
  draftedAt: z.string(),
  approvedBy: namedRef.nullable(),
  approvedAt: z.string().nullable(),
  publishedBy: namedRef.nullable(),
  publishedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  abilities: publicationAbilities,
};

export const warningResponse = z.object({
  ...publicationFields,
  unit: namedRef,
  colour: z.enum(['yellow', 'red']),
  colourLabel: bilingual,
  reason: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  /** Published, not revoked, and today within its period. */
  inForce: z.boolean(),
});

export const publicationListQuery = z.strictObject({
  status: publicationStatusSchema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  ...paging,
});

export const warningListResponse = z.object({ items: z.array(warningResponse), total: z.number().int() });

export const circularBody = z.strictObject({
  tone: z.enum(['praise', 'criticism']),
  title: displayName(200),
  body: longText(20_000, 1),
  unitIds: idList(200).default([]),
  personIds: idList(200).default([]),
  campaignId: id.nullable().default(null),
});

export const circularResponse = z.object({
  ...publicationFields,
  tone: z.enum(['praise', 'criticism']),
  toneLabel: bilingual,
  title: z.string(),
  body: z.string(),
  units: z.array(namedRef),
  people: z.array(namedRef),
});

export const circularListResponse = z.object({ items: z.array(circularResponse), total: z.number().int() });

// ─── Redo orders 返工整改 ──────────────────────────────────────────────────────

export const redoStatusSchema = z.enum(redoStatuses);

export const redoOrderBody = z.strictObject({
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unit'), unitId: id }),
    z.strictObject({ kind: z.literal('leader'), personId: id }),
  ]),
  reason: longText(4000, 1),
  /** The self-inspection report is due by this day. */
  dueOn: isoDate,
  roundId: id.nullable().default(null),
  /** The problems that showed the unit had hidden or not corrected (隐瞒不查、查而不纠). */
  basisProblemIds: idList(100).default([]),
});

export const redoSubmitBody = z.strictObject({
  /** 自查报告 */
  report: longText(20_000, 1),
  /** The self-inspection problems the unit recorded since the order (自查自纠). */
  problemIds: idList(500).default([]),
});

export const redoListQuery = z.strictObject({
  status: redoStatusSchema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  ...paging,
});

export const redoOrderResponse = z.object({
  id: z.number().int(),
  subject: z.object({ kind: z.enum(['unit', 'leader']), unit: namedRef, person: namedRef.nullable() }),
  roundId: z.number().int().nullable(),
  reason: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  status: redoStatusSchema,
  returnCount: z.number().int(),
  report: z.string().nullable(),
  submittedBy: namedRef.nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  issuedBy: namedRef,
  basisProblemIds: z.array(z.number().int()),
  foundProblemIds: z.array(z.number().int()),
  /** The self-inspection it opened: record problems under this source, found on or after `from`. */
  selfInspection: z.object({ sourceId: z.number().int(), from: z.string(), open: z.boolean() }),
  abilities: z.object({
    submit: z.boolean(),
    accept: z.boolean(),
    sendBack: z.boolean(),
    cancel: z.boolean(),
  }),
});

export const redoListResponse = z.object({ items: z.array(redoOrderResponse), total: z.number().int() });

// ─── Public circulars 通报曝光 ──────────────────────────────────────────────────

/** What the public sees of a circular published to the public: no drafter, no approver, no workflow. */
export const publicCircular = z.object({
  id: z.number().int(),
  tone: z.enum(['praise', 'criticism']),
  toneLabel: bilingual,
  title: z.string(),
  body: z.string(),
  units: z.array(z.string()),
  people: z.array(z.string()),
  publishedAt: z.string(),
});

/** A yellow or red card published to the public, while and after it is in force. */
export const publicWarning = z.object({
  id: z.number().int(),
  unit: z.string(),
  colour: z.enum(['yellow', 'red']),
  colourLabel: bilingual,
  reason: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  inForce: z.boolean(),
  publishedAt: z.string(),
});

export const publicSupervisionResponse = z.object({
  circulars: z.array(publicCircular),
  warnings: z.array(publicWarning),
});
