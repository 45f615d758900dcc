import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  useEscalationMutations,
  useEscalationRules,
  type EscalationRule,
  type EscalationRun,
} from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { noticeLevels, useLevelLabel } from './supervision-tags.tsx';

/** 督办设置: one rule per kind of object, and the job run by hand. */
export function EscalationPage() {
  const { t } = useI18n();
  const rules = useEscalationRules();
  const m = useEscalationMutations();
  const toast = useErrorToast();
  const [ran, setRan] = useState<EscalationRun | null>(null);
  return (
    <>
      <PageTitle
        title={t('nav.escalationSettings')}
        sub={t('escalation.sub')}
        extra={
          <Button
            icon={<ThunderboltOutlined />}
            loading={m.run.isPending}
            onClick={() => m.run.mutate(undefined, { onSuccess: setRan, onError: toast })}
          >
            {t('escalation.run')}
          </Button>
        }
      />
      {ran && (
        <Alert
          type={ran.ran ? 'success' : 'warning'}
          showIcon
          closable
          onClose={() => setRan(null)}
          style={{ marginBottom: 16 }}
          role="status"
          title={
            ran.ran
              ? t('escalation.ranResult', {
                  today: ran.today,
                  objects: ran.objects,
                  raised: ran.raised,
                  ended: ran.ended,
                })
              : t('escalation.busy')
          }
        />
      )}
      {rules.isPending && <Spin />}
      <Row gutter={[16, 16]}>
        {(rules.data ?? []).map((r) => (
          <Col key={r.kind} xs={24} xl={12}>
            <RuleCard rule={r} />
          </Col>
        ))}
      </Row>
    </>
  );
}

interface Values {
  steps: EscalationRule['steps'];
}

function RuleCard({ rule }: { rule: EscalationRule }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['steps', 'steps.*']);
  const m = useEscalationMutations();
  const toast = useErrorToast();
  const levelLabel = useLevelLabel();
  const save = (v: Values) => {
    errors.clear();
    m.set.mutate(
      { kind: rule.kind, steps: v.steps ?? [] },
      { onSuccess: () => void message.success(t('escalation.saved')), onError: errors.handle },
    );
  };
  return (
    <Card
      title={
        <Space>
          {pick(rule.label)}
          {!rule.active && <Tag>{t('escalation.inactive')}</Tag>}
        </Space>
      }
      data-testid={`rule-${rule.kind}`}
      extra={
        rule.active && (
          <Popconfirm
            title={t('escalation.removeConfirm')}
            onConfirm={() =>
              m.remove.mutate(rule.kind, {
                onSuccess: () => void message.success(t('escalation.removed')),
                onError: toast,
              })
            }
          >
            <Button size="small" danger type="text" icon={<DeleteOutlined />}>
              {t('escalation.remove')}
            </Button>
          </Popconfirm>
        )
      }
    >
      {errors.alert}
      <Form form={form} onFinish={save} initialValues={{ steps: rule.steps }} layout="vertical">
        <Form.List name="steps">
          {(fields, { add, remove }, { errors: listErrors }) => (
            <>
              <Row gutter={8} className="luoshi-rule-head">
                <Col span={8}>
                  <Typography.Text type="secondary">{t('escalation.after')}</Typography.Text>
                </Col>
                <Col span={7}>
                  <Typography.Text type="secondary">{t('notices.level')}</Typography.Text>
                </Col>
                <Col span={7}>
                  <Typography.Text type="secondary">{t('escalation.answerWithin')}</Typography.Text>
                </Col>
              </Row>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={8}>
                    <Form.Item
                      name={[f.name, 'afterWorkingDays']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <InputNumber
                        style={{ width: '100%' }}
                        precision={0}
                        aria-label={`${t('escalation.after')} ${i + 1}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item
                      name={[f.name, 'level']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Select
                        aria-label={`${t('notices.level')} ${i + 1}`}
                        options={noticeLevels.map((l) => ({ value: l, label: levelLabel(l) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item
                      name={[f.name, 'answerWithinWorkingDays']}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <InputNumber
                        style={{ width: '100%' }}
                        precision={0}
                        aria-label={`${t('escalation.answerWithin')} ${i + 1}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.delete')}
                    />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={listErrors} />
              <Space style={{ marginTop: 4 }}>
                {fields.length < 4 && (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => {
                      const last = fields.length
                        ? (form.getFieldValue([
                            'steps',
                            fields.length - 1,
                          ]) as EscalationRule['steps'][number])
                        : undefined;
                      const next = noticeLevels[Math.min(fields.length, noticeLevels.length - 1)]!;
                      add({
                        afterWorkingDays: (last?.afterWorkingDays ?? 0) + (last ? 5 : 1),
                        level: next,
                        answerWithinWorkingDays: 3,
                      });
                    }}
                  >
                    {t('escalation.addStep')}
                  </Button>
                )}
                <Button type="primary" htmlType="submit" loading={m.set.isPending}>
                  {t('common.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('escalation.stepsHelp')}
        {rule.updatedAt ? ` · ${t('escalation.updatedAt')} ${beijingTime(rule.updatedAt)}` : ''}
      </Typography.Paragraph>
    </Card>
  );
}
