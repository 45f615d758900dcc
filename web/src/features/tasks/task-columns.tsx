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
function Waiting({ task, unit }: { task: TaskSummary; unit: boolean }) {
  const { t } = useI18n();
  const tags = [];
  if (task.openInstructions > 0)
    tags.push(
      <Tag key="ins" color="magenta">
        {t('tasks.openInstructions', { n: task.openInstructions })}
      </Tag>,
    );
  // Submitted reports are the unit's business until the head approves them.
  if (unit && task.pendingReports > 0)
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
  /** The unit's own list: when this period's report is due, and reports awaiting the head. */
  nextReport?: boolean;
  /** Show 包保领导 (not on the leader's own list, nor the unit's, where space is short). */
  leaders?: boolean;
}

/** The columns every task list shares: code, title, units, leaders, deadline, progress, light, late, status. */
export function useTaskColumns({
  onOpen,
  campaign,
  nextReport,
  leaders = true,
}: TaskColumnOptions): ColumnsType<TaskSummary> {
  const { t } = useI18n();
  const leadersColumn: ColumnsType<TaskSummary>[number] = {
    title: t('tasks.leaders'),
    key: 'leaders',
    width: 88,
    render: (_, task) => task.leaders.map((l) => l.name).join('、') || '—',
  };
  const cols: ColumnsType<TaskSummary> = [
    {
      title: t('tasks.code'),
      dataIndex: 'code',
      width: 76,
      render: (c: string) => <span className="luoshi-code">{c}</span>,
    },
    {
      title: t('tasks.title'),
      key: 'title',
      width: 240,
      render: (_, task) => (
        <div className={task.openInstructions > 0 ? 'luoshi-row-attention' : undefined}>
          <Button type="link" className="luoshi-title-link" onClick={() => onOpen(task.id)}>
            {task.title}
          </Button>
          {campaign && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: task.campaignName }}
              className="luoshi-campaign-line"
            >
              {task.campaignName}
            </Typography.Text>
          )}
          <Waiting task={task} unit={nextReport ?? false} />
        </div>
      ),
    },
    { title: t('tasks.leadUnit'), key: 'leadUnit', width: 112, render: (_, task) => task.leadUnit.name },
    {
      title: t('tasks.deadline'),
      key: 'deadline',
      width: 100,
      render: (_, task) => <Deadline task={task} />,
    },
    {
      title: t('tasks.progress'),
      key: 'progress',
      width: 128,
      render: (_, task) => <TaskProgress progress={task.progress} expected={task.expectedPercent} />,
    },
    {
      title: t('tasks.light'),
      key: 'light',
      width: 220,
      render: (_, task) => <LightWithReason light={task.light} reason={task.lightReason} />,
    },
    {
      title: t('tasks.lateReports'),
      dataIndex: 'lateReports',
      width: 64,
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
  if (leaders) cols.splice(3, 0, leadersColumn);
  if (nextReport)
    cols.push({
      title: t('tasks.nextReportDue'),
      dataIndex: 'nextReportDue',
      width: 100,
      render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text>,
    });
  cols.push({
    title: t('common.status'),
    key: 'status',
    width: 88,
    render: (_, task) => <TaskStatusTag status={task.status} />,
  });
  return cols;
}
