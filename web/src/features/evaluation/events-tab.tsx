import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCampaigns } from '../../api/campaigns.ts';
import { useEventMutations, useEvents, type EventResponse } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useEventLabel } from './evaluation-labels.tsx';

const kinds = [
  'award_national',
  'award_provincial',
  'award_city',
  'praise_circular',
  'yellow_card',
  'red_card',
  'criticism_circular',
];

interface EventForm {
  unitId: number;
  campaignId: number | null;
  kind: string;
  title: string;
  occurredOn: Dayjs;
  note?: string;
}

function EventModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const eventLabel = useEventLabel();
  const [form] = Form.useForm<EventForm>();
  const campaigns = useCampaigns({}, { limit: 200, offset: 0 });
  const { record } = useEventMutations();
  const errors = useFormErrors(form, ['unitId', 'campaignId', 'kind', 'title', 'occurredOn', 'note']);
  const submit = (v: EventForm) =>
    record.mutate(
      {
        ...v,
        campaignId: v.campaignId ?? null,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        note: v.note ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('eval.events.recorded'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  return (
    <Modal
      open
      title={t('eval.events.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ campaignId: null }}>
        <Form.Item
          name="unitId"
          label={t('eval.unit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('eval.events.kind')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={kinds.map((k) => ({ value: k, label: eventLabel(k) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('eval.events.title')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input maxLength={200} placeholder="全国文明村镇 / 黄牌警告：信访积案化解不力" />
        </Form.Item>
        <Form.Item
          name="occurredOn"
          label={t('eval.events.occurredOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="campaignId" label={t('eval.campaign')}>
          <Select
            options={[
              { value: null, label: t('eval.events.campaignAll') },
              ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('eval.events.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 加减分事项: awards, yellow cards, circulars on units; entered here, or fed from supervision later. */
export function EventsTab() {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const eventLabel = useEventLabel();
  const paging = useServerPaging();
  const list = useEvents({}, paging.window);
  const { withdraw } = useEventMutations();
  const [adding, setAdding] = useState(false);
  const onWithdraw = (e: EventResponse) => {
    let reason = '';
    modal.confirm({
      title: `${t('eval.events.withdraw')}：${e.title}`,
      content: (
        <Input placeholder={t('eval.events.withdrawReason')} onChange={(x) => (reason = x.target.value)} />
      ),
      onOk: () => withdraw.mutateAsync({ id: e.id, reason: reason.trim() || '—' }),
    });
  };
  const columns: TableColumnsType<EventResponse> = [
    { title: t('eval.events.occurredOn'), dataIndex: 'occurredOn', width: 110 },
    { title: t('eval.unit'), key: 'unit', width: 150, render: (_, e) => e.unit.name },
    {
      title: t('eval.events.kind'),
      key: 'kind',
      width: 140,
      render: (_, e) => (
        <Tag color={e.kind.includes('award') || e.kind.startsWith('praise') ? 'red' : 'default'}>
          {eventLabel(e.kind)}
        </Tag>
      ),
    },
    {
      title: t('eval.events.title'),
      key: 'title',
      render: (_, e) => (e.withdrawn ? <Typography.Text delete>{e.title}</Typography.Text> : e.title),
    },
    {
      title: t('eval.events.origin'),
      key: 'origin',
      width: 130,
      render: (_, e) => t(`eval.events.origin.${e.origin}`),
    },
    {
      title: t('common.status'),
      key: 'state',
      width: 160,
      render: (_, e) =>
        e.withdrawn ? (
          <span title={e.withdrawn.reason}>
            <Tag>{t('eval.events.withdrawn')}</Tag>
            {new Date(e.withdrawn.at).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
          </span>
        ) : (
          <Button size="small" danger onClick={() => onWithdraw(e)}>
            {t('eval.events.withdraw')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
          {t('eval.events.sub')}
        </Typography.Text>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('eval.events.add')}
        </Button>
      }
    >
      <Table<EventResponse>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={paging.pagination(list.data?.total ?? 0)}
      />
      {adding && <EventModal onClose={() => setAdding(false)} />}
    </Card>
  );
}
