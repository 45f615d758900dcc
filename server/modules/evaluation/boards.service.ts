import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type {
  BoardResponse,
  BoardResult,
  BoardSummary,
  ExplainRecord,
  ExplainResponse,
  RevisionSummary,
} from '../../../domain/contracts/evaluation.ts';
import { fail } from '../../../domain/errors.ts';
import { EvaluationInputError, type Board } from '../../../domain/evaluation/compute.ts';
import { canonicalEvaluationInput } from '../../../domain/evaluation/input-hash.ts';
import { metricIsRate } from '../../../domain/evaluation/metrics.ts';
import {
  parsePeriod,
  periodLabel,
  periodWindow,
  type EvaluationPeriod,
  type PeriodKind,
} from '../../../domain/evaluation/period.ts';
import { SchemeError, type Indicator } from '../../../domain/evaluation/scheme.ts';
import type { Db, Transaction, Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import * as boards from './boards.repository.ts';
import { isUniqueViolation, mayExplain } from './evaluation.policy.ts';
import {
  computeGathered,
  domainScheme,
  gatherInputs,
  recordKindOf,
  splitLine,
  storedLines,
  type Gathered,
  type LightLine,
  type LineRecords,
  type SchemeVersion,
} from './evaluation-inputs.service.ts';
import { absentDetails, recordDetails } from './records.repository.ts';
import { isOffice, loadScheme, type Call } from './schemes.service.ts';
import type { SchemeRow } from './schemes.repository.ts';
import { getVersion, membersOf } from './schemes.repository.ts';

/** The period named by `key` for a scheme of this kind, or 400 naming the field. */
export function resolvePeriod(kind: PeriodKind, key: string, field: string): EvaluationPeriod {
  const p = parsePeriod(kind, key);
  if (!p) throw fail('period_invalid', field, { periodKind: kind });
  return p;
}

function windowOf(p: EvaluationPeriod, now: Date, field: string) {
  const w = periodWindow(p, shanghaiDate(now));
  if (!w) throw fail('period_not_started', field, { start: p.start });
  return w;
}

const periodOut = (p: EvaluationPeriod) => ({
  kind: p.kind,
  key: p.key,
  start: p.start,
  end: p.end,
  label: periodLabel(p),
});

const versionOf = (s: SchemeRow): SchemeVersion => ({
  schemeId: s.id,
  version: s.version,
  name: s.name,
  content: s.content,
});

/** The domain refuses the inputs: 409 naming the unit and indicator (e.g. a grade where a number belongs). */
function computeOrFail(v: SchemeVersion, g: Gathered): Board {
  try {
    return computeGathered(v, g);
  } catch (e) {
    if (e instanceof EvaluationInputError)
      throw fail('evaluation_input_invalid', undefined, {
        unitId: e.unitId,
        indicatorId: e.indicatorId,
        reason: e.message,
      });
    if (e instanceof SchemeError)
      throw fail(
        'scheme_invalid',
        e.issues[0]?.field,
        undefined,
        e.issues.map((i) => ({ field: i.field, code: i.code, message: i.message })),
      );
    throw e;
  }
}

interface Live {
  scheme: SchemeRow;
  version: SchemeVersion;
  period: EvaluationPeriod;
  window: { start: string; asOf: string; complete: boolean };
  gathered: Gathered;
  board: Board;
}

/** The aggregates of a board group a million rows or more: give them memory to hash in, for this transaction. */
const AGGREGATE_WORK_MEM = sql.raw(`SET LOCAL work_mem = '64MB'`);

/**
 * Runs `q` in a second read-only transaction that reads the snapshot exported
 * by the transaction `tx` is in (SET TRANSACTION SNAPSHOT): the same data, on
 * another connection, so two aggregates run at once on two cores.
 */
async function snapshotSibling(db: Db, tx: Tx) {
  // A small pool could be taken up by transactions each waiting for its sibling: run one after the other there.
  const max = (db as unknown as { $client?: { options?: { max?: number } } }).$client?.options?.max ?? 0;
  if (max < 4) return <T>(q: (tx: Tx) => Promise<T>): Promise<T> => q(tx);
  const r = await tx.execute<{ id: string }>(sql`SELECT pg_export_snapshot() AS id`);
  const id = r.rows[0]!.id;
  if (!/^[0-9A-F-]+$/i.test(id)) throw new Error(`unexpected snapshot id ${id}`);
  return <T>(q: (tx: Tx) => Promise<T>): Promise<T> =>
    db.transaction(
      async (sibling) => {
        await sibling.execute(sql.raw(`SET TRANSACTION SNAPSHOT '${id}'`));
        await sibling.execute(AGGREGATE_WORK_MEM);
        return q(sibling);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
}

/**
 * Computes a scheme's period from today's records. Inside `tx` (publishing) it
 * reads that transaction's snapshot; without, it opens a read-only REPEATABLE
 * READ one, so every figure of a preview comes from one moment too. The
 * heaviest aggregate runs alongside on a second connection reading the same
 * snapshot. Nothing is written.
 */
async function computeLive(
  db: Db,
  tx: Transaction | null,
  scheme: SchemeRow,
  period: EvaluationPeriod,
  now: Date,
  field: string,
): Promise<Live> {
  const window = windowOf(period, now, field);
  const version = versionOf(scheme);
  const gather = async (t: Tx) => {
    await t.execute(AGGREGATE_WORK_MEM);
    const members = await membersOf(t, scheme.peerGroupId);
    const alongside = await snapshotSibling(db, t);
    return gatherInputs(t, version, scheme.campaignId, members, period, window, shanghaiDate(now), alongside);
  };
  const gathered = tx
    ? await gather(tx)
    : await db.transaction(gather, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  return { scheme, version, period, window, gathered, board: computeOrFail(version, gathered) };
}

const indicatorsOf = (content: SchemeRow['content']) =>
  (content.indicators as Indicator[]).map((i) => ({
    id: i.id,
    name: i.name,
    source: i.source,
    metric: i.source === 'computed' ? i.metric! : null,
    weight: i.source === 'events' ? null : String(i.weight),
  }));

const scoresOf = (lines: readonly Pick<LightLine, 'indicatorId' | 'text' | 'missing'>[]) =>
  lines.map((l) => ({ indicatorId: l.indicatorId, contribution: l.text.contribution, missing: l.missing }));

function revisionOut(b: boards.BoardRow): RevisionSummary {
  return {
    id: b.id,
    revision: b.revision,
    schemeVersion: b.schemeVersion,
    publishedAt: b.publishedAt.toISOString(),
    publishedBy: b.publishedBy,
    reason: b.reason,
    inputHash: b.inputHash,
  };
}

/** 试算: the board as today's records would make it, for the office, with the period's published revisions. */
export async function previewBoard(
  db: Tx,
  actor: Actor,
  schemeId: number,
  periodKey: string,
  now: Date,
): Promise<BoardResponse> {
  const scheme = await loadScheme(db, schemeId);
  const period = resolvePeriod(scheme.periodKind, periodKey, 'query.period');
  const live = await computeLive(db as Db, null, scheme, period, now, 'query.period');
  const revisions = await boards.revisionsOf(db, schemeId, period.key);
  const names = new Map(live.gathered.members.map((m) => [m.id, m.name]));
  const office = isOffice(actor);
  return {
    id: null,
    scheme: { id: scheme.id, name: scheme.name, version: scheme.version },
    campaign: { id: scheme.campaignId, name: scheme.campaignName },
    peerGroup: { id: scheme.peerGroupId, nameZh: scheme.peerGroupNameZh, nameEn: scheme.peerGroupNameEn },
    period: periodOut(period),
    asOf: live.window.asOf,
    complete: live.window.complete,
    indicators: indicatorsOf(scheme.content),
    gradeCounts: live.board.gradeCounts,
    aShare: live.board.aShare,
    results: live.board.results.map((r): BoardResult => ({
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? '',
      total: r.total,
      totalText: r.totalText,
      rank: r.rank,
      grade: r.grade,
      change: r.change,
      openProblems: live.gathered.openProblems.get(r.unitId) ?? 0,
      scores: scoresOf(r.lines),
    })),
    revision: revisions[0] ? revisionOut(revisions[0]) : null,
    revisions: revisions.map(revisionOut),
    superseded: false,
    abilities: {
      publish: office && !scheme.archived && revisions.length === 0,
      correct: office && revisions.length > 0,
    },
  };
}

/** A published board (晾晒) as frozen, with every revision of its period. */
export async function publishedBoard(db: Tx, actor: Actor, id: number): Promise<BoardResponse> {
  const b = await boards.getBoard(db, id);
  if (!b) throw fail('not_found', 'params.id');
  const [results, revisions, version] = await Promise.all([
    boards.boardResults(db, id),
    boards.revisionsOf(db, b.schemeId, b.period),
    loadVersionContent(db, b.schemeId, b.schemeVersion),
  ]);
  const period = parsePeriod(b.periodKind, b.period)!;
  const latest = b.revision === b.latestRevision;
  return {
    id: b.id,
    scheme: { id: b.schemeId, name: b.versionName, version: b.schemeVersion },
    campaign: { id: b.campaignId, name: b.campaignName },
    peerGroup: { id: b.peerGroupId, nameZh: b.peerGroupNameZh, nameEn: b.peerGroupNameEn },
    period: periodOut(period),
    asOf: b.asOf,
    complete: b.asOf === period.end,
    indicators: indicatorsOf(version),
    gradeCounts: b.gradeCounts,
    aShare: b.aShare,
    results: results.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      total: r.total,
      totalText: r.totalText,
      rank: r.rank,
      grade: r.grade,
      change: r.change,
      openProblems: r.openProblems,
      scores: r.scores,
    })),
    revision: revisionOut(b),
    revisions: revisions.map(revisionOut),
    superseded: !latest,
    abilities: { publish: false, correct: isOffice(actor) && latest },
  };
}

async function loadVersionContent(db: Tx, schemeId: number, version: number) {
  return (await getVersion(db, schemeId, version))!.content;
}

/** Published boards, newest period first (the latest revision of each, unless asked for all). */
export async function listPublished(
  db: Tx,
  q: { schemeId?: number | undefined; campaignId?: number | undefined; includeSuperseded?: boolean },
): Promise<BoardSummary[]> {
  const rows = await boards.listBoards(db, q);
  return rows.map((b) => ({
    id: b.id,
    scheme: { id: b.schemeId, name: b.versionName, version: b.schemeVersion },
    campaign: { id: b.campaignId, name: b.campaignName },
    peerGroup: { id: b.peerGroupId, nameZh: b.peerGroupNameZh, nameEn: b.peerGroupNameEn },
    period: periodOut(parsePeriod(b.periodKind, b.period)!),
    revision: b.revision,
    superseded: b.revision !== b.latestRevision,
    publishedAt: b.publishedAt.toISOString(),
    unitCount: b.unitCount,
    aShare: b.aShare.text,
  }));
}

/** Writes a board from today's records: the snapshot, its input text and hash, every result; audited. */
async function writeBoard(
  db: Db,
  tx: Transaction,
  c: Call,
  scheme: SchemeRow,
  period: EvaluationPeriod,
  revision: number,
  reason: string | null,
  field: string,
): Promise<number> {
  const live = await computeLive(db, tx, scheme, period, c.now, field);
  const text = canonicalEvaluationInput(
    { campaignId: scheme.campaignId, period: period.key, peerGroup: scheme.peerGroupCode },
    domainScheme(live.version),
    live.gathered.input,
  );
  const inputHash = sm3Hex(text);
  const lines = storedLines(live.board, live.gathered.details);
  const names = new Map(live.gathered.members.map((m) => [m.id, m.name]));
  const results = live.board.results.map((r) => ({
    unitId: r.unitId,
    unitName: names.get(r.unitId) ?? '',
    rank: r.rank,
    grade: r.grade,
    total: r.total,
    totalText: r.totalText,
    change: r.change,
    openProblems: live.gathered.openProblems.get(r.unitId) ?? 0,
  }));
  const id = await boards.insertBoard(
    tx,
    {
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      period: period.key,
      revision,
      campaignId: scheme.campaignId,
      peerGroupId: scheme.peerGroupId,
      periodStart: period.start,
      periodEnd: period.end,
      asOf: live.window.asOf,
      inputHash,
      inputText: text,
      gradeCounts: live.board.gradeCounts,
      aShare: live.board.aShare,
      unitCount: results.length,
      reason,
      by: c.actor.id,
      at: c.now,
    },
    results,
    results.map((r) => {
      const split = (lines.get(r.unitId) ?? []).map(splitLine);
      return {
        scores: JSON.stringify(scoresOf(split.map((x) => x.light))),
        lines: JSON.stringify(split.map((x) => x.light)),
        records: JSON.stringify(Object.fromEntries(split.map((x) => [x.light.indicatorId, x.records]))),
      };
    }),
  );
  await recordChange(
    tx,
    c,
    'evaluation_board',
    revision === 1 ? 'evaluation.publish' : 'evaluation.correct',
    id,
    null,
    {
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      period: period.key,
      revision,
      reason,
      asOf: live.window.asOf,
      inputHash,
      units: results.length,
      aShare: live.board.aShare.text,
    },
  );
  return id;
}

/**
 * 发布晾晒: freezes a period's board computed from today's records — the scheme
 * version, the SM3 hash of the canonical input text (kept beside it), every
 * unit's result and explanation with the records behind it — in one
 * REPEATABLE READ transaction, so every figure comes from the same snapshot.
 * Published once; after that only a correction (409 `already_published`).
 */
export async function publishPeriod(db: Db, c: Call, schemeId: number, periodKey: string): Promise<number> {
  try {
    return await db.transaction(
      async (tx) => {
        const scheme = await loadScheme(tx, schemeId);
        if (scheme.archived) throw fail('wrong_state', 'params.id', { archived: true });
        const period = resolvePeriod(scheme.periodKind, periodKey, 'body.period');
        const existing = await boards.revisionsOf(tx, schemeId, period.key);
        if (existing[0]) throw fail('already_published', 'body.period', { boardId: existing[0].id });
        return writeBoard(db, tx, c, scheme, period, 1, null, 'body.period');
      },
      { isolationLevel: 'repeatable read' },
    );
  } catch (e) {
    if (isUniqueViolation(e, 'evaluation_boards_period_key')) throw fail('already_published', 'body.period');
    throw e;
  }
}

/**
 * 更正: publishes the period again from today's records and the scheme's
 * current version, as the next revision with a reason. The earlier revision
 * stays as it was, visible beside the new one. Only the latest revision is
 * corrected (409 `not_latest_revision`).
 */
export async function correctBoard(db: Db, c: Call, boardId: number, reason: string): Promise<number> {
  const b = await boards.getBoard(db, boardId);
  if (!b) throw fail('not_found', 'params.id');
  if (b.revision !== b.latestRevision)
    throw fail('not_latest_revision', 'params.id', { latest: b.latestRevision });
  try {
    return await db.transaction(
      async (tx) => {
        const scheme = await loadScheme(tx, b.schemeId);
        const period = parsePeriod(scheme.periodKind, b.period)!;
        return writeBoard(db, tx, c, scheme, period, b.revision + 1, reason, 'params.id');
      },
      { isolationLevel: 'repeatable read' },
    );
  } catch (e) {
    if (isUniqueViolation(e, 'evaluation_boards_period_key')) throw fail('not_latest_revision', 'params.id');
    throw e;
  }
}

// ─── Explanations 得分说明 ─────────────────────────────────────────────────────

function lineOut(l: LightLine) {
  return {
    indicatorId: l.indicatorId,
    name: l.name,
    source: l.source,
    raw: l.raw,
    points: l.points,
    missing: l.missing,
    missingRule: l.missingRule,
    normalised: l.normalised,
    weight: l.weight,
    contribution: l.contribution,
    capped: l.capped,
    text: l.text,
    recordCount: l.recordCount,
    numerator: l.numerator ?? null,
    denominator: l.denominator ?? null,
  };
}

/** The unit, if the actor may open its explanation; else 404. */
async function explainableUnit(db: Tx, actor: Actor, unitId: number) {
  const unit = (await unitsByIds(db, [unitId])).get(unitId);
  if (!unit || !mayExplain(actor, unit.path)) throw fail('not_found', 'params.unitId');
  return unit;
}

/** A unit's line of a live computation (the office's preview). */
async function liveLine(
  db: Tx,
  actor: Actor,
  schemeId: number,
  unitId: number,
  periodKey: string,
  now: Date,
) {
  await explainableUnit(db, actor, unitId);
  const scheme = await loadScheme(db, schemeId);
  const period = resolvePeriod(scheme.periodKind, periodKey, 'query.period');
  const live = await computeLive(db as Db, null, scheme, period, now, 'query.period');
  const result = live.board.results.find((r) => r.unitId === unitId);
  if (!result) throw fail('not_found', 'params.unitId');
  const lines = storedLines(live.board, live.gathered.details).get(unitId)!;
  return { live, result, lines, name: live.gathered.members.find((m) => m.id === unitId)!.name };
}

export async function previewExplain(
  db: Tx,
  actor: Actor,
  schemeId: number,
  unitId: number,
  periodKey: string,
  now: Date,
): Promise<ExplainResponse> {
  const { live, result, lines, name } = await liveLine(db, actor, schemeId, unitId, periodKey, now);
  return {
    boardId: null,
    scheme: { id: live.scheme.id, name: live.scheme.name, version: live.scheme.version },
    period: periodOut(live.period),
    asOf: live.window.asOf,
    unit: { id: unitId, name },
    total: result.total,
    totalText: result.totalText,
    rank: result.rank,
    of: live.board.results.length,
    grade: result.grade,
    change: result.change,
    openProblems: live.gathered.openProblems.get(unitId) ?? 0,
    lines: lines.map((l) => lineOut(splitLine(l).light)),
  };
}

/** 得分说明 on a published board: each indicator's raw value, normalised score, weight and contribution. */
export async function publishedExplain(
  db: Tx,
  actor: Actor,
  boardId: number,
  unitId: number,
): Promise<ExplainResponse> {
  const b = await boards.getBoard(db, boardId);
  if (!b) throw fail('not_found', 'params.id');
  await explainableUnit(db, actor, unitId);
  const r = await boards.boardResult(db, boardId, unitId);
  if (!r) throw fail('not_found', 'params.unitId');
  return {
    boardId,
    scheme: { id: b.schemeId, name: b.versionName, version: b.schemeVersion },
    period: periodOut(parsePeriod(b.periodKind, b.period)!),
    asOf: b.asOf,
    unit: { id: unitId, name: r.unitName },
    total: r.total,
    totalText: r.totalText,
    rank: r.rank,
    of: b.unitCount,
    grade: r.grade,
    change: r.change,
    openProblems: r.openProblems,
    lines: r.lines.map(lineOut),
  };
}

/** The records behind one line, the ones that did not count first (reports never written, then late or open ones). */
async function recordsOf(
  db: Tx,
  ind: Indicator,
  recs: LineRecords,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ExplainRecord[] }> {
  const kind = recordKindOf(ind);
  const rate = ind.source === 'computed' && metricIsRate[ind.metric!];
  const missed = new Set(recs.missed);
  const absent = recs.absent;
  const ordered = [...recs.ids.filter((id) => missed.has(id)), ...recs.ids.filter((id) => !missed.has(id))];
  const total = absent.length + ordered.length;
  const from = page.offset;
  const to = Math.min(total, page.offset + page.limit);
  const absentPage = absent.slice(Math.min(from, absent.length), Math.min(to, absent.length));
  const idPage = ordered.slice(Math.max(0, from - absent.length), Math.max(0, to - absent.length));
  const [a, r] = await Promise.all([absentDetails(db, absentPage), recordDetails(db, kind, idPage)]);
  return {
    total,
    items: [
      ...a.map((x) => ({ ...x, kind, id: null, counted: false })),
      ...r.map((x) => ({ ...x, kind, counted: rate ? !missed.has(x.id!) : null })),
    ] as ExplainRecord[],
  };
}

function indicatorIn(content: SchemeRow['content'], indicatorId: string): Indicator {
  const ind = (content.indicators as Indicator[]).find((i) => i.id === indicatorId);
  if (!ind) throw fail('not_found', 'params.indicatorId');
  return ind;
}

export async function previewRecords(
  db: Tx,
  actor: Actor,
  schemeId: number,
  unitId: number,
  indicatorId: string,
  q: { period: string; limit: number; offset: number },
  now: Date,
) {
  const { live, lines } = await liveLine(db, actor, schemeId, unitId, q.period, now);
  const ind = indicatorIn(live.scheme.content, indicatorId);
  const line = lines.find((l) => l.indicatorId === indicatorId)!;
  const recs = splitLine(line).records;
  return { indicatorId, name: ind.name, kind: recordKindOf(ind), ...(await recordsOf(db, ind, recs, q)) };
}

/** The records behind one indicator of a unit on a published board (the 12 overdue problems, as they were counted). */
export async function publishedRecords(
  db: Tx,
  actor: Actor,
  boardId: number,
  unitId: number,
  indicatorId: string,
  q: { limit: number; offset: number },
) {
  const b = await boards.getBoard(db, boardId);
  if (!b) throw fail('not_found', 'params.id');
  await explainableUnit(db, actor, unitId);
  const ind = indicatorIn(await loadVersionContent(db, b.schemeId, b.schemeVersion), indicatorId);
  const r = await boards.boardResult(db, boardId, unitId, indicatorId);
  if (!r) throw fail('not_found', 'params.unitId');
  const recs = r.records ?? { ids: [], missed: [], absent: [] };
  return { indicatorId, name: ind.name, kind: recordKindOf(ind), ...(await recordsOf(db, ind, recs, q)) };
}

/**
 * 校验: the stored input text still hashes (SM3) to the published hash, and
 * computing the board again from that text's inputs gives the published
 * ranks, grades and totals.
 */
export async function verifyBoard(db: Tx, boardId: number) {
  const b = await boards.getBoard(db, boardId);
  if (!b) throw fail('not_found', 'params.id');
  const text = (await boards.boardInput(db, boardId)) ?? '';
  const hashMatches = sm3Hex(text) === b.inputHash;
  return {
    boardId,
    inputHash: b.inputHash,
    hashMatches,
    resultsMatch: await resultsFollow(db, boardId, text),
  };
}

/** Does computing the board again from its stored input text give its stored results? */
async function resultsFollow(db: Tx, boardId: number, text: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(text) as {
      scheme: {
        id: number;
        version: number;
        name: string;
        indicators: Indicator[];
        grading: SchemeRow['content']['grading'];
      };
      units: number[];
      values: { unitId: number; indicatorId: string; value: string | null; recordIds: number[] }[];
      events: { unitId: number; indicatorId: string; kind: string; recordId: number }[];
      previousRanks: { unitId: number; rank: number }[];
    };
    const again = computeGathered(
      {
        schemeId: parsed.scheme.id,
        version: parsed.scheme.version,
        name: parsed.scheme.name,
        content: {
          indicators: parsed.scheme.indicators as SchemeRow['content']['indicators'],
          grading: parsed.scheme.grading,
          recordScope: 'campaign',
        },
      },
      {
        members: [],
        input: {
          units: parsed.units,
          values: parsed.values,
          events: parsed.events,
          previousRanks: parsed.previousRanks,
        },
        details: new Map(),
        openProblems: new Map(),
      },
    );
    const stored = await boards.boardResults(db, boardId);
    const key = (x: { unitId: number; rank: number; grade: string; totalText: string }) =>
      `${x.unitId}:${x.rank}:${x.grade}:${x.totalText}`;
    return (
      stored.length === again.results.length &&
      stored.map(key).sort().join('|') === again.results.map(key).sort().join('|')
    );
  } catch {
    return false;
  }
}
