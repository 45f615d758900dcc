import type { LoadTarget, RequestVariant } from './types.ts';

export const SESSION_COOKIE = 'luoshi_session';

/** The header every unsafe Luoshi request must carry (CSRF guard). */
export const CSRF_HEADER = { 'x-luoshi-request': '1' } as const;

/**
 * Signs in through `POST /api/v1/session` and returns the session token (the
 * cookie's value). Throws with the server's answer when it is not 200.
 */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF_HEADER },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${text}`);
  for (const c of res.headers.getSetCookie()) {
    const m = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c);
    if (m?.[1]) return m[1];
  }
  throw new Error(`sign-in as ${username}: no ${SESSION_COOKIE} cookie`);
}

/** GETs JSON with the session cookie; throws unless 200. */
export async function getJson<T>(baseUrl: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The variants a probe sends: all, or `probeVariants` of them spread over the list (from its end for `rotateOnce`). */
export function probeVariantsOf(target: LoadTarget): RequestVariant[] {
  const all = target.rotate && target.rotate.length > 0 ? target.rotate : [{}];
  const n = Math.min(all.length, target.probeVariants ?? all.length);
  if (target.rotateOnce) return all.slice(all.length - n);
  if (n === all.length) return all;
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]!);
}

/**
 * Sends the target's request shapes once each (see `probeVariantsOf`) and throws
 * unless every answer is 2xx, so a load run never measures a stream of 401s or 400s.
 */
export async function probe(baseUrl: string, target: LoadTarget): Promise<void> {
  for (const v of probeVariantsOf(target)) {
    const path = v.path ?? target.path;
    const res = await fetch(`${baseUrl}${path}`, {
      method: target.method,
      headers: { ...target.headers, ...v.headers },
      body: v.body ?? target.body,
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      throw new Error(`probe ${target.method} ${baseUrl}${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
    }
  }
}
