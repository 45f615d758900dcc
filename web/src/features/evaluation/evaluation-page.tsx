import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useBoards, useSchemes, type BoardSummary, type SchemeSummary } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { kindKey } from './evaluation-labels.tsx';
import { EventsTab } from './events-tab.tsx';
import { SchemeEditor } from './scheme-editor.tsx';
import { SurveyLinksTab } from './survey-links-tab.tsx';

function SchemesTab() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const list = useSchemes();
  const [editing, setEditing] = useState(false);
  const columns: TableColumnsType<SchemeSummary> = [
    {
      title: t('eval.schemeName'),
      key: 'name',
      render: (_, s) => (
        <Link to={`/evaluation/schemes/${s.id}`} className="luoshi-strong-link">
          {s.name}
        </Link>
      ),
    },
    { title: t('eval.campaign'), key: 'campaign', render: (_, s) => s.campaign.name },
    {
      title: t('eval.peerGroup'),
      key: 'group',
      width: 150,
      render: (_, s) => (lang === 'zh' ? s.peerGroup.nameZh : s.peerGroup.nameEn),
    },
    { title: t('eval.periodKind'), key: 'kind', width: 90, render: (_, s) => t(kindKey(s.periodKind)) },
    {
      title: t('eval.version'),
      key: 'version',
      width: 80,
      render: (_, s) => t('eval.versionN', { n: s.version }),
    },
    { title: t('eval.units'), dataIndex: 'unitCount', width: 80, align: 'right' },
    { title: t('eval.published'), dataIndex: 'publishedCount', width: 90, align: 'right' },
    {
      title: t('common.status'),
      key: 'state',
      width: 80,
      render: (_, s) =>
        s.archived ? <Tag>{t('eval.archived')}</Tag> : <Tag color="processing">{t('common.active')}</Tag>,
    },
  ];
  return (
    <Card
      size="small"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)}>
          {t('eval.addScheme')}
        </Button>
      }
    >
      <Table<SchemeSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={false}
        onRow={(s) => ({ onDoubleClick: () => void navigate(`/evaluation/schemes/${s.id}`) })}
        locale={{ emptyText: t('eval.noSchemes') }}
      />
      {editing && (
        <SchemeEditor
          scheme={null}
          onClose={() => setEditing(false)}
          onSaved={(id) => void navigate(`/evaluation/schemes/${id}`)}
        />
      )}
    </Card>
  );
}

/** 已发布排名: the latest revision of every published period. */
export function BoardsTab({ schemeId }: { schemeId?: number }) {
  const { t, lang, pick } = useI18n();
  const list = useBoards(schemeId ? { schemeId, includeSuperseded: true } : {});
  const columns: TableColumnsType<BoardSummary> = [
    {
      title: t('eval.period'),
      key: 'period',
      width: 150,
      render: (_, b) => (
        <Link to={`/evaluation/boards/${b.id}`} className="luoshi-strong-link">
          {pick(b.period.label)}
        </Link>
      ),
    },
    { title: t('eval.scheme'), key: 'scheme', render: (_, b) => b.scheme.name },
    {
      title: t('eval.peerGroup'),
      key: 'group',
      width: 150,
      render: (_, b) => (lang === 'zh' ? b.peerGroup.nameZh : b.peerGroup.nameEn),
    },
    {
      title: t('eval.version'),
      key: 'revision',
      width: 150,
      render: (_, b) => (
        <>
          {t('eval.revision', { n: b.revision })}{' '}
          {b.superseded ? <Tag>{t('eval.superseded')}</Tag> : <Tag color="green">{t('eval.latest')}</Tag>}
        </>
      ),
    },
    { title: t('eval.units'), dataIndex: 'unitCount', width: 80, align: 'right' },
    { title: t('eval.aShare'), dataIndex: 'aShare', width: 90, align: 'right' },
    {
      title: t('eval.publishedAt'),
      key: 'at',
      width: 170,
      render: (_, b) => new Date(b.publishedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
    },
  ];
  return (
    <Table<BoardSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data ?? []}
      loading={list.isFetching}
      pagination={false}
      locale={{ emptyText: t('eval.noBoards') }}
    />
  );
}

/** 赛马比拼: schemes, published boards, bonus and penalty events, the survey (the office); boards for everyone else. */
export function EvaluationPage() {
  const { t } = useI18n();
  const manage = useCan('evaluation.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (manage ? 'schemes' : 'boards');
  const publicLink = (
    <a href="/public/boards" target="_blank" rel="noreferrer">
      <GlobalOutlined /> {t('eval.publicLink')}
    </a>
  );
  if (!manage)
    return (
      <>
        <PageTitle title={t('nav.evaluation')} sub={t('eval.subBrowse')} extra={publicLink} />
        <Card size="small">
          <BoardsTab />
        </Card>
      </>
    );
  return (
    <>
      <PageTitle title={t('nav.evaluation')} sub={t('eval.sub')} extra={publicLink} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'schemes', label: t('eval.tabSchemes'), children: <SchemesTab /> },
          {
            key: 'boards',
            label: t('eval.tabBoards'),
            children: (
              <Card size="small">
                <BoardsTab />
              </Card>
            ),
          },
          { key: 'events', label: t('eval.tabEvents'), children: <EventsTab /> },
          { key: 'survey', label: t('eval.tabSurvey'), children: <SurveyLinksTab /> },
        ]}
      />
      <Typography.Text type="secondary" />
    </>
  );
}
