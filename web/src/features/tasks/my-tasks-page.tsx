import { Badge, Card, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useMyTasks, type MyTaskFilter } from '../../api/tasks.ts';
import type { Light, TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { LightFilter } from '../../components/light-filter.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { UnitItems, useUnitItemsWaiting } from '../report-items/unit-items.tsx';
import { useTaskColumns } from './task-columns.tsx';
import { ExportButton } from './task-excel.tsx';
import { TaskDetailDrawer } from './task-detail-drawer.tsx';
import { useOpenTask } from './task-url.ts';

type View = 'all' | 'sign' | 'approve' | 'answer';
const views: readonly View[] = ['all', 'sign', 'approve', 'answer'];

const viewFilter: Record<View, MyTaskFilter> = {
  all: {},
  sign: { status: 'issued' },
  approve: { pendingReports: true },
  answer: { openInstructions: true },
};

/** One to-do card: how many tasks wait for this, and the filter for them. */
function ViewCard({
  view,
  label,
  hint,
  active,
  onClick,
}: {
  view: View;
  label: string;
  hint: string;
  active: boolean;
  onClick: () => void;
}) {
  const count = useMyTasks(viewFilter[view], { limit: 1, offset: 0 });
  const n = count.data?.total;
  return (
    <button
      type="button"
      className={`luoshi-todo-card${active ? ' is-active' : ''}${view !== 'all' && n ? ' has-items' : ''}`}
      aria-pressed={active}
      onClick={onClick}
      data-view={view}
    >
      <span className="luoshi-todo-label">{label}</span>
      <span className="luoshi-todo-num">{n ?? '–'}</span>
      <span className="luoshi-todo-hint">{hint}</span>
    </button>
  );
}

/** 我的任务: what the unit leads or cooperates on, and what waits for it. */
export function MyTasksPage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  const isHead = session.roles.some((r) => r.role === 'head');
  const [params, setParams] = useSearchParams();
  const view = (views as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'all';
  const week = params.get('week') === '1';
  const lightParam = params.get('light');
  const light =
    lightParam === 'red' || lightParam === 'yellow' || lightParam === 'green'
      ? (lightParam as Light)
      : undefined;
  const set = useCallback(
    (name: string, value: string | undefined) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (value === undefined) p.delete(name);
          else p.set(name, value);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const tab = params.get('tab') === 'items' ? 'items' : 'tasks';
  const itemsWaiting = useUnitItemsWaiting();
  const [, openTask] = useOpenTask();
  const paging = useServerPaging();
  const filter: MyTaskFilter = { ...viewFilter[view], dueThisWeek: week || undefined, light };
  const list = useMyTasks(filter, paging.window);
  const all = useMyTasks({ ...filter, light: undefined }, { limit: 1, offset: 0 });
  const { reset } = paging;
  useEffect(() => reset(), [view, week, light, reset]);
  const columns = useTaskColumns({ onOpen: openTask, campaign: true, nextReport: true, leaders: false });
  const cards: { view: View; label: MessageKey; hint: MessageKey }[] = [
    { view: 'all', label: 'mine.all', hint: 'mine.allHint' },
    { view: 'sign', label: 'mine.toSign', hint: 'mine.toSignHint' },
    {
      view: 'approve',
      label: isHead ? 'mine.toApprove' : 'mine.awaitingHead',
      hint: isHead ? 'mine.toApproveHint' : 'mine.awaitingHeadHint',
    },
    { view: 'answer', label: 'mine.toAnswer', hint: 'mine.toAnswerHint' },
  ];
  return (
    <>
      <PageTitle title={t('nav.myTasks')} sub={t('mine.sub', { unit: session.user.unit.name })} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'tasks' ? undefined : k)}
        items={[
          {
            key: 'tasks',
            label: t('mine.tabTasks'),
            children: (
              <>
                <div className="luoshi-todo-row">
                  {cards.map((c) => (
                    <ViewCard
                      key={c.view}
                      view={c.view}
                      label={t(c.label)}
                      hint={t(c.hint)}
                      active={view === c.view}
                      onClick={() => set('view', c.view === 'all' ? undefined : c.view)}
                    />
                  ))}
                </div>
                <Card size="small">
                  <div className="luoshi-table-toolbar">
                    <LightFilter
                      compact
                      lights={list.data?.lights}
                      total={all.data?.total}
                      value={light}
                      onChange={(l) => set('light', l)}
                    />
                    <Space>
                      <Switch
                        checked={week}
                        onChange={(v) => set('week', v ? '1' : undefined)}
                        aria-label={t('mine.dueThisWeek')}
                      />
                      <Typography.Text>{t('mine.dueThisWeek')}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('mine.dueThisWeekHint')}
                      </Typography.Text>
                      <ExportButton
                        path="/tasks/mine.xlsx"
                        query={{ light, status: filter.status, dueThisWeek: week ? 'true' : undefined }}
                        filename="mine.xlsx"
                      />
                    </Space>
                  </div>
                  <Table<TaskSummary>
                    rowKey="id"
                    size="middle"
                    columns={columns}
                    dataSource={list.data?.items ?? []}
                    loading={list.isFetching}
                    pagination={paging.pagination(list.data?.total ?? 0)}
                    rowClassName={(r) => (r.openInstructions > 0 ? 'luoshi-row-instruction' : '')}
                    scroll={{ x: 1100 }}
                    locale={{ emptyText: t(view === 'all' && !week ? 'mine.empty' : 'mine.emptyView') }}
                  />
                </Card>
              </>
            ),
          },
          {
            key: 'items',
            label: (
              <span>
                {t('items.tab')} <Badge count={itemsWaiting} size="small" />
              </span>
            ),
            children: <UnitItems />,
          },
        ]}
      />
      <TaskDetailDrawer />
    </>
  );
}
