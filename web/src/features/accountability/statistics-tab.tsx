import { Card, Col, DatePicker, Progress, Row, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAccountabilityStatistics } from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formLabels, forms } from './accountability-labels.tsx';

const formColour = ['#1677ff', '#faad14', '#fa541c', '#cf1322'];

/** 问责统计: cases, people, by form, lenient, visited, opinions, over a period (all time by default). */
export function StatisticsTab() {
  const { t, pick } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const q = useAccountabilityStatistics(
    range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {},
  );
  const s = q.data;
  const maxForm = s ? Math.max(1, ...forms.map((f) => s.byForm[f])) : 1;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('acc.statRange')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
      </Space>
      {s && (
        <>
          <Typography.Paragraph className="luoshi-acc-summary">
            {t('acc.statSummary', {
              cases: s.cases,
              people: s.people,
              visited: s.visited,
              lenient: s.leniency.lenientOrReduced,
              opinions: s.opinions,
            })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {(
              [
                ['acc.statCases', s.cases],
                ['acc.statPeople', s.people],
                ['acc.statUnits', s.units],
                ['acc.statVisited', s.visited],
                ['acc.statVisits', s.visits],
                ['acc.statLenient', s.leniency.lenientOrReduced],
                ['acc.statExempt', s.leniency.exempt],
                ['acc.statOpinions', s.opinions],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(k)} value={v} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('acc.statByForm')}>
            {forms.map((f, i) => (
              <Row key={f} align="middle" gutter={12} style={{ marginBottom: 8 }}>
                <Col flex="120px">{pick(formLabels[f])}</Col>
                <Col flex="auto">
                  <Progress
                    percent={(s.byForm[f] / maxForm) * 100}
                    showInfo={false}
                    strokeColor={formColour[i]}
                  />
                </Col>
                <Col flex="80px" style={{ textAlign: 'right' }}>
                  {t('acc.statPeopleUnit', { n: s.byForm[f] })}
                </Col>
              </Row>
            ))}
          </Card>
        </>
      )}
    </Space>
  );
}
