import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import type { CatalogueItem } from '../../api/types.ts';
import { useCatalogue, useCatalogueMutations, type CatalogueKind } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';

interface Values {
  code?: string;
  nameZh: string;
  nameEn: string;
}

function CatalogueModal({
  kind,
  item,
  onClose,
}: {
  kind: CatalogueKind;
  item: CatalogueItem | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['code', 'nameZh', 'nameEn']);
  const m = useCatalogueMutations(kind);
  const busy = m.create.isPending || m.rename.isPending;
  const noun = t(kind === 'unit-types' ? 'units.typeNoun' : 'units.groupNoun');
  const submit = (v: Values) => {
    errors.clear();
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (item)
      m.rename.mutate(
        { id: item.id, nameZh: v.nameZh, nameEn: v.nameEn },
        { onSuccess, onError: errors.handle },
      );
    else
      m.create.mutate(
        { code: v.code ?? '', nameZh: v.nameZh, nameEn: v.nameEn },
        { onSuccess, onError: errors.handle },
      );
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={item ? t('units.renameNoun', { noun }) : t('units.addNoun', { noun })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={item ?? {}}
        onFinish={submit}
      >
        {!item && (
          <Form.Item
            name="code"
            label={t('units.catalogueCode')}
            rules={required}
            extra={t('units.codeHint')}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('units.nameZh')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('units.nameEn')} rules={required}>
          <Input maxLength={80} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 单位类型 or 赛道: a short catalogue; the system administrator adds and renames entries. */
export function CatalogueTab({ kind, manage }: { kind: CatalogueKind; manage: boolean }) {
  const { t } = useI18n();
  const list = useCatalogue(kind);
  const [editing, setEditing] = useState<CatalogueItem | null | undefined>(undefined);
  const noun = t(kind === 'unit-types' ? 'units.typeNoun' : 'units.groupNoun');
  const columns: ColumnsType<CatalogueItem> = [
    {
      title: t('units.catalogueCode'),
      dataIndex: 'code',
      width: 180,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { title: t('units.nameZh'), dataIndex: 'nameZh' },
    { title: t('units.nameEn'), dataIndex: 'nameEn' },
    { title: t('units.unitCount'), dataIndex: 'unitCount', width: 120, align: 'right' },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, item) => (
        <Button type="link" size="small" onClick={() => setEditing(item)}>
          {t('units.rename')}
        </Button>
      ),
    });
  }
  return (
    <div style={{ background: '#fff', padding: 16, borderRadius: 6 }}>
      {manage && (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('units.addNoun', { noun })}
          </Button>
        </div>
      )}
      <Table<CatalogueItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
      />
      {editing !== undefined && (
        <CatalogueModal kind={kind} item={editing} onClose={() => setEditing(undefined)} />
      )}
    </div>
  );
}
