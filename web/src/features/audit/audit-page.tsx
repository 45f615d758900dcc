import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAudit, useAuditVerify, type AuditFilter } from '../../api/audit.ts';
import type { AuditEntry, AuditVerify } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { AuditDetail } from './audit-detail.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { auditActionLabels, auditObjectTypes, brokenReasons } from './audit-labels.ts';
import { useServerPaging } from '../../components/server-paging.ts';

function VerifyResult({ result, onClose }: { result: AuditVerify; onClose: () => void }) {
  const { t, pick } = useI18n();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk')}
        description={
          t('audit.verifyOkDetail', { entries: result.entries, sealed: result.sealed }) +
          (result.pending.count > 0 ? t('audit.verifyPending', { count: result.pending.count }) : '')
        }
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    );
  }
  const b = result.broken;
  const reason = b ? (brokenReasons[b.reason] ? pick(brokenReasons[b.reason]!) : b.reason) : '';
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyFailed')}
      description={
        b
          ? t(b.seq === null ? 'audit.verifyBrokenEntry' : 'audit.verifyBroken', {
              seq: b.seq ?? '—',
              id: b.id ?? '—',
              reason,
            })
          : undefined
      }
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 审计日志: the append-only, SM3-sealed record of every change (audit administrator). */
export function AuditPage() {
  const { t, pick } = useI18n();
  const toast = useErrorToast();
  const [filter, setFilter] = useState<AuditFilter>({});
  const paging = useServerPaging();
  const list = useAudit(filter, paging.window);
  const verify = useAuditVerify();

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      width: 180,
      render: (v: string) => dayjs(v).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <span>
          {auditActionLabels[a] ? pick(auditActionLabels[a]) : a}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      width: 160,
      render: (_, e) => (
        <span>
          <Tag>{auditObjectTypes[e.objectType] ? pick(auditObjectTypes[e.objectType]!) : e.objectType}</Tag>
          {e.objectId ? `#${e.objectId}` : ''}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.audit')}
        sub={t('audit.sub')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: toast })}
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data && <VerifyResult result={verify.data} onClose={() => verify.reset()} />}
      <AuditFilters
        onChange={(f) => {
          setFilter(f);
          paging.reset();
        }}
      />
      <Card size="small">
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} /> }}
          pagination={paging.pagination(list.data?.total ?? 0)}
        />
      </Card>
    </>
  );
}
