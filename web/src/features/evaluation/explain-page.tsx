import { LeftOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  useExplain,
  useRecords,
  type BoardSource,
  type ExplainLine,
  type ExplainRecord,
} from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { GradeTag, RankChangeText, useEventLabel } from './evaluation-labels.tsx';

const statuses = new Set([
  'assigned',
  'rectifying',
  'closing_claimed',
  'returned',
  'closed',
  'dismissed',
  'merged',
  'draft',
  'issued',
  'signed',
  'in_progress',
  'completion_claimed',
  'done',
  'submitted',
  'approved',
  'typed',
  'import',
]);

/** A raw value as shown: a rate with two decimals and %, a mean with two decimals, anything else as it is. */
export function rawText(l: ExplainLine): string {
  if (typeof l.raw === 'string' && /^-?\d+\.\d{4}$/.test(l.raw))
    return `${Number(l.raw).toFixed(2)}${l.numerator !== null ? '%' : ''}`;
  return String(l.raw);
}

const recordLink = (r: ExplainRecord): string | null =>
  r.id === null
    ? null
    : r.kind === 'task'
      ? `/tasks/${r.id}`
      : r.kind === 'problem'
        ? `/problems/${r.id}`
        : null;

/** 得分依据: the records behind one indicator, those that did not count first. */
function RecordsDrawer({
  source,
  unitId,
  line,
  onClose,
}: {
  source: BoardSource;
  unitId: number;
  line: ExplainLine;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const eventLabel = useEventLabel();
  const paging = useServerPaging(20);
  const recs = useRecords(source, unitId, line.indicatorId, paging.window);
  const kind = recs.data?.kind;
  const status = (code: string | null) =>
    code && statuses.has(code) ? t(`eval.st.${code}` as MessageKey) : (code ?? '—');
  const columns: TableColumnsType<ExplainRecord> = [
    {
      title: t('eval.rec.id'),
      key: 'id',
      width: 80,
      render: (_, r) => {
        const to = recordLink(r);
        return r.id === null ? '—' : to ? <Link to={to}>{r.id}</Link> : r.id;
      },
    },
    { title: t('eval.rec.title'), dataIndex: 'title' },
    { title: t('eval.unit'), dataIndex: 'unitName', width: 130 },
    { title: kind ? t(`eval.rec.date.${kind}`) : t('eval.rec.date'), dataIndex: 'date', width: 110 },
    {
      title: t('eval.rec.status'),
      key: 'status',
      width: 110,
      render: (_, r) =>
        r.status === 'missing' ? (
          <Tag color="red">{t('eval.rec.missing')}</Tag>
        ) : r.kind === 'event' ? (
          eventLabel(r.status ?? '')
        ) : r.kind === 'survey' ? (
          '—'
        ) : (
          <Space size={4}>
            {status(r.status)}
            {r.note === 'late' && <Tag color="orange">{t('eval.rec.late')}</Tag>}
          </Space>
        ),
    },
    {
      title: t('eval.rec.counted'),
      key: 'counted',
      width: 70,
      render: (_, r) =>
        r.counted === null ? (
          '—'
        ) : r.counted ? (
          <Tag color="green">{t('eval.rec.yes')}</Tag>
        ) : (
          <Tag color="red">{t('eval.rec.no')}</Tag>
        ),
    },
  ];
  return (
    <Drawer open width={860} title={t('eval.records', { name: line.name })} onClose={onClose} destroyOnHidden>
      <Table<ExplainRecord>
        data-testid="records-table"
        rowKey={(r) => `${r.id ?? 'x'}-${r.title}-${r.date}`}
        size="small"
        columns={columns}
        dataSource={recs.data?.items ?? []}
        loading={recs.isFetching}
        pagination={paging.pagination(recs.data?.total ?? 0)}
      />
    </Drawer>
  );
}

/** 得分说明: each indicator's raw value, score, weight and points, and the records behind each. */
export function ExplainView({ source, unitId, back }: { source: BoardSource; unitId: number; back: string }) {
  const { t, pick } = useI18n();
  const explain = useExplain(source, unitId);
  const [open, setOpen] = useState<ExplainLine | null>(null);
  const e = explain.data;
  if (!e) return <Card loading={explain.isPending}>{explain.error?.message}</Card>;
  const columns: TableColumnsType<ExplainLine> = [
    { title: t('eval.line.indicator'), dataIndex: 'name', width: 160 },
    {
      title: t('eval.line.raw'),
      key: 'raw',
      width: 170,
      render: (_, l) =>
        l.missing ? (
          <Typography.Text type="secondary">{t('eval.line.missing')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            <span>{rawText(l)}</span>
            {l.numerator !== null &&
              l.denominator !== null &&
              typeof l.raw === 'string' &&
              l.raw.includes('.') && (
                <Typography.Text type="secondary">
                  ({t('eval.line.fraction', { num: l.numerator, den: l.denominator })})
                </Typography.Text>
              )}
          </Space>
        ),
    },
    {
      title: t('eval.line.normalised'),
      key: 'norm',
      width: 90,
      align: 'right',
      render: (_, l) => l.text.normalised ?? '—',
    },
    {
      title: t('eval.line.weight'),
      key: 'weight',
      width: 70,
      align: 'right',
      render: (_, l) => (l.weight === null ? '—' : l.weight),
    },
    {
      title: t('eval.line.contribution'),
      key: 'contribution',
      width: 90,
      align: 'right',
      render: (_, l) => (
        <Space size={4}>
          <Typography.Text strong>{l.text.contribution}</Typography.Text>
          {l.capped && <Tag color="orange">{t('eval.line.capped')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('eval.line.records'),
      key: 'records',
      width: 110,
      render: (_, l) =>
        l.recordCount > 0 ? (
          <Button
            type="link"
            size="small"
            onClick={() => setOpen(l)}
            data-testid={`records-${l.indicatorId}`}
          >
            {t('eval.line.recordsN', { n: l.recordCount })}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <Link to={back}>
        <LeftOutlined /> {t('eval.backToBoard')}
      </Link>
      <PageTitle
        title={t('eval.explainOf', { unit: e.unit.name })}
        sub={`${e.scheme.name} · ${pick(e.period.label)} · ${t('eval.asOf', { date: e.asOf })}`}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size="large" wrap>
          <Typography.Text style={{ fontSize: 16 }} data-testid="explain-summary">
            {t('eval.explainSummary', { total: e.totalText, rank: e.rank, of: e.of, grade: e.grade })}
          </Typography.Text>
          <GradeTag grade={e.grade} />
          <RankChangeText change={e.change} />
          {e.change && <Typography.Text>{pick(e.change.text)}</Typography.Text>}
          <Typography.Text>
            {t('eval.openProblems')}：
            <Tag color={e.openProblems > 0 ? 'volcano' : 'green'}>{e.openProblems}</Tag>
          </Typography.Text>
        </Space>
      </Card>
      <Card size="small">
        <Table<ExplainLine>
          data-testid="explain-lines"
          rowKey="indicatorId"
          size="middle"
          columns={columns}
          dataSource={e.lines}
          pagination={false}
        />
      </Card>
      {open && <RecordsDrawer source={source} unitId={unitId} line={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** A unit's explanation on a published board. */
export function PublishedExplainPage() {
  const { id, unitId } = useParams();
  return (
    <ExplainView source={{ boardId: Number(id) }} unitId={Number(unitId)} back={`/evaluation/boards/${id}`} />
  );
}

/** A unit's explanation in the office's live computation of a period. */
export function PreviewExplainPage() {
  const { id, unitId } = useParams();
  const [params] = useSearchParams();
  const period = params.get('period') ?? '';
  return (
    <ExplainView
      source={{ schemeId: Number(id), period }}
      unitId={Number(unitId)}
      back={`/evaluation/schemes/${id}?period=${period}`}
    />
  );
}
