import { useI18n } from '../../app/i18n.tsx';
import { DatedStepsField } from '../../components/dated-steps-field.tsx';

/** 时间节点 as an editable list: date, what is done by then, and (optionally) the planned percent. */
export function MilestonesField() {
  const { t } = useI18n();
  return (
    <DatedStepsField
      name="milestones"
      labels={{
        date: t('tasks.milestoneDate'),
        title: t('tasks.milestoneTitle'),
        titlePlaceholder: t('tasks.milestoneTitlePlaceholder'),
        percent: t('tasks.milestonePercent'),
        add: t('tasks.addMilestone'),
      }}
    />
  );
}
