import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { shanghaiDate } from '../domain/calendar/shanghai-date.ts';
import { insertEvidence, updateProblem } from '../server/modules/problems/problems.repository.ts';
import { captureSqlRolledBack, paramIndex, runCaptured, type CapturedQuery } from './lib/capture-sql.ts';
import type { SuiteContext } from './lib/types.ts';

/** A problem the baseline claims: its own set, never one Luoshi claims. */
export interface ClaimTarget {
  id: number;
  /** The liaison the claim is written by. */
  authorId: number;
}

type Slot = 'problemId' | 'text' | 'by' | 'at' | 'status' | 'claimedOn' | 'claimCount' | 'now';

/**
 * The change a claim for closing makes, as the repository writes it
 * (captured in a rolled-back transaction): the evidence row (`insertEvidence`)
 * and the problem's new state (`updateProblem`: status, claimed on, claim
 * count), with where each value goes.
 */
async function claimStatements(
  ctx: SuiteContext,
  sample: ClaimTarget,
): Promise<{ qs: CapturedQuery[]; at: Partial<Record<Slot, number>>[] }> {
  const s = {
    problemId: sample.id,
    text: 'bench-evidence',
    by: sample.authorId,
    at: new Date(0),
    status: 'closing_claimed',
    claimedOn: '2099-01-01',
    claimCount: 7_777,
    now: new Date(1),
  };
  const qs = await captureSqlRolledBack(ctx.database.pool, async (tx) => {
    await insertEvidence(tx, { problemId: s.problemId, text: s.text, by: s.by, at: s.at });
    await updateProblem(
      tx,
      s.problemId,
      { status: s.status, claimed_on: s.claimedOn, claim_count: s.claimCount },
      s.now,
    );
  });
  if (qs.length !== 2) throw new Error(`expected 2 statements, captured ${qs.length}`);
  const at = qs.map((q) =>
    Object.fromEntries(
      (Object.keys(s) as Slot[]).filter((k) => q.params.includes(s[k])).map((k) => [k, paramIndex(q, s[k])]),
    ),
  );
  return { qs, at };
}

/** Replays captured statements one after another and returns their rows. */
async function replay(pool: pg.Pool, qs: readonly CapturedQuery[], prepared: boolean): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const q of qs) out.push((await runCaptured(pool, q, q.params, prepared)).rows);
  return out;
}

/** Statements a replay leaves out: transaction control and the snapshot a cached computation records. */
const notReplayed = /^\s*(begin|commit|rollback|set transaction)\b|pg_current_snapshot\(\)/i;

/**
 * The problems suite's bare routes. `POST /problems/:id/claim-closing` runs
 * the evidence INSERT and the problem UPDATE of a claim (each autocommit, one
 * after the other) on the baseline's own problems; the reads replay the
 * statements the Luoshi route sent for the same caller and query, captured
 * from the route itself (sign-in check, transaction control and snapshot left
 * out). No sign-in, validation, policy, history, audit or presenter.
 */
export async function problemsBaseline(
  ctx: SuiteContext,
  targets: readonly ClaimTarget[],
  reads: Record<string, CapturedQuery[]>,
): Promise<(app: FastifyInstance, pool: pg.Pool) => void> {
  const sample = targets.find((t) => t.id !== t.authorId && t.id !== 7_777);
  if (!sample) throw new Error('no problem to capture the claim with');
  const claim = await claimStatements(ctx, sample);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const prepared = ctx.baselineMode === 'prepared';
  const replays = Object.fromEntries(
    Object.entries(reads).map(([k, qs]) => [k, qs.filter((q) => !notReplayed.test(q.text))]),
  );
  return (app, pool) => {
    app.post<{ Params: { id: string }; Body: { evidence: string } }>(
      '/problems/:id/claim-closing',
      async (req, reply) => {
        const t = byId.get(Number(req.params.id));
        if (!t) return reply.status(404).send({ error: 'unknown problem' });
        const now = new Date();
        const values: Record<Slot, unknown> = {
          problemId: t.id,
          text: req.body.evidence,
          by: t.authorId,
          at: now,
          status: 'closing_claimed',
          claimedOn: shanghaiDate(now),
          claimCount: 1,
          now,
        };
        let id: unknown;
        for (const [i, q] of claim.qs.entries()) {
          const v = [...q.params];
          for (const [slot, at] of Object.entries(claim.at[i]!)) v[at] = values[slot as Slot];
          const r = await runCaptured(pool, q, v, prepared);
          id ??= (r.rows[0] as { id?: number } | undefined)?.id;
        }
        return reply.status(200).send({ id });
      },
    );
    for (const [path, qs] of Object.entries(replays))
      app.get(path, async () => ({ results: await replay(pool, qs, prepared) }));
  };
}
