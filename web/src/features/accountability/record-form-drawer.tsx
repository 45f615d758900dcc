import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  useAccountabilityMutations,
  useAccountabilityPersons,
  type AccountabilityPerson,
  type LeniencyKind,
} from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { ProblemIdsInput } from '../supervision/problem-ids-input.tsx';
import {
  distinctionLabels,
  formLabels,
  forms,
  leniencyLabels,
  measures,
  measuresOf,
  threeDistinctions,
  type Form as FormNo,
  type MeasureCode,
} from './accountability-labels.tsx';

interface Values {
  kind: 'person' | 'unit';
  personId?: number;
  unitId?: number;
  form?: FormNo;
  measure?: MeasureCode | 'none';
  decidedOn: Dayjs;
  basisProblemIds?: number[];
  basisText?: string;
  withLeniency: boolean;
  leniency?: {
    kind: LeniencyKind;
    distinctions?: string[];
    reasoning?: string;
    ordinaryMeasure?: MeasureCode;
  };
  decisionText: string;
}

const FIELDS = [
  'personId',
  'unitId',
  'measure',
  'decidedOn',
  'basisProblemIds',
  'basisText',
  'leniency',
  'leniency.*',
  'decisionText',
];

function mapField(f: string): string {
  if (f === 'subject.accountabilityPersonId') return 'personId';
  if (f === 'subject.unitId') return 'unitId';
  if (/^basisProblemIds\.\d+$/.test(f)) return 'basisProblemIds';
  if (/^leniency\.distinctions\.\d+$/.test(f)) return 'leniency.distinctions';
  return f;
}

