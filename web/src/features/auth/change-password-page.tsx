import { App, Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useChangePassword, useSignOut } from '../../api/session.ts';
import { BrandMark } from '../../app/brand.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard({ forced }: { forced: boolean }) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const change = useChangePassword();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const errors = useFormErrors(form, ['currentPassword', 'newPassword']);

  const onFinish = ({ currentPassword, newPassword }: PasswordForm) => {
    errors.clear();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('auth.passwordChanged'));
          form.resetFields();
          void navigate('/', { replace: true });
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Card title={t('auth.changePassword')} style={{ maxWidth: 520, width: '100%' }}>
      {forced && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon title={t('auth.policy')} style={{ marginBottom: 16 }} />
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={session.user.username}
          readOnly
          hidden
        />
        <Form.Item
          name="currentPassword"
          label={t(forced ? 'auth.oneTimePassword' : 'auth.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 8, message: t('auth.tooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('auth.savePassword')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 修改密码. `forced`: the first sign-in with a one-time password, shown alone
 * (no menu) until the password is changed.
 */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const signOut = useSignOut();
  if (!forced) return <PasswordCard forced={false} />;
  return (
    <div className="luoshi-login">
      <main className="luoshi-login-main" style={{ flexDirection: 'column', gap: 20 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, color: '#fff' }}>
          <BrandMark size={40} />
          <div>
            <div style={{ fontSize: 20, fontWeight: 600, letterSpacing: 4 }}>{t('app.name')}</div>
            <div style={{ opacity: 0.7 }}>{t('app.subtitle')}</div>
          </div>
        </div>
        <PasswordCard forced />
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>
          {t('auth.signedInAs', { name: session.user.name, username: session.user.username })}{' '}
          <Button type="link" onClick={() => signOut.mutate()} style={{ color: '#fff', padding: 0 }}>
            {t('auth.signOut')}
          </Button>
        </Typography.Text>
      </main>
    </div>
  );
}
