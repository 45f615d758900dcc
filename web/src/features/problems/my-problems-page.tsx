import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { problemQuery, useProblems } from '../../api/problems.ts';
import type { ProblemSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { ExportButton } from '../tasks/task-excel.tsx';
import { useProblemColumns } from './problem-columns.tsx';
import { ProblemCounts } from './problem-counts.tsx';
import { ProblemDetailDrawer } from './problem-detail-drawer.tsx';
import { ProblemFilterBar } from './problem-filter-bar.tsx';
import { ProblemFormDrawer } from './problem-form-drawer.tsx';
import { useOpenProblem, useProblemFilterParams } from './problem-url.ts';

/** The unit's problems: counts that filter, the filter bar, the table, and 自查自纠 to record its own. */
function UnitProblems() {
  const { t } = useI18n();
  const [filter, update, reset] = useProblemFilterParams();
  const [, openProblem] = useOpenProblem();
  const paging = useServerPaging();
  const list = useProblems(filter, paging.window);
  const [creating, setCreating] = useState(false);
  const columns = useProblemColumns({ onOpen: openProblem });
  const filterKey = JSON.stringify(filter);
  const { reset: resetPage } = paging;
  useEffect(() => resetPage(), [filterKey, resetPage]);
  return (
    <>
      <ProblemCounts filter={filter} update={update} />
      <ProblemFilterBar filter={filter} update={update} reset={reset} />
      <Card size="small">
        <div className="luoshi-table-toolbar">
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('problems.selfRecord')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('problems.selfRecordHint')}
            </Typography.Text>
          </Space>
          <ExportButton path="/problems.xlsx" query={problemQuery(filter)} filename="problems.xlsx" />
        </div>
        <Table<ProblemSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
          rowClassName={(p) => (p.overdue || p.status === 'returned' ? 'luoshi-row-red' : '')}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('problems.emptyUnit')}</Typography.Text>,
          }}
        />
      </Card>
      {creating && (
        <ProblemFormDrawer self onClose={() => setCreating(false)} onSaved={(p) => openProblem(p.id)} />
      )}
    </>
  );
}

/** 本单位问题: what the unit must rectify (measures, claims for closing), and its own findings (自查自纠). */
export function MyProblemsPage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  return (
    <>
      <PageTitle
        title={t('nav.myProblems')}
        sub={t('problems.subUnit', { unit: session.user.unit.name })}
        extra={
          <Link to="/negative-list">
            <Button icon={<UnorderedListOutlined />}>{t('problems.toNegativeList')}</Button>
          </Link>
        }
      />
      <UnitProblems />
      <ProblemDetailDrawer />
    </>
  );
}
