import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMeetingMutations } from '../../api/meetings.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttendeeSelect, MeetingTaskSelect } from './meeting-pickers.tsx';

interface Values {
  title: string;
  heldOn: Dayjs;
  place?: string;
  attendeeIds?: number[];
  otherAttendees?: string;
  notes?: string;
  taskIds?: number[];
  decisions?: { text: string }[];
}

const FIELDS = [
  'title',
  'heldOn',
  'place',
  'attendeeIds',
  'otherAttendees',
  'notes',
  'taskIds',
  'decisions.*',
];
const mapField = (f: string) => f.replace(/^(attendeeIds|taskIds)\.\d+$/, '$1');

/** 记录调度会: who met, which tasks they went through, what they decided (议定事项). */
export function MeetingDrawer({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useMeetingMutations();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = (v: Values) => {
    errors.clear();
    m.create.mutate(
      {
        campaignId,
        title: v.title.trim(),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        place: v.place?.trim() ?? '',
        attendeeIds: v.attendeeIds ?? [],
        otherAttendees: v.otherAttendees?.trim() ?? '',
        notes: v.notes?.trim() ?? '',
        taskIds: v.taskIds ?? [],
        decisions: (v.decisions ?? []).filter((d) => d.text?.trim()).map((d) => ({ text: d.text.trim() })),
      },
      {
        onSuccess: () => {
          void message.success(t('meetings.recorded'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Drawer
      open
      size={720}
      title={t('meetings.add')}
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
        initialValues={{ heldOn: dayjs(), decisions: [{ text: '' }] }}
      >
        <Form.Item name="title" label={t('meetings.title')} rules={required} extra={t('meetings.titleHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="heldOn"
              label={t('meetings.heldOn')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="place" label={t('meetings.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="attendeeIds" label={t('meetings.attendees')}>
          <AttendeeSelect />
        </Form.Item>
        <Form.Item
          name="otherAttendees"
          label={t('meetings.otherAttendees')}
          extra={t('meetings.otherAttendeesHint')}
        >
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="taskIds" label={t('meetings.tasks')}>
          <MeetingTaskSelect campaignId={campaignId} />
        </Form.Item>
        <Form.Item name="notes" label={t('meetings.notes')}>
          <Input.TextArea rows={4} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item label={t('meetings.decisions')} extra={t('meetings.decisionsHint')}>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map(({ key, name }, i) => (
                  <div key={key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    <span className="luoshi-decision-no">{i + 1}.</span>
                    <Form.Item name={[name, 'text']} style={{ flex: 1, marginBottom: 0 }}>
                      <Input maxLength={1000} aria-label={t('meetings.decision', { n: i + 1 })} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(name)}
                    />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} block>
                  {t('meetings.addDecision')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
