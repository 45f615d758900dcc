import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { AuditFilter } from '../../api/audit.ts';
import { useAuditActions } from '../../api/audit.ts';
import { useI18n } from '../../app/i18n.tsx';
import { auditActionLabels, auditObjectTypes } from './audit-labels.ts';

interface Values {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const TZ = 'Asia/Shanghai';

/** A wall-clock time picked on screen, read as Beijing time, as ISO with offset. */
const beijing = (d: Dayjs) => dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), TZ).format();

function toFilter(v: Values): AuditFilter {
  const clean = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  const [from, to] = v.range ?? [null, null];
  return {
    actor: clean(v.actor),
    action: v.action,
    objectType: v.objectType,
    objectId: clean(v.objectId),
    q: clean(v.q),
    from: from ? beijing(from.startOf('minute')) : undefined,
    // The picker shows minutes; the end minute counts in full.
    to: to ? beijing(to.startOf('minute').add(1, 'minute')) : undefined,
  };
}

/** The audit log's filter bar: who, what, on which object, when. */
export function AuditFilters({ onChange }: { onChange: (f: AuditFilter) => void }) {
  const { t, pick } = useI18n();
  const actions = useAuditActions();
  const [form] = Form.useForm<Values>();
  const label = (a: string) => (auditActionLabels[a] ? `${pick(auditActionLabels[a])}（${a}）` : a);
  return (
    <Card className="luoshi-filter-bar" size="small">
      <Form form={form} layout="inline" onFinish={(v) => onChange(toFilter(v))} style={{ rowGap: 8 }}>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            options={(actions.data ?? []).map((a) => ({ value: a, label: label(a) }))}
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item name="objectType" label={t('audit.objectType')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={Object.entries(auditObjectTypes).map(([value, l]) => ({ value, label: pick(l) }))}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.objectId')}>
          <Input allowClear style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.timeRange')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="q" label={t('audit.keyword')}>
          <Input allowClear placeholder={t('audit.keywordPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onChange({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
