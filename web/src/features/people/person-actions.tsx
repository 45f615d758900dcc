import { App, Button, Popconfirm, Space } from 'antd';
import { usePeopleMutations } from '../../api/people.ts';
import type { OneTimePassword, Person } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';

/** Edit, deactivate/reactivate and reset password, as the person's `abilities` allow. */
export function PersonActions({
  person,
  onEdit,
  onReset,
}: {
  person: Person;
  onEdit: (p: Person) => void;
  onReset: (r: OneTimePassword) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = usePeopleMutations();
  const a = person.abilities;
  const link = { type: 'link' as const, size: 'small' as const, style: { paddingInline: 4 } };
  return (
    <Space size={0} wrap>
      {a.edit && (
        <Button {...link} onClick={() => onEdit(person)}>
          {t('common.edit')}
        </Button>
      )}
      {a.resetPassword && (
        <Popconfirm
          title={t('people.confirmReset', { name: person.name })}
          description={t('people.confirmResetHint')}
          okText={t('people.resetPassword')}
          onConfirm={() => m.resetPassword.mutateAsync(person.id).then(onReset, toast)}
        >
          <Button {...link}>{t('people.resetPassword')}</Button>
        </Popconfirm>
      )}
      {a.deactivate && (
        <Popconfirm
          title={t('people.confirmDeactivate', { name: person.name })}
          description={t('people.confirmDeactivateHint')}
          okText={t('people.deactivate')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            m.deactivate
              .mutateAsync(person.id)
              .then(() => void message.success(t('people.deactivated')), toast)
          }
        >
          <Button {...link} danger>
            {t('people.deactivate')}
          </Button>
        </Popconfirm>
      )}
      {a.reactivate && (
        <Popconfirm
          title={t('people.confirmReactivate', { name: person.name })}
          okText={t('people.reactivate')}
          onConfirm={() =>
            m.reactivate
              .mutateAsync(person.id)
              .then(() => void message.success(t('people.reactivated')), toast)
          }
        >
          <Button {...link}>{t('people.reactivate')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
