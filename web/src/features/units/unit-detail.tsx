import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ActiveTag } from '../../components/tags.tsx';
import { UnitActions } from './unit-actions.tsx';
import type { UnitDialog } from './unit-dialogs.tsx';
import { useCatalogueNames } from './use-catalogue-names.ts';

/** The selected unit: its facts and what may be done to it. */
export function UnitDetail({
  unit,
  manage,
  onDialog,
  onRemoved,
}: {
  unit: Unit | undefined;
  manage: boolean;
  onDialog: (d: UnitDialog) => void;
  onRemoved: (u: Unit) => void;
}) {
  const { t } = useI18n();
  const names = useCatalogueNames();
  if (!unit)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  return (
    <Card
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          {unit.name}
        </Typography.Text>
      }
      extra={
        manage &&
        unit.active && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => onDialog({ kind: 'create', parent: unit })}
          >
            {t('units.addChild')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('units.code')}>{unit.code}</Descriptions.Item>
        <Descriptions.Item label={t('units.type')}>
          {names.typeName(unit.typeId, unit.typeName)}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.peerGroup')}>
          {names.groupName(unit.peerGroupId, unit.peerGroupName) ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.children')}>{unit.childCount}</Descriptions.Item>
        <Descriptions.Item label={t('units.people')}>{unit.peopleCount}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <ActiveTag active={unit.active} />
        </Descriptions.Item>
      </Descriptions>
      {manage && (
        <div style={{ marginTop: 8 }}>
          <UnitActions unit={unit} onDialog={onDialog} onRemoved={onRemoved} size="middle" />
        </div>
      )}
    </Card>
  );
}
