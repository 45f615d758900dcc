import { Button, Card, Checkbox, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { escalationObjectKinds } from '../../../../domain/supervision/escalation-rules.ts';
import { useNotices, type Notice, type NoticeFilter, type NoticeLevel } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan, useCurrentSession } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { NoticeDrawer } from './notice-drawer.tsx';
import { RaiseNoticeModal } from './raise-notice-modal.tsx';
import { LevelTag, NoticeStatusTag, noticeLevels, useKindLabel, useLevelLabel } from './supervision-tags.tsx';

type View = 'unit' | 'leader' | 'all';

/** The views a person has: a unit its own, a leader those naming him, the office (and readers) their scope. */
function useViews(): View[] {
  const session = useCurrentSession();
  const roles = new Set(session.roles.map((r) => r.role));
  const views: View[] = [];
  if (roles.has('liaison') || roles.has('head')) views.push('unit');
  if (roles.has('leader')) views.push('leader');
  if (roles.has('office') || roles.has('inspector') || roles.has('discipline')) views.push('all');
  return views.length ? views : ['all'];
}

/**
 * 督办单: the office sees every notice in its scope and filters them; a unit
 * sees its own and answers them; a leader sees those naming him. The chosen
 * notice opens in a drawer (`?notice=`).
 */
export function NoticesPage() {
  const { t } = useI18n();
  const views = useViews();
  const mayRaise = useCan('supervision.manage');
  const [params, setParams] = useSearchParams();
  const view = (views.includes(params.get('view') as View) ? params.get('view') : views[0]) as View;
  const [level, setLevel] = useState<NoticeLevel>();
  const [kind, setKind] = useState<Notice['objectKind']>();
  const [unitId, setUnitId] = useState<number>();
  const [live, setLive] = useState<'live' | 'ended' | 'all'>('live');
  const [answerOverdue, setAnswerOverdue] = useState(false);
  const [raising, setRaising] = useState(false);
  const paging = useServerPaging();
  const filter: NoticeFilter = {
    for: view === 'all' ? undefined : view,
    level,
    objectKind: kind,
    unitId,
    live: live === 'all' ? undefined : live === 'live',
    answerOverdue: answerOverdue || undefined,
  };
  const { reset } = paging;
  useEffect(reset, [view, level, kind, unitId, live, answerOverdue, reset]);
  const list = useNotices(filter, paging.window);
  const openId = Number(params.get('notice')) || undefined;
  const open = (id: number | undefined) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (id === undefined) p.delete('notice');
        else p.set('notice', String(id));
        return p;
      },
      { replace: true },
    );
  const setView = (v: View) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('view', v);
        return p;
      },
      { replace: true },
    );
  const sub =
    view === 'unit'
      ? t('notices.subUnit')
      : view === 'leader'
        ? t('notices.subLeader')
        : t('notices.subOffice');
  return (
    <>
      <PageTitle
        title={t('nav.notices')}
        sub={sub}
        extra={
          mayRaise && (
            <Space>
              <Link to="/settings/escalation">
                <Button icon={<SettingOutlined />}>{t('nav.escalationSettings')}</Button>
              </Link>
              <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setRaising(true)}>
                {t('notices.raise')}
              </Button>
            </Space>
          )
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Space wrap size={[10, 8]}>
          {views.length > 1 && (
            <Segmented<View>
              value={view}
              onChange={setView}
              options={views.map((v) => ({
                value: v,
                label: t(
                  v === 'unit'
                    ? 'notices.viewUnit'
                    : v === 'leader'
                      ? 'notices.viewLeader'
                      : 'notices.viewAll',
                ),
              }))}
            />
          )}
          <Segmented
            value={live}
            onChange={(v) => setLive(v as typeof live)}
            options={[
              { value: 'live', label: t('notices.live') },
              { value: 'ended', label: t('notices.ended') },
              { value: 'all', label: t('common.all') },
            ]}
          />
          <LevelSelect value={level} onChange={setLevel} />
          <KindSelect value={kind} onChange={setKind} />
          {view === 'all' && (
            <UnitTreeSelect
              value={unitId}
              onChange={setUnitId}
              allowClear
              placeholder={t('notices.unit')}
              style={{ width: 220 }}
              id="notice-unit"
            />
          )}
          <Checkbox checked={answerOverdue} onChange={(e) => setAnswerOverdue(e.target.checked)}>
            {t('notices.onlyAnswerOverdue')}
          </Checkbox>
        </Space>
      </Card>
      <Card>
        <NoticeTable
          rows={list.data?.items ?? []}
          loading={list.isPending}
          pagination={paging.pagination(list.data?.total ?? 0)}
          onOpen={open}
          emptyText={view === 'unit' ? t('notices.emptyUnit') : t('notices.empty')}
        />
      </Card>
      {openId !== undefined && <NoticeDrawer id={openId} onClose={() => open(undefined)} />}
      {raising && <RaiseNoticeModal onClose={() => setRaising(false)} onRaised={(n) => open(n.id)} />}
    </>
  );
}

