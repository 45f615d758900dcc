import { describe, expect, it } from 'vitest';
import { afterFailedSignIn, checkPassword } from './password-policy.ts';

describe('checkPassword', () => {
  const cases: [string, string, string | null][] = [
    ['Ab1!', 'zhang', 'password_too_short'],
    ['Ab1!xyz', 'zhang', 'password_too_short'],
    ['abcdefgh', 'zhang', 'password_too_simple'],
    ['abcdefg1', 'zhang', 'password_too_simple'],
    ['ABCDEFG1', 'zhang', 'password_too_simple'],
    ['Qingjiang7', 'zhang', null],
    ['qingjiang7!', 'zhang', null],
    ['Zhang#2026x', 'zhang', 'password_contains_username'],
    ['myZHANGpass1', 'Zhang', 'password_contains_username'],
    ['Password1', 'zhang', 'password_too_common'],
    ['P@ssw0rd', 'zhang', 'password_too_common'],
    ['Password123!', 'zhang', 'password_too_common'],
    ['Admin@123', 'zhang', 'password_too_common'],
    ['Luoshi@123', 'zhang', 'password_too_common'],
    ['青江落实2026ab', 'zhang', null],
  ];
  it.each(cases)('%s (user %s) → %s', (pw, user, expected) => {
    expect(checkPassword(pw, user)).toBe(expected);
  });
});

describe('afterFailedSignIn', () => {
  const opts = { threshold: 5, windowMinutes: 15, lockMinutes: 15 };
  const t0 = new Date('2026-03-01T01:00:00Z');
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);

  it('locks on the fifth failure inside the window', () => {
    let s: { failedCount: number; windowStart: Date | null } = { failedCount: 0, windowStart: null };
    for (let i = 0; i < 4; i++) {
      const r = afterFailedSignIn(s, { ...opts, now: at(i) });
      expect(r.lockedUntil).toBeNull();
      s = r;
    }
    const fifth = afterFailedSignIn(s, { ...opts, now: at(4) });
    expect(fifth.lockedUntil).toEqual(at(19));
  });

  it('starts a new window after 15 minutes', () => {
    const s = { failedCount: 4, windowStart: at(0) };
    const r = afterFailedSignIn(s, { ...opts, now: at(15) });
    expect(r).toEqual({ failedCount: 1, windowStart: at(15), lockedUntil: null });
    const inside = afterFailedSignIn(s, { ...opts, now: at(14.99) });
    expect(inside.lockedUntil).not.toBeNull();
  });
});
