import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useProblemMutations } from '../../api/problems.ts';
import type { ProblemDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface MeasureValues {
  text: string;
  owner: string;
  dueOn: Dayjs;
  done?: boolean;
}

const DATE = 'YYYY-MM-DD';

/**
 * 制定整改措施: the unit's list of measures, each with its owner and due
 * date (by the problem's deadline). Filing again replaces the list.
 */
export function MeasuresModal({
  problem,
  onClose,
  onDone,
}: {
  problem: ProblemDetail;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ measures: MeasureValues[] }>();
  const errors = useFormErrors(form, ['measures', 'measures.*']);
  const m = useProblemMutations();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const initial: MeasureValues[] =
    problem.measures.length > 0
      ? problem.measures.map((x) => ({ text: x.text, owner: x.owner, dueOn: dayjs(x.dueOn), done: x.done }))
      : [{ text: '', owner: problem.person?.name ?? '', dueOn: dayjs(problem.deadline), done: false }];
  return (
    <Modal
      open
      width={900}
      title={t(problem.measures.length > 0 ? 'problems.reviseMeasuresTitle' : 'problems.fileMeasuresTitle', {
        no: problem.id,
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.submitMeasures')}
      confirmLoading={m.fileMeasures.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <div className="luoshi-modal-context">{problem.description}</div>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px' }}>
        {t('problems.measuresHint', { date: problem.deadline })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ measures: initial }}
        onFinish={(v) => {
          errors.clear();
          m.fileMeasures.mutate(
            {
              id: problem.id,
              measures: v.measures.map((x) => ({
                text: x.text.trim(),
                owner: x.owner.trim(),
                dueOn: x.dueOn.format(DATE),
                done: x.done ?? false,
              })),
            },
            {
              onSuccess: () => {
                void message.success(t('problems.measuresFiled'));
                onDone?.();
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <div className="luoshi-measures-edit">
              <div className="luoshi-measure-row luoshi-milestone-head">
                <span />
                <Typography.Text type="secondary">{t('problems.measureText')}</Typography.Text>
                <Typography.Text type="secondary">{t('problems.measureOwner')}</Typography.Text>
                <Typography.Text type="secondary">{t('problems.measureDue')}</Typography.Text>
                <Typography.Text type="secondary">{t('problems.measureDone')}</Typography.Text>
                <span />
              </div>
              {fields.map(({ key, name }, i) => (
                <div key={key} className="luoshi-measure-row">
                  <span className="luoshi-decision-no">{i + 1}.</span>
                  <Form.Item name={[name, 'text']} rules={required}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={1000}
                      placeholder={t('problems.measureTextPlaceholder')}
                      aria-label={t('problems.measureText')}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'owner']} rules={required}>
                    <Input maxLength={100} aria-label={t('problems.measureOwner')} />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'dueOn']}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <DatePicker style={{ width: '100%' }} aria-label={t('problems.measureDue')} />
                  </Form.Item>
                  <Form.Item name={[name, 'done']} valuePropName="checked">
                    <Checkbox aria-label={t('problems.measureDone')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    disabled={fields.length === 1}
                    onClick={() => remove(name)}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                block
                disabled={fields.length >= 50}
                onClick={() => add({ text: '', owner: '', dueOn: dayjs(problem.deadline), done: false })}
              >
                {t('problems.addMeasure')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 报告整改进度 of a long-term problem: the percent done against the stage targets. */
export function ProgressModal({
  problem,
  onClose,
  onDone,
}: {
  problem: ProblemDetail;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ percent: number; note?: string }>();
  const errors = useFormErrors(form, ['percent', 'note']);
  const m = useProblemMutations();
  return (
    <Modal
      open
      title={t('problems.progressTitle', { no: problem.id })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.reportProgress')}
      confirmLoading={m.reportProgress.isPending}
      destroyOnHidden
      width={520}
    >
      {errors.alert}
      {problem.expectedPercent !== null && (
        <div className="luoshi-modal-context">
          {t('problems.expectedNow', { n: Math.round(problem.expectedPercent) })}
        </div>
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ percent: problem.progress }}
        onFinish={(v) => {
          errors.clear();
          m.reportProgress.mutate(
            { id: problem.id, percent: v.percent, note: v.note?.trim() ?? '' },
            {
              onSuccess: () => {
                void message.success(t('problems.progressReported'));
                onDone?.();
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="percent"
          label={t('problems.progressPercent')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={0} max={100} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label={t('problems.progressNote')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
