import { App, Button, DatePicker, Drawer, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCampaignMutations } from '../../api/campaigns.ts';
import type { Campaign } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface Values {
  name: string;
  period: [Dayjs, Dayjs];
  leadingGroup?: string;
  description?: string;
}

const DATE = 'YYYY-MM-DD';
const periodField = (f: string) => (f === 'start' || f === 'end' ? 'period' : f);

/** 新建 / 编辑专项行动: name, period, leading group, description. */
export function CampaignDrawer({
  campaign,
  onClose,
  onCreated,
}: {
  /** null: a new campaign. */
  campaign: Campaign | null;
  onClose: () => void;
  onCreated?: (c: Campaign) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['name', 'period', 'leadingGroup', 'description'], periodField);
  const m = useCampaignMutations();
  const required = [{ required: true, message: t('common.required') }];

  const submit = (v: Values) => {
    errors.clear();
    const body = {
      name: v.name,
      start: v.period[0].format(DATE),
      end: v.period[1].format(DATE),
      leadingGroup: v.leadingGroup?.trim() ?? '',
      description: v.description?.trim() ?? '',
    };
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (campaign) m.update.mutate({ id: campaign.id, ...body }, { onSuccess: done, onError: errors.handle });
    else
      m.create.mutate(body, {
        onSuccess: (c) => {
          done();
          onCreated?.(c);
        },
        onError: errors.handle,
      });
  };

  return (
    <Drawer
      open
      size={560}
      title={campaign ? t('campaigns.editTitle', { name: campaign.name }) : t('campaigns.add')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={m.create.isPending || m.update.isPending}
            onClick={() => form.submit()}
          >
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
        initialValues={
          campaign
            ? {
                name: campaign.name,
                period: [dayjs(campaign.start), dayjs(campaign.end)],
                leadingGroup: campaign.leadingGroup,
                description: campaign.description,
              }
            : {}
        }
      >
        <Form.Item name="name" label={t('campaigns.name')} rules={required} extra={t('campaigns.nameHint')}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} rules={required}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={[t('campaigns.start'), t('campaigns.end')]}
          />
        </Form.Item>
        <Form.Item
          name="leadingGroup"
          label={t('campaigns.leadingGroup')}
          extra={t('campaigns.leadingGroupHint')}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('campaigns.description')}>
          <Input.TextArea rows={6} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
