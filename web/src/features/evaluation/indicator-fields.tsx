import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  type FormInstance,
} from 'antd';
import { availableMetrics } from '../../../../domain/evaluation/metrics.ts';
import { computedMetrics } from '../../../../domain/evaluation/scheme.ts';
import { useI18n } from '../../app/i18n.tsx';
import { metricKey, useEventLabel } from './evaluation-labels.tsx';
import type { SchemeForm } from './scheme-form.ts';

const num = { style: { width: '100%' } } as const;

/** One indicator of the scheme editor: what it is, its weight and how it is normalised (or its events and caps). */
export function IndicatorFields({
  form,
  index,
  onRemove,
}: {
  form: FormInstance<SchemeForm>;
  index: number;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const eventLabel = useEventLabel();
  const source = Form.useWatch(['indicators', index, 'source'], form);
  const normKind = Form.useWatch(['indicators', index, 'normKind'], form);
  const graded = Form.useWatch(['indicators', index, 'graded'], form);
  const field = (name: string) => [index, name];
  const onMetric = (m: keyof typeof computedMetrics) => {
    form.setFieldValue(['indicators', index, 'direction'], computedMetrics[m]);
    const name = form.getFieldValue(['indicators', index, 'name']) as string | undefined;
    if (!name) form.setFieldValue(['indicators', index, 'name'], t(metricKey(m)));
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`indicator-${index}`}
      title={
        <Space>
          <Form.Item name={field('name')} noStyle rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={t('eval.ind.name')} style={{ width: 220 }} aria-label={t('eval.ind.name')} />
          </Form.Item>
          <Form.Item name={field('source')} noStyle>
            <Select
              style={{ width: 130 }}
              aria-label={t('eval.ind.source')}
              options={(['computed', 'entered', 'events'] as const).map((s) => ({
                value: s,
                label: t(`eval.ind.source.${s}`),
              }))}
            />
          </Form.Item>
        </Space>
      }
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('eval.ind.remove')}
        />
      }
    >
      <Form.Item name={field('id')} hidden>
        <Input />
      </Form.Item>
      {source === 'events' ? (
        <>
          <div style={{ marginBottom: 8 }}>{t('eval.ind.events')}</div>
          <Form.List name={[index, 'events']}>
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[row.name, 'kind']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Select
                        style={{ width: 200 }}
                        showSearch
                        options={[
                          'award_national',
                          'award_provincial',
                          'award_city',
                          'praise_circular',
                          'yellow_card',
                          'red_card',
                          'criticism_circular',
                        ].map((k) => ({ value: k, label: eventLabel(k) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'points']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <InputNumber step={0.5} style={{ width: 100 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                  </Space>
                ))}
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: undefined, points: 1 })}
                >
                  {t('eval.ind.addEvent')}
                </Button>
              </>
            )}
          </Form.List>
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col span={8}>
              <Form.Item label={t('eval.ind.bonusCap')} name={field('bonusCap')}>
                <InputNumber min={0} {...num} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={t('eval.ind.penaltyCap')} name={field('penaltyCap')}>
                <InputNumber min={0} {...num} />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : (
        <>
          <Row gutter={12}>
            {source === 'computed' && (
              <Col span={8}>
                <Form.Item
                  label={t('eval.ind.metric')}
                  name={field('metric')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select
                    onChange={onMetric}
                    options={Object.keys(computedMetrics).map((m) => ({
                      value: m,
                      label: t(metricKey(m)),
                      disabled: !availableMetrics.includes(m as keyof typeof computedMetrics),
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={source === 'computed' ? 4 : 6}>
              <Form.Item label={t('eval.ind.weight')} name={field('weight')}>
                <InputNumber min={0} max={100} step={1} {...num} aria-label={t('eval.ind.weight')} />
              </Form.Item>
            </Col>
            <Col span={source === 'computed' ? 6 : 8}>
              <Form.Item label={t('eval.ind.direction')} name={field('direction')}>
                <Select
                  disabled={source === 'computed' || graded === true}
                  options={[
                    { value: 'higher_better', label: t('eval.ind.higher') },
                    { value: 'lower_better', label: t('eval.ind.lower') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('eval.ind.missing')} name={field('missing')}>
                <Select
                  options={[
                    { value: 'zero', label: t('eval.ind.missingZero') },
                    { value: 'peer_average', label: t('eval.ind.missingAverage') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item label={t('eval.ind.normalisation')} name={field('normKind')}>
                <Select
                  options={[
                    { value: 'min_max', label: t('eval.ind.minMax') },
                    { value: 'rank', label: t('eval.ind.rank') },
                    { value: 'target', label: t('eval.ind.target') },
                  ]}
                />
              </Form.Item>
            </Col>
            {normKind === 'target' && (
              <>
                <Col span={7}>
                  <Form.Item label={t('eval.ind.targetValue')} name={field('target')}>
                    <InputNumber {...num} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item label={t('eval.ind.floor')} name={field('floor')}>
                    <InputNumber {...num} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          {source === 'entered' && (
            <Row gutter={12} align="middle">
              <Col span={6}>
                <Form.Item label={t('eval.ind.graded')} name={field('graded')} valuePropName="checked">
                  <Switch
                    onChange={(on) =>
                      on && form.setFieldValue(['indicators', index, 'direction'], 'higher_better')
                    }
                  />
                </Form.Item>
              </Col>
              {graded &&
                (['A', 'B', 'C', 'D'] as const).map((g) => (
                  <Col span={4} key={g}>
                    <Form.Item label={`${g}`} name={field(`grade${g}`)} tooltip={t('eval.ind.gradePoints')}>
                      <InputNumber {...num} />
                    </Form.Item>
                  </Col>
                ))}
            </Row>
          )}
        </>
      )}
    </Card>
  );
}
