import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useReportItemMutations } from '../../api/report-items.ts';
import type { Cadence, Campaign } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeMultiSelect } from '../../components/unit-tree-select.tsx';
import { cadences } from '../../../../domain/tasks/cadence.ts';
import { cadenceLabel } from '../tasks/task-labels.ts';

interface Values {
  title: string;
  description?: string;
  cadence: Cadence;
  graceDays: number;
  unitIds: number[];
  period: [Dayjs, Dayjs];
}

const FIELDS = ['title', 'description', 'cadence', 'graceDays', 'unitIds', 'period'];
const mapField = (f: string) =>
  f === 'start' || f === 'end' ? 'period' : f.replace(/^unitIds\.\d+$/, 'unitIds');

/** 新建报送事项: a recurring submission (a monthly statistic, a briefing) from the listed units. */
export function ItemDrawer({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useReportItemMutations();
  const required = [{ required: true, message: t('common.required') }];
  const submit = (v: Values) => {
    errors.clear();
    m.create.mutate(
      {
        campaignId: campaign.id,
        title: v.title.trim(),
        description: v.description?.trim() ?? '',
        cadence: v.cadence,
        graceDays: v.graceDays,
        unitIds: v.unitIds,
        start: v.period[0].format('YYYY-MM-DD'),
        end: v.period[1].format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          void message.success(t('items.created'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Drawer
      open
      size={640}
      title={t('items.add')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={m.create.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          cadence: 'monthly',
          graceDays: 5,
          period: [dayjs(campaign.start), dayjs(campaign.end)],
        }}
      >
        <Form.Item name="title" label={t('items.title')} rules={required} extra={t('items.titleHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('items.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="cadence" label={t('tasks.cadence')} rules={required}>
          <Radio.Group
            optionType="button"
            options={cadences.map((c) => ({ value: c, label: t(cadenceLabel[c]) }))}
          />
        </Form.Item>
        <Form.Item
          name="graceDays"
          label={t('items.graceDays')}
          extra={t('items.graceDaysHint')}
          rules={required}
        >
          <InputNumber min={0} max={31} precision={0} suffix={t('settings.days')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('items.units')} rules={required}>
          <UnitTreeMultiSelect />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} rules={required}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
