import { Button, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import type { Unit } from '../../api/types.ts';
import { useUnits } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ActiveTag } from '../../components/tags.tsx';
import { UnitActions } from './unit-actions.tsx';
import type { UnitDialog } from './unit-dialogs.tsx';
import { useCatalogueNames } from './use-catalogue-names.ts';
import { useServerPaging } from '../../components/server-paging.ts';

/** The direct sub-units of the selected unit, paged by the server. */
export function UnitChildrenTable({
  parentId,
  includeInactive,
  manage,
  onOpen,
  onDialog,
}: {
  parentId: number;
  includeInactive: boolean;
  manage: boolean;
  onOpen: (id: number) => void;
  onDialog: (d: UnitDialog) => void;
}) {
  const { t, lang } = useI18n();
  const names = useCatalogueNames();
  const [q, setQ] = useState('');
  const paging = useServerPaging();
  const list = useUnits({ parentId, q: q || undefined, includeInactive }, paging.window);

  const columns: ColumnsType<Unit> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (_, u) => (
        <div>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => onOpen(u.id)}
          >
            {u.name}
          </Button>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('units.type'),
      key: 'type',
      width: 96,
      render: (_, u) => names.typeName(u.typeId, u.typeName),
    },
    {
      title: t('units.peerGroup'),
      key: 'peer',
      width: 120,
      render: (_, u) => names.groupName(u.peerGroupId, u.peerGroupName) ?? '—',
    },
    { title: t('units.children'), dataIndex: 'childCount', width: 76, align: 'right' },
    { title: t('units.people'), dataIndex: 'peopleCount', width: 56, align: 'right' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 76,
      render: (a: boolean) => <ActiveTag active={a} />,
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: lang === 'zh' ? 224 : 336,
      render: (_, u) => <UnitActions unit={u} onDialog={onDialog} />,
    });
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('units.searchChildren')}
        onSearch={(v) => {
          setQ(v.trim());
          paging.reset();
        }}
        style={{ maxWidth: 320 }}
      />
      <Table<Unit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: manage ? 800 : 600 }}
        pagination={paging.pagination(list.data?.total ?? 0)}
      />
    </Space>
  );
}
