import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { usePeople } from '../../api/people.ts';
import { useCampaignTasks } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Typed text, settled after a pause, for a server-side search. */
function useDebounced(): [string, (s: string) => void] {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  return [q, setTyped];
}

/** 参会人员 with an account: searched by name on the server. */
export function AttendeeSelect({
  value,
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setTyped] = useDebounced();
  const [known, setKnown] = useState<Map<number, string>>(new Map());
  const people = usePeople({ q: q || undefined }, { limit: 30, offset: 0 });
  const found = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }));
  const kept = (value ?? [])
    .filter((v) => !found.some((f) => f.value === v))
    .map((v) => ({ value: v, label: known.get(v) ?? String(v) }));
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v, opts) => {
        const next = new Map(known);
        for (const o of [opts].flat()) if (o && 'value' in o) next.set(o.value as number, String(o.label));
        setKnown(next);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={[...found, ...kept]}
      loading={people.isFetching}
      placeholder={t('meetings.attendeesPlaceholder')}
      notFoundContent={people.isFetching ? t('common.loading') : t('common.noMatch')}
    />
  );
}

/** 研究的任务: tasks of the campaign, searched by code or title. */
export function MeetingTaskSelect({
  campaignId,
  value,
  onChange,
  id,
}: {
  campaignId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setTyped] = useDebounced();
  const tasks = useCampaignTasks(campaignId, { q: q || undefined, topLevel: true }, { limit: 50, offset: 0 });
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={(tasks.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code} ${x.title}` }))}
      loading={tasks.isFetching}
      placeholder={t('meetings.tasksPlaceholder')}
      notFoundContent={tasks.isFetching ? t('common.loading') : t('common.noMatch')}
    />
  );
}
