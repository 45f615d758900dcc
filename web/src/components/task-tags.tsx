import { Tag } from 'antd';
import type { TaskStatus } from '../api/types.ts';
import { useI18n } from '../app/i18n.tsx';
import type { MessageKey } from '../app/messages.ts';

const statusStyle: Record<TaskStatus, { color: string; label: MessageKey }> = {
  draft: { color: 'default', label: 'taskStatus.draft' },
  issued: { color: 'orange', label: 'taskStatus.issued' },
  signed: { color: 'cyan', label: 'taskStatus.signed' },
  in_progress: { color: 'processing', label: 'taskStatus.in_progress' },
  completion_claimed: { color: 'purple', label: 'taskStatus.completion_claimed' },
  done: { color: 'success', label: 'taskStatus.done' },
};

export const statusLabel = (s: TaskStatus): MessageKey => statusStyle[s].label;

/** 草稿 / 已下达 / 已签收 / 推进中 / 申请办结 / 已办结 */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  const s = statusStyle[status];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {t(s.label)}
    </Tag>
  );
}
