import { Button, Drawer, Form, Input, Space } from 'antd';
import type { OneTimePassword, Person } from '../../api/types.ts';
import { usePeopleMutations } from '../../api/people.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';

interface Values {
  username?: string;
  name: string;
  unitId: number;
  phone?: string;
  email?: string;
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Adds a person (then shows the one-time password) or edits one. */
export function PersonDrawer({
  person,
  defaultUnitId,
  onClose,
  onCreated,
}: {
  /** null: add a new person. */
  person: Person | null;
  defaultUnitId?: number;
  onClose: () => void;
  onCreated: (r: OneTimePassword) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['username', 'name', 'unitId', 'phone', 'email']);
  const m = usePeopleMutations();
  const busy = m.create.isPending || m.update.isPending;
  const required = [{ required: true, message: t('common.required') }];

  const submit = (v: Values) => {
    errors.clear();
    const common = {
      name: v.name,
      unitId: v.unitId,
      phone: blankToNull(v.phone),
      email: blankToNull(v.email),
    };
    if (person) {
      m.update.mutate({ id: person.id, ...common }, { onSuccess: onClose, onError: errors.handle });
    } else {
      m.create.mutate(
        { username: v.username ?? '', ...common },
        {
          onSuccess: (r) => {
            onClose();
            onCreated(r);
          },
          onError: errors.handle,
        },
      );
    }
  };

  return (
    <Drawer
      open
      size={480}
      title={person ? t('people.editTitle', { name: person.name }) : t('people.addTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          person
            ? {
                name: person.name,
                unitId: person.unitId,
                phone: person.phone ?? '',
                email: person.email ?? '',
              }
            : { unitId: defaultUnitId }
        }
      >
        {!person && (
          <Form.Item
            name="username"
            label={t('people.username')}
            rules={required}
            extra={t('people.usernameHint')}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('people.name')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitId" label={t('people.unit')} rules={required}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('people.email')}
          rules={[{ type: 'email', message: t('people.badEmail') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
