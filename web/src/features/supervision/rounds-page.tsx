import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { roundKindLabels, roundKinds } from '../../../../domain/contracts/supervision.ts';
import { useRounds, type RoundFilter, type RoundSummary } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { RoundFormDrawer } from './round-form-drawer.tsx';

/** 督查轮次: every round of the scope (an inspector those he is on), newest first. */
export function RoundsPage() {
  const { t, pick } = useI18n();
  const mayPlan = useCan('supervision.manage');
  const navigate = useNavigate();
  const [filter, setFilter] = useState<RoundFilter>({});
  const [creating, setCreating] = useState(false);
  const paging = useServerPaging();
  const { reset } = paging;
  useEffect(reset, [filter, reset]);
  const list = useRounds(filter, paging.window);
  const columns: ColumnsType<RoundSummary> = [
    {
      title: t('rounds.name'),
      key: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/inspection-rounds/${r.id}`} className="luoshi-strong-link">
            {r.name}
          </Link>
          {r.campaign && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.campaign.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('rounds.kind'),
      key: 'kind',
      width: 120,
      render: (_, r) => <Tag color="geekblue">{pick(r.kindLabel)}</Tag>,
    },
    { title: t('rounds.period'), key: 'period', width: 210, render: (_, r) => `${r.startOn} ～ ${r.endOn}` },
    { title: t('rounds.units'), dataIndex: 'unitCount', width: 90, align: 'right' },
    { title: t('rounds.teams'), dataIndex: 'teamCount', width: 80, align: 'right' },
    { title: t('rounds.visits'), dataIndex: 'visitCount', width: 90, align: 'right' },
    {
      title: t('rounds.findings'),
      dataIndex: 'findingCount',
      width: 90,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text strong>{n}</Typography.Text> : n),
    },
    { title: t('rounds.source'), key: 'source', width: 110, render: (_, r) => r.source.name },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RoundSummary['status']) =>
        s === 'open' ? (
          <Tag color="processing">{t('rounds.statusOpen')}</Tag>
        ) : (
          <Tag>{t('rounds.statusClosed')}</Tag>
        ),
    },
  ];
  return (
    <>
      <PageTitle
        title={t('nav.rounds')}
        sub={t('rounds.sub')}
        extra={
          mayPlan && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('rounds.create')}
            </Button>
          )
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Space wrap>
          <Select
            allowClear
            placeholder={t('rounds.kind')}
            style={{ width: 160 }}
            value={filter.kind}
            onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
            options={roundKinds.map((k) => ({ value: k, label: pick(roundKindLabels[k]) }))}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ width: 130 }}
            value={filter.status}
            onChange={(status) => setFilter((f) => ({ ...f, status }))}
            options={[
              { value: 'open', label: t('rounds.statusOpen') },
              { value: 'closed', label: t('rounds.statusClosed') },
            ]}
          />
        </Space>
      </Card>
      <Card>
        <Table<RoundSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={paging.pagination(list.data?.total ?? 0)}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rounds.empty')} />,
          }}
        />
      </Card>
      {creating && (
        <RoundFormDrawer
          onClose={() => setCreating(false)}
          onSaved={(r) => void navigate(`/inspection-rounds/${r.id}`)}
        />
      )}
    </>
  );
}
