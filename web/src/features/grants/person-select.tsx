import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { usePeople } from '../../api/people.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Finds a person by name, username or phone, searched on the server. */
export function PersonSelect({
  value,
  onChange,
  id,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const people = usePeople({ q: q || undefined }, { limit: 20, offset: 0 });
  const options = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.username}）· ${p.unitName}`,
  }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      loading={people.isFetching}
      placeholder={t('grants.searchPerson')}
      notFoundContent={people.isFetching ? t('common.loading') : t('common.noMatch')}
      allowClear
    />
  );
}
