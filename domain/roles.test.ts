import { describe, expect, it } from 'vitest';
import { capabilitiesOf, roles, violatesSeparation, type Role } from './roles.ts';

describe('三员分立 separation of duties', () => {
  const cases: [Role[], Role, boolean][] = [
    [[], 'sysadmin', false],
    [['sysadmin'], 'sysadmin', false],
    [['sysadmin'], 'secadmin', true],
    [['sysadmin'], 'auditor', true],
    [['secadmin'], 'auditor', true],
    [['auditor'], 'sysadmin', true],
    [['office', 'leader'], 'auditor', false],
    [['auditor'], 'office', false],
    [['secadmin', 'office'], 'secadmin', false],
  ];
  it.each(cases)('holding %j, granting %s → violates=%s', (held, role, expected) => {
    expect(violatesSeparation(held, role)).toBe(expected);
  });

  it('every pair of the three is refused, every other pair allowed', () => {
    const three: Role[] = ['sysadmin', 'secadmin', 'auditor'];
    for (const a of roles) {
      for (const b of roles) {
        const expected = a !== b && three.includes(a) && three.includes(b);
        expect(violatesSeparation([a], b)).toBe(expected);
      }
    }
  });
});

describe('capabilities', () => {
  it('gives each administrator only their own console', () => {
    expect(capabilitiesOf(['sysadmin'])).toContain('units.manage');
    expect(capabilitiesOf(['sysadmin'])).not.toContain('grants.manage');
    expect(capabilitiesOf(['secadmin'])).toContain('grants.manage');
    expect(capabilitiesOf(['secadmin'])).not.toContain('audit.read');
    expect(capabilitiesOf(['auditor'])).toEqual(['audit.read']);
    expect(capabilitiesOf([])).toEqual([]);
  });

  it('shows accountability to the discipline role only', () => {
    for (const r of roles)
      expect(capabilitiesOf([r]).includes('accountability.manage'), r).toBe(r === 'discipline');
  });
});
