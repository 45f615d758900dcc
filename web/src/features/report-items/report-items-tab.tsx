import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useReportItems } from '../../api/report-items.ts';
import type { Campaign, Report, ReportItem } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AttachmentList } from '../../components/attachments.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { cadenceLabel } from '../tasks/task-labels.ts';
import { ItemDrawer } from './item-drawer.tsx';

interface UnitRow {
  unit: { id: number; name: string };
  current: Report | undefined;
  history: Report[];
}

/** Each unit of an item: this period's submission (if any) and what it sent before. */
function ItemUnits({ item }: { item: ReportItem }) {
  const { t } = useI18n();
  const rows: UnitRow[] = item.units.map((u) => {
    const mine = item.submissions.filter((s) => s.unit.id === u.id);
    return {
      unit: u,
      current: item.currentPeriod ? mine.find((s) => s.periodKey === item.currentPeriod!.key) : undefined,
      history: mine.sort((a, b) => b.periodStart.localeCompare(a.periodStart)),
    };
  });
  const columns: ColumnsType<UnitRow> = [
    { title: t('items.unit'), key: 'u', width: 180, render: (_, r) => r.unit.name },
    {
      title: t('items.thisPeriod'),
      key: 'c',
      width: 140,
      render: (_, r) =>
        r.current ? (
          <Tag color={r.current.late ? 'error' : 'success'}>
            {t(r.current.late ? 'items.inLate' : 'items.in')}
          </Tag>
        ) : (
          <Tag>{t('items.notIn')}</Tag>
        ),
    },
    {
      title: t('items.latest'),
      key: 'l',
      render: (_, r) => {
        const last = r.history[0];
        return last ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {last.periodKey} · {beijingTime(last.submittedAt)}
            </Typography.Text>
            <div className="luoshi-pre">{last.progress}</div>
            <AttachmentList items={last.attachments} />
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
    { title: t('items.count'), key: 'n', width: 90, align: 'right', render: (_, r) => r.history.length },
  ];
  return (
    <Table<UnitRow>
      rowKey={(r) => r.unit.id}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
    />
  );
}

/** 报送事项 of a campaign for the office: who has sent this period's, and how many are late. */
export function ReportItemsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const items = useReportItems(campaign.id);
  const [adding, setAdding] = useState(false);
  const columns: ColumnsType<ReportItem> = [
    {
      title: t('items.title'),
      key: 'title',
      render: (_, i) => (
        <div>
          <Typography.Text strong>{i.title}</Typography.Text>
          {i.description && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.description}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('tasks.cadence'),
      key: 'cadence',
      width: 150,
      render: (_, i) => `${t(cadenceLabel[i.cadence])} · ${t('items.graceShort', { n: i.graceDays })}`,
    },
    { title: t('items.units'), key: 'units', width: 90, align: 'right', render: (_, i) => i.units.length },
    {
      title: t('items.currentPeriod'),
      key: 'current',
      width: 200,
      render: (_, i) =>
        i.currentPeriod
          ? t('items.periodDue', { key: i.currentPeriod.key, date: i.currentPeriod.dueOn })
          : '—',
    },
    {
      title: t('items.inThisPeriod'),
      key: 'in',
      width: 110,
      align: 'right',
      render: (_, i) => {
        const n = i.currentPeriod
          ? new Set(i.submissions.filter((s) => s.periodKey === i.currentPeriod!.key).map((s) => s.unit.id))
              .size
          : 0;
        return `${n} / ${i.units.length}`;
      },
    },
    {
      title: t('tasks.lateReports'),
      dataIndex: 'lateCount',
      width: 90,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong>
            {n}
          </Typography.Text>
        ) : (
          0
        ),
    },
  ];
  return (
    <>
      <div className="luoshi-table-toolbar">
        <Typography.Text type="secondary">{t('items.sub')}</Typography.Text>
        {campaign.abilities.createTasks && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('items.add')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Table<ReportItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items.data ?? []}
          loading={items.isFetching}
          pagination={false}
          expandable={{ expandedRowRender: (i) => <ItemUnits item={i} /> }}
          locale={{ emptyText: t('items.none') }}
        />
      </Card>
      {adding && <ItemDrawer campaign={campaign} onClose={() => setAdding(false)} />}
    </>
  );
}
