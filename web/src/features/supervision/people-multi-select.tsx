import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { usePeople } from '../../api/people.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Several people, searched on the server by name; those chosen keep their names while the search moves on. */
export function PeopleMultiSelect({
  value,
  onChange,
  id,
  single,
}: {
  value?: number[] | number;
  onChange?: (v: number[] | number | undefined) => void;
  id?: string;
  single?: boolean;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const people = usePeople({ q: q || undefined }, { limit: 30, offset: 0 });
  const chosen = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const found = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }));
  const kept = chosen
    .filter((c) => !found.some((f) => f.value === c))
    .map((c) => ({ value: c, label: names.get(c) ?? `#${c}` }));
  return (
    <Select<number[] | number>
      id={id}
      mode={single ? undefined : 'multiple'}
      value={value}
      onChange={(v) => {
        // Remember the names of those chosen, so they stay readable when the search moves on.
        const next = new Map(names);
        for (const o of found) next.set(o.value, o.label);
        setNames(next);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={[...found, ...kept]}
      loading={people.isFetching}
      placeholder={t('grants.searchPerson')}
      notFoundContent={people.isFetching ? t('common.loading') : t('common.noMatch')}
      allowClear
    />
  );
}
