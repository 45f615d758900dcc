import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAccountabilityMutations, type FollowUp } from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface Values {
  visitedOn: Dayjs;
  notes?: string;
  noEffectOnUse: boolean;
}

/** 登记回访: the day, what was found, and the opinion 不影响使用 where given. */
export function FollowUpModal({ followUp, onClose }: { followUp: FollowUp; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['visitedOn', 'notes', 'noEffectOnUse']);
  const m = useAccountabilityMutations();
  return (
    <Modal
      open
      title={`${t('acc.recordVisit')} · ${followUp.person.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('acc.recordVisit')}
      confirmLoading={m.recordFollowUp.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ visitedOn: dayjs().tz('Asia/Shanghai'), noEffectOnUse: false }}
        onFinish={(v) => {
          errors.clear();
          m.recordFollowUp.mutate(
            {
              id: followUp.id,
              visitedOn: v.visitedOn.format('YYYY-MM-DD'),
              notes: v.notes?.trim() ?? '',
              noEffectOnUse: v.noEffectOnUse,
            },
            {
              onSuccess: () => {
                void message.success(t('acc.visitRecorded'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="visitedOn"
          label={t('acc.visitedOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label={t('acc.visitNotes')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="noEffectOnUse" valuePropName="checked">
          <Checkbox>{t('acc.noEffectOnUse')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
