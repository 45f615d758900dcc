import type { ProblemFilter } from '../../api/problems.ts';
import { useProblemCount, useProblemStatusCounts } from '../../api/problems.ts';
import type { ProblemStatus } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { problemStatusLabel } from '../../components/problem-tags.tsx';

type Chip =
  | { key: 'all'; label: MessageKey }
  | { key: ProblemStatus; label: MessageKey }
  | { key: 'overdue'; label: MessageKey };

const statusChips: ProblemStatus[] = ['assigned', 'rectifying', 'closing_claimed', 'returned', 'closed'];

/** A card whose number is counted by its own request. */
function CountedCard(props: { chip: Chip; filter: ProblemFilter; active: boolean; onClick: () => void }) {
  const n = useProblemCount(props.filter);
  return <CountCard {...props} n={n.data} />;
}

function CountCard({
  chip,
  n,
  active,
  onClick,
}: {
  chip: Chip;
  n: number | undefined;
  active: boolean;
  onClick: () => void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={`luoshi-count-card luoshi-count-${chip.key}${active ? ' is-active' : ''}${n ? ' has-items' : ''}`}
      aria-pressed={active}
      onClick={onClick}
      data-count={chip.key}
    >
      <span className="luoshi-count-label">{t(chip.label)}</span>
      <span className="luoshi-count-num">{n ?? '–'}</span>
    </button>
  );
}

/**
 * The counts on top of a problem list, each also the filter for itself:
 * every problem, each working state, closed, and overdue (press again to
 * clear). The word and the number always show; colour is only a help.
 */
export function ProblemCounts({
  filter,
  update,
}: {
  filter: ProblemFilter;
  update: (f: Partial<ProblemFilter>) => void;
}) {
  const { t } = useI18n();
  // The counts keep every other filter, and drop the one they set themselves.
  const base: ProblemFilter = { ...filter, status: undefined, open: undefined };
  // Every status at once: the list's counts drop `status` and `open` themselves.
  const byStatus = useProblemStatusCounts(base).data?.byStatus;
  const chips: Chip[] = [
    { key: 'all', label: 'problems.countAll' },
    ...statusChips.map((s) => ({ key: s, label: problemStatusLabel(s) })),
    { key: 'overdue', label: 'problems.countOverdue' },
  ];
  return (
    <div className="luoshi-count-row" role="group" aria-label={t('problems.countsLabel')}>
      {chips.map((c) => {
        if (c.key === 'all')
          return (
            <CountedCard
              key="all"
              chip={c}
              filter={{ ...base, schedule: undefined }}
              active={filter.status === undefined && filter.schedule === undefined && !filter.open}
              onClick={() => update({ status: undefined, open: undefined, schedule: undefined })}
            />
          );
        if (c.key === 'overdue')
          return (
            <CountedCard
              key="overdue"
              chip={c}
              filter={{ ...filter, schedule: 'overdue' }}
              active={filter.schedule === 'overdue'}
              onClick={() => update({ schedule: filter.schedule === 'overdue' ? undefined : 'overdue' })}
            />
          );
        const status = c.key;
        return (
          <CountCard
            key={status}
            chip={c}
            n={byStatus?.[status]}
            active={filter.status === status}
            onClick={() => update({ status: filter.status === status ? undefined : status, open: undefined })}
          />
        );
      })}
    </div>
  );
}
