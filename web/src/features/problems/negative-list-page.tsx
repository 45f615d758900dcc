import { Card, Checkbox, Empty, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { useCan, useCurrentSession } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { NegativeListView } from './negative-list.tsx';
import { ProblemDetailDrawer } from './problem-detail-drawer.tsx';
import { CampaignSelect } from './problem-pickers.tsx';
import { useOpenProblem } from './problem-url.ts';

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * 负面清单 by unit: pick a unit (a unit's own people start at theirs), its
 * lower units too if asked, one campaign or all. The choice is in the URL.
 */
export function NegativeListPage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  const seesCampaigns = useCan('campaigns.browse');
  const forUnit = useCan('problems.unit');
  const [params, setParams] = useSearchParams();
  const [, openProblem] = useOpenProblem();
  const unitId = positive(params.get('unit')) ?? (forUnit ? session.user.unit.id : undefined);
  const campaignId = positive(params.get('campaign'));
  const includeSubunits = params.get('sub') === '1';
  const set = useCallback(
    (name: string, value: string | undefined) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (value === undefined) p.delete(name);
          else p.set(name, value);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <>
      <div className="luoshi-no-print">
        <PageTitle title={t('nav.negativeList')} sub={t('negative.sub')} />
        <Card className="luoshi-filter-bar" size="small">
          <Space wrap size={[10, 8]}>
            <UnitTreeSelect
              value={unitId}
              onChange={(u) => set('unit', u === undefined ? undefined : String(u))}
              placeholder={t('negative.pickUnit')}
              style={{ width: 260 }}
              id="negative-unit"
            />
            {seesCampaigns && (
              <CampaignSelect
                value={campaignId}
                onChange={(c) => set('campaign', c === undefined ? undefined : String(c))}
                placeholder={t('negative.allCampaigns')}
                style={{ width: 220 }}
              />
            )}
            <Checkbox
              checked={includeSubunits}
              onChange={(e) => set('sub', e.target.checked ? '1' : undefined)}
            >
              {t('problems.includeSubunits')}
            </Checkbox>
          </Space>
        </Card>
      </div>
      {unitId === undefined ? (
        <Card>
          <Empty
            description={<Typography.Text type="secondary">{t('negative.pickUnitFirst')}</Typography.Text>}
          />
        </Card>
      ) : (
        <NegativeListView
          key={unitId}
          unitId={unitId}
          campaignId={campaignId}
          includeSubunits={includeSubunits}
          onOpen={openProblem}
        />
      )}
      <ProblemDetailDrawer />
    </>
  );
}
