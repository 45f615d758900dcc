import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { usePeople } from '../../api/people.ts';
import { useI18n } from '../../app/i18n.tsx';

interface Known {
  id: number;
  name: string;
}

function useLeaderOptions(known: readonly Known[]) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const people = usePeople({ role: 'leader', q: q || undefined }, { limit: 50, offset: 0 });
  const found = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }));
  // Leaders already chosen keep their names even when the search does not return them.
  const extra = known
    .filter((k) => !found.some((f) => f.value === k.id))
    .map((k) => ({ value: k.id, label: k.name }));
  return { options: [...found, ...extra], setTyped, loading: people.isFetching };
}

/** 包保领导: picks people who hold the leader role, searched on the server by name. */
export function LeaderSelect({
  value,
  onChange,
  id,
  known = [],
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
  known?: readonly Known[];
}) {
  const { t } = useI18n();
  const o = useLeaderOptions(known);
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: o.setTyped }}
      options={o.options}
      loading={o.loading}
      placeholder={t('tasks.pickLeaders')}
      notFoundContent={o.loading ? t('common.loading') : t('common.noMatch')}
    />
  );
}

/** One leader, for a filter. */
export function LeaderFilterSelect({
  value,
  onChange,
  style,
}: {
  value?: number;
  onChange: (v: number | undefined) => void;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  const o = useLeaderOptions([]);
  return (
    <Select<number>
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: o.setTyped }}
      options={o.options}
      loading={o.loading}
      placeholder={t('tasks.filterLeader')}
      notFoundContent={o.loading ? t('common.loading') : t('common.noMatch')}
      style={style}
      aria-label={t('tasks.filterLeader')}
    />
  );
}
