import { sql } from 'drizzle-orm';
import type { SchemeContent } from '../../../domain/contracts/evaluation.ts';
import type {
  Board,
  EvaluationInput,
  ExplainLine,
  RawValue,
  ScoreEvent,
} from '../../../domain/evaluation/compute.ts';
import { computeBoard } from '../../../domain/evaluation/compute.ts';
import { metricIsRate, metricRecordKind, type RecordKind } from '../../../domain/evaluation/metrics.ts';
import type { EvaluationPeriod } from '../../../domain/evaluation/period.ts';
import { previousPeriod } from '../../../domain/evaluation/period.ts';
import { Ratio } from '../../../domain/evaluation/ratio.ts';
import type { Indicator, Scheme } from '../../../domain/evaluation/scheme.ts';
import { intArray, type Tx } from '../../db/client.ts';
import { getTaskSettings } from '../settings/settings.service.ts';
import { ranksOf } from './boards.repository.ts';
import {
  eventRows,
  metricRows,
  problemFigures,
  problemMetricRows,
  type AbsentReport,
  type MetricRow,
  type MetricWindow,
} from './metrics.repository.ts';

/** What a line adds to the domain's explanation: the fraction behind a rate, the records that did not count. */
export interface LineDetail {
  /** For a rate: counted of considered; for a count: the count; for satisfaction: the answers (denominator). */
  numerator: number | null;
  denominator: number | null;
  /** Records behind the value that did not count (late tasks and reports, open problems, low ratings). */
  missedIds: number[];
  /** Reports due and never written. */
  absent: AbsentReport[];
}

/** An explanation line with everything behind it, as computed. */
export type StoredLine = ExplainLine & LineDetail;

/** A line as a board keeps it for reading: no record lists, only how many records there are. */
export type LightLine = Omit<ExplainLine, 'recordIds'> & {
  numerator: number | null;
  denominator: number | null;
  recordCount: number;
};

/** The records behind one line, kept apart from the line (read only when a unit opens them). */
export interface LineRecords {
  ids: number[];
  missed: number[];
  absent: AbsentReport[];
}

/** Splits a computed line into what a board shows and the records it keeps apart. */
export function splitLine(l: StoredLine): { light: LightLine; records: LineRecords } {
  const { recordIds, missedIds, absent, ...rest } = l;
  return {
    light: { ...rest, recordCount: recordIds.length + absent.length },
    records: { ids: recordIds, missed: missedIds, absent },
  };
}

/** One version of a scheme, as the domain computes with it. */
export interface SchemeVersion {
  schemeId: number;
  version: number;
  name: string;
  content: SchemeContent;
}

export const domainScheme = (v: SchemeVersion): Scheme => ({
  id: v.schemeId,
  version: v.version,
  name: v.name,
  indicators: v.content.indicators as Indicator[],
  grading: v.content.grading,
});

/** Which kind of record an indicator's record ids are. */
export function recordKindOf(ind: Indicator): RecordKind {
  if (ind.source === 'events') return 'event';
  if (ind.source === 'entered') return 'value';
  return metricRecordKind[ind.metric!];
}

/** Everything a period's board is computed from, gathered in one snapshot. */
export interface Gathered {
  members: { id: number; name: string }[];
  input: EvaluationInput;
  details: Map<string, LineDetail>;
  openProblems: Map<number, number>;
}

const key = (unitId: number, indicatorId: string) => `${unitId}:${indicatorId}`;

