import { FieldTimeOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { problemQuery, useProblems } from '../../api/problems.ts';
import type { ProblemSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { ExportButton } from '../tasks/task-excel.tsx';
import { AssignModal, DeadlineModal } from './assign-modals.tsx';
import { useProblemColumns } from './problem-columns.tsx';
import { ProblemCounts } from './problem-counts.tsx';
import { ProblemDetailDrawer } from './problem-detail-drawer.tsx';
import { ProblemImportButton, ProblemTemplateButton } from './problem-excel.tsx';
import { ProblemFilterBar } from './problem-filter-bar.tsx';
import { ProblemFormDrawer } from './problem-form-drawer.tsx';
import { useOpenProblem, useProblemFilterParams } from './problem-url.ts';

/** The bulk actions over the selected rows (office): assign to one unit, set one deadline. */
function BulkBar({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'assign' | 'deadline' | null>(null);
  if (ids.length === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('problems.bulkHint')}
      </Typography.Text>
    );
  return (
    <Space wrap className="luoshi-bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong>{t('problems.selected', { n: ids.length })}</Typography.Text>
      <Button icon={<SendOutlined />} onClick={() => setDialog('assign')}>
        {t('problems.bulkAssign')}
      </Button>
      <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('deadline')}>
        {t('problems.bulkDeadline')}
      </Button>
      <Button type="link" onClick={onDone}>
        {t('problems.clearSelection')}
      </Button>
      {dialog === 'assign' && <AssignModal ids={ids} onClose={() => setDialog(null)} onDone={onDone} />}
      {dialog === 'deadline' && <DeadlineModal ids={ids} onClose={() => setDialog(null)} onDone={onDone} />}
    </Space>
  );
}

/** 问题清单: every problem in the caller's scope, filtered, counted, paged; record, import, export, bulk. */
export function ProblemsPage() {
  const { t } = useI18n();
  const records = useCan('problems.record');
  const manages = useCan('problems.manage');
  const [filter, update, reset] = useProblemFilterParams();
  const [, openProblem] = useOpenProblem();
  const paging = useServerPaging();
  const list = useProblems(filter, paging.window);
  const [creating, setCreating] = useState(false);
  // The selection belongs to the filter it was made under: a new filter starts with none.
  const [selection, setSelection] = useState<{ key: string; ids: number[] }>({ key: '', ids: [] });
  const columns = useProblemColumns({ onOpen: openProblem });
  const filterKey = JSON.stringify(filter);
  const { reset: resetPage } = paging;
  useEffect(() => resetPage(), [filterKey, resetPage]);
  const selected = selection.key === filterKey ? selection.ids : [];
  const setSelected = (ids: number[]) => setSelection({ key: filterKey, ids });
  return (
    <>
      <PageTitle title={t('nav.problems')} sub={t(records ? 'problems.subRecord' : 'problems.subBrowse')} />
      <ProblemCounts filter={filter} update={update} />
      <ProblemFilterBar filter={filter} update={update} reset={reset} />
      <Card size="small">
        <div className="luoshi-table-toolbar">
          <Space wrap>
            {records && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('problems.record')}
              </Button>
            )}
            {manages && <BulkBar ids={selected} onDone={() => setSelected([])} />}
          </Space>
          <Space wrap>
            {records && (
              <>
                <ProblemImportButton />
                <ProblemTemplateButton />
              </>
            )}
            <ExportButton path="/problems.xlsx" query={problemQuery(filter)} filename="problems.xlsx" />
          </Space>
        </div>
        <Table<ProblemSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
          rowSelection={
            manages
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (p) => ({
                    disabled: !['assigned', 'rectifying', 'returned', 'closing_claimed'].includes(p.status),
                  }),
                }
              : undefined
          }
          rowClassName={(p) => (p.overdue ? 'luoshi-row-red' : '')}
          scroll={{ x: 1150 }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('problems.empty')}</Typography.Text> }}
        />
      </Card>
      {creating && (
        <ProblemFormDrawer
          campaignId={filter.campaignId}
          onClose={() => setCreating(false)}
          onSaved={(p) => openProblem(p.id)}
        />
      )}
      <ProblemDetailDrawer />
    </>
  );
}
