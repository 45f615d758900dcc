import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useProblemCategories, useProblemSources } from '../api/problems.ts';
import type { ProblemSchedule, ProblemSeverity, ProblemStatus } from '../api/types.ts';
import { useI18n } from '../app/i18n.tsx';
import type { MessageKey } from '../app/messages.ts';

const statusStyle: Record<ProblemStatus, { color: string; label: MessageKey }> = {
  assigned: { color: 'orange', label: 'problemStatus.assigned' },
  rectifying: { color: 'processing', label: 'problemStatus.rectifying' },
  closing_claimed: { color: 'purple', label: 'problemStatus.closing_claimed' },
  returned: { color: 'error', label: 'problemStatus.returned' },
  closed: { color: 'success', label: 'problemStatus.closed' },
  dismissed: { color: 'default', label: 'problemStatus.dismissed' },
  merged: { color: 'default', label: 'problemStatus.merged' },
};

export const problemStatusLabel = (s: ProblemStatus): MessageKey => statusStyle[s].label;

/** 已交办 / 整改中 / 申请销号 / 退回重改 / 已销号 / 不属实 / 已合并 */
export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useI18n();
  const s = statusStyle[status];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {t(s.label)}
    </Tag>
  );
}

const severityStyle: Record<ProblemSeverity, { color: string; label: MessageKey }> = {
  general: { color: 'default', label: 'severity.general' },
  major: { color: 'gold', label: 'severity.major' },
  severe: { color: 'red', label: 'severity.severe' },
};

export const severityLabel = (s: ProblemSeverity): MessageKey => severityStyle[s].label;

/** 一般 / 较重 / 严重: the word always, the colour only as a help. */
export function SeverityTag({ severity }: { severity: ProblemSeverity }) {
  const { t } = useI18n();
  const s = severityStyle[severity];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {t(s.label)}
    </Tag>
  );
}

const scheduleStyle: Partial<Record<ProblemSchedule, { color: string; label: MessageKey }>> = {
  on_schedule: { color: 'success', label: 'schedule.on_schedule' },
  behind: { color: 'warning', label: 'schedule.behind' },
  overdue: { color: 'error', label: 'schedule.overdue' },
};

export const scheduleLabel = (s: 'on_schedule' | 'behind' | 'overdue'): MessageKey => scheduleStyle[s]!.label;

/** 按序时推进 / 滞后于阶段目标 / 已逾期, for open problems; nothing once closed or void. */
export function ScheduleTag({ schedule }: { schedule: ProblemSchedule }) {
  const { t } = useI18n();
  const s = scheduleStyle[schedule];
  if (!s) return null;
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {t(s.label)}
    </Tag>
  );
}

interface Named {
  id: number | null;
  name: string;
}

/**
 * Names of sources and categories in the reader's language. Problems carry
 * the Chinese name; the English one comes from the settings lists.
 */
export function useProblemNames() {
  const { lang } = useI18n();
  const sources = useProblemSources();
  const categories = useProblemCategories();
  const en = useMemo(() => {
    const s = new Map((sources.data ?? []).map((x) => [x.id, x.nameEn]));
    const c = new Map((categories.data ?? []).map((x) => [x.id, x.nameEn]));
    return { s, c };
  }, [sources.data, categories.data]);
  const source = useCallback(
    (r: Named) => (lang === 'en' && r.id !== null ? (en.s.get(r.id) ?? r.name) : r.name),
    [en, lang],
  );
  const category = useCallback(
    (r: Named) => (lang === 'en' && r.id !== null ? (en.c.get(r.id) ?? r.name) : r.name),
    [en, lang],
  );
  return { source, category };
}
