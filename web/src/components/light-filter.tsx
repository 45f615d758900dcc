import type { Light, LightCounts } from '../api/types.ts';
import { useI18n } from '../app/i18n.tsx';
import { LightDot, lightOrder, lightStyle } from './light-tag.tsx';

/**
 * The counts per light on top of a task list; each one is also the filter
 * for that light (press again, or 全部, to clear it). Name and number always
 * show: colour is never the only sign.
 */
export function LightFilter({
  lights,
  total,
  value,
  onChange,
  compact = false,
}: {
  /** Small pills for a table's toolbar instead of the big cards. */
  compact?: boolean;
  lights: LightCounts | undefined;
  /** Every task of the list, lit or not (drafts have no light). */
  total: number | undefined;
  value: Light | undefined;
  onChange: (l: Light | undefined) => void;
}) {
  const { t } = useI18n();
  const n = (x: number | undefined) => (x === undefined ? '–' : x);
  if (compact)
    return (
      <div className="luoshi-light-pills" role="group" aria-label={t('tasks.lightFilter')}>
        <button
          type="button"
          className={`luoshi-light-pill${value === undefined ? ' is-active' : ''}`}
          aria-pressed={value === undefined}
          onClick={() => onChange(undefined)}
        >
          {t('common.all')}
          <strong>{n(total)}</strong>
        </button>
        {lightOrder.map((l) => (
          <button
            key={l}
            type="button"
            data-light={l}
            className={`luoshi-light-pill luoshi-light-pill-${l}${value === l ? ' is-active' : ''}`}
            aria-pressed={value === l}
            onClick={() => onChange(value === l ? undefined : l)}
          >
            <LightDot light={l} />
            {t(lightStyle[l].label)}
            <strong>{n(lights?.[l])}</strong>
          </button>
        ))}
      </div>
    );
  return (
    <div className="luoshi-light-filter" role="group" aria-label={t('tasks.lightFilter')}>
      <button
        type="button"
        className={`luoshi-light-card luoshi-light-card-all${value === undefined ? ' is-active' : ''}`}
        aria-pressed={value === undefined}
        onClick={() => onChange(undefined)}
      >
        <span className="luoshi-light-card-label">{t('tasks.allTasks')}</span>
        <span className="luoshi-light-card-num">{n(total)}</span>
      </button>
      {lightOrder.map((l) => (
        <button
          key={l}
          type="button"
          data-light={l}
          className={`luoshi-light-card luoshi-light-card-${l}${value === l ? ' is-active' : ''}`}
          aria-pressed={value === l}
          onClick={() => onChange(value === l ? undefined : l)}
        >
          <span className="luoshi-light-card-label">
            <LightDot light={l} />
            {t(lightStyle[l].label)}
          </span>
          <span className="luoshi-light-card-num">{n(lights?.[l])}</span>
        </button>
      ))}
    </div>
  );
}
