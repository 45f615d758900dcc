import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTaskMutations } from '../../api/tasks.ts';
import type { TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface Values {
  kind: 'deadline' | 'target';
  deadline?: Dayjs;
  targetText?: string;
  targetValue?: number | null;
  reason: string;
}

/** 调整申请: a new deadline or target, with the reason; the office decides. */
export function ChangeModal({
  task,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'deadline';
  const errors = useFormErrors(form, ['deadline', 'targetText', 'targetValue', 'reason']);
  const m = useTaskMutations();
  const submit = (v: Values) => {
    errors.clear();
    const body =
      v.kind === 'deadline'
        ? { kind: v.kind, deadline: v.deadline?.format('YYYY-MM-DD'), reason: v.reason.trim() }
        : {
            kind: v.kind,
            targetText: v.targetText?.trim() ?? '',
            ...(task.targetValue !== null ? { targetValue: v.targetValue ?? null } : {}),
            reason: v.reason.trim(),
          };
    m.requestChange.mutate(
      { id: task.id, ...body },
      {
        onSuccess: () => {
          void message.success(t('changes.requested'));
          onClose();
          onDone?.();
        },
        onError: errors.handle,
      },
    );
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      width={600}
      title={t('changes.requestTitle', { code: task.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('changes.submit')}
      confirmLoading={m.requestChange.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'deadline', targetText: task.targetText, targetValue: task.targetValue }}
      >
        <Form.Item name="kind" label={t('changes.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'deadline', label: t('changes.kindDeadline') },
              { value: 'target', label: t('changes.kindTarget') },
            ]}
          />
        </Form.Item>
        {kind === 'deadline' ? (
          <Form.Item
            name="deadline"
            label={t('changes.newDeadline')}
            rules={required}
            extra={t('changes.currentDeadline', { date: task.deadline })}
          >
            <DatePicker style={{ width: 220 }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="targetText" label={t('changes.newTargetText')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
            {task.targetValue !== null && (
              <Form.Item name="targetValue" label={t('changes.newTargetValue')}>
                <InputNumber suffix={task.targetUnit ?? undefined} style={{ width: 240 }} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item
          name="reason"
          label={t('changes.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
