import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useCalendar, useCalendarMutations } from '../../api/calendar.ts';
import type { CalendarDay } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { CalendarDayModal } from './calendar-day-modal.tsx';
import { MonthGrid } from './month-grid.tsx';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** 工作日历 (system admin): the year's holidays and make-up working days, which working-day limits count with. */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const [year, setYear] = useState(() => dayjs().tz('Asia/Shanghai').year());
  const cal = useCalendar(year);
  const m = useCalendarMutations();
  const [editing, setEditing] = useState<{ date: string; day?: CalendarDay } | null>(null);
  const special = useMemo(() => new Map((cal.data?.days ?? []).map((d) => [d.date, d])), [cal.data]);
  const holidays = cal.data?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const workdays = cal.data?.days.filter((d) => d.kind === 'workday').length ?? 0;
  const weekday = (date: string) =>
    dayjs(date)
      .locale(lang === 'zh' ? 'zh-cn' : 'en')
      .format('dddd');

  return (
    <>
      <PageTitle
        title={t('nav.calendar')}
        sub={t('calendar.sub')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ date: `${year}-01-01` })}
          >
            {t('calendar.add')}
          </Button>
        }
      />
      <Card size="small" className="luoshi-filter-bar">
        <Space size={32} wrap align="center">
          <Space>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('calendar.prevYear')}
              onClick={() => setYear((y) => y - 1)}
            />
            <Typography.Title level={4} style={{ margin: 0, minWidth: 90, textAlign: 'center' }}>
              {t('calendar.year', { year })}
            </Typography.Title>
            <Button
              icon={<RightOutlined />}
              aria-label={t('calendar.nextYear')}
              onClick={() => setYear((y) => y + 1)}
            />
          </Space>
          <Statistic
            title={t('calendar.workingDays')}
            value={cal.data?.workingDays ?? '–'}
            suffix={t('calendar.daysUnit')}
          />
          <Statistic title={t('calendar.holidays')} value={holidays} suffix={t('calendar.daysUnit')} />
          <Statistic title={t('calendar.workdays')} value={workdays} suffix={t('calendar.daysUnit')} />
          <Space size={12}>
            <span className="luoshi-day-legend is-holiday">{t('calendar.holidayMark')}</span>
            <Typography.Text type="secondary">{t('calendar.holiday')}</Typography.Text>
            <span className="luoshi-day-legend is-workday">{t('calendar.workdayMark')}</span>
            <Typography.Text type="secondary">{t('calendar.workday')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" loading={cal.isPending}>
            <div className="luoshi-year-grid">
              {MONTHS.map((mo) => (
                <MonthGrid
                  key={mo}
                  year={year}
                  month={mo}
                  special={special}
                  onPick={(date) => setEditing({ date, day: special.get(date) })}
                />
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('calendar.listTitle', { year })}>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              dataSource={cal.data?.days ?? []}
              loading={cal.isFetching}
              pagination={false}
              scroll={{ y: 640 }}
              locale={{ emptyText: t('calendar.none') }}
              columns={[
                { title: t('calendar.date'), dataIndex: 'date', width: 104 },
                { title: t('calendar.weekday'), key: 'w', width: 80, render: (_, d) => weekday(d.date) },
                {
                  title: t('calendar.kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: CalendarDay['kind']) =>
                    k === 'holiday' ? (
                      <Tag color="red">{t('calendar.holiday')}</Tag>
                    ) : (
                      <Tag color="blue">{t('calendar.workdayShort')}</Tag>
                    ),
                },
                { title: t('calendar.name'), dataIndex: 'name' },
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 70,
                  render: (_, d) => (
                    <Popconfirm
                      title={t('calendar.confirmClear', { date: d.date })}
                      description={t('calendar.confirmClearHint')}
                      okText={t('calendar.clear')}
                      onConfirm={() =>
                        m.clear
                          .mutateAsync(d.date)
                          .then(() => void message.success(t('calendar.cleared')), toast)
                      }
                    >
                      <Button type="link" size="small" danger style={{ padding: 0 }}>
                        {t('calendar.clear')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {editing && <CalendarDayModal date={editing.date} day={editing.day} onClose={() => setEditing(null)} />}
    </>
  );
}
