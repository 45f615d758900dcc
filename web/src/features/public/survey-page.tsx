import { Alert, Button, Card, Form, Input, Rate, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { usePublicSurvey, useSurveyAnswer } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PublicLayout } from './public-layout.tsx';

interface SurveyForm {
  rating: number;
  attitude?: number;
  efficiency?: number;
  conduct?: number;
  comment?: string;
  phone?: string;
}

/** 群众口碑评价: a short survey of one unit, for a phone, no account; one answer per device per month. */
export function SurveyPage() {
  const { token = '' } = useParams();
  const { t, pick } = useI18n();
  const survey = usePublicSurvey(token);
  const answer = useSurveyAnswer(token);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const levels = t('survey.levels').split(',');
  const s = survey.data;
  const submit = (v: SurveyForm) => {
    setProblem(null);
    answer.mutate(
      {
        rating: v.rating,
        aspects: {
          ...(v.attitude ? { attitude: v.attitude } : {}),
          ...(v.efficiency ? { efficiency: v.efficiency } : {}),
          ...(v.conduct ? { conduct: v.conduct } : {}),
        },
        comment: v.comment?.trim() ?? '',
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      },
      {
        onSuccess: () => setDone(true),
        onError: (e) => setProblem(e instanceof ApiError ? pick(e.localized) : t('common.unexpectedError')),
      },
    );
  };
  return (
    <PublicLayout title={t('survey.title')} narrow>
      {survey.isPending && <Spin />}
      {survey.isError && <Alert type="error" showIcon title={survey.error.message} />}
      {s && (done || s.answered) && (
        <Result
          status="success"
          title={done ? t('survey.thanks') : t('survey.already')}
          subTitle={done ? t('survey.thanksSub') : undefined}
        />
      )}
      {s && !done && !s.answered && (
        <Card>
          <Typography.Paragraph>
            {t('survey.intro', { unit: s.unitName, period: pick(s.period.label) })}
          </Typography.Paragraph>
          {problem && (
            <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />
          )}
          <Form<SurveyForm> layout="vertical" onFinish={submit}>
            <Form.Item
              name="rating"
              label={<Typography.Text strong>{t('survey.overall')}</Typography.Text>}
              rules={[{ required: true, message: t('survey.ratingRequired') }]}
            >
              <Rate tooltips={levels} aria-label={t('survey.overall')} />
            </Form.Item>
            {(['attitude', 'efficiency', 'conduct'] as const).map((k) => (
              <Form.Item key={k} name={k} label={t(`survey.${k}`)}>
                <Rate tooltips={levels} style={{ fontSize: 22 }} />
              </Form.Item>
            ))}
            <Form.Item name="comment" label={t('survey.comment')}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('survey.phone')}
              rules={[{ pattern: /^1\d{10}$/, message: '11 位手机号 / 11-digit mobile number' }]}
            >
              <Input inputMode="numeric" maxLength={11} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={answer.isPending}>
              {t('survey.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </PublicLayout>
  );
}
