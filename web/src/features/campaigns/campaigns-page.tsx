import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCampaigns, type CampaignFilter } from '../../api/campaigns.ts';
import type { Campaign } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { LightCountTags } from '../../components/light-tag.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { CampaignActions } from './campaign-actions.tsx';
import { CampaignDrawer } from './campaign-drawer.tsx';

/** 起止时间 as "2026-03-01 至 2026-12-31". */
export function Period({ start, end }: { start: string; end: string }) {
  const { t } = useI18n();
  return <span style={{ whiteSpace: 'nowrap' }}>{t('campaigns.periodText', { start, end })}</span>;
}

export function CampaignStateTag({ closed }: { closed: boolean }) {
  const { t } = useI18n();
  return closed ? <Tag>{t('campaigns.closed')}</Tag> : <Tag color="processing">{t('campaigns.open')}</Tag>;
}

/** 专项行动: every campaign with its progress and lights; the office creates, edits and closes them. */
export function CampaignsPage() {
  const { t } = useI18n();
  const manage = useCan('campaigns.manage');
  const navigate = useNavigate();
  const [filter, setFilter] = useState<CampaignFilter>({});
  const paging = useServerPaging();
  const list = useCampaigns(filter, paging.window);
  const [drawer, setDrawer] = useState<Campaign | null | undefined>(undefined);
  const update = (f: Partial<CampaignFilter>) => {
    setFilter((prev) => ({ ...prev, ...f }));
    paging.reset();
  };

  const columns: ColumnsType<Campaign> = [
    {
      title: t('campaigns.name'),
      key: 'name',
      render: (_, c) => (
        <div>
          <Link to={`/campaigns/${c.id}`} className="luoshi-strong-link">
            {c.name}
          </Link>
          {c.leadingGroup && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('campaigns.leadingGroup')}
                {t('common.colon')}
                {c.leadingGroup}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('campaigns.period'),
      key: 'period',
      width: 210,
      render: (_, c) => <Period start={c.start} end={c.end} />,
    },
    { title: t('campaigns.taskCount'), dataIndex: 'taskCount', width: 80, align: 'right' },
    { title: t('campaigns.doneCount'), dataIndex: 'doneCount', width: 80, align: 'right' },
    {
      title: t('campaigns.overdueCount'),
      dataIndex: 'overdueCount',
      width: 80,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong>
            {n}
          </Typography.Text>
        ) : (
          n
        ),
    },
    {
      title: t('campaigns.lights'),
      key: 'lights',
      width: 270,
      render: (_, c) => <LightCountTags lights={c.lights} />,
    },
    {
      title: t('common.status'),
      key: 'state',
      width: 90,
      render: (_, c) => <CampaignStateTag closed={c.closed} />,
    },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, c) => <CampaignActions campaign={c} onEdit={setDrawer} />,
    });

  return (
    <>
      <PageTitle
        title={t('nav.campaigns')}
        sub={t(manage ? 'campaigns.subManage' : 'campaigns.subBrowse')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer(null)}>
              {t('campaigns.add')}
            </Button>
          )
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Space wrap size={[16, 8]}>
          <Input.Search
            allowClear
            placeholder={t('campaigns.searchPlaceholder')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 300 }}
          />
          <Space>
            <Switch
              size="small"
              checked={filter.includeClosed ?? false}
              onChange={(v) => update({ includeClosed: v })}
              aria-label={t('campaigns.includeClosed')}
            />
            <Typography.Text>{t('campaigns.includeClosed')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <Table<Campaign>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
          onRow={(c) => ({ onDoubleClick: () => void navigate(`/campaigns/${c.id}`) })}
          locale={{ emptyText: t(manage ? 'campaigns.emptyManage' : 'campaigns.empty') }}
        />
      </Card>
      {drawer !== undefined && (
        <CampaignDrawer
          campaign={drawer}
          onClose={() => setDrawer(undefined)}
          onCreated={(c) => void navigate(`/campaigns/${c.id}`)}
        />
      )}
    </>
  );
}
