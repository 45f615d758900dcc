import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { publicationStatuses } from '../../../../domain/supervision/publication.ts';
import {
  usePublicationMutations,
  usePublications,
  type Circular,
  type PublicationKind,
  type PublicationStatus,
  type Warning,
} from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCan } from '../../app/session-guard.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { beijingTime } from '../tasks/task-reports.tsx';
import { CircularModal, WarningModal } from './publication-forms.tsx';
import { PublicationStatusTag } from './supervision-tags.tsx';

/** 通报警告: circulars and yellow/red cards, each drafted, approved by another, then published. */
export function PublicationsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: PublicationKind = params.get('tab') === 'warnings' ? 'warnings' : 'circulars';
  const mayDraft = useCan('supervision.manage');
  const [drafting, setDrafting] = useState<PublicationKind | null>(null);
  return (
    <>
      <PageTitle
        title={t('nav.publications')}
        sub={t('pub.sub')}
        extra={
          <Space>
            <Link to="/public/circulars" target="_blank">
              <Button icon={<GlobalOutlined />}>{t('pub.publicPage')}</Button>
            </Link>
            {mayDraft && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(tab)}>
                {t(tab === 'warnings' ? 'pub.newWarning' : 'pub.newCircular')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'circulars', label: t('pub.circulars'), children: <PublicationList kind="circulars" /> },
            { key: 'warnings', label: t('pub.warnings'), children: <PublicationList kind="warnings" /> },
          ]}
        />
      </Card>
      {drafting === 'warnings' && <WarningModal onClose={() => setDrafting(null)} />}
      {drafting === 'circulars' && <CircularModal onClose={() => setDrafting(null)} />}
    </>
  );
}

type Row = Warning | Circular;

function PublicationList({ kind }: { kind: PublicationKind }) {
  const { t, pick } = useI18n();
  const [status, setStatus] = useState<PublicationStatus>();
  const paging = useServerPaging();
  const list = usePublications(kind, { status }, paging.window);
  const rows = (list.data?.items ?? []) as Row[];
  const what: ColumnsType<Row> =
    kind === 'circulars'
      ? [
          {
            title: t('pub.tone'),
            key: 'tone',
            width: 110,
            render: (_, r) => {
              const c = r as Circular;
              return <Tag color={c.tone === 'praise' ? 'green' : 'volcano'}>{pick(c.toneLabel)}</Tag>;
            },
          },
          {
            title: t('pub.title'),
            key: 'title',
            render: (_, r) => {
              const c = r as Circular;
              return (
                <Space orientation="vertical" size={2}>
                  <Typography.Text strong>{c.title}</Typography.Text>
                  <Typography.Paragraph
                    type="secondary"
                    ellipsis={{ rows: 2 }}
                    style={{ margin: 0, fontSize: 13 }}
                  >
                    {c.body}
                  </Typography.Paragraph>
                  {(c.units.length > 0 || c.people.length > 0) && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[...c.units, ...c.people].map((x) => x.name).join('、')}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
        ]
      : [
          {
            title: t('pub.colour'),
            key: 'colour',
            width: 110,
            render: (_, r) => {
              const w = r as Warning;
              return (
                <Tag color={w.colour === 'red' ? 'red' : 'gold'} variant="solid">
                  {pick(w.colourLabel)}
                </Tag>
              );
            },
          },
          { title: t('pub.unit'), key: 'unit', width: 140, render: (_, r) => (r as Warning).unit.name },
          {
            title: t('pub.reason'),
            key: 'reason',
            render: (_, r) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {(r as Warning).reason}
              </Typography.Paragraph>
            ),
          },
          {
            title: t('pub.period'),
            key: 'period',
            width: 180,
            render: (_, r) => {
              const w = r as Warning;
              return (
                <Space size={4} wrap>
                  <span>
                    {w.startOn} ～ {w.endOn}
                  </span>
                  {w.inForce && <Tag color="red">{t('pub.inForce')}</Tag>}
                </Space>
              );
            },
          },
        ];
  const columns: ColumnsType<Row> = [
    ...what,
    {
      title: t('common.status'),
      key: 'status',
      width: 110,
      render: (_, r) => <PublicationStatusTag status={r.status} />,
    },
    {
      title: `${t('pub.draftedBy')} / ${t('pub.approvedBy')}`,
      key: 'who',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {r.draftedBy.name} / {r.approvedBy?.name ?? '—'}
          </span>
          {r.publishedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pub.publishedAt')} {beijingTime(r.publishedAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) => <Actions kind={kind} row={r} />,
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('common.status')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={publicationStatuses.map((s) => ({ value: s, label: t(`pubStatus.${s}` as MessageKey) }))}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={paging.pagination(list.data?.total ?? 0)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pub.empty')} /> }}
      />
    </>
  );
}

/** The moves the server allows this person on this row (abilities), each one click or one reason. */
function Actions({ kind, row }: { kind: PublicationKind; row: Row }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = usePublicationMutations(kind);
  const [asking, setAsking] = useState<'withdraw' | 'revoke' | null>(null);
  const [reason, setReason] = useState('');
  const a = row.abilities;
  const go = (
    verb: 'approve' | 'publish' | 'withdraw' | 'revoke',
    scope?: 'internal' | 'public',
    why?: string,
  ) =>
    m.move.mutate(
      { id: row.id, verb, ...(scope ? { scope } : {}), ...(why ? { reason: why } : {}) },
      {
        onSuccess: () => {
          setAsking(null);
          setReason('');
          void message.success(
            t(verb === 'approve' ? 'pub.approved' : verb === 'publish' ? 'pub.published' : 'pub.revoked'),
          );
        },
        onError: toast,
      },
    );
  const fourEyes = row.status === 'draft' && !a.approve && a.withdraw;
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={4}>
        {a.approve && (
          <Button size="small" type="primary" onClick={() => go('approve')}>
            {t('pub.approve')}
          </Button>
        )}
        {a.publishInternal && (
          <Button size="small" onClick={() => go('publish', 'internal')}>
            {t('pub.publishInternal')}
          </Button>
        )}
        {a.publishPublic && (
          <Popconfirm title={t('pub.publishPublicConfirm')} onConfirm={() => go('publish', 'public')}>
            <Button size="small" type="primary" ghost>
              {t('pub.publishPublic')}
            </Button>
          </Popconfirm>
        )}
        {a.withdraw && (
          <Button size="small" type="text" onClick={() => setAsking('withdraw')}>
            {t('pub.withdraw')}
          </Button>
        )}
        {a.revoke && (
          <Button size="small" danger type="text" onClick={() => setAsking('revoke')}>
            {t('pub.revoke')}
          </Button>
        )}
      </Space>
      {fourEyes && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pub.fourEyes')}
        </Typography.Text>
      )}
      {row.endReason && (
        <Alert type="warning" title={row.endReason} showIcon style={{ padding: '2px 8px' }} />
      )}
      {asking && (
        <Space.Compact>
          <Input
            autoFocus
            size="small"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('pub.reasonFor')}
            aria-label={t('notices.reason')}
            maxLength={1000}
          />
          <Button
            size="small"
            danger
            disabled={!reason.trim()}
            onClick={() => go(asking, undefined, reason.trim())}
          >
            {t(asking === 'withdraw' ? 'pub.withdraw' : 'pub.revoke')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}
