import { SearchOutlined } from '@ant-design/icons';
import { Card, Empty, Input, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode as DataNode } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { UnitTreeNode } from '../../api/types.ts';
import { useUnitTree } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';
import { buildForest, filterForest, pathTo, type UnitBranch } from '../../components/unit-tree-data.ts';

/** Marks the part of a name that matched the search (as text, never HTML). */
function highlight(name: string, q: string): ReactNode {
  const i = q ? name.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return name;
  return (
    <>
      {name.slice(0, i)}
      <span className="luoshi-tree-hit">{name.slice(i, i + q.length)}</span>
      {name.slice(i + q.length)}
    </>
  );
}

function toData(branches: UnitBranch[], q: string): DataNode[] {
  return branches.map((b) => ({
    key: b.unit.id,
    title: (
      <span className={b.unit.active ? undefined : 'luoshi-tree-node-inactive'} title={b.unit.code}>
        {highlight(b.unit.name, q)}
      </span>
    ),
    children: b.children.length > 0 ? toData(b.children, q) : undefined,
    isLeaf: b.children.length === 0,
  }));
}

/** The unit tree on the left of 单位管理: search by name or code, click to select. */
export function UnitTreePanel({
  selected,
  onSelect,
  includeInactive,
}: {
  selected: number | undefined;
  onSelect: (id: number) => void;
  includeInactive: boolean;
}) {
  const { t } = useI18n();
  const tree = useUnitTree(includeInactive);
  const [keyword, setKeyword] = useState('');
  const [expanded, setExpanded] = useState<number[]>([]);
  const nodes: UnitTreeNode[] = useMemo(() => tree.data ?? [], [tree.data]);
  const forest = useMemo(() => buildForest(nodes), [nodes]);
  const filtered = useMemo(() => filterForest(forest, keyword), [forest, keyword]);
  const data = useMemo(() => toData(filtered.forest, keyword.trim()), [filtered.forest, keyword]);

  // Open the tree at the selected unit (and at the roots) when either changes, and at every
  // match when the search changes; in between, the person opens and closes nodes freely.
  const openKey = `${selected ?? ''}|${nodes.length}|${keyword.trim()}`;
  const [openedFor, setOpenedFor] = useState('');
  if (openKey !== openedFor) {
    setOpenedFor(openKey);
    if (keyword.trim()) setExpanded(filtered.expanded);
    else {
      const open = selected !== undefined ? pathTo(nodes, selected).slice(0, -1) : [];
      const roots = forest.map((b) => b.unit.id);
      setExpanded((prev) => [...new Set([...prev, ...roots, ...open])]);
    }
  }

  // Bring the selected unit into view (it may be chosen from the table or the address bar).
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = scroller.current;
    if (!box || selected === undefined) return;
    const h = setTimeout(() => {
      const node = box.querySelector<HTMLElement>('.ant-tree-treenode-selected');
      if (!node) return;
      const top = node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      if (top < box.scrollTop || top + node.offsetHeight > box.scrollTop + box.clientHeight) {
        box.scrollTop = Math.max(0, top - box.clientHeight / 3);
      }
    }, 100);
    return () => clearTimeout(h);
  }, [selected, data]);

  useEffect(() => {
    if (selected === undefined && forest[0]) onSelect(forest[0].unit.id);
  }, [selected, forest, onSelect]);

  return (
    <Card className="luoshi-tree-card" title={t('units.tree')} size="small">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('units.searchTree')}
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
        style={{ marginBottom: 8 }}
        aria-label={t('units.searchTree')}
      />
      {tree.isPending ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noMatch')} />
      ) : (
        // Not virtual: only opened branches render, and a plain scroll box can bring a node into view.
        <div ref={scroller} style={{ maxHeight: 620, overflow: 'auto' }}>
          <Tree
            treeData={data}
            virtual={false}
            blockNode
            showLine
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(Number))}
            selectedKeys={selected !== undefined ? [selected] : []}
            onSelect={(keys) => {
              const k = keys[0];
              if (k !== undefined) onSelect(Number(k));
            }}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('units.treeCount', { n: nodes.length })}
      </Typography.Text>
    </Card>
  );
}
