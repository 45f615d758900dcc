import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { usePublicBoard, usePublicBoards } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { BoardTable, GradeSummary } from '../evaluation/board-table.tsx';
import { PublicLayout } from './public-layout.tsx';

/** 公开晾晒 list: every published board (latest revision), for anyone. */
export function PublicBoardsPage() {
  const { t, pick } = useI18n();
  const list = usePublicBoards();
  return (
    <PublicLayout title={t('public.title')}>
      <Typography.Paragraph type="secondary">{t('public.sub')}</Typography.Paragraph>
      <Card>
        <List
          loading={list.isPending}
          dataSource={list.data ?? []}
          locale={{ emptyText: <Empty description={t('public.none')} /> }}
          renderItem={(b) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Link to={`/public/boards/${b.id}`} className="luoshi-strong-link">
                    {b.title} · {pick(b.period.label)}
                  </Link>
                }
                description={
                  <Space wrap>
                    <span>{b.campaign}</span>
                    <Tag>{pick(b.peerGroup)}</Tag>
                    {b.revision > 1 && <Tag color="orange">{t('eval.revision', { n: b.revision })}</Tag>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PublicLayout>
  );
}

/** One published board for the public: ranks, grades, 环比, points, and open problems beside them (双晒双亮). */
export function PublicBoardPage() {
  const { id } = useParams();
  const { t, pick, lang } = useI18n();
  const board = usePublicBoard(Number(id));
  const b = board.data;
  return (
    <PublicLayout title={t('public.title')}>
      <Link to="/public/boards">← {t('public.title')}</Link>
      {board.isError && <Alert type="error" showIcon title={board.error.message} style={{ marginTop: 12 }} />}
      {b && (
        <>
          <Typography.Title level={3} style={{ marginTop: 12 }}>
            {b.title} · {pick(b.period.label)}
          </Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{b.campaign}</span>
            <Tag>{pick(b.peerGroup)}</Tag>
            <Typography.Text type="secondary">
              {t('eval.publishedAt')}{' '}
              {new Date(b.publishedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
            </Typography.Text>
          </Space>
          {b.supersededBy !== null && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('public.supersededNotice')}
              action={<Link to={`/public/boards/${b.supersededBy}`}>{t('public.seeLatest')}</Link>}
            />
          )}
          {b.correctionReason && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('public.correction', { n: b.revision, reason: b.correctionReason })}
            />
          )}
          <Card size="small" style={{ marginBottom: 12 }}>
            <GradeSummary counts={b.gradeCounts} aShare={b.aShare} />
            <div>
              <Typography.Text type="secondary">{t('eval.openProblemsHint')}</Typography.Text>
            </div>
          </Card>
          <Card size="small">
            <BoardTable
              testId="public-board"
              indicators={b.indicators}
              rows={b.results.map((r) => ({ ...r, key: r.unitName }))}
            />
          </Card>
        </>
      )}
    </PublicLayout>
  );
}
