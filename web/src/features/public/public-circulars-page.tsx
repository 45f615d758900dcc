import { Alert, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { usePublicCirculars } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PublicLayout } from './public-layout.tsx';

/** 通报曝光: the circulars and warnings the office published to the public, for anyone. */
export function PublicCircularsPage() {
  const { t, pick, lang } = useI18n();
  const q = usePublicCirculars();
  const d = q.data;
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' });
  return (
    <PublicLayout title={t('publicCirculars.title')}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('publicCirculars.sub')}
        </Typography.Paragraph>
        <Link to="/public/boards">{t('public.title')} →</Link>
      </Space>
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon title={t('common.loadFailed')} />}
      {d && (
        <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
          <Col xs={24} lg={16}>
            {d.circulars.length === 0 ? (
              <Card>
                <Empty description={t('publicCirculars.none')} />
              </Card>
            ) : (
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                {d.circulars.map((c) => (
                  <Card key={c.id} className="luoshi-public-circular">
                    <Space wrap style={{ marginBottom: 8 }}>
                      <Tag color={c.tone === 'praise' ? 'green' : 'volcano'} variant="solid">
                        {pick(c.toneLabel)}
                      </Tag>
                      <Typography.Text type="secondary">{date(c.publishedAt)}</Typography.Text>
                    </Space>
                    <Typography.Title level={4} style={{ marginTop: 0 }}>
                      {c.title}
                    </Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.9 }}>
                      {c.body}
                    </Typography.Paragraph>
                    {(c.units.length > 0 || c.people.length > 0) && (
                      <Typography.Text type="secondary">
                        {t('publicCirculars.named')}：{[...c.units, ...c.people].join('、')}
                      </Typography.Text>
                    )}
                  </Card>
                ))}
              </Space>
            )}
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('publicCirculars.warnings')}>
              {d.warnings.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicCirculars.none')} />
              ) : (
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  {d.warnings.map((w) => (
                    <div key={w.id} className={`luoshi-public-card luoshi-public-card-${w.colour}`}>
                      <Space wrap>
                        <Tag color={w.colour === 'red' ? 'red' : 'gold'} variant="solid">
                          {pick(w.colourLabel)}
                        </Tag>
                        <Typography.Text strong>{w.unit}</Typography.Text>
                      </Space>
                      <Typography.Paragraph style={{ margin: '6px 0 2px' }}>{w.reason}</Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('publicCirculars.validUntil', { from: w.startOn, to: w.endOn })}
                      </Typography.Text>
                    </div>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </PublicLayout>
  );
}
