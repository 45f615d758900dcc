import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Unit } from '../../api/types.ts';
import { useUnitMutations } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useCatalogueNames } from './use-catalogue-names.ts';

export type UnitDialog =
  | { kind: 'create'; parent: Unit }
  | { kind: 'rename'; unit: Unit }
  | { kind: 'classify'; unit: Unit }
  | { kind: 'move'; unit: Unit };

interface Values {
  name?: string;
  code?: string;
  typeId?: number;
  /** NONE means no 赛道 (a Select cannot show null as a choice). */
  peerGroupId?: number;
  parentId?: number;
}

const NONE = 0;

const fieldsOf: Record<UnitDialog['kind'], string[]> = {
  create: ['name', 'code', 'typeId', 'peerGroupId'],
  rename: ['name'],
  classify: ['typeId', 'peerGroupId'],
  move: ['parentId'],
};

function initialValues(d: UnitDialog): Values {
  switch (d.kind) {
    case 'create':
      return { code: `${d.parent.code}-`, peerGroupId: NONE };
    case 'rename':
      return { name: d.unit.name };
    case 'classify':
      return { typeId: d.unit.typeId, peerGroupId: d.unit.peerGroupId ?? NONE };
    case 'move':
      return { parentId: d.unit.parentId ?? undefined };
  }
}

/** One modal for the four unit forms: add a child, rename, classify, move. */
export function UnitDialogModal({ dialog, onClose }: { dialog: UnitDialog; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, fieldsOf[dialog.kind]);
  const m = useUnitMutations();
  const names = useCatalogueNames();
  const [busy, setBusy] = useState(false);
  const target = dialog.kind === 'create' ? dialog.parent : dialog.unit;

  const submit = async (v: Values) => {
    errors.clear();
    setBusy(true);
    try {
      if (dialog.kind === 'create') {
        await m.create.mutateAsync({
          parentId: dialog.parent.id,
          name: v.name ?? '',
          code: v.code ?? '',
          typeId: v.typeId ?? 0,
          peerGroupId: v.peerGroupId || null,
        });
      } else if (dialog.kind === 'rename') {
        await m.rename.mutateAsync({ id: dialog.unit.id, name: v.name ?? '' });
      } else if (dialog.kind === 'classify') {
        await m.classify.mutateAsync({
          id: dialog.unit.id,
          typeId: v.typeId ?? 0,
          peerGroupId: v.peerGroupId || null,
        });
      } else {
        await m.move.mutateAsync({ id: dialog.unit.id, parentId: v.parentId ?? 0 });
      }
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setBusy(false);
    }
  };

  const title = {
    create: t('units.addChildOf', { name: target.name }),
    rename: t('units.renameTitle', { name: target.name }),
    classify: t('units.classifyTitle', { name: target.name }),
    move: t('units.moveTitle', { name: target.name }),
  }[dialog.kind];
  const required = [{ required: true, message: t('common.required') }];
  const show = (f: string) => fieldsOf[dialog.kind].includes(f);

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
      width={520}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={initialValues(dialog)}
        onFinish={(v) => void submit(v)}
      >
        {show('name') && (
          <Form.Item
            name="name"
            label={t('units.name')}
            rules={[...required, { max: 100, message: t('common.tooLong', { n: 100 }) }]}
          >
            <Input autoFocus maxLength={100} />
          </Form.Item>
        )}
        {dialog.kind === 'create' && (
          <Form.Item name="code" label={t('units.code')} rules={required} extra={t('units.codeHint')}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        {show('typeId') && (
          <Form.Item name="typeId" label={t('units.type')} rules={required}>
            <Select options={names.typeOptions} placeholder={t('common.select')} />
          </Form.Item>
        )}
        {show('peerGroupId') && (
          <Form.Item name="peerGroupId" label={t('units.peerGroup')} extra={t('units.peerGroupHint')}>
            <Select options={[{ value: NONE, label: t('units.noPeerGroup') }, ...names.groupOptions]} />
          </Form.Item>
        )}
        {dialog.kind === 'move' && (
          <Form.Item name="parentId" label={t('units.newParent')} rules={required}>
            <UnitTreeSelect excludeSubtreeOf={dialog.unit.id} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
