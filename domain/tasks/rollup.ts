/** A subtask's contribution to its parent's progress. */
export interface SubtaskProgress {
  /** 权重; must be > 0. */
  weight: number;
  /** 0–100 */
  percent: number;
}

/**
 * 进度汇总: a split task's progress is the weighted mean of its subtasks'
 * progress (weights need not add up to anything). Null when there are none.
 */
export function rollUpProgress(subtasks: readonly SubtaskProgress[]): number | null {
  if (subtasks.length === 0) return null;
  let weighted = 0;
  let total = 0;
  for (const s of subtasks) {
    if (!(s.weight > 0) || !Number.isFinite(s.weight))
      throw new RangeError('subtask weight must be a positive number');
    if (!(s.percent >= 0 && s.percent <= 100))
      throw new RangeError('subtask percent must be between 0 and 100');
    weighted += s.weight * s.percent;
    total += s.weight;
  }
  return Math.round((weighted / total) * 100) / 100;
}
