import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useUnitTree } from '../api/units.ts';
import { useI18n } from '../app/i18n.tsx';
import { buildForest, type UnitBranch } from './unit-tree-data.ts';

interface Option {
  value: number;
  title: string;
  label: string;
  disabled?: boolean;
  children?: Option[];
}

function toOptions(branches: UnitBranch[], disabledUnder: number | undefined, inherited = false): Option[] {
  return branches.map((b) => {
    const disabled = inherited || b.unit.id === disabledUnder;
    return {
      value: b.unit.id,
      title: `${b.unit.name}`,
      label: b.unit.name,
      disabled: disabled || !b.unit.active,
      children: b.children.length > 0 ? toOptions(b.children, disabledUnder, disabled) : undefined,
    };
  });
}

export interface UnitTreeSelectProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** A unit that cannot be chosen together with everything under it (moving a unit). */
  excludeSubtreeOf?: number;
  style?: React.CSSProperties;
  id?: string;
}

/** Picks a unit from the tree within my scope, with search by name. */
export function UnitTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  excludeSubtreeOf,
  style,
  id,
}: UnitTreeSelectProps) {
  const { t } = useI18n();
  const tree = useUnitTree();
  const options = useMemo(
    () => toOptions(buildForest(tree.data ?? []), excludeSubtreeOf),
    [tree.data, excludeSubtreeOf],
  );
  const firstRoot = options[0]?.value;
  return (
    <TreeSelect<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={options}
      loading={tree.isPending}
      placeholder={placeholder ?? t('units.pickUnit')}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={firstRoot !== undefined ? [firstRoot] : []}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
      style={style}
      treeLine
    />
  );
}

export interface UnitTreeMultiSelectProps {
  value?: number[];
  onChange?: (value: number[]) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

/** Picks several units from the tree (cooperating units, the units a task is split to). */
export function UnitTreeMultiSelect({ value, onChange, placeholder, style, id }: UnitTreeMultiSelectProps) {
  const { t } = useI18n();
  const tree = useUnitTree();
  const options = useMemo(() => toOptions(buildForest(tree.data ?? []), undefined), [tree.data]);
  const firstRoot = options[0]?.value;
  return (
    <TreeSelect<number[]>
      id={id}
      multiple
      value={value}
      onChange={(v) => onChange?.(v ?? [])}
      treeData={options}
      loading={tree.isPending}
      placeholder={placeholder ?? t('units.pickUnit')}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={firstRoot !== undefined ? [firstRoot] : []}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
      style={style}
      maxTagCount="responsive"
      treeLine
    />
  );
}
