import { AuditOutlined } from '@ant-design/icons';
import { Button, Card, Input, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePortfolio, useTaskMutations } from '../../api/tasks.ts';
import type { Light, TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LightFilter } from '../../components/light-filter.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { useTaskColumns } from './task-columns.tsx';
import { ExportButton } from './task-excel.tsx';
import { TaskDetailDrawer } from './task-detail-drawer.tsx';
import { TextActionModal, type TextAction } from './text-action-modal.tsx';
import { useOpenTask } from './task-url.ts';

/** 包保任务: the tasks a leader answers for, red first, with the reason of each light. */
export function PortfolioPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const lightParam = params.get('light');
  const light =
    lightParam === 'red' || lightParam === 'yellow' || lightParam === 'green'
      ? (lightParam as Light)
      : undefined;
  const q = params.get('q') ?? undefined;
  const set = useCallback(
    (name: string, value: string | undefined) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (!value) p.delete(name);
          else p.set(name, value);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [, openTask] = useOpenTask();
  const paging = useServerPaging();
  const list = usePortfolio({ light, q }, paging.window);
  const all = usePortfolio({ q }, { limit: 1, offset: 0 });
  const { reset } = paging;
  useEffect(() => reset(), [light, q, reset]);
  const m = useTaskMutations();
  const [action, setAction] = useState<TextAction | null>(null);
  const instruct = (task: TaskSummary) =>
    setAction({
      title: t('instructions.writeTitle', { code: task.code }),
      field: 'text',
      label: t('instructions.text'),
      okText: t('instructions.submit'),
      done: t('instructions.written'),
      max: 2000,
      context: `${task.code} · ${task.title}`,
      placeholder: t('instructions.placeholder'),
      submit: (text) => m.instruct.mutateAsync({ id: task.id, text }),
    });
  const columns = [
    ...useTaskColumns({ onOpen: openTask, campaign: true, leaders: false }),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right' as const,
      render: (_: unknown, task: TaskSummary) =>
        task.status !== 'done' && (
          <Button size="small" icon={<AuditOutlined />} onClick={() => instruct(task)}>
            {t('instructions.write')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PageTitle title={t('nav.portfolio')} sub={t('portfolio.sub')} />
      <LightFilter
        lights={list.data?.lights}
        total={all.data?.total}
        value={light}
        onChange={(l) => set('light', l)}
      />
      <Card size="small">
        <div className="luoshi-table-toolbar">
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('tasks.searchPlaceholder')}
            onSearch={(v) => set('q', v.trim() || undefined)}
            style={{ width: 280 }}
          />
          <ExportButton path="/tasks/portfolio.xlsx" query={{ light, q }} filename="portfolio.xlsx" />
        </div>
        <Table<TaskSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
          rowClassName={(r) => (r.light === 'red' ? 'luoshi-row-red' : '')}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('portfolio.empty') }}
        />
      </Card>
      <TaskDetailDrawer />
      {action && <TextActionModal action={action} onClose={() => setAction(null)} />}
    </>
  );
}
