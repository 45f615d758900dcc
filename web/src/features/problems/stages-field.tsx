import { useI18n } from '../../app/i18n.tsx';
import { DatedStepsField } from '../../components/dated-steps-field.tsx';

/** 阶段目标 of a long-term problem: date, what is done by then, and (optionally) the planned percent. */
export function StagesField() {
  const { t } = useI18n();
  return (
    <DatedStepsField
      name="stages"
      labels={{
        date: t('problems.stageDate'),
        title: t('problems.stageTitle'),
        titlePlaceholder: t('problems.stageTitlePlaceholder'),
        percent: t('problems.stagePercent'),
        add: t('problems.addStage'),
      }}
    />
  );
}
