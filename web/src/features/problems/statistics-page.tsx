import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useProblemCategories, useProblemStatistics, type StatisticsFilter } from '../../api/problems.ts';
import type { ProblemStatistics, StatisticsCounts, StatisticsGroup } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useProblemNames } from '../../components/problem-tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { ExportButton } from '../tasks/task-excel.tsx';
import { CampaignSelect, CategorySelect, SourceSelect } from './problem-pickers.tsx';

type Row = ProblemStatistics['rows'][number];

const groups: readonly StatisticsGroup[] = ['unit', 'category', 'source', 'campaign', 'month'];
const columnLabel: Record<StatisticsGroup, MessageKey> = {
  unit: 'stats.colUnit',
  category: 'stats.colCategory',
  source: 'stats.colSource',
  campaign: 'stats.colCampaign',
  month: 'stats.colMonth',
};
const groupLabel: Record<StatisticsGroup, MessageKey> = {
  unit: 'stats.byUnit',
  category: 'stats.byCategory',
  source: 'stats.bySource',
  campaign: 'stats.byCampaign',
  month: 'stats.byMonth',
};

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);

/** 整改销号率 as the office writes it: 48.04%, or — when nothing was found. */
export const rate = (r: number | null) => (r === null ? '—' : `${r.toFixed(2)}%`);

const names: Record<keyof StatisticsFilter, string> = {
  groupBy: 'by',
  campaignId: 'campaign',
  sourceId: 'source',
  categoryId: 'category',
  unitId: 'unit',
  underUnitId: 'under',
  foundFrom: 'from',
  foundTo: 'to',
};

/** The statistics filter kept in the URL. */
function useStatisticsParams(): [StatisticsFilter, (f: Partial<StatisticsFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<StatisticsFilter>(() => {
    const g = params.get('by');
    return {
      groupBy: (groups as readonly string[]).includes(g ?? '') ? (g as StatisticsGroup) : 'unit',
      campaignId: positive(params.get('campaign')),
      sourceId: positive(params.get('source')),
      categoryId: positive(params.get('category')),
      unitId: positive(params.get('unit')),
      underUnitId: positive(params.get('under')),
      foundFrom: date(params.get('from')),
      foundTo: date(params.get('to')),
    };
  }, [params]);
  const update = useCallback(
    (f: Partial<StatisticsFilter>) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(f) as [keyof StatisticsFilter, unknown][]) {
            if (v === undefined || v === '' || (k === 'groupBy' && v === 'unit')) p.delete(names[k]);
            else p.set(names[k], String(v));
          }
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update];
}

/** The headline figures: words and numbers, colour only as a help. */
function Totals({ total }: { total: StatisticsCounts }) {
  const { t } = useI18n();
  const items: [MessageKey, string | number, string?][] = [
    ['stats.found', total.found],
    ['stats.closed', total.closed],
    ['stats.closingRate', rate(total.closingRate)],
    ['stats.open', total.open],
    ['stats.overdue', total.overdue, total.overdue > 0 ? 'is-bad' : undefined],
    ['stats.onSchedule', total.onSchedule],
    ['stats.returned', total.returned],
    ['stats.rebound', total.rebound, total.rebound > 0 ? 'is-bad' : undefined],
  ];
  return (
    <div className="luoshi-stat-row" data-testid="stat-totals">
      {items.map(([label, n, cls]) => (
        <div key={label} className={`luoshi-stat${cls ? ` ${cls}` : ''}`} data-stat={label.slice(6)}>
          <span className="luoshi-stat-label">{t(label)}</span>
          <span className="luoshi-stat-num">{n}</span>
        </div>
      ))}
    </div>
  );
}

function useColumns(
  groupBy: StatisticsGroup,
  drill: ((id: number) => void) | undefined,
  underUnitId: number | undefined,
): ColumnsType<Row> {
  const { t } = useI18n();
  const names = useProblemNames();
  const cats = useProblemCategories();
  const depth = useMemo(() => new Map((cats.data ?? []).map((c) => [c.id, c.depth])), [cats.data]);
  const num = (key: keyof StatisticsCounts, label: MessageKey, extra?: (r: Row) => string) => ({
    title: t(label),
    key,
    align: 'right' as const,
    width: 76,
    render: (_: unknown, r: Row) => (
      <span className="luoshi-num">
        {r[key] as number}
        {extra && <Typography.Text type="secondary"> {extra(r)}</Typography.Text>}
      </span>
    ),
  });
  const keyName = (r: Row) => {
    if (r.key.id === null && groupBy === 'campaign') return t('stats.noCampaign');
    if (groupBy === 'source') return names.source(r.key);
    if (groupBy === 'category') return names.category(r.key);
    return r.key.name;
  };
  return [
    {
      title: t(columnLabel[groupBy]),
      key: 'key',
      fixed: 'left',
      width: groupBy === 'category' ? 240 : 180,
      render: (_, r) => {
        const indent = groupBy === 'category' && r.key.id !== null ? (depth.get(r.key.id) ?? 0) * 16 : 0;
        return drill && r.key.id !== null && r.key.id !== underUnitId ? (
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => drill(r.key.id!)}>
            {keyName(r)}
          </Button>
        ) : (
          <span style={{ display: 'inline-block', paddingInlineStart: indent }}>{keyName(r)}</span>
        );
      },
    },
    num('found', 'stats.found'),
    num('closed', 'stats.closed'),
    {
      title: t('stats.closingRate'),
      key: 'closingRate',
      align: 'right',
      width: 92,
      render: (_, r) => <span className="luoshi-num">{rate(r.closingRate)}</span>,
    },
    num('open', 'stats.open'),
    num('overdue', 'stats.overdue'),
    { ...num('onSchedule', 'stats.onSchedule'), width: 92 },
    num('behind', 'stats.behind'),
    num('returned', 'stats.returned', (r) =>
      r.returns > r.returned ? t('stats.times', { n: r.returns }) : '',
    ),
    num('rebound', 'stats.rebound', (r) =>
      r.rebounds > r.rebound ? t('stats.times', { n: r.rebounds }) : '',
    ),
    num('dismissed', 'stats.dismissed'),
    num('merged', 'stats.merged'),
  ];
}

