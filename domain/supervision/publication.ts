import type { IsoDate } from '../calendar/shanghai-date.ts';
import { stepIn, type StepResult, type TransitionTable } from '../lifecycle.ts';
import type { Role } from '../roles.ts';

/**
 * The life cycle shared by warnings (黄牌/红牌警告) and circulars (通报表扬/通报批评):
 * drafted by the office, approved (签发) by a second person, then published
 * inside the government (内部通报) or to the public (公开曝光).
 */
export const publicationStatuses = [
  'draft', // 草稿
  'approved', // 已签发: approved, not yet published
  'published_internal', // 已内部通报
  'published_public', // 已公开曝光
  'withdrawn', // 已撤回: dropped before publication
  'revoked', // 已撤销: published, then revoked with a reason (stays on record)
] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];

export const publicationActions = [
  'approve', // 签发 (office or leader; never the person who drafted it)
  'publish_internal', // 内部通报 (office)
  'publish_public', // 公开曝光 (office), directly or after an internal circular
  'withdraw', // 撤回 before publication (office)
  'revoke', // 撤销 after publication, with a reason (office)
] as const;
export type PublicationAction = (typeof publicationActions)[number];

export const publicationTransitions: TransitionTable<PublicationStatus, PublicationAction, Role> = {
  approve: { from: ['draft'], to: 'approved', actors: ['office', 'leader'] },
  publish_internal: { from: ['approved'], to: 'published_internal', actors: ['office'] },
  publish_public: { from: ['approved', 'published_internal'], to: 'published_public', actors: ['office'] },
  withdraw: { from: ['draft', 'approved'], to: 'withdrawn', actors: ['office'] },
  revoke: { from: ['published_internal', 'published_public'], to: 'revoked', actors: ['office'] },
};

export type PublicationStepResult = StepResult<PublicationStatus> | { ok: false; reason: 'same_person' };

/**
 * Guards one move of a warning or circular. Approval needs four eyes: pass
 * `people` and an approver who drafted the record is refused (`same_person`).
 */
export function nextPublicationStatus(
  from: PublicationStatus,
  action: PublicationAction,
  roles: readonly Role[],
  people?: { actorId: number; draftedBy: number },
): PublicationStepResult {
  const r = stepIn(publicationTransitions, from, action, roles);
  if (r.ok && action === 'approve' && people && people.actorId === people.draftedBy)
    return { ok: false, reason: 'same_person' };
  return r;
}

/** Is it out (internally or publicly) and not revoked? */
export function isPublished(status: PublicationStatus): boolean {
  return status === 'published_internal' || status === 'published_public';
}

export interface PublicationIssue {
  code: 'required' | 'period_order' | 'no_subject';
  field: string;
  message: { zh: string; en: string };
}

/** 黄牌警告 / 红牌警告 */
export type CardColour = 'yellow' | 'red';

export const cardColourLabels: Readonly<Record<CardColour, { zh: string; en: string }>> = {
  yellow: { zh: '黄牌警告', en: 'Yellow card' },
  red: { zh: '红牌警告', en: 'Red card' },
};

/** A warning card on a unit, in force over a period once published. */
export interface WarningCard {
  unitId: number;
  colour: CardColour;
  /** 警告事由 */
  reason: string;
  /** In force from … to, inclusive (Shanghai dates). */
  from: IsoDate;
  to: IsoDate;
  status: PublicationStatus;
}

/** Checks what a warning needs before it can be saved: a reason, and a period that does not end before it starts. */
export function validateWarning(w: Omit<WarningCard, 'status'>): PublicationIssue[] {
  const issues: PublicationIssue[] = [];
  if (w.reason.trim() === '')
    issues.push({
      code: 'required',
      field: 'reason',
      message: { zh: '请填写警告事由', en: 'Give the reason for the warning' },
    });
  if (w.to < w.from)
    issues.push({
      code: 'period_order',
      field: 'to',
      message: { zh: '警告期限的结束日期早于开始日期', en: 'The warning period ends before it starts' },
    });
  return issues;
}

/** Is the card in force on `today`: published, not revoked, and `today` within its period? */
export function isWarningInForce(w: Pick<WarningCard, 'from' | 'to' | 'status'>, today: IsoDate): boolean {
  return isPublished(w.status) && w.from <= today && today <= w.to;
}

/** 通报表扬 / 通报批评 */
export type CircularTone = 'praise' | 'criticism';

export const circularToneLabels: Readonly<Record<CircularTone, { zh: string; en: string }>> = {
  praise: { zh: '通报表扬', en: 'Circular of praise' },
  criticism: { zh: '通报批评', en: 'Circular of criticism' },
};

/** A circular naming units (and possibly people), praising or criticising them. */
export interface Circular {
  tone: CircularTone;
  title: string;
  body: string;
  unitIds: readonly number[];
  personIds: readonly number[];
  status: PublicationStatus;
}

/** Checks what a circular needs: a title, a body, and at least one unit or person it names. */
export function validateCircular(c: Omit<Circular, 'status'>): PublicationIssue[] {
  const issues: PublicationIssue[] = [];
  if (c.title.trim() === '')
    issues.push({
      code: 'required',
      field: 'title',
      message: { zh: '请填写通报标题', en: 'Give the title' },
    });
  if (c.body.trim() === '')
    issues.push({ code: 'required', field: 'body', message: { zh: '请填写通报正文', en: 'Write the text' } });
  if (c.unitIds.length === 0 && c.personIds.length === 0)
    issues.push({
      code: 'no_subject',
      field: 'unitIds',
      message: { zh: '通报须至少指明一个单位或个人', en: 'Name at least one unit or person' },
    });
  return issues;
}
