import { ArrowRightOutlined } from '@ant-design/icons';
import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';

function Json({ label, value }: { label: string; value: unknown }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      {value === null || value === undefined ? (
        <div className="luoshi-json luoshi-json-empty">{t('audit.none')}</div>
      ) : (
        // Rendered as text: React escapes it, so stored content can never become markup.
        <pre className="luoshi-json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </>
  );
}

/** One audit entry opened up: the state before → after, and its place in the seal chain. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const hasChange = entry.before !== null || entry.after !== null;
  return (
    <div style={{ padding: '4px 8px' }}>
      {hasChange ? (
        <Row gutter={12} align="stretch" wrap={false}>
          <Col flex="1" style={{ minWidth: 0 }}>
            <Json label={t('audit.before')} value={entry.before} />
          </Col>
          <Col flex="none" style={{ display: 'flex', alignItems: 'center' }}>
            <ArrowRightOutlined style={{ color: '#1d4e89', fontSize: 18 }} />
          </Col>
          <Col flex="1" style={{ minWidth: 0 }}>
            <Json label={t('audit.after')} value={entry.after} />
          </Col>
        </Row>
      ) : (
        <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>
      )}
      <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('audit.entryId')}>{entry.id}</Descriptions.Item>
        <Descriptions.Item label={t('audit.sealSeq')}>
          {entry.seal ? (
            entry.seal.seq
          ) : (
            <Typography.Text type="secondary">{t('audit.unsealed')}</Typography.Text>
          )}
        </Descriptions.Item>
        {entry.seal && (
          <Descriptions.Item label={t('audit.hash')}>
            <Typography.Text code copyable={{ text: entry.seal.hash }} style={{ fontSize: 12 }}>
              {entry.seal.hash.slice(0, 16)}…
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}
