import { App, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { useTaskMutations } from '../../api/tasks.ts';
import type { TaskDetail } from '../../api/types.ts';
import { useCatalogue } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeMultiSelect } from '../../components/unit-tree-select.tsx';

interface Values {
  to: 'units' | string;
  unitIds?: number[];
  weight?: number;
}

const mapField = (f: string) => (/^unitIds\.\d+$/.test(f) ? 'unitIds' : f);

/** 分解任务: one subtask for each listed unit, or for every unit of a 赛道 (e.g. every town and street). */
export function SplitModal({
  task,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const to = Form.useWatch('to', form) ?? 'units';
  const errors = useFormErrors(form, ['unitIds', 'weight'], mapField);
  const groups = useCatalogue('peer-groups');
  const m = useTaskMutations();
  const submit = (v: Values) => {
    errors.clear();
    const target = v.to === 'units' ? { unitIds: v.unitIds ?? [] } : { peerGroupCode: v.to };
    m.split.mutate(
      { id: task.id, ...target, weight: v.weight ?? 1 },
      {
        onSuccess: (r) => {
          void message.success(t('tasks.splitDone', { n: r.ids.length }));
          onClose();
          onDone?.();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Modal
      open
      width={620}
      title={t('tasks.splitTitle', { code: task.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('tasks.split')}
      confirmLoading={m.split.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('tasks.splitHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ to: 'units', weight: 1 }}>
        <Form.Item name="to" label={t('tasks.splitTo')}>
          <Radio.Group
            options={[
              { value: 'units', label: t('tasks.splitToUnits') },
              ...(groups.data ?? []).map((g) => ({
                value: g.code,
                label: t('tasks.splitToGroup', {
                  group: lang === 'zh' ? g.nameZh : g.nameEn,
                  n: g.unitCount,
                }),
              })),
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        {to === 'units' && (
          <Form.Item
            name="unitIds"
            label={t('tasks.splitUnits')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <UnitTreeMultiSelect />
          </Form.Item>
        )}
        <Form.Item name="weight" label={t('tasks.weight')} extra={t('tasks.weightHint')}>
          <InputNumber min={0.01} max={1000} step={0.5} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
