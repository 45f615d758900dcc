import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { signIn } from './lib/http.ts';
import { timeSequential, timingOf } from './lib/stats.ts';
import type { SuiteContext, Timing } from './lib/types.ts';

const pbkdf2Async = promisify(pbkdf2);

/**
 * 登录成本: `samples` sequential sign-ins over HTTP (after one untimed), and the
 * bare PBKDF2-HMAC-SM3 at the configured iteration count, as the server runs it
 * (async, on libuv's thread pool).
 */
export async function signInCost(ctx: SuiteContext, username: string, samples = 20): Promise<Timing[]> {
  const n = ctx.config.pbkdf2Iterations;
  const http = await timeSequential(samples, 1, () => signIn(ctx.luoshiUrl, username, ctx.password));
  const salt = randomBytes(16);
  const raw = await timeSequential(samples, 1, () =>
    pbkdf2Async(ctx.password.normalize('NFC'), salt, n, 32, 'sm3'),
  );
  return [
    timingOf(`POST /api/v1/session (sign-in, ${n} iterations)`, http),
    timingOf(`pbkdf2-sm3 alone (${n} iterations, 32 bytes)`, raw),
  ];
}
