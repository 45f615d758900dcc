import { Button, Descriptions, Empty, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TaskDetail, TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AttachmentList } from '../../components/attachments.tsx';
import { LightWithReason } from '../../components/light-tag.tsx';
import { TaskStatusTag } from '../../components/task-tags.tsx';
import { TaskProgress } from './task-columns.tsx';
import { beijingTime } from './task-reports.tsx';
import { cadenceLabel } from './task-labels.ts';

const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join('、') || '—';

/** Every field of a task, as the office wrote it and as it stands. */
export function TaskFacts({ task, onOpen }: { task: TaskDetail; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const target = [
    task.targetText,
    task.targetValue !== null ? `${task.targetValue} ${task.targetUnit ?? ''}`.trim() : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Descriptions column={2} size="small" bordered className="luoshi-task-facts">
      <Descriptions.Item label={t('tasks.campaign')}>{task.campaignName}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.category')}>{task.category || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.target')} span={2}>
        {target || '—'}
        {task.actualValue !== null && (
          <Typography.Text type="secondary">
            {' '}
            （{t('tasks.actualValue', { value: task.actualValue, unit: task.targetUnit ?? '' })}）
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.leadUnit')}>{task.leadUnit.name}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.cooperatingUnits')}>
        {names(task.cooperatingUnits)}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.leaders')}>{names(task.leaders)}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.period')}>
        {t('campaigns.periodText', { start: task.start, end: task.deadline })}
        {task.overdue && (
          <Tag color="error" style={{ marginInlineStart: 8 }}>
            {t('tasks.overdue')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.cadence')}>{t(cadenceLabel[task.cadence])}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.nextReportDue')}>{task.nextReportDue ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.issuedAt')}>
        {task.issuedAt ? beijingTime(task.issuedAt) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.signing')}>
        {task.signedAt
          ? beijingTime(task.signedAt)
          : task.signDueOn
            ? t('tasks.signDueOn', { date: task.signDueOn })
            : '—'}
        {task.signedLate && (
          <Tag color="error" style={{ marginInlineStart: 8 }}>
            {t('tasks.signedLate')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.lateReports')}>
        {task.lateReports > 0 ? (
          <Typography.Text type="danger" strong>
            {task.lateReports}
          </Typography.Text>
        ) : (
          0
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.returnCount')}>
        {task.returnCount}
        {task.returnReason && <Typography.Text type="secondary">（{task.returnReason}）</Typography.Text>}
      </Descriptions.Item>
      {task.parentId !== null && (
        <Descriptions.Item label={t('tasks.parent')} span={2}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(task.parentId!)}>
            {t('tasks.openParent')}
          </Button>
        </Descriptions.Item>
      )}
      {task.completionEvidence && (
        <Descriptions.Item label={t('tasks.evidence')} span={2}>
          <span className="luoshi-pre">{task.completionEvidence}</span>
          <AttachmentList items={task.completionAttachments} />
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('tasks.description')} span={2}>
        <span className="luoshi-pre">{task.description || '—'}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 时间节点 as a timeline: done, late, or still ahead. */
export function TaskMilestones({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  if (task.milestones.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.noMilestones')} />;
  const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
  return (
    <Timeline
      items={task.milestones.map((m) => {
        const done = m.doneOn !== null || task.progress >= m.percent;
        const late = !done && m.date < today;
        const state = done
          ? t('tasks.milestoneDone')
          : late
            ? t('tasks.milestoneLate')
            : t('tasks.milestoneAhead');
        return {
          key: m.id,
          color: done ? 'green' : late ? 'red' : 'gray',
          title: m.date,
          content: (
            <div>
              <Typography.Text strong>{m.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {t('tasks.milestonePlanned', { n: Math.round(m.percent) })}
              </Typography.Text>
              <Tag color={done ? 'success' : late ? 'error' : 'default'} style={{ marginInlineStart: 8 }}>
                {state}
              </Tag>
            </div>
          ),
        };
      })}
    />
  );
}

/** 子任务: the lower units' shares of this task, with their progress and lights. */
export function TaskSubtasks({ task, onOpen }: { task: TaskDetail; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  return (
    <Table<TaskSummary>
      rowKey="id"
      size="small"
      dataSource={task.subtasks}
      pagination={task.subtasks.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      locale={{ emptyText: t('tasks.noSubtasks') }}
      columns={[
        {
          title: t('tasks.leadUnit'),
          key: 'unit',
          render: (_, s) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(s.id)}>
              {s.leadUnit.name}
            </Button>
          ),
        },
        {
          title: t('tasks.progress'),
          key: 'p',
          width: 150,
          render: (_, s) => <TaskProgress progress={s.progress} expected={null} />,
        },
        {
          title: t('tasks.light'),
          key: 'l',
          render: (_, s) => <LightWithReason light={s.light} reason={s.lightReason} />,
        },
        { title: t('tasks.lateReports'), dataIndex: 'lateReports', width: 80, align: 'right' },
        {
          title: t('common.status'),
          key: 's',
          width: 100,
          render: (_, s) => <TaskStatusTag status={s.status} />,
        },
      ]}
    />
  );
}
