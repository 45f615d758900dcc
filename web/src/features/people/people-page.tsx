import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { usePeople, type PeopleFilter } from '../../api/people.ts';
import type { OneTimePassword, Person } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { RoleTag } from '../../components/tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { OneTimePasswordModal } from './one-time-password-modal.tsx';
import { PersonActions } from './person-actions.tsx';
import { PersonDrawer } from './person-drawer.tsx';
import { useServerPaging } from '../../components/server-paging.ts';

function PersonStatus({ p }: { p: Person }) {
  const { t } = useI18n();
  if (!p.active) return <Tag>{t('common.inactive')}</Tag>;
  if (p.locked) return <Tag color="error">{t('people.locked')}</Tag>;
  if (p.mustChangePassword) return <Tag color="warning">{t('people.mustChange')}</Tag>;
  return <Tag color="success">{t('common.active')}</Tag>;
}

/** 人员管理 (sysadmin) or 人员名录 (those who may browse people). */
export function PeoplePage() {
  const { t } = useI18n();
  const manage = useCan('people.manage');
  const [filter, setFilter] = useState<PeopleFilter>({ subtree: true });
  const paging = useServerPaging();
  const [drawer, setDrawer] = useState<Person | null | undefined>(undefined);
  const [otp, setOtp] = useState<{ result: OneTimePassword; reason: 'created' | 'reset' } | null>(null);
  const list = usePeople(filter, paging.window);
  const update = (f: Partial<PeopleFilter>) => {
    setFilter((prev) => ({ ...prev, ...f }));
    paging.reset();
  };

  const columns: ColumnsType<Person> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      width: 120,
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    { title: t('people.username'), dataIndex: 'username', width: 150 },
    { title: t('people.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('people.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('people.roles'),
      key: 'roles',
      render: (_, p) =>
        p.roles.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          p.roles.map((r) => <RoleTag key={r.grantId} role={r.role} />)
        ),
    },
    { title: t('common.status'), key: 'status', width: 100, render: (_, p) => <PersonStatus p={p} /> },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, p) => (
        <PersonActions
          person={p}
          onEdit={setDrawer}
          onReset={(result) => setOtp({ result, reason: 'reset' })}
        />
      ),
    });
  }

  return (
    <>
      <PageTitle
        title={t(manage ? 'nav.peopleManage' : 'nav.peopleBrowse')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer(null)}>
              {t('people.add')}
            </Button>
          )
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Space wrap size={[16, 8]}>
          <UnitTreeSelect
            allowClear
            value={filter.unitId}
            onChange={(unitId) => update({ unitId })}
            placeholder={t('people.filterUnit')}
            style={{ width: 280 }}
          />
          <Checkbox
            checked={filter.subtree}
            disabled={!filter.unitId}
            onChange={(e) => update({ subtree: e.target.checked })}
          >
            {t('people.subtree')}
          </Checkbox>
          <Input.Search
            allowClear
            placeholder={t('people.searchPlaceholder')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 280 }}
          />
          <Space>
            <Switch
              size="small"
              checked={filter.includeInactive ?? false}
              onChange={(v) => update({ includeInactive: v })}
            />
            <Typography.Text>{t('people.includeInactive')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <Table<Person>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
        />
      </Card>
      {drawer !== undefined && (
        <PersonDrawer
          person={drawer}
          defaultUnitId={filter.unitId}
          onClose={() => setDrawer(undefined)}
          onCreated={(result) => setOtp({ result, reason: 'created' })}
        />
      )}
      {otp && <OneTimePasswordModal result={otp.result} reason={otp.reason} onClose={() => setOtp(null)} />}
    </>
  );
}
