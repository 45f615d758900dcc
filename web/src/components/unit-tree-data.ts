import type { UnitTreeNode } from '../api/types.ts';

/** A unit with its children, built from the flat `/units/tree` list. */
export interface UnitBranch {
  unit: UnitTreeNode;
  children: UnitBranch[];
}

/**
 * Builds the forest from flat nodes (server order is kept). Roots are the
 * nodes whose parent is outside the list: a liaison sees only their own unit.
 */
export function buildForest(nodes: readonly UnitTreeNode[]): UnitBranch[] {
  const byId = new Map<number, UnitBranch>();
  for (const unit of nodes) byId.set(unit.id, { unit, children: [] });
  const roots: UnitBranch[] = [];
  for (const branch of byId.values()) {
    const parent = branch.unit.parentId === null ? undefined : byId.get(branch.unit.parentId);
    if (parent) parent.children.push(branch);
    else roots.push(branch);
  }
  return roots;
}

const matches = (u: UnitTreeNode, q: string) =>
  u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q);

/**
 * Keeps the branches that match `keyword` (name or code) or lead to a match,
 * and says which nodes to open so that every match shows.
 */
export function filterForest(
  forest: readonly UnitBranch[],
  keyword: string,
): { forest: UnitBranch[]; expanded: number[] } {
  const q = keyword.trim().toLowerCase();
  if (!q) return { forest: [...forest], expanded: [] };
  const expanded: number[] = [];
  const walk = (b: UnitBranch): UnitBranch | null => {
    const kids = b.children.map(walk).filter((x): x is UnitBranch => x !== null);
    if (kids.length > 0) expanded.push(b.unit.id);
    if (kids.length > 0 || matches(b.unit, q)) return { unit: b.unit, children: kids.length > 0 ? kids : [] };
    return null;
  };
  return { forest: forest.map(walk).filter((x): x is UnitBranch => x !== null), expanded };
}

/** The ids from a root down to `id` (inclusive), for opening the tree at a unit. */
export function pathTo(nodes: readonly UnitTreeNode[], id: number): number[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: number[] = [];
  let cur = byId.get(id);
  while (cur) {
    out.unshift(cur.id);
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return out;
}