function LevelSelect({ value, onChange }: { value?: NoticeLevel; onChange: (v?: NoticeLevel) => void }) {
  const { t } = useI18n();
  const label = useLevelLabel();
  return (
    <Select<NoticeLevel>
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('notices.level')}
      aria-label={t('notices.level')}
      style={{ width: 130 }}
      options={noticeLevels.map((l) => ({ value: l, label: label(l) }))}
    />
  );
}

function KindSelect({
  value,
  onChange,
}: {
  value?: Notice['objectKind'];
  onChange: (v?: Notice['objectKind']) => void;
}) {
  const { t } = useI18n();
  const label = useKindLabel();
  return (
    <Select<Notice['objectKind']>
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('notices.objectKind')}
      aria-label={t('notices.objectKind')}
      style={{ width: 160 }}
      options={escalationObjectKinds.map((k) => ({ value: k, label: label(k) }))}
    />
  );
}

function NoticeTable({
  rows,
  loading,
  pagination,
  onOpen,
  emptyText,
}: {
  rows: Notice[];
  loading: boolean;
  pagination: ReturnType<ReturnType<typeof useServerPaging>['pagination']>;
  onOpen: (id: number) => void;
  emptyText: string;
}) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const columns: ColumnsType<Notice> = [
    {
      title: t('notices.level'),
      dataIndex: 'level',
      width: 100,
      render: (l: NoticeLevel) => <LevelTag level={l} />,
    },
    {
      title: t('notices.title'),
      key: 'title',
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => onOpen(n.id)} className="luoshi-strong-link">
            {n.title}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kindLabel(n.objectKind)} · {t('notices.dueOn')} {n.dueOn}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('notices.unit'), key: 'unit', width: 150, render: (_, n) => n.unit.name },
    { title: t('notices.leader'), key: 'leader', width: 90, render: (_, n) => n.leader?.name ?? '—' },
    {
      title: t('notices.late'),
      dataIndex: 'workingDaysLate',
      width: 100,
      render: (d: number) => t('notices.lateDays', { n: d }),
    },
    { title: t('notices.raisedOn'), dataIndex: 'raisedOn', width: 106 },
    {
      title: t('notices.answerBy'),
      key: 'answerBy',
      width: 106,
      render: (_, n) =>
        n.answerOverdue ? <Typography.Text type="danger">{n.answerBy}</Typography.Text> : n.answerBy,
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_, n) => <NoticeStatusTag status={n.status} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 96,
      render: (_, n) => (
        <Button size="small" type={n.abilities.answer ? 'primary' : 'default'} onClick={() => onOpen(n.id)}>
          {n.abilities.answer ? t('notices.answer') : t('notices.open')}
        </Button>
      ),
    },
  ];
  return (
    <Table<Notice>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={pagination}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
    />
  );
}
