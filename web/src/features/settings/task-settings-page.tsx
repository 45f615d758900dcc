import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Typography } from 'antd';
import { useSaveTaskSettings, useTaskSettings } from '../../api/settings.ts';
import type { TaskSettings } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { LightTag } from '../../components/light-tag.tsx';
import { PageTitle } from '../../components/page-title.tsx';

const FIELDS = ['signWithinWorkingDays', 'yellowMaxGap', 'milestoneGraceDays', 'reportGraceDays'];

/** How the lights follow from the settings, in words, with the values being edited. */
function LightRules({ s }: { s: Partial<TaskSettings> }) {
  const { t } = useI18n();
  const gap = s.yellowMaxGap ?? '–';
  const days = s.milestoneGraceDays ?? '–';
  return (
    <Card size="small" title={t('settings.rulesTitle')} className="luoshi-light-rules">
      <Space orientation="vertical" size={12}>
        <div>
          <LightTag light="green" /> {t('settings.ruleGreen')}
        </div>
        <div>
          <LightTag light="yellow" /> {t('settings.ruleYellow', { gap, days })}
        </div>
        <div>
          <LightTag light="red" /> {t('settings.ruleRed', { gap, days })}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('settings.rulesNote')}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** 任务设置 (office): sign-for limit, light thresholds, report grace days. */
export function TaskSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useTaskSettings();
  const save = useSaveTaskSettings();
  const [form] = Form.useForm<TaskSettings>();
  const values = Form.useWatch([], form) as Partial<TaskSettings> | undefined;
  const errors = useFormErrors(form, FIELDS);
  const submit = (v: TaskSettings) => {
    errors.clear();
    save.mutate(v, { onSuccess: () => void message.success(t('common.saved')), onError: errors.handle });
  };
  const number = (name: keyof TaskSettings, min: number, max: number, suffix: string, hint: string) => (
    <Form.Item
      name={name}
      label={t(`settings.${name}` as const)}
      extra={hint}
      rules={[{ required: true, message: t('common.required') }]}
    >
      <InputNumber
        min={min}
        max={max}
        precision={name === 'yellowMaxGap' ? undefined : 0}
        suffix={suffix}
        style={{ width: 200 }}
      />
    </Form.Item>
  );
  return (
    <>
      <PageTitle title={t('nav.taskSettings')} sub={t('settings.sub')} />
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card>
              {errors.alert}
              <Form form={form} layout="vertical" initialValues={settings.data} onFinish={submit}>
                {number('signWithinWorkingDays', 1, 30, t('settings.workingDays'), t('settings.signHint'))}
                {number('yellowMaxGap', 1, 100, t('settings.points'), t('settings.gapHint'))}
                {number('milestoneGraceDays', 0, 60, t('settings.days'), t('settings.milestoneHint'))}
                {number('reportGraceDays', 0, 31, t('settings.days'), t('settings.reportHint'))}
                <Space>
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t('common.save')}
                  </Button>
                  <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
                </Space>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <LightRules s={values ?? settings.data ?? {}} />
          </Col>
        </Row>
      )}
    </>
  );
}
