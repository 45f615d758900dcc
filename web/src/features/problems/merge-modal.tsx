import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useProblemMutations, useProblems } from '../../api/problems.ts';
import type { ProblemDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { problemNo } from './problem-columns.tsx';

/** An open problem to merge into, searched on the server by words of its description. */
function OpenProblemSelect({
  exclude,
  value,
  onChange,
  id,
}: {
  exclude: number;
  value?: number;
  onChange?: (v: number | undefined) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useProblems({ open: true, q: q || undefined }, { limit: 30, offset: 0 });
  const options = (list.data?.items ?? [])
    .filter((p) => p.id !== exclude)
    .map((p) => ({ value: p.id, label: `${problemNo(p.id)} ${p.unit.name} · ${p.description}` }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      loading={list.isFetching}
      placeholder={t('problems.mergeSearch')}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatch')}
      allowClear
    />
  );
}

/** 合并重复问题: this problem is a duplicate of another open one; it ends here, never counted as found. */
export function MergeModal({
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
  const [form] = Form.useForm<{ intoId: number; note?: string }>();
  const errors = useFormErrors(form, ['intoId', 'note']);
  const m = useProblemMutations();
  return (
    <Modal
      open
      width={640}
      title={t('problems.mergeTitle', { no: problem.id })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.merge')}
      okButtonProps={{ danger: true }}
      confirmLoading={m.merge.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <div className="luoshi-modal-context">{problem.description}</div>
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={(v) => {
          errors.clear();
          m.merge.mutate(
            { id: problem.id, intoId: v.intoId, note: v.note?.trim() ?? '' },
            {
              onSuccess: () => {
                void message.success(t('problems.merged'));
                onDone?.();
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="intoId"
          label={t('problems.mergeInto')}
          extra={t('problems.mergeHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OpenProblemSelect exclude={problem.id} />
        </Form.Item>
        <Form.Item name="note" label={t('problems.mergeNote')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
