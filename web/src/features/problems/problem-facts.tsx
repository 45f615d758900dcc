import { Descriptions, Empty, Image, Progress, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { attachmentUrl, type Attachment } from '../../api/attachments.ts';
import type { ProblemDetail, ProblemEvidence, ProblemMeasure } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { AttachmentList } from '../../components/attachments.tsx';
import {
  ProblemStatusTag,
  ScheduleTag,
  SeverityTag,
  useProblemNames,
} from '../../components/problem-tags.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { CategoryTags, problemNo } from './problem-columns.tsx';

/** Every field of a problem, as it was recorded and as it stands. */
export function ProblemFacts({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const names = useProblemNames();
  return (
    <Descriptions column={2} size="small" bordered className="luoshi-task-facts">
      <Descriptions.Item label={t('problems.source')}>{names.source(p.source)}</Descriptions.Item>
      <Descriptions.Item label={t('problems.campaign')}>
        {p.campaign?.name ?? t('problems.noCampaign')}
      </Descriptions.Item>
      <Descriptions.Item label={t('problems.categories')} span={2}>
        {p.categories.length > 0 ? <CategoryTags categories={p.categories} /> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('problems.foundOn')}>{p.foundOn}</Descriptions.Item>
      <Descriptions.Item label={t('problems.foundBy')}>{p.foundBy || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('problems.unit')}>{p.unit.name}</Descriptions.Item>
      <Descriptions.Item label={t('problems.person')}>{p.person?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('problems.severity')}>
        <SeverityTag severity={p.severity} />
      </Descriptions.Item>
      <Descriptions.Item label={t('problems.deadline')}>
        <Space size={8}>
          {p.deadline}
          <ScheduleTag schedule={p.schedule} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('problems.returnCount')}>{p.returnCount}</Descriptions.Item>
      <Descriptions.Item label={t('problems.reboundCount')}>{p.reboundCount}</Descriptions.Item>
      <Descriptions.Item label={t('problems.recordedBy')}>
        {p.recordedBy.name}
        <Typography.Text type="secondary"> · {beijingTime(p.createdAt)}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('problems.mergedInto')}>
        {p.mergedIntoId !== null ? (
          <Link to={`/problems/${p.mergedIntoId}`}>{problemNo(p.mergedIntoId)}</Link>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      {p.longTerm && (
        <Descriptions.Item label={t('problems.longTerm')} span={2}>
          <div style={{ maxWidth: 420 }}>
            <Progress percent={Math.round(p.progress)} size="small" />
            {p.expectedPercent !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problems.expectedVsActual', {
                  expected: Math.round(p.expectedPercent),
                  actual: Math.round(p.progress),
                })}
              </Typography.Text>
            )}
          </div>
          {p.stages.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={p.stages}
              columns={[
                { title: t('problems.stageDate'), dataIndex: 'date', width: 120 },
                { title: t('problems.stageTitle'), dataIndex: 'title' },
                {
                  title: t('problems.stagePercent'),
                  dataIndex: 'percent',
                  width: 120,
                  align: 'right',
                  render: (n: number) => `${Math.round(n)}%`,
                },
              ]}
            />
          )}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('problems.findingFiles')} span={2}>
        {p.attachments.length > 0 ? (
          <>
            <Photos items={p.attachments} />
            <AttachmentList items={p.attachments} />
          </>
        ) : (
          '—'
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 整改措施: item, owner, due date, done. */
export function ProblemMeasures({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  return (
    <Table<ProblemMeasure>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={problem.measures}
      locale={{ emptyText: t('problems.noMeasures') }}
      columns={[
        { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
        {
          title: t('problems.measureText'),
          dataIndex: 'text',
          render: (s: string) => <span className="luoshi-pre">{s}</span>,
        },
        { title: t('problems.measureOwner'), dataIndex: 'owner', width: 140 },
        { title: t('problems.measureDue'), dataIndex: 'dueOn', width: 110 },
        {
          title: t('problems.measureDone'),
          dataIndex: 'done',
          width: 90,
          render: (d: boolean) =>
            d ? (
              <Tag color="success">{t('problems.measureIsDone')}</Tag>
            ) : (
              <Tag>{t('problems.measureNotDone')}</Tag>
            ),
        },
      ]}
    />
  );
}

const decisionStyle: Record<
  NonNullable<ProblemEvidence['decision']>,
  { color: string; label: MessageKey }
> = {
  closed: { color: 'success', label: 'problems.decisionClosed' },
  returned: { color: 'error', label: 'problems.decisionReturned' },
  dismissed: { color: 'default', label: 'problems.decisionDismissed' },
  merged: { color: 'default', label: 'problems.decisionMerged' },
};

/** The photos among some files, as thumbnails that open large (the server checks who may see them). */
export function Photos({ items }: { items: readonly Attachment[] }) {
  const photos = items.filter((a) => a.mime.startsWith('image/'));
  if (photos.length === 0) return null;
  return (
    <div className="luoshi-photos">
      <Image.PreviewGroup>
        {photos.map((a) => (
          <Image key={a.id} src={attachmentUrl(a.id)} alt={a.filename} width={96} height={72} />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

/** 销号材料: each claim for closing with its evidence, and the verdict on it. */
export function ProblemEvidenceList({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  if (problem.evidence.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.noEvidence')} />;
  // The server sends the newest first: the claim being judged is on top.
  const claims = problem.evidence;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {claims.map((e, i) => {
        const d = e.decision ? decisionStyle[e.decision] : null;
        return (
          <div
            key={e.id}
            className={`luoshi-report-card luoshi-claim${e.decision === null ? ' is-pending' : ''}`}
          >
            <div className="luoshi-report-head">
              <Space size={8} wrap>
                <Typography.Text strong>{t('problems.claimNo', { n: claims.length - i })}</Typography.Text>
                {d ? (
                  <Tag color={d.color}>{t(d.label)}</Tag>
                ) : (
                  <Tag color="purple">{t('problems.awaitingVerdict')}</Tag>
                )}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problems.claimBy', { name: e.submittedBy.name, at: beijingTime(e.submittedAt) })}
              </Typography.Text>
            </div>
            {e.decision === 'returned' && e.reason && (
              <div className={`luoshi-report-returned${i > 0 ? ' is-past' : ''}`}>
                {t('problems.returnedBecause', { reason: e.reason })}
              </div>
            )}
            <div className="luoshi-pre">
              {e.text || <Typography.Text type="secondary">—</Typography.Text>}
            </div>
            <Photos items={e.attachments} />
            <AttachmentList items={e.attachments} />
            {e.decidedBy && e.decidedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                {t('problems.decidedBy', { name: e.decidedBy.name, at: beijingTime(e.decidedAt) })}
                {e.decision !== 'returned' && e.reason ? ` · ${e.reason}` : ''}
              </Typography.Text>
            )}
          </div>
        );
      })}
    </Space>
  );
}

const actionLabel: Record<string, MessageKey> = {
  create: 'problemAction.create',
  assign: 'problemAction.assign',
  file_measures: 'problemAction.file_measures',
  report_progress: 'problemAction.report_progress',
  claim_closing: 'problemAction.claim_closing',
  close: 'problemAction.close',
  return: 'problemAction.return',
  reopen: 'problemAction.reopen',
  dismiss: 'problemAction.dismiss',
  merge: 'problemAction.merge',
  set_deadline: 'problemAction.set_deadline',
};

const actionColor: Record<string, string> = {
  close: 'green',
  return: 'red',
  reopen: 'red',
  dismiss: 'gray',
  merge: 'gray',
};

/** 处理记录: every step, who took it and when, oldest first. */
export function ProblemHistory({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  return (
    <Timeline
      items={problem.history.map((h, i) => ({
        key: i,
        color: actionColor[h.action] ?? 'blue',
        content: (
          <div>
            <Space size={8} wrap>
              <Typography.Text type="secondary" className="luoshi-num">
                {beijingTime(h.at)}
              </Typography.Text>
              <Typography.Text strong>
                {actionLabel[h.action] ? t(actionLabel[h.action]!) : h.action}
              </Typography.Text>
              {h.actor && <Typography.Text type="secondary">{h.actor.name}</Typography.Text>}
              {h.toStatus && h.toStatus !== h.fromStatus && (
                <span>
                  → <ProblemStatusTag status={h.toStatus} />
                </span>
              )}
            </Space>
            {h.note && <div className="luoshi-pre luoshi-history-note">{h.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
