import { describe, expect, it } from 'vitest';
import { canMoveUnder, childPath, depthOf, isWithin } from './unit-tree.ts';

describe('unit tree paths', () => {
  it('builds child paths', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/', 7)).toBe('/1/7/');
    expect(depthOf('/1/')).toBe(0);
    expect(depthOf('/1/7/30/')).toBe(2);
  });

  it.each([
    ['/1/7/', '/1/', true],
    ['/1/7/', '/1/7/', true],
    ['/1/70/', '/1/7/', false],
    ['/1/', '/1/7/', false],
  ])('%s within %s → %s', (path, anc, expected) => {
    expect(isWithin(path, anc)).toBe(expected);
  });

  it.each([
    ['/1/7/', '/1/8/', true],
    ['/1/7/', '/1/7/', false],
    ['/1/7/', '/1/7/30/', false],
    ['/1/7/', '/1/70/', true],
    ['/1/7/30/', '/1/', true],
  ])('move %s under %s → %s', (unit, parent, expected) => {
    expect(canMoveUnder(unit, parent)).toBe(expected);
  });
});
