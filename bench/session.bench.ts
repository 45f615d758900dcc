import type { PersonResponse } from '../domain/contracts/people.ts';
import { CSRF_HEADER, getJson, SESSION_COOKIE, signIn } from './lib/http.ts';
import type { BenchSuite, LoadTarget, PreparedSuite, RequestVariant, SuiteContext } from './lib/types.ts';
import { sessionBaseline } from './session.baseline.ts';
import { renameHistoryCheck } from './session.checks.ts';
import { signInCost } from './session.sign-in.ts';

const TARGET = { ratio: 0.5 };

/** Everyone but the admin whom the admin may edit, in the API's order. */
async function editablePeople(ctx: SuiteContext, token: string): Promise<PersonResponse[]> {
  const page = await getJson<{ items: PersonResponse[] }>(ctx.luoshiUrl, '/api/v1/people?limit=500', token);
  const out = page.items.filter((x) => x.abilities.edit && x.username !== 'admin');
  if (out.length < 3) throw new Error('the demo district has fewer than 3 people the admin may edit');
  return out;
}

/** Two names per person, every person once per name: a rotation that renames back and forth. */
function renames(people: readonly PersonResponse[], prefix: string): RequestVariant[] {
  return [0, 1].flatMap((round) =>
    people.map((p) => ({
      path: `${prefix}/${p.id}`,
      body: JSON.stringify({ name: round === 0 ? `${p.name}（测）` : p.name }),
    })),
  );
}

/**
 * 会话与审计写入: (a) `GET /api/v1/session` with a valid cookie against the bare
 * SQL of `loadSession`; (b) an audited rename of one person, two names in turn
 * (`PATCH /api/v1/people/:id`), against the bare UPDATE of `updatePerson`;
 * (c) the same spread over the other editable people, which separates
 * per-request cost from waiting on one row's lock. Then times a sign-in and
 * checks what the audit recorded.
 */
async function prepare(ctx: SuiteContext): Promise<PreparedSuite> {
  const token = await signIn(ctx.luoshiUrl, 'admin', ctx.password);
  const cookie = { cookie: `${SESSION_COOKIE}=${token}` };
  const people = await editablePeople(ctx, token);
  // Only Luoshi ever renames `hot`, so its audit history must be gapless; the
  // baseline's one-row case uses an equal row next to it.
  const [hot, baselineHot] = [people[0]!, people[1]!];
  const others = people.slice(1);
  const headers = { ...cookie, ...CSRF_HEADER, 'content-type': 'application/json' };
  const rename = (prefix: string, who: readonly PersonResponse[]): LoadTarget => ({
    method: 'PATCH',
    path: `${prefix}/${who[0]!.id}`,
    headers,
    rotate: renames(who, prefix),
  });
  return {
    scenarios: [
      {
        id: 'session.get',
        title: 'GET /api/v1/session',
        luoshi: { method: 'GET', path: '/api/v1/session', headers: cookie },
        baseline: { method: 'GET', path: '/session', headers: cookie },
        target: TARGET,
      },
      {
        id: 'people.rename',
        title: 'PATCH /api/v1/people/:id, one person (audited rename)',
        luoshi: rename('/api/v1/people', [hot]),
        baseline: rename('/people', [baselineHot]),
        target: TARGET,
      },
      {
        id: 'people.rename-spread',
        title: `PATCH /api/v1/people/:id, ${others.length} people in turn`,
        luoshi: rename('/api/v1/people', others),
        baseline: rename('/people', others),
        target: TARGET,
      },
    ],
    registerBaseline: await sessionBaseline(ctx, token, people),
    timings: () => signInCost(ctx, 'admin'),
    checks: async () => [await renameHistoryCheck(ctx.database.db, hot.id)],
  };
}

export const sessionSuite: BenchSuite = {
  name: 'session',
  description:
    'GET /api/v1/session and audited PATCH /api/v1/people/:id against their bare SQL; sign-in cost',
  prepare,
};
