import { describe, expect, it } from 'vitest';
import { buildDemoDistrict, type DemoRole, type DemoUnitKind } from './district.ts';

const district = buildDemoDistrict();
const { units, people } = district;
const CJK = /^[\u4e00-\u9fff]+$/u;

const countKinds = (kinds: readonly DemoUnitKind[]): number =>
  units.filter((u) => kinds.includes(u.kind)).length;
const unitByKey = new Map(units.map((u) => [u.key, u]));
const person = (username: string) => people.find((p) => p.username === username);

describe('buildDemoDistrict', () => {
  it('is deterministic for a given seed', () => {
    expect(buildDemoDistrict()).toEqual(buildDemoDistrict());
    expect(buildDemoDistrict('another')).toEqual(buildDemoDistrict('another'));
  });

  it('gives different names for a different seed', () => {
    const other = buildDemoDistrict('another');
    const names = (d: typeof district) => [...d.units.map((u) => u.name), ...d.people.map((p) => p.name)];
    expect(names(other)).not.toEqual(names(district));
    expect(other.people.map((p) => p.name)).not.toEqual(people.map((p) => p.name));
  });

  it('has one region and unit counts in the expected ranges', () => {
    expect(units.filter((u) => u.kind === 'region')).toHaveLength(1);
    expect(units.filter((u) => u.parentKey === null)).toHaveLength(1);
    const departments = countKinds(['department', 'soe', 'stationed']);
    expect(departments).toBeGreaterThanOrEqual(55);
    expect(departments).toBeLessThanOrEqual(65);
    expect(countKinds(['soe'])).toBeGreaterThan(0);
    expect(countKinds(['stationed'])).toBeGreaterThan(0);
    const towns = countKinds(['town', 'street']);
    expect(towns).toBeGreaterThanOrEqual(38);
    expect(towns).toBeLessThanOrEqual(42);
    const villages = countKinds(['village', 'community']);
    expect(villages).toBeGreaterThanOrEqual(420);
    expect(villages).toBeLessThanOrEqual(440);
  });

  it('assigns peer groups by kind', () => {
    for (const u of units) {
      if (['department', 'soe', 'stationed'].includes(u.kind)) expect(u.peerGroup).toBe('departments');
      else if (u.kind === 'town' || u.kind === 'street') expect(u.peerGroup).toBe('towns');
      else expect(u.peerGroup).toBeNull();
    }
  });

  it('has unique ASCII keys and hierarchical codes', () => {
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.key)).size).toBe(units.length);
    for (const u of units) {
      expect(u.code).toMatch(/^[\x21-\x7e]+$/u);
      expect(u.key).toMatch(/^[\x21-\x7e]+$/u);
      if (u.parentKey !== null) expect(u.code.startsWith(`${u.parentKey}-`)).toBe(true);
    }
  });

  it('links every parentKey to an existing unit of the right kind', () => {
    for (const u of units) {
      if (u.parentKey === null) continue;
      const parent = unitByKey.get(u.parentKey);
      expect(parent, u.key).toBeDefined();
      if (u.kind === 'village' || u.kind === 'community') {
        expect(['town', 'street']).toContain(parent?.kind);
      } else {
        expect(parent?.kind).toBe('region');
      }
    }
  });

  it('puts villages under towns and communities mostly under streets', () => {
    const parentKind = (k: DemoUnitKind) =>
      units.filter((u) => u.kind === k).map((u) => unitByKey.get(u.parentKey ?? '')?.kind);
    const villageParents = parentKind('village');
    const communityParents = parentKind('community');
    expect(villageParents.filter((k) => k === 'town').length).toBeGreaterThan(villageParents.length / 2);
    expect(communityParents.filter((k) => k === 'street').length).toBeGreaterThan(
      communityParents.length / 2,
    );
  });

  it('uses CJK-only names, unique within a parent, and unique town names', () => {
    for (const u of units) expect(u.name).toMatch(CJK);
    for (const p of people) expect(p.name).toMatch(CJK);
    const seen = new Set(units.map((u) => `${u.parentKey ?? ''}/${u.name}`));
    expect(seen.size).toBe(units.length);
    const towns = units.filter((u) => u.peerGroup === 'towns').map((u) => u.name);
    expect(new Set(towns).size).toBe(towns.length);
    for (const u of units.filter((x) => x.kind === 'village')) expect(u.name).toMatch(/村$/u);
    for (const u of units.filter((x) => x.kind === 'community')) expect(u.name).toMatch(/社区$/u);
    for (const p of people) {
      expect(p.name.length).toBeGreaterThanOrEqual(2);
      expect(p.name.length).toBeLessThanOrEqual(3);
    }
  });

  it('has unique usernames and phones, and every unitKey exists', () => {
    expect(new Set(people.map((p) => p.username)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.phone)).size).toBe(people.length);
    for (const p of people) {
      expect(p.phone).toMatch(/^1[358]\d{9}$/u);
      expect(unitByKey.has(p.unitKey), p.username).toBe(true);
      for (const r of p.roles) expect(unitByKey.has(r.unitKey), p.username).toBe(true);
    }
  });

  it.each<[string, DemoRole, string | null]>([
    ['admin', 'sysadmin', null],
    ['secadmin', 'secadmin', null],
    ['auditor', 'auditor', null],
    ['office', 'office', '区作风提升行动领导小组办公室'],
    ['inspector', 'inspector', '区委督查室'],
    ['leader', 'leader', '区政府办公室'],
    ['discipline', 'discipline', '区纪委监委'],
  ])('has the %s account holding %s on the region', (username, role, unitName) => {
    const p = person(username);
    expect(p).toBeDefined();
    expect(p?.roles).toEqual([{ role, unitKey: 'QJ' }]);
    if (unitName !== null) expect(unitByKey.get(p?.unitKey ?? '')?.name).toBe(unitName);
  });

  it('has a grid worker in a community', () => {
    const grid = person('grid');
    const unit = unitByKey.get(grid?.unitKey ?? '');
    expect(unit?.kind).toBe('community');
    expect(grid?.roles).toEqual([{ role: 'grid', unitKey: unit?.key }]);
  });

  it('has liaison and head accounts for the first three towns and departments', () => {
    const towns = units.filter((u) => u.peerGroup === 'towns').slice(0, 3);
    const departments = units.filter((u) => u.peerGroup === 'departments').slice(0, 3);
    expect(towns.map((u) => u.code)).toEqual(['QJ-T01', 'QJ-T02', 'QJ-T03']);
    expect(departments.map((u) => u.code)).toEqual(['QJ-D001', 'QJ-D002', 'QJ-D003']);
    for (const unit of [...towns, ...departments]) {
      for (const role of ['liaison', 'head'] as const) {
        const p = person(`${role}-${unit.code.toLowerCase()}`);
        expect(p?.unitKey).toBe(unit.key);
        expect(p?.roles).toEqual([{ role, unitKey: unit.key }]);
      }
    }
    expect(person('liaison-qj-t01')).toBeDefined();
    expect(person('head-qj-d001')).toBeDefined();
  });

  it('has one ordinary staff member per department and town', () => {
    const staff = people.filter((p) => /^p\d{4}$/u.test(p.username));
    expect(staff.every((p) => p.roles.length === 0)).toBe(true);
    const peers = units.filter((u) => u.peerGroup !== null);
    expect(staff.map((p) => p.unitKey).sort()).toEqual(peers.map((u) => u.key).sort());
  });

  it('never gives one person two of sysadmin/secadmin/auditor', () => {
    const separated: readonly DemoRole[] = ['sysadmin', 'secadmin', 'auditor'];
    for (const p of people) {
      const held = new Set(p.roles.map((r) => r.role).filter((r) => separated.includes(r)));
      expect(held.size, p.username).toBeLessThanOrEqual(1);
    }
    const holders = separated.map((role) => people.filter((p) => p.roles.some((r) => r.role === role)));
    for (const h of holders) expect(h).toHaveLength(1);
    expect(new Set(holders.map((h) => h[0]?.name)).size).toBe(3);
  });
});
