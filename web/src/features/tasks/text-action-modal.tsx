import { App, Form, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { Attachment } from '../../api/attachments.ts';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttachmentsInput } from '../../components/attachments.tsx';

export interface TextAction {
  title: string;
  /** The API's name of the text field (`reason`, `text`, `answer`, `evidence`, `note`): errors land on it. */
  field: string;
  label: string;
  okText: string;
  done: string;
  required?: boolean;
  max: number;
  placeholder?: string;
  /** Shown above the field: what is being answered, returned or sent back. */
  context?: ReactNode;
  danger?: boolean;
  /** The detail tab that shows the result. */
  tab?: string;
  /** What the field starts with (revising a returned text). */
  initial?: string;
  /** Files may go with the text (evidence, a submission); files already attached stay. */
  attachments?: boolean;
  submit: (text: string, attachmentIds: number[]) => Promise<unknown>;
}

/** One modal for every action that takes one text: a reason, an instruction, an answer, evidence. */
export function TextActionModal({
  action,
  onClose,
  onDone,
}: {
  action: TextAction;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string; attachments?: Attachment[] }>();
  const errors = useFormErrors(form, ['text', 'attachments'], (f) =>
    f === action.field ? 'text' : f.startsWith('attachmentIds') ? 'attachments' : f,
  );
  const [busy, setBusy] = useState(false);
  const submit = ({ text, attachments }: { text?: string; attachments?: Attachment[] }) => {
    errors.clear();
    setBusy(true);
    action
      .submit(
        text?.trim() ?? '',
        (attachments ?? []).map((a) => a.id),
      )
      .then(() => {
        void message.success(action.done);
        onClose();
        onDone?.();
      }, errors.handle)
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      open
      title={action.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action.okText}
      confirmLoading={busy}
      okButtonProps={{ danger: action.danger }}
      destroyOnHidden
      width={600}
    >
      {errors.alert}
      {action.context && <div className="luoshi-modal-context">{action.context}</div>}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 12 }}
        initialValues={{ text: action.initial, attachments: [] }}
      >
        <Form.Item
          name="text"
          label={action.label}
          rules={
            action.required === false
              ? []
              : [{ required: true, whitespace: true, message: t('common.required') }]
          }
        >
          <Input.TextArea rows={5} maxLength={action.max} showCount placeholder={action.placeholder} />
        </Form.Item>
        {action.attachments && (
          <Form.Item name="attachments" label={t('attachments.label')}>
            <AttachmentsInput />
          </Form.Item>
        )}
      </Form>
      {action.required === false && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('common.optional')}
        </Typography.Text>
      )}
    </Modal>
  );
}