/** 问题统计: found, closed, closing rate, open, overdue, on schedule, returned, rebound, grouped five ways. */
export function StatisticsPage() {
  const { t } = useI18n();
  const seesCampaigns = useCan('campaigns.browse');
  const [filter, update] = useStatisticsParams();
  const q = useProblemStatistics(filter);
  const drill = filter.groupBy === 'unit' ? (id: number) => update({ underUnitId: id }) : undefined;
  const columns = useColumns(filter.groupBy, drill, filter.underUnitId);
  const data = q.data;
  return (
    <>
      <PageTitle
        title={t('nav.problemStatistics')}
        sub={data ? t('stats.sub', { date: data.asOf }) : t('stats.subLoading')}
        extra={
          <Space className="luoshi-no-print">
            <ExportButton path="/problem-statistics.xlsx" query={{ ...filter }} filename="问题统计.xlsx" />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('negative.print')}
            </Button>
          </Space>
        }
      />
      <Card className="luoshi-filter-bar luoshi-no-print" size="small">
        <Space wrap size={[10, 8]}>
          <Segmented<StatisticsGroup>
            value={filter.groupBy}
            onChange={(groupBy) => update({ groupBy, underUnitId: undefined })}
            options={groups.map((g) => ({ value: g, label: t(groupLabel[g]) }))}
          />
          {seesCampaigns && (
            <CampaignSelect
              value={filter.campaignId}
              onChange={(campaignId) => update({ campaignId })}
              style={{ width: 200 }}
            />
          )}
          <SourceSelect
            allowClear
            includeInactive
            value={filter.sourceId}
            onChange={(sourceId) => update({ sourceId })}
            placeholder={t('problems.filterSource')}
            style={{ width: 150 }}
          />
          <CategorySelect
            value={filter.categoryId}
            onChange={(categoryId) => update({ categoryId })}
            style={{ width: 170 }}
          />
          {filter.groupBy === 'unit' ? (
            <UnitTreeSelect
              allowClear
              value={filter.underUnitId}
              onChange={(underUnitId) => update({ underUnitId })}
              placeholder={t('stats.underUnit')}
              style={{ width: 220 }}
              id="stats-under-unit"
            />
          ) : (
            <UnitTreeSelect
              allowClear
              value={filter.unitId}
              onChange={(unitId) => update({ unitId })}
              placeholder={t('problems.filterUnit')}
              style={{ width: 220 }}
              id="stats-unit"
            />
          )}
          <DatePicker.RangePicker
            value={[
              filter.foundFrom ? dayjs(filter.foundFrom) : null,
              filter.foundTo ? dayjs(filter.foundTo) : null,
            ]}
            allowEmpty={[true, true]}
            onChange={(r) =>
              update({
                foundFrom: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
                foundTo: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            placeholder={[t('problems.foundFrom'), t('problems.foundTo')]}
            style={{ width: 250 }}
          />
        </Space>
      </Card>
      {data && <Totals total={data.total} />}
      <Card size="small">
        {filter.groupBy === 'unit' && filter.underUnitId !== undefined && (
          <Button
            type="link"
            className="luoshi-no-print"
            style={{ paddingInline: 0 }}
            onClick={() => update({ underUnitId: undefined })}
          >
            {t('stats.allUnits')}
          </Button>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(
            filter.groupBy === 'unit'
              ? 'stats.noteUnit'
              : filter.groupBy === 'category'
                ? 'stats.noteCategory'
                : 'stats.note',
          )}
        </Typography.Paragraph>
        <Table<Row>
          rowKey={(r) => `${r.key.id ?? 'none'}:${r.key.name}`}
          size="small"
          bordered
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 1050 }}
          className="luoshi-stats-table"
          locale={{ emptyText: t('stats.empty') }}
          summary={() =>
            data && data.rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="luoshi-stats-total">
                  <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
                  {(
                    [
                      data.total.found,
                      data.total.closed,
                      rate(data.total.closingRate),
                      data.total.open,
                      data.total.overdue,
                      data.total.onSchedule,
                      data.total.behind,
                      data.total.returned,
                      data.total.rebound,
                      data.total.dismissed,
                      data.total.merged,
                    ] as (number | string)[]
                  ).map((v, i) => (
                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                      {v}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
    </>
  );
}
