import { Alert, Badge, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTask } from '../../api/tasks.ts';
import type { TaskDetail } from '../../api/types.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LightTag, lightStyle } from '../../components/light-tag.tsx';
import { TaskStatusTag } from '../../components/task-tags.tsx';
import { TaskActions } from './task-actions.tsx';
import { TaskChanges } from './task-changes.tsx';
import { TaskDialogHost, type TaskDialog } from './task-dialog-host.tsx';
import { TaskFacts, TaskMilestones, TaskSubtasks } from './task-facts.tsx';
import { TaskInstructions } from './task-instructions.tsx';
import { TaskProgress } from './task-columns.tsx';
import { TaskReports } from './task-reports.tsx';

const alertType = { red: 'error', yellow: 'warning', green: 'success' } as const;

/** The tab to open first: whatever is waiting on this person. */
function firstTab(task: TaskDetail): string {
  if (task.reports.some((r) => r.abilities.approve)) return 'reports';
  if (task.instructions.some((i) => i.abilities.answer)) return 'instructions';
  if (task.reports.some((r) => r.abilities.resubmit)) return 'reports';
  if (task.abilities.decideChange) return 'changes';
  return 'info';
}

function Header({ task }: { task: TaskDetail }) {
  const { t, pick } = useI18n();
  return (
    <div className="luoshi-task-header">
      <Space size={8} wrap>
        <span className="luoshi-code">{task.code}</span>
        <TaskStatusTag status={task.status} />
        <LightTag light={task.light} />
      </Space>
      <Typography.Title level={4} style={{ margin: '8px 0' }}>
        {task.title}
      </Typography.Title>
      <div style={{ maxWidth: 420 }}>
        <TaskProgress progress={task.progress} expected={task.expectedPercent} />
      </div>
      {task.light && task.lightReason && (
        <Alert
          type={alertType[task.light]}
          showIcon
          style={{ marginTop: 12 }}
          title={`${t(lightStyle[task.light].label)}${t('common.colon')}${pick(task.lightReason)}`}
          data-testid="light-reason"
        />
      )}
    </div>
  );
}

/** A task with everything about it, and the buttons its abilities allow. */
export function TaskDetailView({
  id,
  onOpen,
  onGone,
}: {
  id: number;
  onOpen: (id: number) => void;
  onGone: () => void;
}) {
  const { t } = useI18n();
  const q = useTask(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={t(notFound ? 'tasks.notFound' : 'common.loadFailed')}
      />
    );
  }
  return <TaskDetailBody task={q.data} onOpen={onOpen} onGone={onGone} />;
}

/** Mounted once the task is loaded: the first tab is chosen then and stays until the person moves. */
function TaskDetailBody({
  task,
  onOpen,
  onGone,
}: {
  task: TaskDetail;
  onOpen: (id: number) => void;
  onGone: () => void;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<TaskDialog | null>(null);
  const [tab, setTab] = useState(() => firstTab(task));
  const count = (n: number, label: string, attention = 0) => (
    <span>
      {label} {n > 0 && <Typography.Text type="secondary">({n})</Typography.Text>}
      {attention > 0 && <Badge count={attention} size="small" style={{ marginInlineStart: 4 }} />}
    </span>
  );
  const openInstructions = task.instructions.filter((i) => i.answer === null).length;
  const pendingReports = task.reports.filter((r) => r.status === 'submitted').length;
  const pendingChanges = task.changeRequests.filter((c) => c.status === 'pending').length;
  return (
    <div className="luoshi-task-detail">
      <Header task={task} />
      <TaskActions task={task} open={setDialog} onDeleted={onGone} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'info', label: t('tasks.tabInfo'), children: <TaskFacts task={task} onOpen={onOpen} /> },
          {
            key: 'milestones',
            label: count(task.milestones.length, t('tasks.milestones')),
            children: <TaskMilestones task={task} />,
          },
          ...(task.subtasks.length > 0 || task.abilities.split
            ? [
                {
                  key: 'subtasks',
                  label: count(task.subtasks.length, t('tasks.subtasks')),
                  children: <TaskSubtasks task={task} onOpen={onOpen} />,
                },
              ]
            : []),
          {
            key: 'reports',
            label: count(task.reports.length, t('reports.tab'), pendingReports),
            children: <TaskReports task={task} open={setDialog} />,
          },
          {
            key: 'changes',
            label: count(task.changeRequests.length, t('changes.tab'), pendingChanges),
            children: <TaskChanges task={task} open={setDialog} />,
          },
          {
            key: 'instructions',
            label: count(task.instructions.length, t('instructions.tab'), openInstructions),
            children: <TaskInstructions task={task} open={setDialog} />,
          },
        ]}
      />
      <TaskDialogHost task={task} dialog={dialog} onClose={() => setDialog(null)} onDone={setTab} />
    </div>
  );
}
