import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Ratio } from '../../../../domain/evaluation/ratio.ts';
import { useCampaigns } from '../../api/campaigns.ts';
import { ApiError } from '../../api/client.ts';
import { useSchemeMutations, type SchemeDetail } from '../../api/evaluation.ts';
import { useCatalogue } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { kindKey } from './evaluation-labels.tsx';
import { IndicatorFields } from './indicator-fields.tsx';
import {
  formFieldOf,
  fromContent,
  newIndicatorId,
  starterForm,
  toContent,
  type IndicatorForm,
  type SchemeForm,
} from './scheme-form.ts';

/** 权重合计, added exactly (33.33 + 33.33 + 33.34 is 100). */
function weightTotal(indicators: readonly IndicatorForm[] | undefined): string {
  let total = Ratio.zero;
  for (const i of indicators ?? []) {
    if (i.source === 'events') continue;
    const r = Ratio.tryOf(i.weight ?? 0);
    if (r) total = total.plus(r);
  }
  return total.toDecimal() ?? total.toFixed(2);
}

/**
 * 考评方案编辑: a new scheme, or a new version of one (its campaign, peer group
 * and period kind stay). The server checks the weights and every rule; its
 * refusals land on the fields they name.
 */
export function SchemeEditor({
  scheme,
  onClose,
  onSaved,
}: {
  scheme: SchemeDetail | null;
  onClose: () => void;
  onSaved?: (id: number) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SchemeForm>();
  const { create, revise } = useSchemeMutations();
  const campaigns = useCampaigns({}, { limit: 200, offset: 0 }, scheme === null);
  const groups = useCatalogue('peer-groups');
  const [problem, setProblem] = useState<string[]>([]);
  const indicators = Form.useWatch('indicators', form);
  const gradingKind = Form.useWatch('gradingKind', form);
  const initial = useMemo(
    () => (scheme ? fromContent(scheme.content, { name: scheme.name, note: '' }) : starterForm()),
    [scheme],
  );
  const total = weightTotal(indicators);

  const onError = (e: unknown) => {
    if (!(e instanceof ApiError)) {
      setProblem([t('common.unexpectedError')]);
      return;
    }
    const issues =
      e.errors.length > 0 ? e.errors : [{ field: e.field ?? '', message: e.localized, code: e.code }];
    const rest: string[] = [];
    const onFields = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const x of issues) {
      const name = formFieldOf(x.field);
      if (!name) rest.push(pick(x.message));
      else {
        const k = name.join('.');
        const prev = onFields.get(k);
        if (prev) prev.errors.push(pick(x.message));
        else onFields.set(k, { name, errors: [pick(x.message)] });
      }
    }
    form.setFields([...onFields.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
    setProblem(rest.length > 0 || onFields.size === 0 ? [pick(e.localized), ...rest] : []);
  };

  const submit = async (v: SchemeForm) => {
    setProblem([]);
    const content = toContent(v);
    try {
      if (scheme) {
        await revise.mutateAsync({ id: scheme.id, name: v.name, content, note: v.note ?? '' });
        void message.success(t('eval.editor.saved'));
        onSaved?.(scheme.id);
      } else {
        const created = await create.mutateAsync({
          campaignId: v.campaignId!,
          peerGroupId: v.peerGroupId!,
          periodKind: v.periodKind!,
          name: v.name,
          content,
        });
        void message.success(t('eval.editor.saved'));
        onSaved?.(created.id);
      }
      onClose();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Drawer
      open
      width={900}
      title={t(scheme ? 'eval.editor.revise' : 'eval.editor.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || revise.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem[0]}
          description={problem.length > 1 ? problem.slice(1).join('；') : undefined}
        />
      )}
      <Form<SchemeForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              label={t('eval.schemeName')}
              name="name"
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input maxLength={100} placeholder="2026年乡镇街道季度赛马比拼" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {scheme ? (
              <Form.Item label={t('eval.editor.note')} name="note">
                <Input maxLength={1000} />
              </Form.Item>
            ) : (
              <Form.Item
                label={t('eval.campaign')}
                name="campaignId"
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={campaigns.isFetching}
                  options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        {!scheme && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                label={t('eval.peerGroup')}
                name="peerGroupId"
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  options={(groups.data ?? []).map((g) => ({
                    value: g.id,
                    label: lang === 'zh' ? g.nameZh : g.nameEn,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label={t('eval.periodKind')}
                name="periodKind"
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Radio.Group
                  optionType="button"
                  options={(['month', 'quarter', 'year'] as const).map((k) => ({
                    value: k,
                    label: t(kindKey(k)),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item label={t('eval.editor.recordScope')} name="recordScope">
          <Radio.Group
            options={[
              { value: 'campaign', label: t('eval.editor.scopeCampaign') },
              { value: 'all', label: t('eval.editor.scopeAll') },
            ]}
          />
        </Form.Item>
        <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>{t('eval.editor.indicators')}</Typography.Text>
          <Typography.Text type={total === '100' ? 'success' : 'danger'} data-testid="weight-total">
            {t('eval.editor.weightTotal', { n: total })}
          </Typography.Text>
        </Space>
        <Form.List name="indicators">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <IndicatorFields
                  key={row.key}
                  form={form}
                  index={row.name}
                  onRemove={() => remove(row.name)}
                />
              ))}
              <Button
                block
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: newIndicatorId(form.getFieldValue('indicators') as IndicatorForm[], 'entered'),
                    name: '',
                    source: 'entered',
                    weight: 0,
                    direction: 'higher_better',
                    normKind: 'min_max',
                    missing: 'zero',
                  } satisfies IndicatorForm)
                }
              >
                {t('eval.editor.addIndicator')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('eval.editor.grading')}
        </Typography.Title>
        <Form.Item name="gradingKind">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'quota', label: t('eval.editor.quota') },
              { value: 'thresholds', label: t('eval.editor.thresholds') },
            ]}
          />
        </Form.Item>
        {gradingKind === 'thresholds' ? (
          <Row gutter={12}>
            {(['A', 'B', 'C'] as const).map((g) => (
              <Col span={6} key={g}>
                <Form.Item label={t(`eval.editor.min${g}`)} name={`min${g}`}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        ) : (
          <Row gutter={12}>
            {(['A', 'B', 'C'] as const).map((g) => (
              <Col span={5} key={g}>
                <Form.Item label={t(`eval.editor.quota${g}`)} name={`quota${g}`}>
                  <InputNumber min={0} max={100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
            <Col span={9}>
              <Form.Item label={t('eval.editor.ties')} name="ties">
                <Select
                  options={[
                    { value: 'share_lower', label: t('eval.editor.tiesLower') },
                    { value: 'share_higher', label: t('eval.editor.tiesHigher') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Drawer>
  );
}
