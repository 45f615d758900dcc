import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useCampaigns } from '../../api/campaigns.ts';
import { usePeople } from '../../api/people.ts';
import { useProblemCategories, useProblemSources } from '../../api/problems.ts';
import type { ProblemCategory } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';

interface PickerProps<T> {
  value?: T;
  onChange?: (v: T) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** 专项行动: the campaigns the caller may browse (open ones first, then closed). */
export function CampaignSelect({
  value,
  onChange,
  id,
  placeholder,
  allowClear = true,
  style,
}: PickerProps<number | undefined>) {
  const { t } = useI18n();
  const list = useCampaigns({ includeClosed: true }, { limit: 100, offset: 0 });
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('problems.filterCampaign')}
      aria-label={placeholder ?? t('problems.filterCampaign')}
      loading={list.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}

/** 问题来源: the active sources; `unitOnly` keeps those a unit may record itself (自查自纠). */
export function SourceSelect({
  value,
  onChange,
  id,
  placeholder,
  allowClear,
  style,
  unitOnly = false,
  includeInactive = false,
}: PickerProps<number | undefined> & { unitOnly?: boolean; includeInactive?: boolean }) {
  const { t, lang } = useI18n();
  const sources = useProblemSources();
  const options = (sources.data ?? [])
    .filter((s) => (includeInactive || s.active) && (!unitOnly || s.unitMayRecord))
    .map((s) => ({ value: s.id, label: lang === 'en' ? s.nameEn : s.nameZh }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('problems.source')}
      aria-label={placeholder ?? t('problems.source')}
      loading={sources.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}

interface CategoryOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: CategoryOption[];
}

/** The category tree (parents first from the server) as TreeSelect data. */
export function categoryTree(
  items: readonly ProblemCategory[],
  lang: 'zh' | 'en',
  includeInactive = false,
): CategoryOption[] {
  const nodes = new Map<number, CategoryOption>();
  const roots: CategoryOption[] = [];
  const sorted = [...items].sort((a, b) => a.depth - b.depth || a.sort - b.sort || a.id - b.id);
  for (const c of sorted) {
    if (!includeInactive && !c.active) continue;
    const node: CategoryOption = { value: c.id, title: lang === 'en' ? c.nameEn : c.nameZh };
    nodes.set(c.id, node);
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) (parent.children ??= []).push(node);
    else if (c.parentId === null) roots.push(node);
  }
  return roots;
}

/** 问题类别: one category (a filter: it and everything under it). */
export function CategorySelect({ value, onChange, id, placeholder, style }: PickerProps<number | undefined>) {
  const { t, lang } = useI18n();
  const cats = useProblemCategories();
  const tree = useMemo(() => categoryTree(cats.data ?? [], lang), [cats.data, lang]);
  return (
    <TreeSelect<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      allowClear
      placeholder={placeholder ?? t('problems.filterCategory')}
      aria-label={placeholder ?? t('problems.filterCategory')}
      loading={cats.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={style}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
    />
  );
}

/** 问题类别 of a problem: several, anywhere in the tree. */
export function CategoryMultiSelect({ value, onChange, id }: PickerProps<number[]>) {
  const { t, lang } = useI18n();
  const cats = useProblemCategories();
  const tree = useMemo(() => categoryTree(cats.data ?? [], lang), [cats.data, lang]);
  return (
    <TreeSelect<number[]>
      id={id}
      multiple
      value={value}
      onChange={(v) => onChange?.(v ?? [])}
      treeData={tree}
      allowClear
      placeholder={t('problems.pickCategories')}
      loading={cats.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      maxTagCount="responsive"
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 320 } } }}
    />
  );
}

/** 责任人: the people of one unit (the server checks the person belongs to it). */
export function UnitPersonSelect({
  unitId,
  value,
  onChange,
  id,
}: PickerProps<number | null | undefined> & { unitId: number | undefined }) {
  const { t } = useI18n();
  const people = usePeople({ unitId }, { limit: 200, offset: 0 }, unitId !== undefined);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      disabled={unitId === undefined}
      placeholder={unitId === undefined ? t('problems.pickUnitFirst') : t('problems.pickPerson')}
      loading={people.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.username}）` }))}
      notFoundContent={t('common.noMatch')}
    />
  );
}
