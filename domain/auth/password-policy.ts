import type { ErrorCode } from '../errors.ts';
import { commonPasswords } from './common-passwords.ts';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Counts the character classes (upper, lower, digit, other) a password uses. */
export function characterClasses(password: string): number {
  const tests = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];
  return tests.filter((t) => t.test(password)).length;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return true;
  // "Password123!" is "password" with a suffix of digits and symbols.
  const stem = lower.replace(/[^a-z]+$/, '');
  const stemHead = lower.replace(/^[^a-z]+/, '');
  return (
    (stem.length >= 4 && commonPasswords.has(stem)) || (stemHead.length >= 4 && commonPasswords.has(stemHead))
  );
}

/**
 * 密码策略: checks a new password; returns the first rule it breaks, or null.
 * Rules: minimum length, three of four character classes, does not contain the
 * username (case-insensitive), not a common password.
 */
export function checkPassword(
  password: string,
  username: string,
  policy: PasswordPolicy = defaultPasswordPolicy,
): ErrorCode | null {
  if (password.length < policy.minLength) return 'password_too_short';
  if (characterClasses(password) < policy.minClasses) return 'password_too_simple';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'password_contains_username';
  }
  if (isCommon(password)) return 'password_too_common';
  return null;
}

/**
 * 登录失败锁定: given the failures so far, decide the state after one more failure.
 * A window opens at the first failure; `threshold` failures inside it lock the
 * account for `lockMinutes`.
 */
export function afterFailedSignIn(
  state: { failedCount: number; windowStart: Date | null },
  opts: { now: Date; threshold: number; windowMinutes: number; lockMinutes: number },
): { failedCount: number; windowStart: Date; lockedUntil: Date | null } {
  const windowOpen =
    state.windowStart !== null &&
    opts.now.getTime() - state.windowStart.getTime() < opts.windowMinutes * 60_000;
  const failedCount = windowOpen ? state.failedCount + 1 : 1;
  const windowStart = windowOpen && state.windowStart ? state.windowStart : opts.now;
  if (failedCount >= opts.threshold) {
    return {
      failedCount: 0,
      windowStart: opts.now,
      lockedUntil: new Date(opts.now.getTime() + opts.lockMinutes * 60_000),
    };
  }
  return { failedCount, windowStart, lockedUntil: null };
}
