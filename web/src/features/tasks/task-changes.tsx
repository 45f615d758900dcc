import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTaskMutations } from '../../api/tasks.ts';
import type { ChangeRequest, TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { beijingTime } from './task-reports.tsx';
import type { TaskDialog } from './task-dialog-host.tsx';
import { changeStatusLabel } from './task-labels.ts';

const color = { pending: 'gold', approved: 'success', rejected: 'error' } as const;

function What({ cr }: { cr: ChangeRequest }) {
  const { t } = useI18n();
  if (cr.kind === 'deadline')
    return (
      <span>
        {t('changes.deadlineFromTo', { from: cr.current.deadline ?? '—', to: cr.proposed.deadline ?? '—' })}
      </span>
    );
  const text = (x: ChangeRequest['current']) =>
    [x.targetText, x.targetValue !== null ? String(x.targetValue) : null].filter(Boolean).join(' / ') || '—';
  return <span>{t('changes.targetFromTo', { from: text(cr.current), to: text(cr.proposed) })}</span>;
}

/** 调整申请 and their history: what was asked, why, and what the office decided. */
export function TaskChanges({ task, open }: { task: TaskDetail; open: (d: TaskDialog) => void }) {
  const { t } = useI18n();
  const m = useTaskMutations();
  if (task.changeRequests.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('changes.none')} />;
  const decide = (cr: ChangeRequest, approve: boolean) =>
    open({
      kind: 'text',
      action: approve
        ? {
            title: t('changes.approveTitle'),
            field: 'note',
            label: t('changes.note'),
            okText: t('changes.approve'),
            done: t('changes.approvedDone'),
            required: false,
            max: 1000,
            context: <What cr={cr} />,
            submit: (note) => m.approveChange.mutateAsync({ requestId: cr.id, note }),
          }
        : {
            title: t('changes.rejectTitle'),
            field: 'reason',
            label: t('changes.rejectReason'),
            okText: t('changes.reject'),
            done: t('changes.rejectedDone'),
            danger: true,
            max: 1000,
            context: <What cr={cr} />,
            submit: (reason) => m.rejectChange.mutateAsync({ requestId: cr.id, reason }),
          },
    });
  return (
    <Timeline
      items={task.changeRequests.map((cr) => ({
        key: cr.id,
        color: cr.status === 'pending' ? 'orange' : cr.status === 'approved' ? 'green' : 'red',
        content: (
          <div className="luoshi-change">
            <Space wrap size={8}>
              <Tag color={color[cr.status]}>{t(changeStatusLabel[cr.status])}</Tag>
              <Typography.Text strong>
                <What cr={cr} />
              </Typography.Text>
            </Space>
            <div className="luoshi-pre">{t('changes.because', { reason: cr.reason })}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('changes.requestedBy', { name: cr.requestedBy.name, at: beijingTime(cr.requestedAt) })}
              {cr.decidedBy &&
                cr.decidedAt &&
                ` · ${t('changes.decidedBy', { name: cr.decidedBy.name, at: beijingTime(cr.decidedAt) })}`}
              {cr.decisionNote && `${t('common.colon')}${cr.decisionNote}`}
            </Typography.Text>
            {cr.status === 'pending' && task.abilities.decideChange && (
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" size="small" onClick={() => decide(cr, true)}>
                  {t('changes.approve')}
                </Button>
                <Button danger size="small" onClick={() => decide(cr, false)}>
                  {t('changes.reject')}
                </Button>
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
}
