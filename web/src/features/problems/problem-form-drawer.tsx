import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Attachment } from '../../api/attachments.ts';
import { useProblemMutations, useProblemSources } from '../../api/problems.ts';
import type { ProblemDetail, ProblemSeverity } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan, useCurrentSession } from '../../app/session-guard.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttachmentsInput } from '../../components/attachments.tsx';
import { severityLabel } from '../../components/problem-tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { CampaignSelect, CategoryMultiSelect, SourceSelect, UnitPersonSelect } from './problem-pickers.tsx';
import { severities } from './problem-url.ts';
import { StagesField } from './stages-field.tsx';

interface Values {
  description: string;
  campaignId?: number;
  sourceId: number;
  categoryIds?: number[];
  foundOn: Dayjs;
  foundBy?: string;
  unitId: number;
  personId?: number | null;
  severity: ProblemSeverity;
  deadline: Dayjs;
  longTerm: boolean;
  stages?: { date: Dayjs; title: string; percent?: number | null }[];
  attachments?: Attachment[];
}

const DATE = 'YYYY-MM-DD';
const FIELDS = [
  'description',
  'campaignId',
  'sourceId',
  'categoryIds',
  'foundOn',
  'foundBy',
  'unitId',
  'personId',
  'severity',
  'deadline',
  'longTerm',
  'stages',
  'stages.*',
  'attachments',
];

/** API field → form field: a list's item errors go on the list; files on the upload. */
function mapField(f: string): string {
  if (f.startsWith('attachmentIds')) return 'attachments';
  if (/^categoryIds\.\d+$/.test(f)) return 'categoryIds';
  return f;
}

/**
 * 录入问题: the office or an inspector records a finding for any unit in
 * scope; a unit (`self`) records its own, from a source a unit may use (自查自纠).
 */
export function ProblemFormDrawer({
  self = false,
  campaignId,
  onClose,
  onSaved,
}: {
  self?: boolean;
  campaignId?: number;
  onClose: () => void;
  onSaved?: (p: ProblemDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useCurrentSession();
  const seesCampaigns = useCan('campaigns.browse');
  const picksPeople = useCan('people.browse');
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useProblemMutations();
  const sources = useProblemSources();
  const unitId = Form.useWatch('unitId', form);
  const longTerm = Form.useWatch('longTerm', form);
  const required = [{ required: true, message: t('common.required') }];
  const selfSource = (sources.data ?? []).find((s) => s.active && s.unitMayRecord)?.id;
  // A unit's own finding is 自查自纠 unless it picks another source a unit may use.
  useEffect(() => {
    if (self && selfSource !== undefined && form.getFieldValue('sourceId') === undefined)
      form.setFieldValue('sourceId', selfSource);
  }, [self, selfSource, form]);
  const submit = (v: Values) => {
    errors.clear();
    m.create.mutate(
      {
        description: v.description.trim(),
        campaignId: v.campaignId ?? null,
        sourceId: v.sourceId,
        categoryIds: v.categoryIds ?? [],
        foundOn: v.foundOn.format(DATE),
        foundBy: v.foundBy?.trim() ?? '',
        unitId: v.unitId,
        personId: v.personId ?? null,
        severity: v.severity,
        deadline: v.deadline.format(DATE),
        longTerm: v.longTerm,
        stages: v.longTerm
          ? (v.stages ?? []).map((s) => ({
              date: s.date.format(DATE),
              title: s.title,
              ...(s.percent !== null && s.percent !== undefined ? { percent: s.percent } : {}),
            }))
          : [],
        attachmentIds: (v.attachments ?? []).map((a) => a.id),
      },
      {
        onSuccess: (p) => {
          void message.success(t(self ? 'problems.selfRecorded' : 'problems.recorded'));
          onSaved?.(p);
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
      title={t(self ? 'problems.selfRecordTitle' : 'problems.recordTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={m.create.isPending} onClick={() => form.submit()}>
            {t(self ? 'problems.selfRecordSubmit' : 'problems.recordSubmit')}
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
          foundOn: dayjs(),
          severity: 'general',
          longTerm: false,
          stages: [],
          attachments: [],
          campaignId,
          ...(self ? { unitId: session.user.unit.id, foundBy: session.user.name } : {}),
        }}
      >
        <Form.Item name="description" label={t('problems.description')} rules={required}>
          <Input.TextArea
            rows={4}
            maxLength={4000}
            showCount
            placeholder={t('problems.descriptionPlaceholder')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="sourceId"
              label={t('problems.source')}
              rules={required}
              extra={self ? t('problems.selfSourceHint') : undefined}
            >
              <SourceSelect unitOnly={self} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="categoryIds"
              label={t('problems.categories')}
              extra={t('problems.categoriesHint')}
            >
              <CategoryMultiSelect />
            </Form.Item>
          </Col>
        </Row>
        {seesCampaigns && (
          <Form.Item name="campaignId" label={t('problems.campaign')} extra={t('problems.campaignHint')}>
            <CampaignSelect placeholder={t('problems.noCampaign')} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="foundOn" label={t('problems.foundOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="foundBy" label={t('problems.foundBy')}>
              <Input maxLength={200} placeholder={t('problems.foundByPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="unitId" label={t('problems.unit')} rules={required}>
              <UnitTreeSelect onChange={() => form.setFieldValue('personId', null)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {picksPeople ? (
              <Form.Item name="personId" label={t('problems.person')}>
                <UnitPersonSelect unitId={unitId} />
              </Form.Item>
            ) : (
              <Form.Item label={t('problems.person')}>
                <Typography.Text type="secondary">{t('problems.personByMeasures')}</Typography.Text>
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="severity" label={t('problems.severity')} rules={required}>
              <Radio.Group
                optionType="button"
                options={severities.map((s) => ({ value: s, label: t(severityLabel(s)) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deadline" label={t('problems.deadline')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="longTerm"
          label={t('problems.longTerm')}
          valuePropName="checked"
          extra={t('problems.longTermHint')}
        >
          <Switch />
        </Form.Item>
        {longTerm && (
          <Form.Item label={t('problems.stages')} extra={t('problems.stagesHint')}>
            <StagesField />
          </Form.Item>
        )}
        <Form.Item name="attachments" label={t('problems.findingFiles')}>
          <AttachmentsInput />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
