import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { cardColourLabels, circularToneLabels } from '../../../../domain/supervision/publication.ts';
import { usePublicationMutations } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeMultiSelect, UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { PeopleMultiSelect } from './people-multi-select.tsx';

interface WarningValues {
  unitId: number;
  colour: 'yellow' | 'red';
  reason: string;
  period: [Dayjs, Dayjs];
}

/** 起草警告: a yellow or red card on a unit, with a reason and a period. */
export function WarningModal({ onClose }: { onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<WarningValues>();
  const errors = useFormErrors(form, ['unitId', 'colour', 'reason', 'period'], (f) =>
    f === 'startOn' || f === 'endOn' ? 'period' : f,
  );
  const m = usePublicationMutations('warnings');
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('pub.newWarning')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.createWarning.isPending}
      destroyOnHidden
      width={620}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ colour: 'yellow' }}
        onFinish={(v) => {
          errors.clear();
          m.createWarning.mutate(
            {
              unitId: v.unitId,
              colour: v.colour,
              reason: v.reason.trim(),
              startOn: v.period[0].format('YYYY-MM-DD'),
              endOn: v.period[1].format('YYYY-MM-DD'),
            },
            {
              onSuccess: () => {
                void message.success(t('pub.drafted'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item name="unitId" label={t('pub.unit')} rules={required}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="colour" label={t('pub.colour')} rules={required}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'yellow', label: pick(cardColourLabels.yellow) },
              { value: 'red', label: pick(cardColourLabels.red) },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('pub.reason')} rules={[{ ...required[0], whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="period" label={t('pub.period')} rules={required}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CircularValues {
  tone: 'praise' | 'criticism';
  title: string;
  body: string;
  unitIds?: number[];
  personIds?: number[];
}

/** 起草通报: praise or criticism, naming units and people. */
export function CircularModal({ onClose }: { onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CircularValues>();
  const errors = useFormErrors(form, ['tone', 'title', 'body', 'unitIds', 'personIds'], (f) =>
    f.replace(/^(unitIds|personIds)\.\d+$/, '$1'),
  );
  const m = usePublicationMutations('circulars');
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('pub.newCircular')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.createCircular.isPending}
      destroyOnHidden
      width={720}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ tone: 'criticism' }}
        onFinish={(v) => {
          errors.clear();
          m.createCircular.mutate(
            {
              tone: v.tone,
              title: v.title.trim(),
              body: v.body.trim(),
              unitIds: v.unitIds ?? [],
              personIds: v.personIds ?? [],
            },
            {
              onSuccess: () => {
                void message.success(t('pub.drafted'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item name="tone" label={t('pub.tone')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'criticism', label: pick(circularToneLabels.criticism) },
              { value: 'praise', label: pick(circularToneLabels.praise) },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('pub.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('pub.body')} rules={required}>
          <Input.TextArea rows={8} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item name="unitIds" label={t('pub.units')}>
          <UnitTreeMultiSelect />
        </Form.Item>
        <Form.Item name="personIds" label={t('pub.people')}>
          <PeopleMultiSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
