import { App, Button, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCalendarMutations } from '../../api/calendar.ts';
import type { CalendarDay } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface Values {
  date: Dayjs;
  kind: CalendarDay['kind'];
  name: string;
}

/** Sets a day as a holiday (放假) or a make-up working day (调休上班), or makes it ordinary again. */
export function CalendarDayModal({
  date,
  day,
  onClose,
}: {
  date: string;
  day?: CalendarDay;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['date', 'kind', 'name']);
  const m = useCalendarMutations();
  const weekend = [0, 6].includes(dayjs(date).day());
  const submit = (v: Values) => {
    errors.clear();
    m.set.mutate(
      { date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  const clear = () =>
    m.clear.mutate(date, {
      onSuccess: () => {
        void message.success(t('calendar.cleared'));
        onClose();
      },
      onError: errors.handle,
    });
  return (
    <Modal
      open
      title={day ? t('calendar.editTitle', { date }) : t('calendar.add')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        day && (
          <Button key="clear" danger loading={m.clear.isPending} onClick={clear}>
            {t('calendar.clear')}
          </Button>
        ),
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={m.set.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          date: dayjs(date),
          kind: day?.kind ?? (weekend ? 'workday' : 'holiday'),
          name: day?.name ?? '',
        }}
      >
        <Form.Item
          name="date"
          label={t('calendar.date')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker disabled={!!day} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendar.holiday') },
              { value: 'workday', label: t('calendar.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.name')}
          extra={t('calendar.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
