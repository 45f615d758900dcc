import { Button, Descriptions, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { App } from 'antd';
import dayjs from 'dayjs';
import { useTaskMutations } from '../../api/tasks.ts';
import type { Report, TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { AttachmentList } from '../../components/attachments.tsx';
import type { TaskDialog } from './task-dialog-host.tsx';
import { reportStatusLabel } from './task-labels.ts';

const statusColor = { submitted: 'gold', approved: 'success', returned: 'error' } as const;

export const beijingTime = (iso: string) => dayjs(iso).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm');

/** What was reported: the percent, or the actual value with its unit and the percent it makes. */
function Amount({ r, task }: { r: Report; task: TaskDetail }) {
  const { t } = useI18n();
  if (r.actualValue !== null)
    return (
      <span>
        {t('reports.actualIs', { value: r.actualValue, unit: task.targetUnit ?? '' })}
        {r.percent !== null && `（${r.percent}%）`}
      </span>
    );
  return <span>{r.percent}%</span>;
}

function ReportCard({ r, task, open }: { r: Report; task: TaskDetail; open: (d: TaskDialog) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useTaskMutations();
  const texts: [string, string][] = [
    [t('reports.progress'), r.progress],
    [t('reports.gap'), r.gap],
    [t('reports.reason'), r.reason],
    [t('reports.measures'), r.measures],
  ];
  return (
    <div className="luoshi-report-card" data-testid={`report-${r.id}`}>
      <div className="luoshi-report-head">
        <Space wrap size={8}>
          <Typography.Text strong>
            {t('reports.period', { key: r.periodKey, start: r.periodStart, end: r.periodEnd })}
          </Typography.Text>
          <Tag color={statusColor[r.status]}>{t(reportStatusLabel[r.status])}</Tag>
          {r.late ? (
            <Tag color="error">{t('reports.late')}</Tag>
          ) : (
            <Tag>{t('reports.dueOn', { date: r.dueOn })}</Tag>
          )}
          <Typography.Text>
            {t('reports.amount')}
            {t('common.colon')}
            <Amount r={r} task={task} />
          </Typography.Text>
        </Space>
        <Space wrap size={4}>
          {r.abilities.approve && (
            <Popconfirm
              title={t('reports.confirmApprove')}
              description={t('reports.confirmApproveHint')}
              okText={t('reports.approve')}
              onConfirm={() =>
                m.approveReport
                  .mutateAsync(r.id)
                  .then(() => void message.success(t('reports.approvedDone')), toast)
              }
            >
              <Button type="primary" size="small">
                {t('reports.approve')}
              </Button>
            </Popconfirm>
          )}
          {r.abilities.return && (
            <Button
              danger
              size="small"
              onClick={() =>
                open({
                  kind: 'text',
                  action: {
                    title: t('reports.returnTitle', { key: r.periodKey }),
                    field: 'reason',
                    label: t('reports.returnReason'),
                    okText: t('reports.return'),
                    done: t('reports.returnedDone'),
                    max: 1000,
                    danger: true,
                    placeholder: t('reports.returnPlaceholder'),
                    submit: (reason) => m.returnReport.mutateAsync({ reportId: r.id, reason }),
                  },
                })
              }
            >
              {t('reports.return')}
            </Button>
          )}
          {r.abilities.resubmit && (
            <Button type="primary" size="small" onClick={() => open({ kind: 'report', returned: r })}>
              {t('reports.revise')}
            </Button>
          )}
        </Space>
      </div>
      {r.returnReason && (
        <div
          className={r.status === 'returned' ? 'luoshi-report-returned' : 'luoshi-report-returned is-past'}
        >
          {t(r.status === 'returned' ? 'reports.returnedBecause' : 'reports.returnedBefore', {
            reason: r.returnReason,
          })}
        </div>
      )}
      <Descriptions column={1} size="small" bordered className="luoshi-four-texts">
        {texts.map(([label, text]) => (
          <Descriptions.Item key={label} label={label}>
            <span className="luoshi-pre">{text || '—'}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <AttachmentList items={r.attachments} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reports.byline', { name: r.author.name, at: beijingTime(r.submittedAt) })}
        {r.decidedBy &&
          r.decidedAt &&
          ` · ${t('reports.decidedBy', { name: r.decidedBy.name, at: beijingTime(r.decidedAt) })}`}
      </Typography.Text>
    </div>
  );
}

/** 进度报送: every period's report, newest first, with the head's approve / return buttons. */
export function TaskReports({ task, open }: { task: TaskDetail; open: (d: TaskDialog) => void }) {
  const { t } = useI18n();
  if (task.reports.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.none')} />;
  const sorted = [...task.reports].sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {sorted.map((r) => (
        <ReportCard key={r.id} r={r} task={task} open={open} />
      ))}
    </Space>
  );
}
