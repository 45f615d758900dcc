import { Col, Row, Space, Switch, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useUnit } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { UnitChildrenTable } from './unit-children-table.tsx';
import { UnitDetail } from './unit-detail.tsx';
import { UnitDialogModal, type UnitDialog } from './unit-dialogs.tsx';
import { UnitTreePanel } from './unit-tree-panel.tsx';

function UnitsTab({ manage }: { manage: boolean }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('unit'));
  const selected = Number.isInteger(raw) && raw > 0 ? raw : undefined;
  const [includeInactive, setIncludeInactive] = useState(false);
  const [dialog, setDialog] = useState<UnitDialog | null>(null);
  const unit = useUnit(selected);
  const select = useCallback((id: number) => setParams({ unit: String(id) }, { replace: true }), [setParams]);

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="300px">
        <UnitTreePanel selected={selected} onSelect={select} includeInactive={includeInactive} />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <UnitDetail
            unit={unit.data}
            manage={manage}
            onDialog={setDialog}
            onRemoved={(u) => u.parentId !== null && select(u.parentId)}
          />
          {selected !== undefined && (
            <div style={{ background: '#fff', padding: 16, borderRadius: 6 }}>
              <div
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  marginBottom: 8,
                }}
              >
                <Typography.Text strong>{t('units.childrenOf')}</Typography.Text>
                <Space>
                  <Typography.Text type="secondary">{t('units.showInactive')}</Typography.Text>
                  <Switch
                    size="small"
                    checked={includeInactive}
                    onChange={setIncludeInactive}
                    aria-label={t('units.showInactive')}
                  />
                </Space>
              </div>
              <UnitChildrenTable
                key={selected}
                parentId={selected}
                includeInactive={includeInactive}
                manage={manage}
                onOpen={select}
                onDialog={setDialog}
              />
            </div>
          )}
        </Space>
      </Col>
      {dialog && <UnitDialogModal dialog={dialog} onClose={() => setDialog(null)} />}
    </Row>
  );
}

/** 单位管理 (sysadmin) or 组织架构 (everyone else who may browse units). */
export function UnitsPage() {
  const { t } = useI18n();
  const manage = useCan('units.manage');
  return (
    <>
      <PageTitle
        title={t(manage ? 'nav.unitsManage' : 'nav.unitsBrowse')}
        sub={t(manage ? 'units.subManage' : 'units.subBrowse')}
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'units', label: t('units.tabUnits'), children: <UnitsTab manage={manage} /> },
          {
            key: 'types',
            label: t('units.tabTypes'),
            children: <CatalogueTab kind="unit-types" manage={manage} />,
          },
          {
            key: 'groups',
            label: t('units.tabGroups'),
            children: <CatalogueTab kind="peer-groups" manage={manage} />,
          },
        ]}
      />
    </>
  );
}
