import { sql } from 'drizzle-orm';
import type { NegativeList, StatisticsResponse } from '../domain/contracts/problems.ts';
import type { ProblemStatus } from '../domain/problems/problem-lifecycle.ts';
import { isOverdue, scheduleOf } from '../domain/problems/problem-schedule.ts';
import { intArray, type Db } from '../server/db/client.ts';
import { CSRF_HEADER, SESSION_COOKIE, getJson } from './lib/http.ts';
import type { Check } from './lib/types.ts';

type Counts = StatisticsResponse['total'];
const FIELDS = [
  'found',
  'closed',
  'closingRate',
  'open',
  'overdue',
  'onSchedule',
  'behind',
  'returned',
  'returns',
  'rebound',
  'rebounds',
  'dismissed',
  'merged',
] as const;

const empty = (): Counts => ({
  found: 0,
  closed: 0,
  closingRate: null,
  open: 0,
  overdue: 0,
  onSchedule: 0,
  behind: 0,
  returned: 0,
  returns: 0,
  rebound: 0,
  rebounds: 0,
  dismissed: 0,
  merged: 0,
});

interface Row extends Record<string, unknown> {
  id: number;
  unitId: number;
  status: ProblemStatus;
  deadline: string;
  claimedOn: string | null;
  longTerm: boolean;
  behindFrom: string | null;
  returnCount: number;
  reboundCount: number;
}

/** Adds one problem to a group's figures, by the domain's rules (not the SQL the server runs). */
function add(c: Counts, r: Row, today: string): void {
  if (r.status === 'dismissed') c.dismissed++;
  else if (r.status === 'merged') c.merged++;
  else {
    c.found++;
    if (r.status === 'closed') c.closed++;
    else c.open++;
    if (r.returnCount > 0) c.returned++;
    c.returns += r.returnCount;
    if (r.reboundCount > 0) c.rebound++;
    c.rebounds += r.reboundCount;
    if (r.status !== 'closed') {
      const s = scheduleOf({ ...r, progress: 0 }, today);
      if (isOverdue(r, today)) c.overdue++;
      else if (s === 'behind') c.behind++;
      else c.onSchedule++;
    }
  }
}

const finish = (c: Counts): Counts => ({
  ...c,
  closingRate: c.found === 0 ? null : Math.round((c.closed * 10000) / c.found) / 100,
});

/**
 * The statistics of a campaign grouped by unit and by category (each problem
 * under each of its linked categories), computed in JS from the rows with the
 * domain's `isOverdue` and `scheduleOf`: a second opinion on the server's SQL
 * and on whatever it cached.
 */
async function reference(db: Db, campaignId: number, today: string) {
  const rows = await db.execute<Row>(sql`
    SELECT id, unit_id AS "unitId", status, deadline, claimed_on AS "claimedOn", long_term AS "longTerm",
           behind_from AS "behindFrom", return_count AS "returnCount", rebound_count AS "reboundCount"
      FROM problems WHERE campaign_id = ${campaignId}`);
  const links = await db.execute<{ problemId: number; categoryId: number }>(sql`
    SELECT l.problem_id AS "problemId", l.category_id AS "categoryId"
      FROM problem_category_links l JOIN problems p ON p.id = l.problem_id WHERE p.campaign_id = ${campaignId}`);
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  const total = empty();
  const byUnit = new Map<number, Counts>();
  const byCategory = new Map<number, Counts>();
  for (const r of rows.rows) {
    add(total, r, today);
    if (!byUnit.has(r.unitId)) byUnit.set(r.unitId, empty());
    add(byUnit.get(r.unitId)!, r, today);
  }
  for (const l of links.rows) {
    if (!byCategory.has(l.categoryId)) byCategory.set(l.categoryId, empty());
    add(byCategory.get(l.categoryId)!, byId.get(l.problemId)!, today);
  }
  const done = (m: Map<number, Counts>) => new Map([...m].map(([k, v]) => [k, finish(v)]));
  return {
    total: finish(total),
    byUnit: done(byUnit),
    byCategory: done(byCategory),
    problems: rows.rows.length,
  };
}

