import { AppstoreOutlined, IdcardOutlined, SafetyOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { navItemsFor } from '../../app/menu.tsx';
import { useCurrentSession } from '../../app/session-guard.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { WorkCards } from './work-card.tsx';

function greetingKey(hour: number): MessageKey {
  if (hour < 6) return 'home.greetingNight';
  if (hour < 12) return 'home.greetingMorning';
  if (hour < 18) return 'home.greetingAfternoon';
  return 'home.greetingEvening';
}

/** 工作台: who I am, where I work, what I may do. */
export function HomePage() {
  const session = useCurrentSession();
  const { t, roleLabel, lang } = useI18n();
  const navigate = useNavigate();
  const now = dayjs().tz('Asia/Shanghai');
  const shortcuts = navItemsFor(session.capabilities).filter((i) => i.path !== '/');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(greetingKey(now.hour()), { name: session.user.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {now.format(lang === 'zh' ? 'YYYY年M月D日 dddd' : 'dddd, MMMM D, YYYY')} · {t('home.welcome')}
        </Typography.Text>
      </Card>
      <WorkCards />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={
              <>
                <IdcardOutlined /> {t('home.myAccount')}
              </>
            }
            style={{ height: '100%' }}
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.name')}>{session.user.name}</Descriptions.Item>
              <Descriptions.Item label={t('home.username')}>{session.user.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.myUnit')}>{session.user.unit.name}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <>
                <SafetyOutlined /> {t('home.myRoles')}
              </>
            }
            style={{ height: '100%' }}
          >
            {session.roles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRoles')} />
            ) : (
              <Space orientation="vertical" size={8}>
                {session.roles.map((r) => (
                  <div key={`${r.role}-${r.unitId}`}>
                    <Tag color="blue" style={{ marginInlineEnd: 8 }}>
                      {roleLabel(r.role)}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t('home.roleScope', { unit: r.unitName })}
                    </Typography.Text>
                  </div>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      {shortcuts.length > 0 && (
        <Card
          title={
            <>
              <AppstoreOutlined /> {t('home.shortcuts')}
            </>
          }
        >
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.path} xs={12} md={8} xl={6}>
                <Card hoverable size="small" onClick={() => void navigate(s.path)}>
                  <Space>
                    <span style={{ fontSize: 20, color: '#1d4e89' }}>{s.icon}</span>
                    <span>{t(s.label)}</span>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </Space>
  );
}
