import { Alert, App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTaskMutations } from '../../api/tasks.ts';
import type { Report, TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Attachment } from '../../api/attachments.ts';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttachmentList, AttachmentsInput } from '../../components/attachments.tsx';

interface Values {
  attachments?: Attachment[];
  mode: 'percent' | 'value';
  percent?: number | null;
  actualValue?: number | null;
  progress: string;
  gap?: string;
  reason?: string;
  measures?: string;
}

const FIELDS = ['percent', 'actualValue', 'progress', 'gap', 'reason', 'measures', 'attachments'];
const mapField = (f: string) => (f.startsWith('attachmentIds') ? 'attachments' : f);

/**
 * 进度报送: percent done or the actual value, and the four texts 进度 / 差距 /
 * 原因 / 措施 (四明). Revising a returned report starts from what was sent.
 */
export function ReportModal({
  task,
  returned,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  returned?: Report;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useTaskMutations();
  const [mode, setMode] = useState<Values['mode']>(
    returned?.actualValue != null && returned.percent == null ? 'value' : 'percent',
  );
  const hasTarget = task.targetValue !== null;
  const unit = task.targetUnit ?? '';
  const submit = (v: Values) => {
    errors.clear();
    m.report.mutate(
      {
        id: task.id,
        percent: v.mode === 'percent' ? (v.percent ?? null) : null,
        actualValue: v.mode === 'value' ? (v.actualValue ?? null) : null,
        progress: v.progress.trim(),
        gap: v.gap?.trim() ?? '',
        reason: v.reason?.trim() ?? '',
        measures: v.measures?.trim() ?? '',
        attachmentIds: (v.attachments ?? []).map((a) => a.id),
      },
      {
        onSuccess: () => {
          void message.success(t('reports.submittedDone'));
          onClose();
          onDone?.();
        },
        onError: errors.handle,
      },
    );
  };
  const text = (name: keyof Values, label: string, hint: string, required = false) => (
    <Form.Item
      name={name}
      label={label}
      extra={hint}
      rules={required ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
    >
      <Input.TextArea rows={3} maxLength={4000} showCount />
    </Form.Item>
  );
  return (
    <Modal
      open
      width={720}
      title={t(returned ? 'reports.reviseTitle' : 'reports.writeTitle', { code: task.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reports.submit')}
      confirmLoading={m.report.isPending}
      destroyOnHidden
    >
      {errors.alert}
      {returned?.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('reports.returnedBecause', { reason: returned.returnReason })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          mode,
          percent: returned?.percent ?? task.progress,
          actualValue: returned?.actualValue ?? task.actualValue,
          progress: returned?.progress,
          gap: returned?.gap,
          reason: returned?.reason,
          measures: returned?.measures,
          attachments: [],
        }}
      >
        {hasTarget && (
          <Form.Item name="mode" label={t('reports.mode')}>
            <Radio.Group
              optionType="button"
              onChange={(e) => setMode(e.target.value as Values['mode'])}
              options={[
                { value: 'percent', label: t('reports.byPercent') },
                { value: 'value', label: t('reports.byValue') },
              ]}
            />
          </Form.Item>
        )}
        {mode === 'percent' ? (
          <Form.Item
            name="percent"
            label={t('reports.percent')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={
              task.expectedPercent !== null
                ? t('reports.percentHint', { n: task.expectedPercent })
                : undefined
            }
          >
            <InputNumber min={0} max={100} suffix="%" style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="actualValue"
            label={t('reports.actualValue')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={t('reports.targetIs', { value: task.targetValue ?? '', unit })}
          >
            <InputNumber suffix={unit || undefined} style={{ width: 240 }} />
          </Form.Item>
        )}
        {text('progress', t('reports.progress'), t('reports.progressHint'), true)}
        {text('gap', t('reports.gap'), t('reports.gapHint'))}
        {text('reason', t('reports.reason'), t('reports.reasonHint'))}
        {text('measures', t('reports.measures'), t('reports.measuresHint'))}
        <Form.Item
          name="attachments"
          label={t('attachments.label')}
          extra={
            returned && returned.attachments.length > 0 ? (
              <div style={{ marginTop: 8 }}>
                {t('attachments.kept')}
                <AttachmentList items={returned.attachments} />
              </div>
            ) : undefined
          }
        >
          <AttachmentsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