function compare(
  label: string,
  api: StatisticsResponse,
  total: Counts,
  groups: Map<number, Counts>,
): string[] {
  const diffs: string[] = [];
  const same = (where: string, a: Counts, b: Counts) => {
    for (const f of FIELDS)
      if (a[f] !== b[f]) diffs.push(`${label} ${where} ${f}: API ${a[f]}, reference ${b[f]}`);
  };
  same('total', api.total, total);
  if (api.rows.length !== groups.size)
    diffs.push(`${label}: ${api.rows.length} rows, reference ${groups.size}`);
  for (const r of api.rows) {
    const ref = r.key.id === null ? undefined : groups.get(r.key.id);
    if (!ref) diffs.push(`${label}: row ${r.key.id} not in the reference`);
    else same(`row ${r.key.id}`, r, ref);
  }
  return diffs;
}

async function post(baseUrl: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { ...CSRF_HEADER, 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw new Error(`POST ${path}: HTTP ${res.status} ${text}`);
}

/**
 * 统计准确: the office's statistics of the campaign, by unit and by category,
 * equal a reference computed in JS from the rows; then one waiting claim of
 * the campaign is closed through the API and the very next statistics
 * request shows it (closed + 1 in the total and in the unit's row), and
 * agrees with the reference again.
 */
export async function statisticsCheck(
  db: Db,
  baseUrl: string,
  office: string,
  campaignId: number,
  today: string,
): Promise<Check> {
  const path = (by: string) => `/api/v1/problem-statistics?campaignId=${campaignId}&groupBy=${by}`;
  const diffs: string[] = [];
  const ref = await reference(db, campaignId, today);
  const byUnit = await getJson<StatisticsResponse>(baseUrl, path('unit'), office);
  diffs.push(...compare('by unit', byUnit, ref.total, ref.byUnit));
  diffs.push(
    ...compare(
      'by category',
      await getJson<StatisticsResponse>(baseUrl, path('category'), office),
      ref.total,
      ref.byCategory,
    ),
  );
  const waiting = await db.execute<{ id: number; unitId: number }>(sql`
    SELECT id, unit_id AS "unitId" FROM problems WHERE campaign_id = ${campaignId} AND status = 'closing_claimed'
       AND claimed_on < ${today}::date ORDER BY id LIMIT 1`);
  const w = waiting.rows[0];
  let moved = 'no waiting claim to close';
  if (w) {
    await post(baseUrl, `/api/v1/problems/${w.id}/close`, office, { note: '压测核查：已整改到位' });
    const after = await getJson<StatisticsResponse>(baseUrl, path('unit'), office);
    const unitRow = (s: StatisticsResponse) => s.rows.find((r) => r.key.id === w.unitId);
    const ok =
      after.total.closed === byUnit.total.closed + 1 &&
      after.total.open === byUnit.total.open - 1 &&
      unitRow(after)?.closed === (unitRow(byUnit)?.closed ?? 0) + 1;
    if (!ok) diffs.push(`closing problem ${w.id} did not move the statistics at once`);
    const again = await reference(db, campaignId, today);
    diffs.push(...compare('by unit after the close', after, again.total, again.byUnit));
    moved = `closing problem ${w.id} moved closed ${byUnit.total.closed} → ${after.total.closed} at once`;
  }
  return {
    label: `statistics of campaign ${campaignId} (by unit, by category) equal a reference computed from the rows, before and right after a close`,
    ok: diffs.length === 0,
    detail:
      `${ref.problems.toLocaleString('en-US')} problems, ${byUnit.rows.length} units; ${moved}` +
      (diffs.length ? `; ${diffs.length} differences: ${diffs.slice(0, 4).join('; ')}` : '; all equal'),
  };
}

/**
 * 申请销号与审计一一对应: every problem of Luoshi's claim set that is now
 * claimed today has exactly one new evidence row, one claim_closing history
 * line and one `problem.claim_closing` audit entry, each naming it and its
 * evidence; the rest of the set has none of them; no other problem got such
 * an entry; and there are at least as many as the measured run accepted.
 */
export async function claimAuditCheck(
  db: Db,
  ids: readonly number[],
  today: string,
  accepted: number,
): Promise<Check> {
  const r = await db.execute<{
    claimed: number;
    wrong: number;
    untouchedWrong: number;
    strayEntries: number;
  }>(sql`
    WITH mine AS (SELECT unnest(${intArray(ids)}) AS id),
    claimed AS (
      SELECT p.id FROM problems p JOIN mine USING (id) WHERE p.status = 'closing_claimed' AND p.claimed_on = ${today}::date),
    facts AS (
      SELECT m.id, (m.id IN (SELECT id FROM claimed)) AS claimed,
        (SELECT count(*) FROM problem_evidence e WHERE e.problem_id = m.id AND e.decision IS NULL
           AND e.submitted_at >= ${today}::date - interval '8 hours') AS evidence,
        (SELECT count(*) FROM problem_events v WHERE v.problem_id = m.id AND v.action = 'claim_closing'
           AND v.at >= ${today}::date - interval '8 hours') AS events,
        (SELECT count(*) FROM audit_log a WHERE a.object_type = 'problem' AND a.action = 'problem.claim_closing'
           AND a.object_id = m.id::text
           AND (a.after->>'evidenceId')::int IN (SELECT e.id FROM problem_evidence e WHERE e.problem_id = m.id)) AS entries
      FROM mine m)
    SELECT (SELECT count(*) FROM claimed)::int AS claimed,
      (SELECT count(*) FROM facts WHERE claimed AND (evidence <> 1 OR events <> 1 OR entries <> 1))::int AS wrong,
      (SELECT count(*) FROM facts WHERE NOT claimed AND (evidence <> 0 OR events <> 0 OR entries <> 0))::int AS "untouchedWrong",
      (SELECT count(*) FROM audit_log a WHERE a.action = 'problem.claim_closing'
         AND a.object_id::int NOT IN (SELECT id FROM mine))::int AS "strayEntries"`);
  const x = r.rows[0]!;
  return {
    label: 'every accepted claim wrote one evidence row, one history line and one audit entry',
    ok: x.wrong === 0 && x.untouchedWrong === 0 && x.strayEntries === 0 && x.claimed >= accepted,
    detail:
      `${x.claimed} problems claimed today, ${x.wrong} without exactly one evidence row, history line and entry, ` +
      `${x.untouchedWrong} unclaimed with some, ${x.strayEntries} entries outside the set; measured run accepted ${accepted}`,
  };
}

/**
 * 负面清单与记录一致: the unit's negative list holds exactly its open
 * problems, overdue first and then by deadline, each with its measures in
 * order.
 */
export async function negativeListCheck(
  db: Db,
  baseUrl: string,
  token: string,
  unitId: number,
  today: string,
): Promise<Check> {
  const list = await getJson<NegativeList>(baseUrl, `/api/v1/units/${unitId}/negative-list`, token);
  const rows = await db.execute<{ id: number; overdue: boolean; measures: number }>(sql`
    SELECT p.id, (p.deadline < ${today}::date AND (p.status IN ('assigned','rectifying','returned')
             OR (p.status = 'closing_claimed' AND (p.claimed_on IS NULL OR p.claimed_on > p.deadline)))) AS overdue,
           (SELECT count(*)::int FROM problem_measures m WHERE m.problem_id = p.id) AS measures
      FROM problems p
     WHERE p.unit_id = ${unitId} AND p.status IN ('assigned','rectifying','returned','closing_claimed')
     ORDER BY 2 DESC, p.deadline, p.id`);
  const want = rows.rows.map((r) => r.id);
  const got = list.items.map((i) => i.id);
  const diffs: string[] = [];
  if (want.join() !== got.join())
    diffs.push(`ids or order differ (${got.length} listed, ${want.length} open)`);
  for (const [k, r] of rows.rows.entries()) {
    const item = list.items[k];
    if (!item) break;
    if (item.overdue !== r.overdue)
      diffs.push(`problem ${r.id}: overdue ${item.overdue}, stored ${r.overdue}`);
    if (item.measures.length !== r.measures)
      diffs.push(`problem ${r.id}: ${item.measures.length} measures, stored ${r.measures}`);
  }
  const overdue = rows.rows.filter((r) => r.overdue).length;
  return {
    label: `the negative list of unit ${unitId} holds exactly its open problems, overdue first`,
    ok: diffs.length === 0,
    detail:
      `${got.length} listed (${overdue} overdue)` + (diffs.length ? `; ${diffs.slice(0, 4).join('; ')}` : ''),
  };
}
