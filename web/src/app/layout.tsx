import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '../api/session.ts';
import { BrandMark } from './brand.tsx';
import { useI18n, type Lang } from './i18n.tsx';
import { navItemsFor } from './menu.tsx';
import { useCurrentSession } from './session-guard.tsx';

/** 中文 / English, remembered in localStorage. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}

function UserMenu() {
  const session = useCurrentSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { message } = App.useApp();
  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => {
        void message.success(t('auth.signedOut'));
        void navigate('/login', { replace: true });
      },
    });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: t('auth.changePassword'),
            onClick: () => void navigate('/password'),
          },
          { type: 'divider' },
          { key: 'signout', icon: <LogoutOutlined />, label: t('auth.signOut'), onClick: onSignOut },
        ],
      }}
    >
      <Button type="text" className="luoshi-user-button" data-testid="user-menu">
        <UserOutlined />
        <span>{session.user.name}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const session = useCurrentSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const items = navItemsFor(session.capabilities);
  const current =
    items.filter((i) => i.path !== '/' && location.pathname.startsWith(i.path))[0]?.path ??
    (location.pathname === '/' ? '/' : '');
  return (
    <Layout className="luoshi-shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216} breakpoint="lg">
        <div className="luoshi-sider-brand">
          <BrandMark size={32} />
          {!collapsed && (
            <div className="luoshi-sider-brand-text">
              <div className="luoshi-sider-brand-name">{t('app.name')}</div>
              <div className="luoshi-sider-brand-sub">{t('app.subtitle')}</div>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('nav.label')}
          selectedKeys={[current]}
          onClick={({ key }) => void navigate(key)}
          items={items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="luoshi-header">
          <Typography.Text className="luoshi-header-unit" ellipsis>
            {session.user.unit.name}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content className="luoshi-content">
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="luoshi-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
