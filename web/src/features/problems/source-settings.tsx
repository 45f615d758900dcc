import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useProblemSettingsMutations, useProblemSources } from '../../api/problems.ts';
import type { ProblemSource } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';
import { ActiveTag } from '../../components/tags.tsx';

interface SourceValues {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
  unitMayRecord: boolean;
}

/** 新增 / 修改问题来源: the code is fixed once made (sheets and links name it). */
function SourceModal({ source, onClose }: { source: ProblemSource | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SourceValues>();
  const errors = useFormErrors(form, ['code', 'nameZh', 'nameEn', 'sort', 'unitMayRecord']);
  const m = useProblemSettingsMutations();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const done = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  return (
    <Modal
      open
      title={source ? t('psettings.editSource', { name: source.nameZh }) : t('psettings.addSource')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.addSource.isPending || m.updateSource.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={source ?? { sort: 100, unitMayRecord: false }}
        onFinish={(v) => {
          errors.clear();
          if (source)
            m.updateSource.mutate(
              {
                id: source.id,
                nameZh: v.nameZh,
                nameEn: v.nameEn,
                sort: v.sort,
                unitMayRecord: v.unitMayRecord,
              },
              { onSuccess: done, onError: errors.handle },
            );
          else m.addSource.mutate(v, { onSuccess: done, onError: errors.handle });
        }}
      >
        <Form.Item name="nameZh" label={t('psettings.nameZh')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('psettings.nameEn')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('psettings.code')} rules={required} extra={t('psettings.codeHint')}>
          <Input maxLength={40} disabled={source !== null} />
        </Form.Item>
        <Form.Item name="sort" label={t('psettings.sort')} extra={t('psettings.sortHint')}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.Item
          name="unitMayRecord"
          label={t('psettings.unitMayRecord')}
          valuePropName="checked"
          extra={t('psettings.unitMayRecordHint')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 问题来源: the eight lists and the other channels; add, rename, re-sort, deactivate. */
export function SourceSettings() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const sources = useProblemSources();
  const m = useProblemSettingsMutations();
  const [editing, setEditing] = useState<ProblemSource | null | 'new'>(null);
  const toggle = (s: ProblemSource) =>
    m.updateSource
      .mutateAsync({ id: s.id, active: !s.active })
      .then(
        () => void message.success(t(s.active ? 'psettings.deactivated' : 'psettings.reactivated')),
        toast,
      );
  return (
    <Card
      title={t('psettings.sources')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('psettings.addSource')}
        </Button>
      }
    >
      <Table<ProblemSource>
        rowKey="id"
        size="small"
        loading={sources.isPending}
        dataSource={sources.data ?? []}
        pagination={false}
        columns={[
          { title: t('psettings.sort'), dataIndex: 'sort', width: 64, align: 'right' },
          { title: t('psettings.nameZh'), dataIndex: 'nameZh' },
          { title: t('psettings.nameEn'), dataIndex: 'nameEn' },
          {
            title: t('psettings.code'),
            dataIndex: 'code',
            render: (c: string) => <span className="luoshi-code">{c}</span>,
          },
          {
            title: t('psettings.unitMayRecordShort'),
            dataIndex: 'unitMayRecord',
            width: 110,
            render: (b: boolean) => (b ? <Tag color="blue">{t('psettings.yes')}</Tag> : t('psettings.no')),
          },
          {
            title: t('common.status'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean) => <ActiveTag active={a} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t(s.active ? 'psettings.confirmDeactivate' : 'psettings.confirmReactivate', {
                    name: s.nameZh,
                  })}
                  onConfirm={() => toggle(s)}
                >
                  <Button type="link" size="small" danger={s.active}>
                    {t(s.active ? 'psettings.deactivate' : 'psettings.reactivate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <SourceModal source={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
