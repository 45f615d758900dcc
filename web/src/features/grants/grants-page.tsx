import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useGrantMutations, useGrants, type GrantFilter } from '../../api/grants.ts';
import type { Grant, Role } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { RoleTag } from '../../components/tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { roles } from '../../../../domain/roles.ts';
import { GrantModal } from './grant-modal.tsx';
import { useServerPaging } from '../../components/server-paging.ts';

/** 授权管理: who holds which role on which unit (security administrator). */
export function GrantsPage() {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useGrantMutations();
  const [filter, setFilter] = useState<GrantFilter>({});
  const paging = useServerPaging();
  const [adding, setAdding] = useState(false);
  const list = useGrants(filter, paging.window);
  const update = (f: Partial<GrantFilter>) => {
    setFilter((prev) => ({ ...prev, ...f }));
    paging.reset();
  };

  const columns: ColumnsType<Grant> = [
    {
      title: t('grants.person'),
      key: 'person',
      render: (_, g) => (
        <Space size={4}>
          <Typography.Text strong>{g.personName}</Typography.Text>
          <Typography.Text type="secondary">{g.username}</Typography.Text>
        </Space>
      ),
    },
    { title: t('grants.role'), dataIndex: 'role', width: 170, render: (r: Role) => <RoleTag role={r} /> },
    { title: t('grants.unit'), dataIndex: 'unitName' },
    {
      title: t('grants.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (v: string) => dayjs(v).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, g) =>
        !g.abilities.revoke ? null : (
          <Popconfirm
            title={t('grants.confirmRevoke', { role: roleLabel(g.role), name: g.personName })}
            okText={t('grants.revoke')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              m.revoke.mutateAsync(g.id).then(() => void message.success(t('grants.revoked')), toast)
            }
          >
            <Button type="link" size="small" danger>
              {t('grants.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.grants')}
        sub={t('grants.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('grants.add')}
          </Button>
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Space wrap size={[16, 8]}>
          <Input.Search
            allowClear
            placeholder={t('grants.searchPlaceholder')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 280 }}
          />
          <Select<Role>
            allowClear
            placeholder={t('grants.filterRole')}
            value={filter.role}
            onChange={(role) => update({ role })}
            options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
            style={{ width: 200 }}
          />
          <UnitTreeSelect
            allowClear
            value={filter.unitId}
            onChange={(unitId) => update({ unitId })}
            placeholder={t('grants.filterUnit')}
            style={{ width: 260 }}
          />
        </Space>
      </Card>
      <Card size="small">
        <Table<Grant>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={paging.pagination(list.data?.total ?? 0)}
        />
      </Card>
      {adding && <GrantModal onClose={() => setAdding(false)} />}
    </>
  );
}
