import { Button, Progress, Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LightWithReason } from '../../components/light-tag.tsx';
import { TaskStatusTag } from '../../components/task-tags.tsx';

/** Progress as a bar, with the planned share beside it when there is one. */
export function TaskProgress({ progress, expected }: { progress: number; expected: number | null }) {
  const { t } = useI18n();
  return (
    <div style={{ minWidth: 120 }}>
      <Progress percent={Math.round(progress)} size="small" status={progress >= 100 ? 'success' : 'normal'} />
      {expected !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.expected', { n: expected })}
        </Typography.Text>
      )}
    </div>
  );
}

/** The deadline, with 已逾期 when it has passed unfinished. */
export function Deadline({ task }: { task: Pick<TaskSummary, 'deadline' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} orientation="vertical">
      <span style={{ whiteSpace: 'nowrap' }}>{task.deadline}</span>
      {task.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('tasks.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** Things waiting on someone, as small tags under the title. */
function Waiting({ task }: { task: TaskSummary }) {
  const { t } = useI18n();
  const tags = [];
  if (task.openInstructions > 0)
    tags.push(
      <Tag key="ins" color="magenta">
        {t('tasks.openInstructions', { n: task.openInstructions })}
      </Tag>,
    );
  if (task.pendingReports > 0)
    tags.push(
      <Tag key="rep" color="gold">
        {t('tasks.pendingReports', { n: task.pendingReports })}
      </Tag>,
    );
  if (task.category) tags.push(<Tag key="cat">{task.category}</Tag>);
  if (task.subtaskCount > 0)
    tags.push(
      <Tag key="sub" color="blue">
        {t('tasks.subtaskCount', { n: task.subtaskCount })}
      </Tag>,
    );
  return tags.length > 0 ? <div style={{ marginTop: 4 }}>{tags}</div> : null;
}

export interface TaskColumnOptions {
  onOpen: (id: number) => void;
  /** Which campaign a task belongs to (lists across campaigns). */
  campaign?: boolean;
  /** When this period's report is due (the unit's own list). */
  nextReport?: boolean;
}

/** The columns every task list shares: code, title, units, leaders, deadline, progress, light, late, status. */
export function useTaskColumns({
  onOpen,
  campaign,
  nextReport,
}: TaskColumnOptions): ColumnsType<TaskSummary> {
  const { t } = useI18n();
  const cols: ColumnsType<TaskSummary> = [
    {
      title: t('tasks.code'),
      dataIndex: 'code',
      width: 96,
      render: (c: string) => <span className="luoshi-code">{c}</span>,
    },
    {
      title: t('tasks.title'),
      key: 'title',
      render: (_, task) => (
        <div className={task.openInstructions > 0 ? 'luoshi-row-attention' : undefined}>
          <Button type="link" className="luoshi-title-link" onClick={() => onOpen(task.id)}>
            {task.title}
          </Button>
          {campaign && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {task.campaignName}
              </Typography.Text>
            </div>
          )}
          <Waiting task={task} />
        </div>
      ),
    },
    { title: t('tasks.leadUnit'), key: 'leadUnit', width: 130, render: (_, task) => task.leadUnit.name },
    {
      title: t('tasks.leaders'),
      key: 'leaders',
      width: 100,
      render: (_, task) => task.leaders.map((l) => l.name).join('、') || '—',
    },
    {
      title: t('tasks.deadline'),
      key: 'deadline',
      width: 110,
      render: (_, task) => <Deadline task={task} />,
    },
    {
      title: t('tasks.progress'),
      key: 'progress',
      width: 150,
      render: (_, task) => <TaskProgress progress={task.progress} expected={task.expectedPercent} />,
    },
    {
      title: t('tasks.light'),
      key: 'light',
      width: 230,
      render: (_, task) => <LightWithReason light={task.light} reason={task.lightReason} />,
    },
    {
      title: t('tasks.lateReports'),
      dataIndex: 'lateReports',
      width: 80,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong>
            {n}
          </Typography.Text>
        ) : (
          <span>0</span>
        ),
    },
  ];
  if (nextReport)
    cols.push({
      title: t('tasks.nextReportDue'),
      dataIndex: 'nextReportDue',
      width: 110,
      render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text>,
    });
  cols.push({
    title: t('common.status'),
    key: 'status',
    width: 100,
    render: (_, task) => <TaskStatusTag status={task.status} />,
  });
  return cols;
}