/** 录入问责记录: who, on what basis, the form and measure, leniency with its reasoning, the decision (encrypted). */
export function RecordFormDrawer({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useAccountabilityMutations();
  const kind = Form.useWatch('kind', form);
  const formNo = Form.useWatch('form', form);
  const withLeniency = Form.useWatch('withLeniency', form);
  const leniencyKind = Form.useWatch(['leniency', 'kind'], form);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<AccountabilityPerson[]>([]);
  const required = [{ required: true, message: t('common.required') }];
  const measureOptions = (kind === 'unit' ? measuresOf('unit') : formNo ? measuresOf(formNo) : []).map(
    (c) => ({
      value: c,
      label: pick(measures[c]),
    }),
  );
  const exempt = withLeniency && leniencyKind === 'exempt';
  const submit = (v: Values) => {
    errors.clear();
    const measure = v.measure === undefined || v.measure === 'none' ? null : v.measure;
    m.addRecord.mutate(
      {
        caseId,
        subject:
          v.kind === 'unit'
            ? { kind: 'unit', unitId: v.unitId ?? 0 }
            : { kind: 'person', accountabilityPersonId: v.personId ?? 0 },
        basisProblemIds: v.basisProblemIds ?? [],
        basisText: v.basisText?.trim() ?? '',
        measure,
        decidedOn: v.decidedOn.format('YYYY-MM-DD'),
        leniency:
          v.withLeniency && v.leniency
            ? {
                kind: v.leniency.kind,
                distinctions: (v.leniency.distinctions ?? []) as (typeof threeDistinctions)[number][],
                reasoning: v.leniency.reasoning?.trim() ?? '',
                ordinaryMeasure: v.leniency.ordinaryMeasure ?? null,
              }
            : null,
        decisionText: v.decisionText.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t('acc.recordAdded'));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Drawer
      open
      size={780}
      title={t('acc.addRecord')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={m.addRecord.isPending} onClick={() => form.submit()}>
            {t('acc.addRecord')}
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
          kind: 'person',
          withLeniency: false,
          decidedOn: dayjs().tz('Asia/Shanghai'),
          leniency: { kind: 'lenient' },
        }}
      >
        <Form.Item name="kind" label={t('acc.subject')}>
          <Radio.Group
            optionType="button"
            onChange={() => form.setFieldsValue({ form: undefined, measure: undefined })}
            options={[
              { value: 'person', label: t('acc.subjectPerson') },
              { value: 'unit', label: t('acc.subjectUnit') },
            ]}
          />
        </Form.Item>
        {kind === 'unit' ? (
          <Form.Item name="unitId" label={t('acc.unit')} rules={required}>
            <UnitTreeSelect />
          </Form.Item>
        ) : (
          <Form.Item label={t('acc.person')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="personId" rules={required} noStyle>
                <RegisterSelect extra={registered} />
              </Form.Item>
              <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                {t('acc.registerPerson')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Row gutter={16}>
          {kind !== 'unit' && (
            <Col span={8}>
              <Form.Item name="form" label={t('acc.form')}>
                <Select
                  allowClear
                  onChange={() => form.setFieldValue('measure', undefined)}
                  options={forms.map((f) => ({ value: f, label: pick(formLabels[f]) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={kind === 'unit' ? 16 : 10}>
            <Form.Item name="measure" label={t('acc.measure')} rules={exempt ? [] : required}>
              <Select
                allowClear
                placeholder={kind !== 'unit' && !formNo ? t('acc.form') : undefined}
                options={[
                  ...(exempt ? [{ value: 'none', label: t('acc.noMeasure') }] : []),
                  ...measureOptions,
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={kind === 'unit' ? 8 : 6}>
            <Form.Item name="decidedOn" label={t('acc.decidedOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="basisProblemIds" label={t('acc.basisProblems')}>
          <ProblemIdsInput />
        </Form.Item>
        <Form.Item name="basisText" label={t('acc.basisText')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="withLeniency" valuePropName="checked" label={t('acc.leniency')}>
          <Switch checkedChildren={t('acc.withLeniency')} />
        </Form.Item>
        {withLeniency && (
          <div className="luoshi-leniency-box">
            <Form.Item name={['leniency', 'kind']} label={t('acc.leniencyKind')} rules={required}>
              <Radio.Group
                optionType="button"
                options={(['lenient', 'reduced', 'exempt'] as const).map((k) => ({
                  value: k,
                  label: pick(leniencyLabels[k]),
                }))}
              />
            </Form.Item>
            <Form.Item name={['leniency', 'distinctions']} label={t('acc.distinctions')}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                {threeDistinctions.map((d) => (
                  <Checkbox key={d} value={d}>
                    {pick(distinctionLabels[d])}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Form.Item
              name={['leniency', 'reasoning']}
              label={t('acc.reasoning')}
              extra={t('acc.reasoningHelp')}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            {kind !== 'unit' && (
              <Form.Item name={['leniency', 'ordinaryMeasure']} label={t('acc.ordinaryMeasure')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={forms.flatMap((f) =>
                    measuresOf(f).map((c) => ({
                      value: c,
                      label: `${pick(formLabels[f])} · ${pick(measures[c])}`,
                    })),
                  )}
                />
              </Form.Item>
            )}
          </div>
        )}
        <Form.Item
          name="decisionText"
          label={t('acc.decisionText')}
          extra={t('acc.decisionHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
      </Form>
      {registering && (
        <RegisterPersonModal
          onClose={() => setRegistering(false)}
          onRegistered={(p) => {
            setRegistered((xs) => [...xs, p]);
            form.setFieldValue('personId', p.id);
            void form.validateFields(['personId']);
          }}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('acc.decisionHelp')}
      </Typography.Text>
    </Drawer>
  );
}

/** The register of persons, searched by name on the server; new registrations stay listed. */
function RegisterSelect({
  value,
  onChange,
  id,
  extra,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  id?: string;
  extra: AccountabilityPerson[];
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useAccountabilityPersons(q || undefined);
  const items = [...extra, ...(list.data?.items ?? []).filter((p) => !extra.some((e) => e.id === p.id))];
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={t('acc.personSearch')}
      loading={list.isFetching}
      options={items.map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.unit.name}${p.post ? ` · ${p.post}` : ''}`,
      }))}
      notFoundContent={t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}

function RegisterPersonModal({
  onClose,
  onRegistered,
}: {
  onClose: () => void;
  onRegistered: (p: AccountabilityPerson) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; unitId: number; post?: string }>();
  const errors = useFormErrors(form, ['name', 'unitId', 'post']);
  const m = useAccountabilityMutations();
  return (
    <Modal
      open
      title={t('acc.registerPerson')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.createPerson.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          errors.clear();
          m.createPerson.mutate(
            { name: v.name.trim(), unitId: v.unitId, post: v.post?.trim() ?? '' },
            {
              onSuccess: (p) => {
                void message.success(t('acc.personRegistered'));
                onRegistered(p);
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('acc.personName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('acc.personUnit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="post" label={t('acc.personPost')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
