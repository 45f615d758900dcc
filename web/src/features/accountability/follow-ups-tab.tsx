import { Button, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useFollowUps, type FollowUp } from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useServerPaging } from '../../components/server-paging.ts';
import { FollowUpModal } from './follow-up-modal.tsx';

const statusColour: Record<FollowUp['status'], string> = {
  scheduled: 'processing',
  done: 'success',
  cancelled: 'default',
};

export function FollowUpStatusTag({ status }: { status: FollowUp['status'] }) {
  const { t } = useI18n();
  return <Tag color={statusColour[status]}>{t(`acc.followUpStatus.${status}` as MessageKey)}</Tag>;
}

/** 回访教育: the visits due (3 and 6 months after a sanction) and those made. */
export function FollowUpsTab() {
  const { t } = useI18n();
  const [status, setStatus] = useState<FollowUp['status'] | 'all'>('scheduled');
  const [visiting, setVisiting] = useState<FollowUp | null>(null);
  const paging = useServerPaging();
  const list = useFollowUps(status === 'all' ? undefined : status, paging.window);
  const columns: ColumnsType<FollowUp> = followUpColumns(t, setVisiting);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'scheduled', label: t('acc.followUpStatus.scheduled') },
            { value: 'done', label: t('acc.followUpStatus.done') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Space>
      <Table<FollowUp>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={paging.pagination(list.data?.total ?? 0)}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('acc.noFollowUpRows')} />,
        }}
      />
      {visiting && <FollowUpModal followUp={visiting} onClose={() => setVisiting(null)} />}
    </>
  );
}

/** The columns of a follow-up list (the tab and a case's records share them). */
export function followUpColumns(
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
  onVisit: (f: FollowUp) => void,
  withCase = true,
): ColumnsType<FollowUp> {
  return [
    { title: t('acc.person'), key: 'person', width: 120, render: (_, f) => f.person.name },
    { title: t('acc.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: t('common.status'),
      key: 'status',
      width: 100,
      render: (_, f) => <FollowUpStatusTag status={f.status} />,
    },
    { title: t('acc.visitedOn'), dataIndex: 'visitedOn', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: t('acc.visitNotes'),
      key: 'notes',
      render: (_, f) => (
        <Space wrap size={4}>
          {f.noEffectOnUse && <Tag color="green">{t('acc.noEffectTag')}</Tag>}
          <Typography.Text>{f.notes || (f.status === 'done' ? '' : '—')}</Typography.Text>
          {f.visitedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('acc.visitedBy')}：{f.visitedBy.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(withCase
      ? [
          {
            title: t('acc.case'),
            key: 'case',
            width: 100,
            render: (_: unknown, f: FollowUp) =>
              f.caseId ? <Link to={`/accountability/cases/${f.caseId}`}>{t('acc.openCase')}</Link> : '—',
          },
        ]
      : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, f) =>
        f.status === 'scheduled' && (
          <Button size="small" type="primary" onClick={() => onVisit(f)}>
            {t('acc.recordVisit')}
          </Button>
        ),
    },
  ];
}
