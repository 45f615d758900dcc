import { App, Form, Modal, Select } from 'antd';
import { useGrantMutations } from '../../api/grants.ts';
import type { Role } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { roles } from '../../../../domain/roles.ts';
import { PersonSelect } from './person-select.tsx';

interface Values {
  personId: number;
  role: Role;
  unitId: number;
}

/** 新增授权: a person, a role, and the unit the role applies to. */
export function GrantModal({ onClose }: { onClose: () => void }) {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['personId', 'role', 'unitId']);
  const m = useGrantMutations();
  const required = [{ required: true, message: t('common.required') }];
  const submit = (v: Values) => {
    errors.clear();
    m.create.mutate(v, {
      onSuccess: () => {
        void message.success(t('grants.granted'));
        onClose();
      },
      onError: errors.handle,
    });
  };
  return (
    <Modal
      open
      title={t('grants.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.create.isPending}
      okText={t('grants.grant')}
      destroyOnHidden
      width={560}
    >
      {errors.alert}
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={submit}>
        <Form.Item name="personId" label={t('grants.person')} rules={required}>
          <PersonSelect />
        </Form.Item>
        <Form.Item name="role" label={t('grants.role')} rules={required} extra={t('grants.separationHint')}>
          <Select<Role>
            options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
            placeholder={t('common.select')}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('grants.unit')} rules={required} extra={t('grants.unitHint')}>
          <UnitTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
