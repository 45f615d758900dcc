import { App, Button, Popconfirm, Space } from 'antd';
import type { Unit } from '../../api/types.ts';
import { useUnitMutations } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import type { UnitDialog } from './unit-dialogs.tsx';

/**
 * The actions the server says this caller may take on a unit (its
 * `abilities`), as compact links; the risky ones ask first.
 */
export function UnitActions({
  unit,
  onDialog,
  onRemoved,
  size = 'small',
}: {
  unit: Unit;
  onDialog: (d: UnitDialog) => void;
  onRemoved?: (u: Unit) => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useUnitMutations();
  const a = unit.abilities;
  const link = { type: 'link' as const, size, style: { paddingInline: 4 } };
  const done = (key: 'units.deactivated' | 'units.reactivated' | 'units.removed') => () =>
    void message.success(t(key));
  return (
    <Space size={0} wrap>
      {a.rename && (
        <Button {...link} onClick={() => onDialog({ kind: 'rename', unit })}>
          {t('units.rename')}
        </Button>
      )}
      {a.rename && (
        <Button {...link} onClick={() => onDialog({ kind: 'classify', unit })}>
          {t('units.classify')}
        </Button>
      )}
      {a.move && (
        <Button {...link} onClick={() => onDialog({ kind: 'move', unit })}>
          {t('units.move')}
        </Button>
      )}
      {a.deactivate && (
        <Popconfirm
          title={t('units.confirmDeactivate', { name: unit.name })}
          description={t('units.confirmDeactivateHint')}
          okText={t('units.deactivate')}
          okButtonProps={{ danger: true }}
          onConfirm={() => m.deactivate.mutateAsync(unit.id).then(done('units.deactivated'), toast)}
        >
          <Button {...link} danger>
            {t('units.deactivate')}
          </Button>
        </Popconfirm>
      )}
      {a.reactivate && (
        <Popconfirm
          title={t('units.confirmReactivate', { name: unit.name })}
          okText={t('units.reactivate')}
          onConfirm={() => m.reactivate.mutateAsync(unit.id).then(done('units.reactivated'), toast)}
        >
          <Button {...link}>{t('units.reactivate')}</Button>
        </Popconfirm>
      )}
      {a.remove && (
        <Popconfirm
          title={t('units.confirmRemove', { name: unit.name })}
          description={t('units.confirmRemoveHint')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            m.remove.mutateAsync(unit.id).then(() => {
              done('units.removed')();
              onRemoved?.(unit);
            }, toast)
          }
        >
          <Button {...link} danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
