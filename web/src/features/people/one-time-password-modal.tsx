import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { OneTimePassword } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Shows a one-time password once, with a copy button; it is never shown again. */
export function OneTimePasswordModal({
  result,
  reason,
  onClose,
}: {
  result: OneTimePassword;
  reason: 'created' | 'reset';
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t(reason === 'created' ? 'people.createdTitle' : 'people.resetTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('people.otpDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('people.otpOnce')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('people.name')}>{result.person.name}</Descriptions.Item>
        <Descriptions.Item label={t('people.username')}>{result.person.username}</Descriptions.Item>
        <Descriptions.Item label={t('people.oneTimePassword')}>
          <Typography.Text
            data-testid="one-time-password"
            code
            copyable={{ text: result.oneTimePassword, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ fontSize: 18, letterSpacing: 1 }}
          >
            {result.oneTimePassword}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
