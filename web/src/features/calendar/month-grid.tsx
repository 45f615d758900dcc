import dayjs from 'dayjs';
import type { CalendarDay } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';

const WEEK_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEK_EN = ['M', 'T', 'W', 'T', 'F', 'S', 'S'];

/** One month, Monday first: weekends shaded, holidays 休 and make-up working days 班 marked in words. */
export function MonthGrid({
  year,
  month,
  special,
  onPick,
}: {
  year: number;
  /** 1–12 */
  month: number;
  special: ReadonlyMap<string, CalendarDay>;
  onPick: (date: string) => void;
}) {
  const { t, lang } = useI18n();
  const first = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const lead = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= days; d++) cells.push(first.date(d).format('YYYY-MM-DD'));
  return (
    <div className="luoshi-month">
      <div className="luoshi-month-title">{first.format(lang === 'zh' ? 'M月' : 'MMMM')}</div>
      <div className="luoshi-month-grid">
        {(lang === 'zh' ? WEEK_ZH : WEEK_EN).map((w, i) => (
          <div key={`h${i}`} className={`luoshi-month-head${i >= 5 ? ' is-weekend' : ''}`}>
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const s = special.get(date);
          const weekend = i % 7 >= 5;
          const cls = ['luoshi-day', weekend ? 'is-weekend' : '', s ? `is-${s.kind}` : ''].join(' ');
          const label = s
            ? `${date} ${s.name}（${t(s.kind === 'holiday' ? 'calendar.holiday' : 'calendar.workday')}）`
            : date;
          return (
            <button
              key={date}
              type="button"
              className={cls}
              title={label}
              aria-label={label}
              onClick={() => onPick(date)}
            >
              <span>{Number(date.slice(8))}</span>
              {s && <em>{t(s.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')}</em>}
            </button>
          );
        })}
      </div>
    </div>
  );
}
