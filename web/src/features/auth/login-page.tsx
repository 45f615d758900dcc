import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useSession, useSignIn } from '../../api/session.ts';
import { BrandMark } from '../../app/brand.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { LanguageSwitch } from '../../app/layout.tsx';
import { SESSION_ENDED_KEY } from '../../app/providers.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface SignInForm {
  username: string;
  password: string;
}

function takeEndedNotice(): string | null {
  try {
    const code = sessionStorage.getItem(SESSION_ENDED_KEY);
    sessionStorage.removeItem(SESSION_ENDED_KEY);
    return code;
  } catch {
    return null;
  }
}

/** 登录: product name, one form, nothing else. */
export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<SignInForm>();
  const errors = useFormErrors(form, ['username', 'password']);
  const [ended] = useState(takeEndedNotice);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.data && !signIn.isPending) return <Navigate to={from} replace />;

  const onFinish = (v: SignInForm) => {
    errors.clear();
    signIn.mutate(v, {
      onSuccess: () => void navigate(from, { replace: true }),
      onError: (e) => {
        errors.handle(e);
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <div className="luoshi-login">
      <div className="luoshi-login-top">
        <LanguageSwitch />
      </div>
      <main className="luoshi-login-main">
        <div className="luoshi-login-panel">
          <div className="luoshi-login-brand">
            <BrandMark size={52} />
            <h1 className="luoshi-login-name">{t('app.name')}</h1>
            <div className="luoshi-login-sub">{t('app.subtitle')}</div>
          </div>
          {ended && !errors.alert && (
            <Alert
              type="warning"
              showIcon
              title={t(ended === 'session_expired' ? 'auth.sessionExpired' : 'auth.signInAgain')}
              style={{ marginBottom: 16 }}
            />
          )}
          {errors.alert}
          <Form
            form={form}
            layout="vertical"
            size="large"
            onFinish={onFinish}
            requiredMark={false}
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                placeholder={t('auth.usernamePlaceholder')}
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                placeholder={t('auth.passwordPlaceholder')}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
                {t('auth.signIn')}
              </Button>
            </Form.Item>
          </Form>
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, textAlign: 'center' }}>
            {t('auth.signInHint')}
          </div>
        </div>
      </main>
      <footer className="luoshi-login-footer">
        <div>{t('auth.footerBrowsers')}</div>
        <div>{t('auth.footerNotice')}</div>
      </footer>
    </div>
  );
}
