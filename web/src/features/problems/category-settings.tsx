import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Tree,
  Typography,
} from 'antd';
import type { TreeDataNode } from 'antd';
import { useState } from 'react';
import { useProblemCategories, useProblemSettingsMutations } from '../../api/problems.ts';
import type { ProblemCategory } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';

interface CategoryValues {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
}

type Editing = { kind: 'add'; parent: ProblemCategory | null } | { kind: 'edit'; category: ProblemCategory };

/** 新增 / 修改问题类别. */
function CategoryModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryValues>();
  const errors = useFormErrors(form, ['code', 'nameZh', 'nameEn', 'sort', 'parentId']);
  const m = useProblemSettingsMutations();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const done = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const title =
    editing.kind === 'edit'
      ? t('psettings.editCategory', { name: editing.category.nameZh })
      : editing.parent
        ? t('psettings.addChild', { name: editing.parent.nameZh })
        : t('psettings.addRoot');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.addCategory.isPending || m.updateCategory.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={editing.kind === 'edit' ? editing.category : { sort: 100 }}
        onFinish={(v) => {
          errors.clear();
          if (editing.kind === 'edit')
            m.updateCategory.mutate(
              { id: editing.category.id, nameZh: v.nameZh, nameEn: v.nameEn, sort: v.sort },
              { onSuccess: done, onError: errors.handle },
            );
          else
            m.addCategory.mutate(
              { ...v, parentId: editing.parent?.id ?? null },
              { onSuccess: done, onError: errors.handle },
            );
        }}
      >
        <Form.Item name="nameZh" label={t('psettings.nameZh')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('psettings.nameEn')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('psettings.code')} rules={required} extra={t('psettings.codeHint')}>
          <Input maxLength={40} disabled={editing.kind === 'edit'} />
        </Form.Item>
        <Form.Item name="sort" label={t('psettings.sort')} extra={t('psettings.sortHint')}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 问题类别: the tree; add a root or a child, rename, deactivate (a deactivated category keeps its problems). */
export function CategorySettings() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cats = useProblemCategories();
  const m = useProblemSettingsMutations();
  const [editing, setEditing] = useState<Editing | null>(null);
  const toggle = (c: ProblemCategory) =>
    m.updateCategory
      .mutateAsync({ id: c.id, active: !c.active })
      .then(
        () => void message.success(t(c.active ? 'psettings.deactivated' : 'psettings.reactivated')),
        toast,
      );
  const tree = (() => {
    const nodes = new Map<number, TreeDataNode & { children: TreeDataNode[] }>();
    const roots: TreeDataNode[] = [];
    const items = [...(cats.data ?? [])].sort((a, b) => a.depth - b.depth || a.sort - b.sort || a.id - b.id);
    for (const c of items) {
      const node = {
        key: c.id,
        children: [] as TreeDataNode[],
        title: (
          <span className="luoshi-category-node">
            <span className={c.active ? undefined : 'luoshi-tree-node-inactive'}>
              {lang === 'en' ? c.nameEn : c.nameZh}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {lang === 'en' ? c.nameZh : c.nameEn}
              {!c.active && ` · ${t('common.inactive')}`}
            </Typography.Text>
            <span className="luoshi-category-actions">
              {c.active && (
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ kind: 'add', parent: c })}
                >
                  {t('psettings.addChildShort')}
                </Button>
              )}
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing({ kind: 'edit', category: c })}
              >
                {t('psettings.rename')}
              </Button>
              <Popconfirm
                title={t(c.active ? 'psettings.confirmDeactivate' : 'psettings.confirmReactivate', {
                  name: c.nameZh,
                })}
                onConfirm={() => toggle(c)}
              >
                <Button type="link" size="small" danger={c.active}>
                  {t(c.active ? 'psettings.deactivate' : 'psettings.reactivate')}
                </Button>
              </Popconfirm>
            </span>
          </span>
        ),
      };
      nodes.set(c.id, node);
      const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  })();
  return (
    <Card
      title={t('psettings.categories')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ kind: 'add', parent: null })}
        >
          {t('psettings.addRoot')}
        </Button>
      }
    >
      {tree.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('psettings.categoriesHint')}
          </Typography.Text>
          <Tree
            key={tree.length}
            treeData={tree}
            defaultExpandAll
            selectable={false}
            blockNode
            showLine
            className="luoshi-category-tree"
          />
        </Space>
      )}
      {editing && <CategoryModal editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
