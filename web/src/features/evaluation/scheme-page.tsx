import { CloudUploadOutlined, EditOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { usePreview, useScheme, useSchemeMutations, type SchemeDetail } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { BoardTable, GradeSummary } from './board-table.tsx';
import { BoardsTab } from './evaluation-page.tsx';
import { kindKey, metricKey } from './evaluation-labels.tsx';
import { defaultPeriod, periodLabel, periodOptions } from './periods.ts';
import { SchemeEditor } from './scheme-editor.tsx';
import { ValuesTab } from './values-tab.tsx';

/** 试算与发布: today's records through the scheme for a period, then 发布 with a confirmation. */
function ComputeTab({
  scheme,
  period,
  setPeriod,
}: {
  scheme: SchemeDetail;
  period: string;
  setPeriod: (p: string) => void;
}) {
  const { t, pick } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const preview = usePreview(scheme.id, period);
  const { publish } = useSchemeMutations();
  const toast = useErrorToast();
  const b = preview.data;
  const label = pick(
    periodLabel(
      periodOptions(scheme.periodKind).find((p) => p.key === period) ?? {
        kind: scheme.periodKind,
        key: period,
        start: '',
        end: '',
      },
    ),
  );
  const onPublish = () =>
    modal.confirm({
      title: t('eval.publishTitle', { period: label }),
      content: t('eval.publishBody'),
      okText: t('eval.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const board = await publish.mutateAsync({ id: scheme.id, period });
          void message.success(t('eval.publishedOk'));
          void navigate(`/evaluation/boards/${board.id}`);
        } catch (e) {
          toast(e);
        }
      },
    });
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Text>{t('eval.period')}</Typography.Text>
          <Select
            style={{ width: 180 }}
            value={period}
            onChange={setPeriod}
            aria-label={t('eval.period')}
            options={periodOptions(scheme.periodKind).map((p) => ({
              value: p.key,
              label: pick(periodLabel(p)),
            }))}
          />
          {b && <Typography.Text type="secondary">{t('eval.asOf', { date: b.asOf })}</Typography.Text>}
          {b && !b.complete && <Tag color="gold">{t('eval.running')}</Tag>}
        </Space>
        {b?.abilities.publish && (
          <Button
            type="primary"
            danger
            icon={<CloudUploadOutlined />}
            onClick={onPublish}
            loading={publish.isPending}
          >
            {t('eval.publish')}
          </Button>
        )}
      </Space>
      {b?.revision ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('eval.alreadyPublished', { n: b.revision.revision })}
          action={<Link to={`/evaluation/boards/${b.revision.id}`}>{t('eval.viewPublished')}</Link>}
        />
      ) : (
        b && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('eval.preview')} />
      )}
      {preview.error && <Alert type="error" showIcon title={preview.error.message} />}
      {b && (
        <>
          <div style={{ marginBottom: 8 }}>
            <GradeSummary counts={b.gradeCounts} aShare={b.aShare.text} />
          </div>
          <BoardTable
            testId="preview-board"
            indicators={b.indicators}
            rows={b.results.map((r) => ({ ...r, key: r.unitId }))}
            unitCell={(r) => (
              <Link to={`/evaluation/schemes/${scheme.id}/explain/${r.unitId}?period=${period}`}>
                {r.unitName}
              </Link>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** 方案内容与版本: the current indicators and grading, and every version. */
function ContentTab({ scheme }: { scheme: SchemeDetail }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const g = scheme.content.grading;
  return (
    <Card
      size="small"
      extra={
        scheme.abilities.edit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('eval.editor.revise')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={scheme.content.indicators}
        columns={[
          { title: t('eval.ind.name'), dataIndex: 'name' },
          {
            title: t('eval.ind.source'),
            key: 'source',
            render: (_, i) =>
              i.source === 'computed' ? t(metricKey(i.metric)) : t(`eval.ind.source.${i.source}`),
          },
          {
            title: t('eval.ind.weight'),
            key: 'weight',
            render: (_, i) => (i.source === 'events' ? '—' : String(i.weight)),
          },
          {
            title: t('eval.ind.direction'),
            key: 'dir',
            render: (_, i) =>
              i.source === 'events'
                ? '—'
                : t(i.direction === 'higher_better' ? 'eval.ind.higher' : 'eval.ind.lower'),
          },
          {
            title: t('eval.ind.normalisation'),
            key: 'norm',
            render: (_, i) =>
              i.source === 'events'
                ? `${t('eval.ind.bonusCap')} ${i.bonusCap} / ${t('eval.ind.penaltyCap')} ${i.penaltyCap}`
                : i.normalisation.kind === 'target'
                  ? `${t('eval.ind.target')} ${i.normalisation.target} → ${i.normalisation.floor}`
                  : t(i.normalisation.kind === 'rank' ? 'eval.ind.rank' : 'eval.ind.minMax'),
          },
        ]}
      />
      <Descriptions size="small" style={{ marginTop: 12 }} column={2}>
        <Descriptions.Item label={t('eval.editor.grading')}>
          {g.kind === 'quota'
            ? `${t('eval.editor.quota')}：A ${g.quotas.A}% · B ${g.quotas.B}% · C ${g.quotas.C}%`
            : `${t('eval.editor.thresholds')}：A ≥ ${g.min.A} · B ≥ ${g.min.B} · C ≥ ${g.min.C}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('eval.editor.recordScope')}>
          {t(scheme.content.recordScope === 'all' ? 'eval.editor.scopeAll' : 'eval.editor.scopeCampaign')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('eval.version')}</Typography.Title>
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={scheme.versions}
        columns={[
          {
            title: t('eval.version'),
            key: 'v',
            width: 100,
            render: (_, v) => t('eval.versionN', { n: v.version }),
          },
          { title: t('eval.editor.note'), dataIndex: 'note' },
          { title: t('eval.publishedBy'), dataIndex: 'createdBy', width: 120 },
          {
            title: t('eval.publishedAt'),
            key: 'at',
            width: 180,
            render: (_, v) => new Date(v.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
          },
        ]}
      />
      {editing && <SchemeEditor scheme={scheme} onClose={() => setEditing(false)} />}
    </Card>
  );
}

/** One scheme: compute and publish a period, entered scores, content and versions, publications. */
export function SchemePage() {
  const { id } = useParams();
  const schemeId = Number(id);
  const { t, lang } = useI18n();
  const scheme = useScheme(schemeId);
  const [params, setParams] = useSearchParams();
  const s = scheme.data;
  if (!s) return <Card loading={scheme.isPending}>{scheme.error?.message}</Card>;
  const period = params.get('period') ?? defaultPeriod(s.periodKind);
  const tab = params.get('tab') ?? 'compute';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Link to="/evaluation">
        <LeftOutlined /> {t('nav.evaluation')}
      </Link>
      <PageTitle
        title={s.name}
        sub={`${s.campaign.name} · ${lang === 'zh' ? s.peerGroup.nameZh : s.peerGroup.nameEn} · ${t(kindKey(s.periodKind))} · ${t('eval.versionN', { n: s.version })}`}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          {
            key: 'compute',
            label: t('eval.tabCompute'),
            children: <ComputeTab scheme={s} period={period} setPeriod={(p) => set('period', p)} />,
          },
          {
            key: 'values',
            label: t('eval.tabValues'),
            children: <ValuesTab scheme={s} period={period} setPeriod={(p) => set('period', p)} />,
          },
          { key: 'content', label: t('eval.tabContent'), children: <ContentTab scheme={s} /> },
          {
            key: 'history',
            label: t('eval.tabHistory'),
            children: (
              <Card size="small">
                <BoardsTab schemeId={s.id} />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
