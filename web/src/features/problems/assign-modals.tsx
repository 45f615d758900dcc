import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useProblemMutations } from '../../api/problems.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { UnitPersonSelect } from './problem-pickers.tsx';

const DATE = 'YYYY-MM-DD';

interface AssignValues {
  unitId: number;
  personId?: number | null;
  deadline?: Dayjs;
  note?: string;
}

/**
 * 交办 / 改派 one problem, or 批量交办 several (`ids`): the responsible unit
 * and person, and for one problem optionally a new deadline and a note.
 */
export function AssignModal({
  ids,
  current,
  onClose,
  onDone,
}: {
  ids: number[];
  /** The problem's present unit, person and deadline (one problem). */
  current?: { unitId: number; personId: number | null; deadline: string };
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const picksPeople = useCan('people.browse');
  const [form] = Form.useForm<AssignValues>();
  const errors = useFormErrors(form, ['unitId', 'personId', 'deadline', 'note']);
  const m = useProblemMutations();
  const unitId = Form.useWatch('unitId', form);
  const single = ids.length === 1 && current !== undefined;
  const done = (n: number) => {
    void message.success(single ? t('problems.assigned') : t('problems.bulkAssigned', { n }));
    onDone?.();
    onClose();
  };
  const submit = (v: AssignValues) => {
    errors.clear();
    if (single)
      m.assign.mutate(
        {
          id: ids[0]!,
          unitId: v.unitId,
          personId: v.personId ?? null,
          ...(v.deadline ? { deadline: v.deadline.format(DATE) } : {}),
          note: v.note?.trim() ?? '',
        },
        { onSuccess: () => done(1), onError: errors.handle },
      );
    else
      m.bulkAssign.mutate(
        { ids, unitId: v.unitId, personId: v.personId ?? null },
        { onSuccess: (r) => done(r.updated), onError: errors.handle },
      );
  };
  return (
    <Modal
      open
      title={
        single ? t('problems.assignTitle', { no: ids[0]! }) : t('problems.bulkAssignTitle', { n: ids.length })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.assign')}
      confirmLoading={m.assign.isPending || m.bulkAssign.isPending}
      destroyOnHidden
      width={560}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 12 }}
        initialValues={
          current
            ? { unitId: current.unitId, personId: current.personId, deadline: dayjs(current.deadline) }
            : {}
        }
      >
        <Form.Item
          name="unitId"
          label={t('problems.unit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <UnitTreeSelect onChange={() => form.setFieldValue('personId', null)} />
        </Form.Item>
        {picksPeople && (
          <Form.Item name="personId" label={t('problems.person')}>
            <UnitPersonSelect unitId={unitId} />
          </Form.Item>
        )}
        {single && (
          <>
            <Form.Item name="deadline" label={t('problems.deadline')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('problems.assignNote')}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 设置整改时限 of one problem or many at once (all or nothing, one audit entry each). */
export function DeadlineModal({
  ids,
  current,
  onClose,
  onDone,
}: {
  ids: number[];
  current?: string;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deadline: Dayjs; note?: string }>();
  const errors = useFormErrors(form, ['deadline', 'note']);
  const m = useProblemMutations();
  return (
    <Modal
      open
      title={
        ids.length === 1
          ? t('problems.deadlineTitle', { no: ids[0]! })
          : t('problems.bulkDeadlineTitle', { n: ids.length })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.bulkDeadline.isPending}
      destroyOnHidden
      width={520}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={current ? { deadline: dayjs(current) } : {}}
        onFinish={(v) => {
          errors.clear();
          m.bulkDeadline.mutate(
            { ids, deadline: v.deadline.format(DATE), note: v.note?.trim() ?? '' },
            {
              onSuccess: (r) => {
                void message.success(t('problems.deadlineSet', { n: r.updated }));
                onDone?.();
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="deadline"
          label={t('problems.newDeadline')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('problems.deadlineNote')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
