import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { roundKindLabels, roundKinds, type RoundKind } from '../../../../domain/contracts/supervision.ts';
import { useRoundMutations, type RoundDetail } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeMultiSelect } from '../../components/unit-tree-select.tsx';
import { CampaignSelect, SourceSelect } from '../problems/problem-pickers.tsx';
import { PeopleMultiSelect } from './people-multi-select.tsx';

interface TeamValues {
  name: string;
  memberIds: number[];
  leaderId?: number;
  unitIds?: number[];
}

interface Values {
  name: string;
  kind: RoundKind;
  period: [Dayjs, Dayjs];
  campaignId?: number;
  sourceId?: number;
  description?: string;
  unitIds: number[];
  teams?: TeamValues[];
}

const FIELDS = [
  'name',
  'kind',
  'period',
  'campaignId',
  'sourceId',
  'description',
  'unitIds',
  'teams',
  'teams.*',
];

/** API field → form field: the period's ends go on the range, a list's items on the list. */
function mapField(f: string): string {
  if (f === 'startOn' || f === 'endOn') return 'period';
  if (/^unitIds\.\d+$/.test(f)) return 'unitIds';
  const team = /^teams\.(\d+)\.(memberIds|unitIds)\.\d+$/.exec(f);
  if (team) return `teams.${team[1]}.${team[2]}`;
  return f;
}

/** 部署督查: kind, period, units covered, teams with members (each team's units among the round's). */
export function RoundFormDrawer({
  onClose,
  onSaved,
}: {
  onClose: () => void;
  onSaved: (r: RoundDetail) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useRoundMutations();
  const required = [{ required: true, message: t('common.required') }];
  const submit = (v: Values) => {
    errors.clear();
    m.create.mutate(
      {
        name: v.name.trim(),
        kind: v.kind,
        startOn: v.period[0].format('YYYY-MM-DD'),
        endOn: v.period[1].format('YYYY-MM-DD'),
        campaignId: v.campaignId ?? null,
        sourceId: v.sourceId ?? null,
        description: v.description?.trim() ?? '',
        unitIds: v.unitIds,
        teams: (v.teams ?? []).map((x) => ({
          name: x.name.trim(),
          memberIds: x.memberIds ?? [],
          leaderId: x.leaderId ?? null,
          unitIds: x.unitIds ?? [],
        })),
      },
      {
        onSuccess: (r) => {
          void message.success(t('rounds.created'));
          onSaved(r);
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Drawer
      open
      size={760}
      title={t('rounds.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={m.create.isPending} onClick={() => form.submit()}>
            {t('rounds.create')}
          </Button>
        </Space>
      }
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'special_check', teams: [] }}
      >
        <Form.Item name="name" label={t('rounds.name')} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="kind" label={t('rounds.kind')} rules={required} style={{ width: 200 }}>
            <Select options={roundKinds.map((k) => ({ value: k, label: pick(roundKindLabels[k]) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('rounds.period')} rules={required} style={{ width: 320 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="campaignId" label={t('problems.campaign')} style={{ width: 300 }}>
            <CampaignSelect placeholder={t('problems.campaign')} />
          </Form.Item>
          <Form.Item
            name="sourceId"
            label={t('rounds.source')}
            extra={t('rounds.sourceDefault')}
            style={{ width: 300 }}
          >
            <SourceSelect allowClear />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('rounds.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('rounds.units')} rules={required}>
          <UnitTreeMultiSelect />
        </Form.Item>
        <Form.List name="teams">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`${t('rounds.teams')} ${i + 1}`}
                  extra={
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.delete')}
                    />
                  }
                >
                  <Form.Item
                    name={[f.name, 'name']}
                    label={t('rounds.teamName')}
                    rules={[{ ...required[0], whitespace: true }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'memberIds']} label={t('rounds.teamMembers')} rules={required}>
                    <PeopleMultiSelect />
                  </Form.Item>
                  <Form.Item name={[f.name, 'leaderId']} label={t('rounds.teamLeader')}>
                    <PeopleMultiSelect single />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'unitIds']}
                    label={t('rounds.teamUnits')}
                    style={{ marginBottom: 0 }}
                  >
                    <UnitTreeMultiSelect />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: `第${fields.length + 1}督查组`, memberIds: [] })}
              >
                {t('rounds.addTeam')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
