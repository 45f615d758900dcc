import type pg from 'pg';
import {
  bulkLoad,
  deferIndexes,
  growCity,
  reserveIds,
  type City,
  type LoadStep,
  type TownRef,
} from './lib/city.ts';
import { copyRows } from './lib/copy.ts';
import { rngFrom } from './lib/rng.ts';
import {
  eventAt,
  iso,
  planner,
  planProblem,
  PROBLEM_CAMPAIGNS,
  todayNumber,
  TOTAL_PROBLEMS,
  type PlannedProblem,
  type Planner,
  type ProblemUnit,
} from './problems.plan.ts';

// 城市级问题清单: the city of `lib/city.ts` (2,000 units, bench accounts) and
// TOTAL_PROBLEMS problems over five campaigns with their category links,
// stages, measures, claims (evidence) and history, loaded with COPY in batches
// (each problem planned once per batch, every table copied from the plans).

/** What the suite needs to know of the generated data set. */
export interface ProblemCity {
  /** Campaign ids in PROBLEM_CAMPAIGNS order (null for daily work); the first holds most problems. */
  campaignIds: (number | null)[];
  towns: TownRef[];
  units: ProblemUnit[];
  /** Username of the liaison of every department and town, by unit id. */
  liaisonOf: Map<number, string>;
  firstProblemId: number;
  counts: Record<string, number>;
  steps: LoadStep[];
  totalSeconds: number;
}

// Small batches: a plan that outlives a few young-generation collections costs several times its making.
const BATCH = 2_000;

const LOADED_TABLES = [
  'units',
  'people',
  'grants',
  'campaigns',
  'problems',
  'problem_category_links',
  'problem_stages',
  'problem_measures',
  'problem_evidence',
  'problem_events',
];

const PROBLEM_COLUMNS = [
  'id',
  'campaign_id',
  'description',
  'source_id',
  'found_on',
  'found_by',
  'unit_id',
  'person_id',
  'severity',
  'deadline',
  'long_term',
  'progress',
  'behind_from',
  'status',
  'claimed_on',
  'closed_at',
  'return_count',
  'rebound_count',
  'claim_count',
  'merged_into_id',
  'self_reported',
  'recorded_by',
  'created_at',
  'updated_at',
];

function* problemRows(plans: readonly PlannedProblem[], campaignIds: readonly (number | null)[]) {
  for (const p of plans) {
    yield [
      p.id,
      campaignIds[p.campaign],
      p.description,
      p.sourceId,
      iso(p.foundDay),
      p.foundBy,
      p.unit.id,
      p.unit.personId,
      p.severity,
      iso(p.deadlineDay),
      p.longTerm,
      p.progress,
      p.behindFrom,
      p.status,
      p.claimedDay === null ? null : iso(p.claimedDay),
      p.closedAt,
      p.returnCount,
      p.reboundCount,
      p.claimCount,
      p.mergedIntoId,
      p.selfReported,
      p.recordedBy,
      eventAt(p.events[0]!),
      eventAt(p.events.at(-1)!),
    ];
  }
}

function* linkRows(plans: readonly PlannedProblem[], ancestors: Ancestors) {
  for (const p of plans) {
    const seen = new Map<number, boolean>();
    for (const c of p.categories) {
      for (const a of ancestors.get(c)!) seen.set(a, (seen.get(a) ?? false) || a === c);
    }
    for (const [category, direct] of seen) yield [p.id, category, direct];
  }
}

function* stageRows(plans: readonly PlannedProblem[]) {
  for (const p of plans) for (const s of p.stages) yield [p.id, s.date, s.title, s.percent];
}

function* measureRows(plans: readonly PlannedProblem[]) {
  for (const p of plans)
    for (const [k, m] of p.measures.entries()) yield [p.id, k + 1, m.text, m.owner, iso(m.dueDay), m.done];
}

function* evidenceRows(plans: readonly PlannedProblem[]) {
  for (const p of plans) {
    for (const c of p.claims) {
      const decided = c.decision !== null && c.decidedBy !== null;
      yield [
        p.id,
        c.text,
        c.by,
        eventAt(c),
        c.decision,
        decided ? c.decidedBy : null,
        decided ? eventAt({ day: c.decidedDay, hour: c.hour + 1 }) : null,
        c.reason,
      ];
    }
  }
}

function* eventRows(plans: readonly PlannedProblem[]) {
  for (const p of plans)
    for (const e of p.events) yield [p.id, eventAt(e), e.actorId, e.action, e.from, e.to, e.note];
}

type Ancestors = Map<number, number[]>;

/** The tables a batch of plans is copied into, in order, with the count each adds to. */
const TABLES: {
  table: string;
  count: string;
  columns: string[];
  rows: (
    plans: readonly PlannedProblem[],
    campaignIds: readonly (number | null)[],
    a: Ancestors,
  ) => Iterable<unknown[]>;
}[] = [
  { table: 'problems', count: 'problems', columns: PROBLEM_COLUMNS, rows: (p, c) => problemRows(p, c) },
  {
    table: 'problem_category_links',
    count: 'categoryLinks',
    columns: ['problem_id', 'category_id', 'direct'],
    rows: (p, _c, a) => linkRows(p, a),
  },
  {
    table: 'problem_stages',
    count: 'stages',
    columns: ['problem_id', 'due_on', 'title', 'percent'],
    rows: (p) => stageRows(p),
  },
  {
    table: 'problem_measures',
    count: 'measures',
    columns: ['problem_id', 'seq', 'text', 'owner', 'due_on', 'done'],
    rows: (p) => measureRows(p),
  },
  {
    table: 'problem_evidence',
    count: 'evidence',
    columns: [
      'problem_id',
      'text',
      'submitted_by',
      'submitted_at',
      'decision',
      'decided_by',
      'decided_at',
      'reason',
    ],
    rows: (p) => evidenceRows(p),
  },
  {
    table: 'problem_events',
    count: 'events',
    columns: ['problem_id', 'at', 'actor_id', 'action', 'from_status', 'to_status', 'note'],
    rows: (p) => eventRows(p),
  },
];

