/**
 * Units form a tree stored as materialized paths: the root has path `/1/`, its
 * child 7 has `/1/7/`. A role granted on a unit covers every unit whose path
 * starts with that unit's path.
 */

/** The path of a new child of the unit with `parentPath`. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Does the unit at `path` lie in the subtree rooted at `ancestorPath` (itself included)? */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** May the unit at `unitPath` move under the unit at `newParentPath`? Never under itself or below. */
export function canMoveUnder(unitPath: string, newParentPath: string): boolean {
  return !isWithin(newParentPath, unitPath);
}

/** The depth of a path: the root is 0. */
export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}
