import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { GradeTag, RankChangeText } from './evaluation-labels.tsx';

export interface BoardRow {
  key: string | number;
  unitId?: number;
  unitName: string;
  rank: number;
  totalText: string;
  grade: string;
  change: { change: number; previousRank: number; text: { zh: string; en: string } } | null;
  openProblems: number;
  scores: { indicatorId: string; contribution: string; missing?: boolean }[];
}

export interface BoardIndicator {
  id: string;
  name: string;
  weight: string | null;
}

/**
 * 排名榜: rank, unit, total, grade, 环比, each indicator's points and the
 * open problems beside them (双晒双亮). `unitCell` turns a unit into a link
 * where the reader may open its explanation.
 */
export function BoardTable({
  indicators,
  rows,
  unitCell,
  highlight,
  testId,
}: {
  indicators: readonly BoardIndicator[];
  rows: readonly BoardRow[];
  unitCell?: (row: BoardRow) => ReactNode;
  highlight?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const columns: TableColumnsType<BoardRow> = [
    {
      title: t('eval.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (r: number) => <Typography.Text strong>{r}</Typography.Text>,
    },
    {
      title: t('eval.unit'),
      key: 'unit',
      width: 150,
      fixed: 'left',
      render: (_, r) => (unitCell ? unitCell(r) : r.unitName),
    },
    {
      title: t('eval.total'),
      dataIndex: 'totalText',
      width: 80,
      align: 'right',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('eval.grade'),
      dataIndex: 'grade',
      width: 64,
      align: 'center',
      render: (g: string) => <GradeTag grade={g} />,
    },
    {
      title: t('eval.change'),
      key: 'change',
      width: 70,
      align: 'center',
      render: (_, r) => <RankChangeText change={r.change} />,
    },
    ...indicators.map((ind) => ({
      title: (
        <Space direction="vertical" size={0}>
          <span>{ind.name}</span>
          {ind.weight !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {t('eval.line.weight')} {ind.weight}
            </Typography.Text>
          )}
        </Space>
      ),
      key: `ind-${ind.id}`,
      width: 96,
      align: 'right' as const,
      render: (_: unknown, r: BoardRow) => {
        const s = r.scores.find((x) => x.indicatorId === ind.id);
        if (!s) return '—';
        return s.missing ? (
          <Typography.Text type="secondary" title={t('eval.line.missing')}>
            {s.contribution}*
          </Typography.Text>
        ) : (
          s.contribution
        );
      },
    })),
    {
      title: <span title={t('eval.openProblemsHint')}>{t('eval.openProblems')}</span>,
      dataIndex: 'openProblems',
      width: 96,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="volcano">{n}</Tag> : <Tag color="green">0</Tag>),
    },
  ];
  return (
    <Table<BoardRow>
      data-testid={testId}
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (highlight !== undefined && r.unitId === highlight ? 'luoshi-row-highlight' : '')}
      locale={{ emptyText: t('eval.noUnits') }}
    />
  );
}

/** A board's grade counts and A share, as a line of tags. */
export function GradeSummary({
  counts,
  aShare,
}: {
  counts: Record<'A' | 'B' | 'C' | 'D', number>;
  aShare: string | null;
}) {
  const { t } = useI18n();
  return (
    <Space wrap size={[8, 4]}>
      {(['A', 'B', 'C', 'D'] as const).map((g) => (
        <Tag key={g}>{t('eval.gradeCount', { g, n: counts[g] })}</Tag>
      ))}
      {aShare && (
        <Typography.Text strong data-testid="a-share">
          {t('eval.aShare')} {aShare}
        </Typography.Text>
      )}
    </Space>
  );
}
