import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useCampaignTasks, useTaskMutations } from '../../api/tasks.ts';
import type { Campaign, TaskSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { LightFilter } from '../../components/light-filter.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { useTaskColumns } from './task-columns.tsx';
import { ExportButton, ImportButton, TemplateButton } from './task-excel.tsx';
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

/** 任务清单 of one campaign: counts per light that filter, the filter bar, the table, new task. */
export function CampaignTaskList({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const [filter, update, reset] = useTaskFilterParams();
  const [, openTask] = useOpenTask();
  const paging = useServerPaging();
  const list = useCampaignTasks(campaign.id, filter, paging.window);
  // With a light chosen, the list's total is that light's; the whole list is counted apart.
  const all = useCampaignTasks(campaign.id, { ...filter, light: undefined }, { limit: 1, offset: 0 });
  const [creating, setCreating] = useState(false);
  const columns = useTaskColumns({ onOpen: openTask });
  const filterKey = JSON.stringify(filter);
  const { reset: resetPage } = paging;
  useEffect(() => resetPage(), [filterKey, resetPage]);
  const categories = useMemo(
    () => [...new Set((list.data?.items ?? []).map((x) => x.category).filter(Boolean))].sort(),
    [list.data],
  );
  return (
    <>
      <LightFilter
        lights={list.data?.lights}
        total={all.data?.total}
        value={filter.light}
        onChange={(light) => update({ light })}
      />
      <TaskFilterBar filter={filter} update={update} reset={reset} categories={categories} />
      <Card size="small">
        <div className="luoshi-table-toolbar">
          <Space wrap>
            {campaign.abilities.createTasks && (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('tasks.add')}
                </Button>
                <IssueDrafts campaign={campaign} />
              </>
            )}
          </Space>
          <Space wrap>
            {campaign.abilities.createTasks && (
              <>
                <ImportButton campaignId={campaign.id} />
                <TemplateButton />
              </>
            )}
            <ExportButton
              path={`/campaigns/${campaign.id}/tasks.xlsx`}
              query={{
                ...filter,
                overdue: filter.overdue === undefined ? undefined : String(filter.overdue),
                topLevel: filter.topLevel ? 'true' : undefined,
              }}
              filename={`${campaign.name}.xlsx`}
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
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('tasks.empty')}</Typography.Text> }}
        />
      </Card>
      {creating && (
        <TaskFormDrawer
          campaign={campaign}
          task={null}
          onClose={() => setCreating(false)}
          onSaved={(x) => openTask(x.id)}
        />
      )}
    </>
  );
}
