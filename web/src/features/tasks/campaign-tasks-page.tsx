import { ArrowLeftOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Result, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { useCampaignTasks, useTaskMutations } from '../../api/tasks.ts';
import type { Campaign, TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { LightFilter } from '../../components/light-filter.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { CampaignActions } from '../campaigns/campaign-actions.tsx';
import { CampaignDrawer } from '../campaigns/campaign-drawer.tsx';
import { CampaignStateTag, Period } from '../campaigns/campaigns-page.tsx';
import { useTaskColumns } from './task-columns.tsx';
import { TaskDetailDrawer } from './task-detail-drawer.tsx';
import { TaskFilterBar } from './task-filter-bar.tsx';
import { TaskFormDrawer } from './task-form-drawer.tsx';
import { useOpenTask, useTaskFilterParams } from './task-url.ts';

/** 全部下达: issues every draft of the campaign at once; shows how many drafts wait. */
function IssueDrafts({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const drafts = useCampaignTasks(campaign.id, { status: 'draft' }, { limit: 1, offset: 0 });
  const m = useTaskMutations();
  const n = drafts.data?.total ?? 0;
  return (
    <Popconfirm
      title={t('tasks.confirmIssueAll', { n })}
      description={t('tasks.confirmIssueAllHint')}
      okText={t('tasks.issueAll')}
      disabled={n === 0}
      onConfirm={() =>
        m.issueDrafts
          .mutateAsync(campaign.id)
          .then((r) => void message.success(t('tasks.issuedAll', { n: r.issued })), toast)
      }
    >
      <Button icon={<SendOutlined />} disabled={n === 0}>
        {t('tasks.issueAllCount', { n })}
      </Button>
    </Popconfirm>
  );
}

/** 任务清单: the office's main screen for one campaign. */
export function CampaignTasksPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const campaign = useCampaign(Number.isInteger(id) && id > 0 ? id : undefined);
  const [filter, update, reset] = useTaskFilterParams();
  const [, openTask] = useOpenTask();
  const paging = useServerPaging();
  const list = useCampaignTasks(id, filter, paging.window);
  // With a light chosen, the list's total is that light's; the whole list is counted apart.
  const all = useCampaignTasks(id, { ...filter, light: undefined }, { limit: 1, offset: 0 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  const columns = useTaskColumns({ onOpen: openTask });
  const filterKey = JSON.stringify(filter);
  const { reset: resetPage } = paging;
  useEffect(() => resetPage(), [filterKey, resetPage]);
  const categories = useMemo(
    () => [...new Set((list.data?.items ?? []).map((x) => x.category).filter(Boolean))].sort(),
    [list.data],
  );

  if (campaign.isError) return <Result status="404" title={t('campaigns.notFound')} />;
  const c = campaign.data;
  return (
    <>
      <Link to="/campaigns" className="luoshi-back-link">
        <ArrowLeftOutlined /> {t('nav.campaigns')}
      </Link>
      <PageTitle
        title={c ? `${c.name} · ${t('tasks.listTitle')}` : t('tasks.listTitle')}
        sub={
          c && (
            <Space size={12} wrap>
              <Period start={c.start} end={c.end} />
              {c.leadingGroup && (
                <span>
                  {t('campaigns.leadingGroup')}
                  {t('common.colon')}
                  {c.leadingGroup}
                </span>
              )}
              <span>
                {t('campaigns.summary', { tasks: c.taskCount, done: c.doneCount, overdue: c.overdueCount })}
              </span>
              <CampaignStateTag closed={c.closed} />
            </Space>
          )
        }
        extra={
          c && (
            <Space wrap>
              {c.abilities.createTasks && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('tasks.add')}
                </Button>
              )}
              {c.abilities.createTasks && <IssueDrafts campaign={c} />}
              <CampaignActions campaign={c} onEdit={() => setEditing(true)} size="middle" />
            </Space>
          )
        }
      />
      <LightFilter
        lights={list.data?.lights}
        total={all.data?.total}
        value={filter.light}
        onChange={(light) => update({ light })}
      />
      <TaskFilterBar filter={filter} update={update} reset={reset} categories={categories} />
      <Card size="small">
        <Table<TaskSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('tasks.empty')}</Typography.Text> }}
        />
      </Card>
      <TaskDetailDrawer />
      {creating && c && (
        <TaskFormDrawer
          campaign={c}
          task={null}
          onClose={() => setCreating(false)}
          onSaved={(x) => openTask(x.id)}
        />
      )}
      {editing && c && <CampaignDrawer campaign={c} onClose={() => setEditing(false)} />}
    </>
  );
}