/** Reports never written, by due date, then task or item and unit (the database hands them over in no order). */
const absentOf = (rows: MetricRow['absent']): AbsentReport[] =>
  rows
    .map(([taskId, itemId, unitId, period, dueOn]) => ({ taskId, itemId, unitId, period, dueOn }))
    .sort(
      (a, b) =>
        (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
        (a.taskId ?? 0) - (b.taskId ?? 0) ||
        (a.itemId ?? 0) - (b.itemId ?? 0) ||
        a.unitId - b.unitId,
    );

/** Record ids ascending (the database hands them over in no order): a typed-array sort, no comparator. */
const ascending = (ids: readonly number[]): number[] => Array.from(Int32Array.from(ids).sort());

/**
 * Gathers a period's inputs for one peer group from the records: every
 * computed indicator by one SQL aggregate (only the metrics the scheme uses,
 * each once), the entered scores and grades, the bonus and penalty events, the
 * open problems (双晒双亮) and the ranks of the previous published period (环比).
 * Run it inside one snapshot (a REPEATABLE READ transaction) when publishing.
 */
export async function gatherInputs(
  db: Tx,
  v: SchemeVersion,
  campaignId: number,
  members: readonly { id: number; name: string }[],
  period: EvaluationPeriod,
  window: { start: string; asOf: string },
  today: string,
  /** Runs a query on a second connection reading the same snapshot, so the heaviest aggregate runs alongside. */
  alongside: <T>(q: (tx: Tx) => Promise<T>) => Promise<T> = (q) => q(db),
): Promise<Gathered> {
  const settings = await getTaskSettings(db);
  const w: MetricWindow = {
    start: window.start,
    asOf: window.asOf,
    today,
    memberIds: members.map((m) => m.id),
    campaignId: v.content.recordScope === 'all' ? null : campaignId,
    reportGraceDays: settings.reportGraceDays,
  };
  const indicators = v.content.indicators as Indicator[];
  const metrics = [...new Set(indicators.flatMap((i) => (i.source === 'computed' ? [i.metric!] : [])))];
  const byMetric = new Map<string, MetricRow[]>();
  // Report timeliness, the heaviest aggregate (every report due in the window), runs on its own connection
  // while this one does the rest.
  const reports = metrics.includes('report_timeliness_rate')
    ? alongside((tx) => metricRows(tx, 'report_timeliness_rate', w))
    : null;
  // Surface its failure when it is awaited below, not as an unhandled rejection meanwhile.
  reports?.catch(() => undefined);
  // The closing rate, the overdue count and the open problems come from one pass over the problems.
  const figures = problemMetricRows(await problemFigures(db, w));
  byMetric.set('problem_closing_rate', figures.closing);
  byMetric.set('overdue_count', figures.overdue);
  for (const m of metrics)
    if (!byMetric.has(m) && m !== 'report_timeliness_rate') byMetric.set(m, await metricRows(db, m, w));

  const values: RawValue[] = [];
  const details = new Map<string, LineDetail>();
  const addComputed = (inds: readonly Indicator[]) => {
    for (const ind of inds) {
      if (ind.source !== 'computed') continue;
      const metric = ind.metric!;
      const rows = new Map(byMetric.get(metric)!.map((r) => [r.unitId, r]));
      for (const m of members) {
        const r = rows.get(m.id);
        const rate = metricIsRate[metric];
        let value: string | null;
        if (!r) value = rate || metric === 'satisfaction' ? null : '0';
        else if (rate) value = Ratio.frac(BigInt(r.num) * 100n, BigInt(r.den)).toFixed(4);
        else if (metric === 'satisfaction') value = Ratio.frac(BigInt(r.num), BigInt(r.den)).toFixed(4);
        else value = String(r.num);
        values.push({ unitId: m.id, indicatorId: ind.id, value, recordIds: r ? ascending(r.ids) : [] });
        details.set(key(m.id, ind.id), {
          numerator: r ? (metric === 'satisfaction' ? null : r.num) : rate ? null : 0,
          denominator: r ? r.den : rate ? null : 0,
          missedIds: r ? ascending(r.missed) : [],
          absent: absentOf(r?.absent ?? []),
        });
      }
    }
  };
  addComputed(indicators.filter((i) => i.source === 'computed' && i.metric !== 'report_timeliness_rate'));

  const entered = indicators.filter((i) => i.source === 'entered');
  if (entered.length > 0) {
    const r = await db.execute<{ id: number; unitId: number; indicatorId: string; value: string }>(sql`
      SELECT id, unit_id AS "unitId", indicator_id AS "indicatorId", value FROM evaluation_values
      WHERE scheme_id = ${v.schemeId} AND period = ${period.key} AND unit_id = ANY(${intArray(w.memberIds)})
      ORDER BY id`);
    const ids = new Set(entered.map((i) => i.id));
    for (const x of r.rows) {
      if (!ids.has(x.indicatorId)) continue; // a value for an indicator this version no longer has
      values.push({ unitId: x.unitId, indicatorId: x.indicatorId, value: x.value, recordIds: [x.id] });
    }
  }

  const events: ScoreEvent[] = [];
  for (const ind of indicators) {
    if (ind.source !== 'events') continue;
    const kinds = Object.keys(ind.eventPoints);
    for (const e of await eventRows(db, w, kinds))
      events.push({ unitId: e.unitId, indicatorId: ind.id, kind: e.kind, recordId: e.id });
  }

  if (reports) {
    const rows = await reports;
    byMetric.set('report_timeliness_rate', rows);
    addComputed(indicators.filter((i) => i.source === 'computed' && i.metric === 'report_timeliness_rate'));
  }
  const previousRanks = await ranksOf(db, v.schemeId, previousPeriod(period).key);
  const memberSet = new Set(w.memberIds);
  return {
    members: [...members],
    input: {
      units: w.memberIds,
      values,
      events,
      previousRanks: previousRanks.filter((p) => memberSet.has(p.unitId)),
    },
    details,
    openProblems: figures.open,
  };
}

/** The board's lines with their details, per unit, as a published board stores them. */
export function storedLines(board: Board, details: Map<string, LineDetail>): Map<number, StoredLine[]> {
  const empty: LineDetail = { numerator: null, denominator: null, missedIds: [], absent: [] };
  return new Map(
    board.results.map((r) => [
      r.unitId,
      r.lines.map((l) => ({ ...l, ...(details.get(key(r.unitId, l.indicatorId)) ?? empty) })),
    ]),
  );
}

/** Computes a board from gathered inputs (the domain does all the scoring). */
export function computeGathered(v: SchemeVersion, g: Gathered): Board {
  return computeBoard(domainScheme(v), g.input);
}
