import { Button, Card, Checkbox, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { ProblemFilter } from '../../api/problems.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { problemStatusLabel, scheduleLabel, severityLabel } from '../../components/problem-tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { problemStatuses } from '../../../../domain/problems/problem-lifecycle.ts';
import { CampaignSelect, CategorySelect, SourceSelect } from './problem-pickers.tsx';
import { schedules, severities } from './problem-url.ts';

const DATE = 'YYYY-MM-DD';

/**
 * The filters of a problem list: search, campaign, source, category, unit
 * (with its lower units), status, severity, schedule, long-term, found between.
 */
export function ProblemFilterBar({
  filter,
  update,
  reset,
  unitFilter = true,
}: {
  filter: ProblemFilter;
  update: (f: Partial<ProblemFilter>) => void;
  reset: () => void;
  /** A unit's own list has no unit to choose. */
  unitFilter?: boolean;
}) {
  const { t } = useI18n();
  const browses = useCan('campaigns.browse');
  const manages = useCan('campaigns.manage');
  const seesCampaigns = browses || manages;
  return (
    <Card className="luoshi-filter-bar" size="small">
      <Space wrap size={[10, 8]}>
        <Input.Search
          key={`q:${filter.q ?? ''}`}
          allowClear
          defaultValue={filter.q}
          placeholder={t('problems.searchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 200 }}
          aria-label={t('problems.searchPlaceholder')}
        />
        {seesCampaigns && (
          <CampaignSelect
            value={filter.campaignId}
            onChange={(campaignId) => update({ campaignId })}
            style={{ width: 190 }}
          />
        )}
        <SourceSelect
          allowClear
          includeInactive
          value={filter.sourceId}
          onChange={(sourceId) => update({ sourceId })}
          placeholder={t('problems.filterSource')}
          style={{ width: 150 }}
        />
        <CategorySelect
          value={filter.categoryId}
          onChange={(categoryId) => update({ categoryId })}
          style={{ width: 170 }}
        />
        {unitFilter && (
          <>
            <UnitTreeSelect
              allowClear
              value={filter.unitId}
              onChange={(unitId) => update({ unitId })}
              placeholder={t('problems.filterUnit')}
              style={{ width: 200 }}
              id="problem-filter-unit"
            />
            {filter.unitId !== undefined && (
              <Checkbox
                checked={filter.includeSubunits ?? true}
                onChange={(e) => update({ includeSubunits: e.target.checked })}
              >
                {t('problems.includeSubunits')}
              </Checkbox>
            )}
          </>
        )}
        <Select
          allowClear
          value={filter.status}
          onChange={(status) => update({ status, open: undefined })}
          placeholder={t('problems.filterStatus')}
          aria-label={t('problems.filterStatus')}
          options={problemStatuses.map((s) => ({ value: s, label: t(problemStatusLabel(s)) }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          value={filter.severity}
          onChange={(severity) => update({ severity })}
          placeholder={t('problems.filterSeverity')}
          aria-label={t('problems.filterSeverity')}
          options={severities.map((s) => ({ value: s, label: t(severityLabel(s)) }))}
          style={{ width: 110 }}
        />
        <Select
          allowClear
          value={filter.schedule}
          onChange={(schedule) => update({ schedule })}
          placeholder={t('problems.filterSchedule')}
          aria-label={t('problems.filterSchedule')}
          options={schedules.map((s) => ({ value: s, label: t(scheduleLabel(s)) }))}
          style={{ width: 140 }}
        />
        <DatePicker.RangePicker
          value={[
            filter.foundFrom ? dayjs(filter.foundFrom) : null,
            filter.foundTo ? dayjs(filter.foundTo) : null,
          ]}
          allowEmpty={[true, true]}
          onChange={(r) =>
            update({
              foundFrom: r?.[0]?.format(DATE) ?? undefined,
              foundTo: r?.[1]?.format(DATE) ?? undefined,
            })
          }
          placeholder={[t('problems.foundFrom'), t('problems.foundTo')]}
          style={{ width: 250 }}
        />
        <Checkbox
          checked={filter.longTerm ?? false}
          onChange={(e) => update({ longTerm: e.target.checked || undefined })}
        >
          {t('problems.onlyLongTerm')}
        </Checkbox>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
    </Card>
  );
}
