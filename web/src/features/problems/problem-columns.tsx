import { Button, Progress, Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { ProblemSummary } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import {
  ProblemStatusTag,
  ScheduleTag,
  SeverityTag,
  useProblemNames,
} from '../../components/problem-tags.tsx';

/** 问题编号 as people quote it: 问题 #12. */
export const problemNo = (id: number) => `#${id}`;

/** The deadline with the schedule under it (逾期 / 滞后 / 按序时), and a long-term problem's progress. */
export function ProblemDeadline({
  p,
}: {
  p: Pick<ProblemSummary, 'deadline' | 'schedule' | 'longTerm' | 'progress' | 'status'>;
}) {
  const { t } = useI18n();
  return (
    <Space size={4} orientation="vertical">
      <span style={{ whiteSpace: 'nowrap' }}>{p.deadline}</span>
      <ScheduleTag schedule={p.schedule} />
      {p.longTerm && (
        <div style={{ minWidth: 96 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('problems.longTerm')}
          </Typography.Text>
          {p.status !== 'closed' && <Progress percent={Math.round(p.progress)} size="small" />}
        </div>
      )}
    </Space>
  );
}

/** Categories as small tags. */
export function CategoryTags({ categories }: { categories: ProblemSummary['categories'] }) {
  const names = useProblemNames();
  if (categories.length === 0) return null;
  return (
    <span>
      {categories.map((c) => (
        <Tag key={c.id} style={{ marginBottom: 2 }}>
          {names.category(c)}
        </Tag>
      ))}
    </span>
  );
}

export interface ProblemColumnOptions {
  onOpen: (id: number) => void;
  /** Hide the responsible unit (a unit's own list). */
  unit?: boolean;
}

/** The columns every problem list shares. */
export function useProblemColumns({
  onOpen,
  unit = true,
}: ProblemColumnOptions): ColumnsType<ProblemSummary> {
  const { t } = useI18n();
  const names = useProblemNames();
  const cols: ColumnsType<ProblemSummary> = [
    {
      title: t('problems.no'),
      dataIndex: 'id',
      width: 64,
      render: (id: number) => <span className="luoshi-code">{problemNo(id)}</span>,
    },
    {
      title: t('problems.description'),
      key: 'description',
      width: 320,
      render: (_, p) => (
        <div>
          <Button type="link" className="luoshi-title-link luoshi-problem-link" onClick={() => onOpen(p.id)}>
            {p.description}
          </Button>
          {p.campaign && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: p.campaign.name }}
              className="luoshi-campaign-line"
            >
              {p.campaign.name}
            </Typography.Text>
          )}
          <div style={{ marginTop: 4 }}>
            <CategoryTags categories={p.categories} />
            {p.returnCount > 0 && (
              <Tag color="volcano">{t('problems.returnedTimes', { n: p.returnCount })}</Tag>
            )}
            {p.reboundCount > 0 && (
              <Tag color="magenta">{t('problems.reboundTimes', { n: p.reboundCount })}</Tag>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('problems.source'),
      key: 'source',
      width: 110,
      render: (_, p) => names.source(p.source),
    },
    {
      title: t('problems.severity'),
      key: 'severity',
      width: 80,
      render: (_, p) => <SeverityTag severity={p.severity} />,
    },
    {
      title: t('problems.found'),
      key: 'found',
      width: 120,
      render: (_, p) => (
        <div>
          <div style={{ whiteSpace: 'nowrap' }}>{p.foundOn}</div>
          {p.foundBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.foundBy}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('problems.deadline'),
      key: 'deadline',
      width: 130,
      render: (_, p) => <ProblemDeadline p={p} />,
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 96,
      render: (_, p) => <ProblemStatusTag status={p.status} />,
    },
  ];
  if (unit)
    cols.splice(2, 0, {
      title: t('problems.unit'),
      key: 'unit',
      width: 150,
      render: (_, p) => (
        <div>
          <div>{p.unit.name}</div>
          {p.person && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('problems.personIs', { name: p.person.name })}
            </Typography.Text>
          )}
        </div>
      ),
    });
  return cols;
}
