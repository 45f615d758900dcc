import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Result, Skeleton, Space, Table, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useNegativeList } from '../../api/problems.ts';
import type { NegativeListItem } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ProblemStatusTag, ScheduleTag, useProblemNames } from '../../components/problem-tags.tsx';
import { ExportButton } from '../tasks/task-excel.tsx';
import { CategoryTags, problemNo } from './problem-columns.tsx';

/** The measures of one problem as a numbered list: item, owner, due date. */
function Measures({ item }: { item: NegativeListItem }) {
  const { t } = useI18n();
  if (item.measures.length === 0)
    return <Typography.Text type="danger">{t('negative.noMeasures')}</Typography.Text>;
  return (
    <ol className="luoshi-negative-measures">
      {item.measures.map((m) => (
        <li key={m.id}>
          <span className="luoshi-pre">{m.text}</span>
          <span className="luoshi-negative-measure-meta">
            {t('negative.measureMeta', { owner: m.owner, due: m.dueOn })}
            {m.done ? ` · ${t('problems.measureIsDone')}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * 负面清单 of one unit: its open problems, each with its measures, owner
 * and deadline, overdue first. Printable (the print stylesheet keeps only
 * the heading and the table) and exportable to Excel.
 */
export function NegativeListView({
  unitId,
  campaignId,
  includeSubunits,
  onOpen,
}: {
  unitId: number;
  campaignId?: number;
  includeSubunits?: boolean;
  onOpen: (id: number) => void;
}) {
  const { t } = useI18n();
  const names = useProblemNames();
  const q = useNegativeList(unitId, { campaignId, includeSubunits });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={t(notFound ? 'negative.notFound' : 'common.loadFailed')}
      />
    );
  }
  const list = q.data;
  const overdue = list.items.filter((i) => i.overdue).length;
  return (
    <Card size="small" className="luoshi-negative-card">
      <div className="luoshi-negative-head">
        <div>
          <Typography.Title level={4} className="luoshi-negative-title">
            {t('negative.title', { unit: list.unit.name })}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="negative-summary">
            {t('negative.summary', { date: list.asOf, n: list.items.length, overdue })}
          </Typography.Text>
        </div>
        <Space className="luoshi-no-print">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('negative.print')}
          </Button>
          <ExportButton
            path={`/units/${unitId}/negative-list.xlsx`}
            query={{ campaignId, includeSubunits: includeSubunits ? 'true' : undefined }}
            filename={`${list.unit.name}-负面清单.xlsx`}
          />
        </Space>
      </div>
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('negative.empty')} />
      ) : (
        <Table<NegativeListItem>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          dataSource={list.items}
          className="luoshi-negative-table"
          rowClassName={(i) => (i.overdue ? 'luoshi-row-red' : '')}
          columns={[
            { title: t('negative.seq'), key: 'seq', width: 52, align: 'center', render: (_, __, i) => i + 1 },
            {
              title: t('problems.description'),
              key: 'description',
              render: (_, i) => (
                <div>
                  <Button
                    type="link"
                    className="luoshi-title-link luoshi-problem-link"
                    onClick={() => onOpen(i.id)}
                  >
                    {i.description}
                  </Button>
                  <div className="luoshi-negative-sub">
                    {problemNo(i.id)} · {names.source(i.source)} ·{' '}
                    {t('negative.foundOn', { date: i.foundOn })}
                    {includeSubunits && i.unit.id !== unitId ? ` · ${i.unit.name}` : ''}
                  </div>
                  <CategoryTags categories={i.categories} />
                </div>
              ),
            },
            {
              title: t('negative.measures'),
              key: 'measures',
              width: '34%',
              render: (_, i) => <Measures item={i} />,
            },
            {
              title: t('problems.person'),
              key: 'person',
              width: 90,
              render: (_, i) => i.person?.name ?? '—',
            },
            {
              title: t('problems.deadline'),
              key: 'deadline',
              width: 110,
              render: (_, i) => (
                <Space orientation="vertical" size={4}>
                  <span style={{ whiteSpace: 'nowrap' }}>{i.deadline}</span>
                  <ScheduleTag schedule={i.schedule} />
                </Space>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 96,
              render: (_, i) => <ProblemStatusTag status={i.status} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