/** The units problems go to: departments, towns and the villages and communities under the towns. */
function problemUnits(city: City): ProblemUnit[] {
  const out: ProblemUnit[] = [];
  const lead = (u: { id: number }, kind: 'department' | 'town') => {
    const s = city.staff.get(u.id);
    if (!s) throw new Error(`no bench accounts for unit ${u.id}`);
    return { kind, leadId: u.id, personId: s.head, liaison: s.liaison, head: s.head };
  };
  for (const d of city.departments) out.push({ id: d.id, name: d.name, ...lead(d, 'department') });
  for (const t of city.towns) {
    const town = lead(t, 'town');
    out.push({ id: t.id, name: t.name, ...town });
    for (const v of t.villages)
      out.push({ ...town, id: v.id, name: v.name, kind: 'village', personId: null });
  }
  return out;
}

/** Category id → its ancestors' ids and its own (the links a problem given it carries). */
async function categoryAncestors(client: pg.PoolClient) {
  const r = await client.query<{ id: number; code: string; path: string }>(
    'SELECT id, code, path FROM problem_categories',
  );
  const byCode = new Map<string, number[]>();
  const byId = new Map<number, number[]>();
  for (const c of r.rows) {
    const chain = c.path.split('/').filter(Boolean).map(Number);
    byCode.set(c.code, chain);
    byId.set(c.id, chain);
  }
  return { byCode, byId };
}

async function loadCampaigns(client: pg.PoolClient, officeId: number, today: number, now: Date) {
  const ids: (number | null)[] = [];
  for (const c of PROBLEM_CAMPAIGNS) {
    if (!c.name) {
      ids.push(null);
      continue;
    }
    const r = await client.query<{ id: number }>(
      `INSERT INTO campaigns (name, leading_group, description, start_on, end_on, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [
        c.name,
        c.leadingGroup,
        `${c.name}（压测数据）`,
        iso(today - c.startedDaysAgo - 1),
        iso(today + c.endsInDays),
        officeId,
        now,
      ],
    );
    ids.push(r.rows[0]!.id);
  }
  return ids;
}

/**
 * Generates the problem data set into the bench database (after the demo
 * district is seeded): the city of `growCity`, five campaigns (one holding
 * more than half the problems, and daily work outside any) and TOTAL_PROBLEMS
 * problems with their links, stages, measures, evidence and history. One
 * transaction, COPY in batches of BATCH problems.
 */
export async function generateProblemCity(
  url: string,
  opts: { password: string; iterations: number; now: Date; seed: string; log: (m: string) => void },
): Promise<ProblemCity> {
  const rng = rngFrom(`${opts.seed}/city`);
  const now = opts.now;
  const today = todayNumber(now);
  const { result, steps, totalSeconds } = await bulkLoad(
    url,
    LOADED_TABLES,
    opts.log,
    async (client, step) => {
      const city = await growCity(client, rng, opts);
      step(
        `units (${city.addedUnits} added) and ${city.staff.size * 2 + city.leaders.length} bench accounts`,
      );
      const units = problemUnits(city);
      const sources = await client.query<{ id: number; code: string }>(
        'SELECT id, code FROM problem_sources',
      );
      const inspector = await client.query<{ id: number }>(
        `SELECT id FROM people WHERE username = 'inspector'`,
      );
      const cats = await categoryAncestors(client);
      const campaignIds = await loadCampaigns(client, city.officeId, today, now);
      const firstId = await reserveIds(client, 'problems', TOTAL_PROBLEMS);
      const plan: Planner = planner({
        seed: rng.int(0, 2 ** 31),
        today,
        units,
        sourceIds: new Map(sources.rows.map((s) => [s.code, s.id])),
        categories: cats.byCode,
        campaignIds,
        officeId: city.officeId,
        inspectorId: inspector.rows[0]!.id,
        firstId,
      });
      const counts: Record<string, number> = { units: city.units.length };
      const rebuild = await deferIndexes(client, ['problems']);
      const spent = new Map<string, number>();
      const timed = async (label: string, run: () => Promise<number>) => {
        const t = performance.now();
        const n = await run();
        spent.set(label, (spent.get(label) ?? 0) + performance.now() - t);
        return n;
      };
      for (let from = 0; from < TOTAL_PROBLEMS; from += BATCH) {
        const plans: PlannedProblem[] = [];
        await timed('plan', async () => {
          for (let i = from; i < Math.min(TOTAL_PROBLEMS, from + BATCH); i++)
            plans.push(planProblem(plan, i));
          return 0;
        });
        for (const t of TABLES) {
          counts[t.count] =
            (counts[t.count] ?? 0) +
            (await timed(t.table, () =>
              copyRows(client, t.table, t.columns, t.rows(plans, campaignIds, cats.byId)),
            ));
        }
      }
      await timed('indexes of problems rebuilt', rebuild);
      const breakdown = [...spent].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ');
      step(
        `${counts.problems!.toLocaleString('en-US')} problems with links, stages, measures, evidence and history (COPY: ${breakdown})`,
      );
      return {
        campaignIds,
        towns: city.towns,
        units,
        liaisonOf: city.liaisonOf,
        firstProblemId: firstId,
        counts,
      };
    },
  );
  return { ...result, steps, totalSeconds };
}
