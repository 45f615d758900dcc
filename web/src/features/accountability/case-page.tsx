import { ArrowLeftOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCase, type FollowUp, type RecordDetail } from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { distinctionLabels, FormTag, LeniencyTag, measures } from './accountability-labels.tsx';
import { followUpColumns } from './follow-ups-tab.tsx';
import { FollowUpModal } from './follow-up-modal.tsx';
import { RecordFormDrawer } from './record-form-drawer.tsx';

/** One 问责案件: its records with decisions (decrypted for the discipline role), leniency, follow-up visits. */
export function CasePage() {
  const { id } = useParams();
  const { t } = useI18n();
  const q = useCase(Number(id) || undefined);
  const [adding, setAdding] = useState(false);
  const [visiting, setVisiting] = useState<FollowUp | null>(null);
  if (q.isPending) return <Spin />;
  if (q.error instanceof ApiError && q.error.status === 404)
    return <Result status="404" title="404" subTitle={t('common.notFound')} />;
  const c = q.data;
  if (!c) return <Alert type="error" showIcon title={t('common.loadFailed')} />;
  return (
    <>
      <Link to="/accountability">
        <ArrowLeftOutlined /> {t('acc.backToCases')}
      </Link>
      <PageTitle
        title={c.title}
        sub={`${c.number ? `${c.number} · ` : ''}${t('acc.recordCount')} ${c.recordCount}`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('acc.addRecord')}
          </Button>
        }
      />
      {c.records.length === 0 ? (
        <Card>
          <Empty description={t('acc.noRecords')}>
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('acc.addRecord')}
            </Button>
          </Empty>
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {c.records.map((r) => (
            <RecordCard key={r.id} r={r} onVisit={setVisiting} />
          ))}
        </Space>
      )}
      {adding && <RecordFormDrawer caseId={c.id} onClose={() => setAdding(false)} />}
      {visiting && <FollowUpModal followUp={visiting} onClose={() => setVisiting(null)} />}
    </>
  );
}

function RecordCard({ r, onVisit }: { r: RecordDetail; onVisit: (f: FollowUp) => void }) {
  const { t, pick } = useI18n();
  return (
    <Card
      title={
        <Space wrap>
          <span>{r.subject.person?.name ?? r.subject.unit.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {r.subject.kind === 'person' ? r.subject.unit.name : t('acc.subjectUnit')}
          </Typography.Text>
          <FormTag form={r.form} />
          {r.leniency && <LeniencyTag kind={r.leniency.kind} />}
        </Space>
      }
      extra={<Typography.Text type="secondary">{r.decidedOn}</Typography.Text>}
    >
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('acc.measure')}>
          {r.measureLabel ? pick(r.measureLabel) : t('acc.noMeasure')}
        </Descriptions.Item>
        <Descriptions.Item label={t('acc.decidedOn')}>{r.decidedOn}</Descriptions.Item>
        <Descriptions.Item label={t('acc.basisProblems')}>
          {r.basisProblemIds.length ? (
            <Space size={4} wrap>
              {r.basisProblemIds.map((p) => (
                <Link key={p} to={`/problems/${p}`}>
                  #{p}
                </Link>
              ))}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('acc.createdBy')}>
          {r.createdBy.name} · {beijingTime(r.createdAt)}
        </Descriptions.Item>
        {r.basisText ? (
          <Descriptions.Item label={t('acc.basisText')} span={2}>
            {r.basisText}
          </Descriptions.Item>
        ) : null}
        {r.leniency && (
          <Descriptions.Item label={t('acc.leniency')} span={2}>
            <Space orientation="vertical" size={4}>
              <Space wrap>
                <LeniencyTag kind={r.leniency.kind} />
                {r.leniency.ordinaryMeasure && (
                  <Typography.Text type="secondary">
                    {t('acc.ordinaryMeasure')}：{pick(measures[r.leniency.ordinaryMeasure])}
                  </Typography.Text>
                )}
              </Space>
              {r.leniency.distinctions.map((d) => (
                <Typography.Text key={d}>· {pick(distinctionLabels[d])}</Typography.Text>
              ))}
              <Typography.Text>
                {t('acc.reasoning')}：{r.leniency.reasoning}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item
          label={
            <Space size={4}>
              <LockOutlined />
              {t('acc.decisionText')}
            </Space>
          }
          span={2}
        >
          {r.decisionText !== null ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {r.decisionText}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="danger">{t('acc.decisionUnreadable')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('acc.followUps')}
      </Typography.Title>
      <Table<FollowUp>
        rowKey="id"
        size="small"
        pagination={false}
        columns={followUpColumns(t, onVisit, false)}
        dataSource={r.followUps}
        locale={{ emptyText: t('acc.noFollowUps') }}
      />
    </Card>
  );
}
