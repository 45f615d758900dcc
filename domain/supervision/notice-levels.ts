/**
 * 督办单等级: the ladder a supervision notice climbs, lowest first.
 * 提醒 → 催办 → 督办 → 挂牌督办.
 */
export const noticeLevels = [
  'reminder', // 提醒
  'urge', // 催办
  'supervise', // 督办
  'listed', // 挂牌督办
] as const;
export type NoticeLevel = (typeof noticeLevels)[number];

export const noticeLevelLabels: Readonly<Record<NoticeLevel, { zh: string; en: string }>> = {
  reminder: { zh: '提醒', en: 'Reminder' },
  urge: { zh: '催办', en: 'Urge' },
  supervise: { zh: '督办', en: 'Formal supervision' },
  listed: { zh: '挂牌督办', en: 'Listed supervision' },
};

/** Position on the ladder: reminder 0 … listed 3. */
export function levelRank(level: NoticeLevel): number {
  return noticeLevels.indexOf(level);
}

/** Negative when `a` is below `b`, 0 when equal, positive when above. */
export function compareLevels(a: NoticeLevel, b: NoticeLevel): number {
  return levelRank(a) - levelRank(b);
}

/** The next rung up, or null from the top (挂牌督办 cannot be escalated further). */
export function nextLevel(level: NoticeLevel): NoticeLevel | null {
  return noticeLevels[levelRank(level) + 1] ?? null;
}

/** The higher of two levels; null counts as "no notice yet". */
export function maxLevel(a: NoticeLevel | null, b: NoticeLevel | null): NoticeLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareLevels(a, b) >= 0 ? a : b;
}

/**
 * Working days a unit has to answer a notice raised by hand, by level (a rule's
 * step sets its own). Higher levels get no more time than lower ones.
 */
export const defaultAnswerWorkingDays: Readonly<Record<NoticeLevel, number>> = {
  reminder: 5,
  urge: 3,
  supervise: 3,
  listed: 2,
};
